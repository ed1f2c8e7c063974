import Redis from 'ioredis';
import type { Logger } from './logger';
import { SettledConnector } from './redis-connector';
import type { RedisSettings } from './rate/options';

/**
 * The gateway's one Redis connection (rates and quotas), or null when none is configured.
 * It connects in the background: the gateway starts, and limits locally, while Redis is
 * down. Commands fail fast (no offline queue, `timeoutMs`) so a request never waits on it.
 */
export function openRedis(settings: RedisSettings, logger: Logger): Redis | null {
  if (!settings.url) return null;
  const redis = new Redis(settings.url, {
    enableOfflineQueue: false,
    // Rate and quota checks of concurrent requests issued in one tick go out in one write.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    commandTimeout: settings.timeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    Connector: SettledConnector,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      { redis: new URL(settings.url!).host, err: error.message },
      'Redis unreachable: rates and quotas are kept in this replica memory until it answers',
    );
  });
  redis.on('ready', () => {
    if (down) logger.info({ redis: new URL(settings.url!).host }, 'Redis answers again');
    down = false;
  });
  return redis;
}

/**
 * Waits, at most `timeoutMs`, for the connection to be ready, so that a replica that has
 * just started counts in Redis from its first request. Never throws: a Redis that does not
 * answer leaves the replica limiting locally (the error handler has logged why).
 */
export async function whenReady(redis: Redis | null, timeoutMs = 2_000): Promise<void> {
  if (!redis || redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/**
 * Runs `shared` (Redis) and falls back to `local` (this replica's memory) when it fails:
 * fail safe, never unlimited. Each replica then limits on its own, so the effective limit
 * across N replicas is at most N times the configured one while Redis is down.
 */
export function insured<A extends unknown[], R>(
  shared: ((...args: A) => Promise<R>) | null,
  local: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  if (!shared) return local;
  return async (...args) => {
    try {
      return await shared(...args);
    } catch {
      return local(...args);
    }
  };
}
