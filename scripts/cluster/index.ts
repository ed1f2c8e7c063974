import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../schema/load-manifest';
import type { Store } from '../../subgraphs/kit';
import type { CityOptions } from '../../fixtures/city/dataset';
import { loadContextKeys, redisReplayGuard } from '../../contracts/subgraph-context';
import { startDepartments } from '../federation';
import { startProxy, type RoundRobinProxy } from './proxy';
import { startLocalRedis } from './redis';
import { startReplica, type Replica } from './replica';

export interface ClusterOptions {
  /** PostgreSQL shared by the departments, the records and the policy store. */
  store: Store;
  city: CityOptions;
  /** Gateway replicas behind the proxy. */
  replicas: number;
  /** REDIS_URL; unset, a redis-server of the cluster's own on a free loopback port. */
  redisUrl?: string;
  /** Extra environment of every replica (SHUTDOWN_DRAIN_MS, POLICY_SOURCE, LOG_LEVEL...). */
  gatewayEnv?: NodeJS.ProcessEnv;
  /** How often the proxy polls each replica's /readyz. */
  pollMs?: number;
  /** The revocation watermark the departments enforce (POLICY_SOURCE=db); default none. */
  minRevision?: () => number;
}

export interface Cluster {
  url: string;
  proxy: RoundRobinProxy;
  replicas: () => readonly Replica[];
  /**
   * Starts one more replica with these variables over the cluster's (not behind the proxy:
   * the caller talks to it and stops it).
   */
  startReplica(id: string, env?: NodeJS.ProcessEnv): Promise<Replica>;
  /** One replica at a time: SIGTERM, wait for its exit, start it again, wait until the proxy routes to it. */
  rollingRestart(log?: (line: string) => void): Promise<void>;
  stop(): Promise<void>;
}

/** `npm run cluster`: the departments, Redis, N gateway replicas and a round-robin proxy, on loopback. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const pollMs = options.pollMs ?? 200;
  const redis = options.redisUrl ? undefined : await startLocalRedis();
  const redisUrl = options.redisUrl ?? redis!.url;
  const scratch = mkdtempSync(join(tmpdir(), 'govgraph-cluster-'));
  const departments = await startDepartments(loadManifest(), options.store, options.city, {
    contextKey: loadContextKeys(options.gatewayEnv?.CONTEXT_PRIVATE_KEY_FILE).publicKey,
    ephemeral: true,
    minRevision: options.minRevision,
    replay: (subgraph) => redisReplayGuard({ url: redisUrl, subgraph }),
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    RECORDS_CHECKPOINT_DIR: join(scratch, 'checkpoints'),
    ...options.gatewayEnv,
    DATABASE_URL: options.store.url,
    REDIS_URL: redisUrl,
    SUBGRAPH_URLS: departments.subgraphs.map((s) => `${s.name}=${s.url}`).join(','),
  };
  const proxy = await startProxy({ pollMs });
  const ids = Array.from({ length: options.replicas }, (_, i) => `cluster-gateway-${i + 1}`);
  const running: Replica[] = [];
  const stopAll = async () => {
    await proxy.close();
    await Promise.all(running.map((r) => r.stop()));
    await departments.stop();
    await redis?.stop();
  };
  try {
    // One after the other: the first one migrates the record store.
    for (const id of ids) running.push(await startReplica(id, env));
    for (const replica of running) proxy.add(replica.url);
    await untilRouted(
      proxy,
      running.map((r) => r.url),
      60_000,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    url: proxy.url,
    proxy,
    replicas: () => running,
    startReplica: (id, extra) => startReplica(id, { ...env, ...extra }),
    async rollingRestart(log) {
      for (const [index, old] of running.entries()) {
        const code = await old.stop();
        proxy.remove(old.url);
        log?.(`  ${old.id}: stopped (exit ${code})`);
        const fresh = await startReplica(old.id, env);
        running[index] = fresh;
        proxy.add(fresh.url);
        await untilRouted(proxy, [fresh.url], 60_000);
        log?.(`  ${fresh.id}: ready at ${fresh.url}`);
      }
    },
    stop: stopAll,
  };
}

async function untilRouted(
  proxy: RoundRobinProxy,
  urls: string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!urls.every((url) => proxy.ready().includes(url))) {
    if (Date.now() > deadline) {
      throw new Error(`gateway replicas not ready after ${timeoutMs} ms: ${urls.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
