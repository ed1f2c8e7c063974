import type { GatewayConfig } from './config';
import { composeGateway, type GatewayParts } from './compose';
import { listen, type PageHandler } from './http/server';
import { firstPage } from './http/pages';
import { exampleOperationNames, loadExamples } from './examples';
import { landingFor } from './landing';
import { tracingFromEnv } from '../contracts/tracing';
import { createLogger, type Logger } from './logger';
import { openRecordsStore } from '../records/store';
import { recordsStoreOptions } from './records-options';
import { createSecurity } from './security';
import { readSupergraph } from './supergraph';
import { watchSupergraph } from './generation';
import { loadDocumentManifests } from '../policies';

/** What a composition root adds to the gateway without the gateway knowing it. */
export interface GatewayExtensions {
  /** Routes served beside the landing page (asked first), e.g. the oversight console. */
  pages?: readonly PageHandler[];
}

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
 * landing page and the `extensions`' pages. `compose` is the composition root, `composeGateway` unless a caller (the
 * bench) assembles its own variant from the same parts.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger(config.logLevel),
  compose: (parts: GatewayParts) => ReturnType<typeof composeGateway> = composeGateway,
  extensions: GatewayExtensions = {},
): Promise<RunningGateway> {
  const supergraphSdl = readSupergraph(config.supergraphPath);
  const security = await createSecurity(config, supergraphSdl, logger);
  const records = await openRecordsStore(recordsStoreOptions(config, logger));
  const tracing = tracingFromEnv('gateway');
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
      telemetry: {
        tracer: tracing.tracer,
        operationNames: exampleOperationNames(loadExamples(config.examplesDir)),
      },
      rateLimits: config.rateLimits,
      redis: config.redis,
      documents: {
        manifests: loadDocumentManifests(config.documentsDir),
        defaultMode: config.documentsDefaultMode,
      },
    });
  } catch (error) {
    await records.close();
    await tracing.shutdown();
    await closePolicy();
    throw error;
  }
  const pages = firstPage(...(extensions.pages ?? []), await landingFor(config));
  const http = await listen(gateway, { ...config, logger, pages });
  logger.info({ url: http.url, subgraphs: gateway.endpoints.length }, 'gateway listening');
  const unwatch = watchSupergraph({
    path: config.supergraphPath,
    reload: gateway.reloadSupergraph,
    logger,
  });
  // Within the deadline in every state: half of what is left for the gateway (its last
  // security events go to the writer), the rest to flush what the store still takes.
  const release = async (until: number) => {
    unwatch();
    await Promise.race([gateway.stop(), delay((until - Date.now()) / 2)]);
    await records.close(Math.max(0, until - Date.now() - 200));
    await closePolicy();
    await tracing.shutdown();
  };
  return {
    url: http.url,
    stop: async () => {
      const until = Date.now() + config.shutdownDeadlineMs;
      await http.close();
      await release(until);
    },
    shutdown: async () => {
      logger.info(
        { drainMs: config.shutdownDrainMs, deadlineMs: config.shutdownDeadlineMs },
        'shutting down: not ready, draining',
      );
      const until = Date.now() + config.shutdownDrainMs + config.shutdownDeadlineMs;
      const report = await http.shutdown({
        drainMs: config.shutdownDrainMs,
        deadlineMs: config.shutdownDeadlineMs,
      });
      await release(until);
      logger.info(report, 'shut down');
      return report;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
