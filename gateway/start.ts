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
  /**
   * SIGTERM: not ready at once, serve SHUTDOWN_DRAIN_MS more, stop accepting, let requests in
   * flight finish up to SHUTDOWN_DEADLINE_MS, then flush the access records and close the pools.
   */
  shutdown(): Promise<{ cutAtDeadline: number }>;
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
  const closePolicy = () => security.policy.close();
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
    });
  } catch (error) {
    await records.close();
    await closePolicy();
    throw error;
  }
  const http = await listen(gateway, { ...config, logger, pages: await landingFor(config) });
  logger.info({ url: http.url, subgraphs: gateway.endpoints.length }, 'gateway listening');
  const release = async () => {
    await gateway.stop();
    // The writer's close commits what is queued: no record is lost on the way out.
    await records.close();
    await closePolicy();
  };
  return {
    url: http.url,
    stop: async () => {
      await http.close();
      await release();
    },
    shutdown: async () => {
      logger.info(
        { drainMs: config.shutdownDrainMs, deadlineMs: config.shutdownDeadlineMs },
        'shutting down: not ready, draining',
      );
      const report = await http.shutdown({
        drainMs: config.shutdownDrainMs,
        deadlineMs: config.shutdownDeadlineMs,
      });
      await release();
      logger.info(report, 'shut down');
      return report;
    },
  };
}
