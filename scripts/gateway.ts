import { loadGatewayConfig, startGateway } from '../gateway';
import { signInFor } from '../gateway/landing';
import { consoleRoutes } from '../console';

/** npm run gateway [-- --supergraph path] [-- --config gateway.yaml]: the gateway alone, over any Federation 2 supergraph (GATEWAY_CONFIG or --config: the production controls file). */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env, process.argv.slice(2));
  const oversight = consoleRoutes({ signIn: await signInFor(config) });
  const gateway = await startGateway(config, undefined, undefined, { pages: [oversight] });
  console.log(`gateway: ${gateway.url}/graphql`);
  // SIGTERM (a rolling restart, kubectl, systemd): drain, finish in flight, flush, exit 0.
  const shutdown = () => {
    // A backstop: whatever hangs, the process is gone shortly after its deadline.
    setTimeout(
      () => process.exit(1),
      config.shutdownDrainMs + config.shutdownDeadlineMs + 2_000,
    ).unref();
    void gateway.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
