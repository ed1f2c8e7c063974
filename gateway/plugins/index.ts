import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayContext } from '../context';
import type { Logger } from '../logger';
import { requestLogPlugin } from './request-log';

/** The gateway's plugins, wired in this one place, in order. */
export function gatewayPlugins(options: { logger: Logger }): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Air-gapped networks: nothing fetched from a CDN, nothing reported to any vendor.
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    requestLogPlugin(options.logger),
  ];
}
