import { loadManifest } from '../schema/load-manifest';
import { cityOptionsFromEnv } from '../fixtures/city/dataset';
import { explainStartFailure } from './stack/failure';
import { openToolStore } from './stack/store';
import { loadContextPublicKey, redisReplayGuard } from '../contracts/subgraph-context';
import { createServiceLogger } from '../contracts/logger';
import { tracingFromEnv } from '../contracts/tracing';
import { startDepartments } from './federation';
import { watermarkFromEnv } from './stack/watermark';

/** npm run subgraph -- <name>: one department alone, as departments deploy separately. */
async function main(): Promise<void> {
  const name = process.argv[2];
  const manifest = loadManifest();
  const entry = manifest.find((e) => e.name === name);
  if (!entry) {
    throw new Error(
      `Usage: npm run subgraph -- <name>, one of: ${manifest.map((e) => e.name).join(', ')}.`,
    );
  }
  const store = await openToolStore();
  const watermark = await watermarkFromEnv(store.url);
  const running = await startDepartments([entry], store, cityOptionsFromEnv(), {
    minRevision: watermark?.floor,
    // SUBGRAPH_HOST=0.0.0.0 in a container; the network policy, not the address, keeps others out.
    host: process.env.SUBGRAPH_HOST || undefined,
    contextKey: loadContextPublicKey(process.env.CONTEXT_PUBLIC_KEY_FILE),
    logger: (subgraph) => createServiceLogger(subgraph, process.env.LOG_LEVEL ?? 'info'),
    tracing: (subgraph) => tracingFromEnv(subgraph),
    // Replicas of one department share their memory of accepted contexts (replay) in Redis.
    ...(process.env.REDIS_URL && {
      replay: (subgraph: string) => redisReplayGuard({ url: process.env.REDIS_URL!, subgraph }),
    }),
  }).catch(async (error) => {
    await store.stop();
    throw error;
  });
  console.log(`subgraph ${name}: ${running.subgraphs[0]!.url}`);
  const stop = async () => {
    await running.stop();
    await watermark?.close();
    await store.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm run subgraph failed: ${explainStartFailure(error)}`);
  process.exit(1);
});
