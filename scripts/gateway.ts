import { loadGatewayConfig, startGateway } from '../gateway';

/** npm run gateway [-- --supergraph path]: the gateway alone, over any Federation 2 supergraph. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env, process.argv.slice(2));
  const gateway = await startGateway(config);
  console.log(`gateway: ${gateway.url}/graphql`);
  const stop = () => {
    setTimeout(() => process.exit(1), config.shutdownDeadlineMs).unref();
    void gateway.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
