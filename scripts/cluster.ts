import { cityOptionsFromEnv } from '../fixtures/city/dataset';
import { openToolStore } from './stack/store';
import { explainStartFailure } from './stack/failure';
import { startCluster } from './cluster/index';
import { watermarkFromEnv } from './stack/watermark';

/**
 * npm run cluster [-- N]: N gateway replicas (default 3) behind a round-robin proxy, over the
 * departments, one PostgreSQL (DATABASE_URL or the embedded one) and Redis (REDIS_URL or a
 * redis-server of its own), all on loopback. SIGHUP: a rolling restart. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const replicas = Number(process.argv[2] ?? process.env.CLUSTER_REPLICAS ?? 3);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16) {
    throw new Error('Usage: npm run cluster -- N, with N gateway replicas from 1 to 16.');
  }
  const store = await openToolStore();
  // POLICY_SOURCE=db: the departments refuse contexts under the revocation watermark.
  const watermark = await watermarkFromEnv(store.url);
  const cluster = await startCluster({
    store,
    city: cityOptionsFromEnv(),
    replicas,
    redisUrl: process.env.REDIS_URL,
    minRevision: watermark?.floor,
  }).catch(async (error) => {
    await watermark?.close();
    await store.stop();
    throw error;
  });
  for (const r of cluster.replicas()) console.log(`  replica ${r.id.padEnd(18)} ${r.url}`);
  console.log(`\nProxy: ${cluster.url}/graphql  (round robin over ready replicas)`);
  console.log(`SIGHUP (kill -HUP ${process.pid}): rolling restart. Ctrl-C stops everything.`);
  let busy = false;
  process.on('SIGHUP', () => {
    if (busy) return;
    busy = true;
    console.log('Rolling restart...');
    void cluster
      .rollingRestart((line) => console.log(line))
      .then(
        () => console.log(`Rolling restart done: ${JSON.stringify(cluster.proxy.stats)}`),
        (error: unknown) => console.error(`Rolling restart failed: ${(error as Error).message}`),
      )
      .finally(() => (busy = false));
  });
  const stop = async () => {
    await cluster.stop();
    await watermark?.close();
    await store.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm run cluster failed: ${explainStartFailure(error)}`);
  process.exit(1);
});
