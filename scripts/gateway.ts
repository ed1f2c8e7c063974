import { createLogger, loadGatewayConfig, startGateway } from '../gateway';
import { serveOnWorkers } from '../gateway/workers';
import { signInFor } from '../gateway/landing';
import { consoleRoutes } from '../console';

/**
 * npm run gateway [-- --supergraph path] [-- --config gateway.yaml]: the gateway alone, over
 * any Federation 2 supergraph (GATEWAY_CONFIG or --config: the production controls file), on
 * GATEWAY_WORKERS processes. SIGTERM (a rolling restart, kubectl, systemd): drain, finish in
 * flight, flush, exit 0.
 */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env, process.argv.slice(2));
  const logger = createLogger(config.logLevel);
  // The oversight console, mounted under /console: it signs in as the landing page does.
  const oversight = consoleRoutes({ signIn: await signInFor(config) });
  await serveOnWorkers(
    config,
    (c) => startGateway(c, logger, undefined, { pages: [oversight] }),
    logger,
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
