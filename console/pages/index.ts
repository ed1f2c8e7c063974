import type { ConsolePage } from '../page';
import { chainPage, verifyChainPage } from './chain';
import { challengePage, myChallengesPage, myRecordsPage, ratePage } from './citizen';
import { complianceExportPage, compliancePage } from './compliance';
import { exportPage } from './export';
import { homePage } from './home';
import { incidentPage } from './incident';
import { incidentActionPage, incidentBundlePage } from './incident-actions';
import { incidentsPage } from './incidents';
import { officialPage } from './official';
import { personPage } from './person';
import { policyPage } from './policy';
import { recordsPage } from './records';
import { requestPage } from './request';
import { requestActionPage } from './request-act';
import { newRequestPage, submitRequestPage } from './request-new';
import { requestStatisticsPage } from './request-statistics';
import { requestsPage } from './requests';
import { sharingMapPage } from './sharing-map';

/** Every console page, in navigation order. A new page is one file and one line here. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  homePage,
  recordsPage,
  personPage,
  exportPage,
  incidentsPage,
  incidentPage,
  incidentActionPage,
  incidentBundlePage,
  officialPage,
  chainPage,
  verifyChainPage,
  sharingMapPage,
  policyPage,
  compliancePage,
  complianceExportPage,
  requestsPage,
  requestPage,
  requestActionPage,
  newRequestPage,
  submitRequestPage,
  requestStatisticsPage,
  // The citizen's own pages (their role sees nothing else).
  myRecordsPage,
  myChallengesPage,
  challengePage,
  ratePage,
];
