import Redis from 'ioredis';

/**
 * Remembers the contexts a department has accepted, until they expire, so none is accepted
 * twice. In memory for one process; in Redis when a department runs several replicas (a
 * context replayed to another replica must be refused too).
 */
export interface ReplayGuard {
  /** True the first time `jti` is presented; false for a replay. Throws ReplayCheckUnavailable when it cannot tell. */
  firstUse(jti: string, expiresAtSec: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The shared replay store did not answer: the call is refused (fail closed), with 503. */
export class ReplayCheckUnavailable extends Error {}

/** One process's memory of accepted contexts. */
export function memoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstUse(jti, expiresAtSec) {
      const now = Math.floor(Date.now() / 1000);
      // Insertion order is (nearly) expiry order: drop the expired head, stop at the first live one.
      for (const [id, exp] of seen) {
        if (exp >= now) break;
        seen.delete(id);
      }
      if (seen.has(jti)) return false;
      seen.set(jti, expiresAtSec);
      return true;
    },
    close: async () => undefined,
  };
}

/** Milliseconds a replay check may wait for Redis before the call is refused. */
export const REPLAY_CHECK_TIMEOUT_MS = 500;

/**
 * Accepted contexts shared through Redis (`SET key 1 NX EXAT exp`: one atomic command), so
 * every replica of a department refuses a context another replica has accepted. Connects
 * before it resolves; throws naming the URL's host when Redis cannot be reached.
 */
export async function redisReplayGuard(options: {
  url: string;
  subgraph: string;
  /** Key prefix, e.g. per deployment (default 'gateway-context'). */
  prefix?: string;
}): Promise<ReplayGuard> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REPLAY_CHECK_TIMEOUT_MS,
    connectTimeout: 2_000,
  });
  // Connection errors surface as refused checks (below); the client reconnects on its own.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `The replay store at ${new URL(options.url).host} cannot be reached: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const prefix = `${options.prefix ?? 'gateway-context'}:${options.subgraph}:`;
  return {
    async firstUse(jti, expiresAtSec) {
      try {
        const set = await redis.set(`${prefix}${jti}`, '1', 'EXAT', expiresAtSec, 'NX');
        return set === 'OK';
      } catch (error) {
        throw new ReplayCheckUnavailable(
          `The replay check is unavailable (${(error as Error).message}); try again later.`,
          { cause: error },
        );
      }
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
