import type { ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayContext } from '../context';
import { authorizationPlugin } from '../authorization/plugin';
import type { Logger } from '../logger';
import type { Security } from '../security';
import { requestLogPlugin } from './request-log';

/** The gateway's plugins, wired in this one place, in order. */
export function gatewayPlugins(options: {
  logger: Logger;
  security: Security;
}): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Air-gapped networks: nothing fetched from a CDN, nothing reported to any vendor.
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    requestLogPlugin(options.logger),
    // Decides every field before any department is called; masks the response after.
    ...(options.security.disabled.has('policy')
      ? []
      : [
          authorizationPlugin({
            engine: options.security.engine,
            classification: options.security.classification,
            mode: options.security.mode,
            mask: !options.security.disabled.has('masking'),
          }),
        ]),
  ];
}
