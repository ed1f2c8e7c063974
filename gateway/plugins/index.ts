import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayContext } from '../context';
import { authorizationPlugin } from '../authorization/plugin';
import type { Logger } from '../logger';
import type { Security } from '../security';
import { accessRecordsPlugin, type NonPersonalOnOutage } from './access-records';
import { badInputPlugin } from './bad-input';
import { requestIdPlugin } from './request-id';
import { requestLogPlugin } from './request-log';
import { telemetryPlugin } from './telemetry';
import type { Telemetry } from '../telemetry';
import type { RecordWriter } from '../../records';

/** The gateway's plugins, wired in this one place, in order. */
export function gatewayPlugins(options: {
  logger: Logger;
  security: Security;
  records: { writer: RecordWriter; nonPersonalOnOutage: NonPersonalOnOutage };
  /** The operation limits' plugin (gateway/limits): it names the limit a document broke. */
  limits: ApolloServerPlugin<GatewayContext>;
  /** Demand control (gateway/cost): after the policy, so that a FORBIDDEN refusal wins. */
  cost: ApolloServerPlugin<GatewayContext>;
  /** Metrics and traces (gateway/telemetry). */
  telemetry: Telemetry;
  /** Quotas in the grant (gateway/quota): reads the policy's plan, counts the reported persons. */
  quota: ApolloServerPlugin<GatewayContext>;
  /** Trusted documents (gateway/documents): resolves ids, refuses unlisted documents in enforce. */
  documents: ApolloServerPlugin<GatewayContext>;
}): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Air-gapped networks: nothing fetched from a CDN, nothing reported to any vendor.
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    // No cache hints: personal answers are never cached by anyone.
    ApolloServerPluginCacheControlDisabled(),
    requestLogPlugin(options.logger),
    requestIdPlugin(),
    // Names the operation's span and counts its decisions; reads, never changes, the response.
    telemetryPlugin(options.telemetry),
    options.limits,
    // Before the policy: it names the document the decision reads, and its refusal wins.
    options.documents,
    // Decides every field before any department is called; masks the response after.
    authorizationPlugin({
      mode: options.security.mode,
      telemetry: options.telemetry,
    }),
    // Estimates the operation before any department is called (after the policy: FORBIDDEN wins).
    options.cost,
    // Refuses a grant's fields once its daily quota of persons is used up; counts the rest.
    options.quota,
    // A refused argument is a 400 without data; before the record, which counts it refused.
    badInputPlugin(),
    // Audit before release: the record is committed before the response leaves. Keep last.
    accessRecordsPlugin({
      writer: options.records.writer,
      nonPersonalOnOutage: options.records.nonPersonalOnOutage,
      logger: options.logger,
      telemetry: options.telemetry,
    }),
  ];
}
