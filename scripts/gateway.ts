import { loadGatewayConfig, startGateway } from '../gateway';

/** npm run gateway [-- --supergraph path]: the gateway alone, over any Federation 2 supergraph. */
async function main(): Promise<void> {
  const gateway = await startGateway(loadGatewayConfig(process.env, process.argv.slice(2)));
  console.log(`gateway: ${gateway.url}/graphql`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
