import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';

/**
 * The baseline: stock @apollo/gateway and @apollo/server, no plugins, over a static
 * supergraph whose URLs point at the open departments. Env: SUPERGRAPH_PATH, GATEWAY_PORT.
 */
async function main(): Promise<void> {
  // As the product does: no cloud metadata probes, no usage metrics to Apollo.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? '', 'utf8'),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.GATEWAY_PORT ?? 4000), host: '127.0.0.1' },
  });
  console.log(`stock gateway: ${url}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
