import type { ConsolePage } from '../page';
import { exportPage } from './export';
import { homePage } from './home';
import { personPage } from './person';
import { recordsPage } from './records';

/** Every console page, in navigation order. A new page is one file and one line here. */
export const CONSOLE_PAGES: readonly ConsolePage[] = [
  homePage,
  recordsPage,
  personPage,
  exportPage,
];
