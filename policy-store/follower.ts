import pg from 'pg';
import { REVISION_CHANNEL } from './store';

/** Milliseconds between two polls of the policy store, by default (NOTIFY usually comes first). */
export const DEFAULT_POLL_MS = 1_000;

/** Keeps a check of the policy store running: on every NOTIFY of a revision, and every pollMs. */
export interface Follower {
  /** Listens, and runs the first check; resolves once that check is done. */
  start(): Promise<void>;
  /** Runs a check now (serialized with the others). */
  check(): Promise<void>;
  /** Stops listening and polling (a replica cut off from the store; tests use it). */
  stop(): Promise<void>;
  /** Whether the NOTIFY listener is connected. */
  listening(): boolean;
}

/**
 * Follows the store's revisions: LISTEN on the revision channel, with polling as the fallback
 * (a lost notification or connection delays a revision by one poll at most). Checks never run
 * concurrently; one asked for while another runs runs once after it. A failed check is reported
 * and retried at the next poll.
 */
export function followRevisions(options: {
  url: string;
  pollMs?: number;
  /** LISTEN on the revision channel (default); false: polling only. */
  listen?: boolean;
  check: () => Promise<void>;
  onError: (error: unknown) => void;
}): Follower {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  let listener: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const check = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await options.check();
        } catch (error) {
          options.onError(error);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };

  const listen = async () => {
    if (options.listen === false) return;
    const client = new pg.Client({ connectionString: options.url });
    client.on('error', () => {
      if (listener === client) listener = null;
    });
    client.on('end', () => {
      if (listener === client) listener = null;
    });
    client.on('notification', () => void check());
    try {
      await client.connect();
      await client.query(`LISTEN ${REVISION_CHANNEL}`);
      if (stopped) return void (await client.end().catch(() => undefined));
      listener = client;
    } catch (error) {
      options.onError(error);
      await client.end().catch(() => undefined);
    }
  };

  const tick = async () => {
    if (stopped) return;
    if (!listener) await listen();
    await check();
    if (!stopped) timer = setTimeout(() => void tick(), pollMs);
  };

  return {
    start: async () => {
      await listen();
      await check();
      timer = setTimeout(() => void tick(), pollMs);
    },
    check,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await running;
    },
    listening: () => listener !== null,
  };
}
