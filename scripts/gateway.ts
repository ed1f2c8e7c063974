import { loadGatewayConfig, startGateway } from '../gateway';

/** npm run gateway [-- --supergraph path]: the gateway alone, over any Federation 2 supergraph. */
async function main(): Promise<void> {
  const gateway = await startGateway(loadGatewayConfig(process.env, process.argv.slice(2)));
  console.log(`gateway: ${gateway.url}/graphql`);
  // SIGTERM (a rolling restart, kubectl, systemd): drain, finish in flight, flush, exit 0.
  const shutdown = () =>
    void gateway.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
