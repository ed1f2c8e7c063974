import type { GatewayConfig } from './config';
import { composeGateway, type GatewayParts } from './compose';
import { listen } from './http/server';
import { landingFor } from './landing';
import { createLogger, type Logger } from './logger';
import { openRecordsStore } from '../records/store';
import { createSecurity } from './security';
import { readSupergraph } from './supergraph';

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the gateway the config describes: reads what it points at (supergraph, policies,
 * keys, the record store), composes the gateway from those parts and serves it with the
 * landing page. `compose` is the composition root, `composeGateway` unless a caller (the
 * bench) assembles its own variant from the same parts.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger(config.logLevel),
  compose: (parts: GatewayParts) => ReturnType<typeof composeGateway> = composeGateway,
): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const security = await createSecurity(config, supergraphSdl, logger);
  const records = await openRecordsStore({
    url: config.recordsDatabaseUrl,
    streamId: config.recordStreamId,
    logger,
  });
  let gateway;
  try {
    gateway = await compose({
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
      limits: config.limits,
      cost: config.cost,
      upstream: config.upstream,
      rateLimits: config.rateLimits,
      redis: config.redis,
    });
  } catch (error) {
    await records.close();
    throw error;
  }
  const http = await listen(gateway, { ...config, logger, pages: await landingFor(config) });
  logger.info({ url: http.url, subgraphs: gateway.endpoints.length }, 'gateway listening');
  return {
    url: http.url,
    stop: async () => {
      await http.close();
      await gateway.stop();
      await records.close();
    },
  };
}
