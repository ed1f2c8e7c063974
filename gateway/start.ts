import type { GatewayConfig } from './config';
import { loadExamples } from './examples';
import { createGateway } from './gateway';
import { listen, type PageHandler } from './http/server';
import { LANDING_CONTENT_SECURITY_POLICY, readLandingAsset, renderLandingPage } from './landing';
import { createLogger, type Logger } from './logger';
import { openRecordsStore, recordsStoreOptions } from './records-store';
import { createSecurity } from './security';
import { readSupergraph } from './supergraph';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

/** Starts the gateway the config describes: supergraph, subgraph clients, HTTP routes, landing page. */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const security = await createSecurity(config, supergraphSdl, logger);
  const records = await openRecordsStore(recordsStoreOptions(config, logger));
  const gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    security,
    records: {
      writer: records.writer,
      nonPersonalOnOutage: config.nonPersonalOnOutage,
      securityEvents: { perWindow: config.securityEventsPerSecond },
    },
    logger,
    development: config.development,
  });
  const http = await listen(gateway, { ...config, logger, pages: landingPages(config) });
  logger.info({ url: http.url, subgraphs: gateway.endpoints.length }, 'gateway listening');
  return {
    url: http.url,
    // Within the shutdown deadline in every state: a store that stopped answering is let go.
    stop: async () => {
      const until = Date.now() + config.shutdownDeadlineMs;
      await http.close();
      // Half for the gateway (its last security events go to the writer), the rest to flush.
      await Promise.race([gateway.stop(), delay((until - Date.now()) / 2)]);
      await records.close(Math.max(0, until - Date.now() - 200));
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function landingPages(config: GatewayConfig): PageHandler {
  const page = renderLandingPage({
    endpoint: '/graphql',
    title: config.title,
    examples: loadExamples(config.examplesDir).map((example) => ({
      ...example,
      headers: example.runAs && {
        authorization: `Bearer <npm run -s token -- ${example.runAs.consumer}>`,
        'x-purpose': example.runAs.purpose,
      },
    })),
    headers: { authorization: 'Bearer <npm run -s token -- caseworker>', 'x-purpose': '' },
  });
  return async (pathname) => {
    if (pathname === '/') {
      return {
        body: page,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': LANDING_CONTENT_SECURITY_POLICY },
      };
    }
    return readLandingAsset(pathname);
  };
}
