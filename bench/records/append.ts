import { join } from 'node:path';
import pg from 'pg';
import {
  createRecordWriter,
  loadCheckpointKey,
  RECORDS_POOL_SIZE,
  startCheckpointer,
  storeIdentity,
  type AccessRecord,
} from '../../records';
import { percentile } from '../stats';

/** One sustained-append run: closed-loop producers against one writer, checkpoints on. */
export interface AppendRun {
  producers: number;
  thinkMs: number;
  pipelineDepth: number;
  seconds: number;
  records: number;
  recordsPerS: number;
  transactions: number;
  /** Transactions that did not commit (their appends went into the next one, or failed). */
  failedTransactions: number;
  recordsPerTransaction: number;
  /** Statements the writer sent per committed transaction: each one a round trip. */
  roundTripsPerTransaction: number;
  /** Append → durable, ms. */
  p50Ms: number;
  p99Ms: number;
  checkpoints: number;
}

/**
 * `producers` callers append as fast as their commits come back for `seconds`, into `schema`
 * with every index, partition and the checkpointer on (a checkpoint every second, signed, to a
 * file and the checkpoint table). A pool wrapper counts the statements the writer sends.
 */
export async function sustainedAppend(
  pool: pg.Pool,
  options: {
    /** Each producer waits a random 0..thinkMs between appends (a gateway's requests do not arrive in step). */
    thinkMs?: number;
    schema: string;
    producers: number;
    seconds: number;
    pipelineDepth: number;
    dir: string;
  },
): Promise<AppendRun> {
  let statements = 0;
  // The writer's own connections (as many as a gateway's record store keeps), counted alone.
  const own = new pg.Pool({ ...pool.options, max: RECORDS_POOL_SIZE });
  own.on('error', () => undefined);
  const counting = countingPool(own, () => (statements += 1));
  const streamId = `bench-append-${options.pipelineDepth}-${Date.now()}`;
  const writer = createRecordWriter({
    pool: counting,
    streamId,
    schema: options.schema,
    pipelineDepth: options.pipelineDepth,
  });
  const checkpointer = startCheckpointer({
    head: writer.head,
    storeId: await storeIdentity(pool, options.schema),
    streamId,
    key: loadCheckpointKey(join(options.dir, 'checkpoint.pem'), { create: true }),
    dir: options.dir,
    pool,
    schema: options.schema,
    intervalMs: 1_000,
    onError: (error) => {
      throw error;
    },
  });
  const latencies: number[] = [];
  const until = Date.now() + options.seconds * 1000;
  let n = 0;
  const producer = async () => {
    while (Date.now() < until) {
      if (options.thinkMs)
        await new Promise((r) => setTimeout(r, Math.random() * options.thinkMs!));
      const started = performance.now();
      await writer.append(benchRecord(streamId, n++));
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.producers }, producer));
  const seconds = (performance.now() - started) / 1000;
  await writer.close();
  await checkpointer.close();
  await own.end();
  const { records, batches, failedBatches } = writer.stats();
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${options.schema}.checkpoint WHERE stream_id = $1`,
    [streamId],
  );
  latencies.sort((a, b) => a - b);
  return {
    producers: options.producers,
    thinkMs: options.thinkMs ?? 0,
    pipelineDepth: options.pipelineDepth,
    seconds,
    records,
    recordsPerS: records / seconds,
    transactions: batches,
    failedTransactions: failedBatches,
    recordsPerTransaction: records / batches,
    // The partition check of the first batch is one statement more, shared by all.
    roundTripsPerTransaction: statements / batches,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    checkpoints: Number(rows[0]!.n),
  };
}

/** The pool as the writer sees it, with every statement its connections send counted. */
function countingPool(pool: pg.Pool, count: () => void): pg.Pool {
  const counted = new WeakSet<pg.PoolClient>();
  return new Proxy(pool, {
    get(target, property) {
      if (property === 'connect') {
        return async () => {
          const client = await target.connect();
          if (!counted.has(client)) {
            counted.add(client);
            const query = client.query.bind(client) as (...args: unknown[]) => unknown;
            (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
              count();
              return query(...args);
            };
          }
          return client;
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** A served lookup of one person by one official, as the gateway records it. */
function benchRecord(streamId: string, n: number): AccessRecord {
  return {
    time: new Date().toISOString(),
    requestId: `${streamId}-${n}`,
    consumer: {
      kind: 'official',
      id: `official-${String(n % 2000).padStart(4, '0')}`,
      department: 'civil-affairs',
      role: 'caseworker',
      application: 'case-review',
    },
    purpose: 'social-assistance-eligibility',
    caseNumber: null,
    operation: { name: 'PersonLookup', hash: 'b'.repeat(64) },
    fields: [{ coordinate: 'Person.name', pi: 'PERSONAL', effect: 'allow', grant: null }],
    departments: ['public-security'],
    outcome: 'served',
    durationMs: 3,
    subjects: [`p-${String(n % 1_000_000).padStart(7, '0')}`],
    delayedUntil: null,
    clientAddress: '10.0.0.1',
    policyRevision: 1,
  };
}
