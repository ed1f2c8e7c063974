/**
 * What one access record costs, measured without an idle machine: the gateway process's CPU
 * per record (process.cpuUsage, the writer's whole path: validation, chaining, hashing, the
 * message, node-postgres), the CPU of the PostgreSQL backends the writer talks to
 * (/proc/<pid>/schedstat, nanoseconds on the CPU) and the WAL its transactions wrote
 * (pg_walinspect, only the records of the writer's own transactions, so other work on the
 * server does not count). Records have the shapes a real gateway writes for the enterprise
 * and the masked lookups; batches have a fixed size, so each round commits the same
 * transactions. Medians over rounds.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     node --import tsx bench/records/cost.ts [--records 4000] [--rounds 5] [--batches 1,5,20] [--months 36]
 *
 * `--months N` adds N empty past months (partitions), as a store keeping three years has.
 * `--without-indexes a,b` drops those search indexes first (e.g. access_record_fields): an
 * experiment measuring what each index costs a record, never a setting of the store.
 *
 * `--encode N` measures only what the gateway computes for N records before anything is sent
 * (validation of the record and its compensation, chaining and hashing in batches of 5, the
 * rows' JSON; `--literal`: also escaped as a SQL literal, as the writer did before migration
 * 010), no database needed. Its CPU time is noisy on a busy machine; its instruction count is
 * not: run it under `valgrind --tool=callgrind` with N and with 0, and divide the difference.
 *
 * Needs a superuser DATABASE_URL (it creates the database `records_cost` and pg_walinspect)
 * and PostgreSQL on this machine (it reads the backends' /proc entries).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  createRecordWriter,
  ensurePartitions,
  migrateRecords,
  monthOf,
  openStorePool,
  RECORDS_POOL_SIZE,
  type AccessRecord,
} from '../../records';
import { toRow } from '../../records/columns';
import { chainRecords } from '../../records/commit';
import { GENESIS_HASH } from '../../records/record';
import { normaliseRecord } from '../../records/validate';
import { recreateDatabase } from '../../test/support/database';
import { percentile } from '../stats';
import { compensationOf, shapedRecord, type RecordShape } from './shapes';

const APPLICATION = 'records-cost';

interface Round {
  shape: RecordShape;
  batch: number;
  records: number;
  transactions: number;
  /** Gateway process CPU (user + system) per record, µs, the making of the records excluded. */
  gatewayUs: number;
  /** PostgreSQL backend CPU per record, µs (the writer's connections). */
  postgresUs: number;
  /** WAL per record, bytes, full-page images excluded; and the images, bytes per record. */
  walBytes: number;
  fpiBytes: number;
  /** WAL records per transaction (inserts, index inserts, commit). */
  walRecordsPerTransaction: number;
  /** Append to durable, ms, median. */
  p50Ms: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '4000' },
      rounds: { type: 'string', default: '5' },
      batches: { type: 'string', default: '1,5,20' },
      shapes: { type: 'string', default: 'enterprise,masked' },
      out: { type: 'string' },
      encode: { type: 'string' },
      literal: { type: 'boolean', default: false },
      months: { type: 'string', default: '0' },
      'without-indexes': { type: 'string', default: '' },
    },
  });
  if (values.encode !== undefined) {
    console.log(encodeCost(Number(values.encode), values.literal));
    return;
  }
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a superuser connection.');
  const records = Number(values.records);
  const rounds = Number(values.rounds);
  const batches = values.batches.split(',').map(Number);
  const shapes = values.shapes.split(',') as RecordShape[];

  const url = await recreateDatabase(server, 'records_cost');
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  await migrateRecords(admin);
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
  // An experiment, never a setting of the store: what the record costs without these indexes.
  const without = values['without-indexes'].split(',').filter(Boolean);
  for (const index of without) {
    if (!/^access_record_[a-z_]+$/.test(index))
      throw new Error(`--without-indexes: ${index} is not a records index name.`);
    await admin.query(`DROP INDEX access_records.${index}`);
  }
  await ensurePartitions(admin, 'access_records', [monthOf(new Date())]);
  // Past months, empty, as a store keeping three years has them (--months 36).
  await admin.query(
    `SELECT access_records.create_access_record_partition(now() - n * interval '1 month')
       FROM generate_series(1, $1::int) n`,
    [Number(values.months)],
  );
  const pool = openStorePool(url, { max: RECORDS_POOL_SIZE, applicationName: APPLICATION });
  pool.on('error', () => undefined);
  const streamId = `records-cost-${process.pid}`;
  const writer = createRecordWriter({ pool, streamId });

  const drive = async (shape: RecordShape, batch: number, n: number) => {
    const latencies: number[] = [];
    for (let done = 0; done < n; done += batch) {
      await Promise.all(
        Array.from({ length: batch }, async (_, i) => {
          const record = shapedRecord(shape, done + i);
          const compensation = compensationOf(shape, record);
          const started = performance.now();
          await writer.append(record, compensation ? { compensation } : {});
          latencies.push(performance.now() - started);
        }),
      );
    }
    return latencies;
  };
  // Warm-up: JIT, the connection, the partition, plan caches.
  for (const shape of shapes) for (const batch of batches) await drive(shape, batch, 500);

  const making = makingCostUs(shapes);
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const shape of shapes) {
      for (const batch of batches) {
        const n = Math.ceil(records / batch) * batch;
        const head = writer.head()!.seq;
        const pids = await backendPids(admin);
        const cpuBefore = process.cpuUsage();
        const pgBefore = onCpuNs(pids);
        const { rows: lsn } = await admin.query<{ lsn: string }>(
          'SELECT pg_current_wal_insert_lsn()::text AS lsn',
        );
        const stats = writer.stats();
        const latencies = await drive(shape, batch, n);
        const cpu = process.cpuUsage(cpuBefore);
        const pgNs = onCpuNs(pids) - pgBefore;
        const transactions = writer.stats().batches - stats.batches;
        const wal = await walOf(admin, streamId, head, lsn[0]!.lsn);
        latencies.sort((a, b) => a - b);
        results.push({
          shape,
          batch,
          records: n,
          transactions,
          gatewayUs: (cpu.user + cpu.system) / n - making[shape],
          postgresUs: pgNs / 1000 / n,
          walBytes: wal.bytes / n,
          fpiBytes: wal.fpi / n,
          walRecordsPerTransaction: wal.records / transactions,
          p50Ms: percentile(latencies, 0.5),
        });
        if ((await backendPids(admin)).join() !== pids.join()) {
          throw new Error('The writer opened another connection during the round: rerun.');
        }
      }
    }
  }
  await writer.close();
  await pool.end();
  await admin.end();

  const table = summarise(results, shapes, batches, rounds, records, Number(values.months));
  console.log(table);
  if (values.out) writeFileSync(values.out, JSON.stringify({ results, table }, null, 2));
}

/**
 * The gateway's own work for `n` records of each shape, made beforehand: µs per record (a
 * JSON line; the instruction count of a callgrind run is the steady measure).
 */
function encodeCost(n: number, literal: boolean): string {
  const client = new pg.Client();
  const costs: Record<string, number> = {};
  for (const shape of ['enterprise', 'masked'] as const) {
    const made = Array.from({ length: n }, (_, i) => {
      const record = shapedRecord(shape, i);
      return { record, compensation: compensationOf(shape, record) };
    });
    const started = process.cpuUsage();
    let head = { seq: 0, hash: GENESIS_HASH };
    for (let i = 0; i < n; i += 5) {
      const batch = made.slice(i, i + 5).map(({ record, compensation }) => {
        if (compensation) normaliseRecord(compensation);
        return normaliseRecord(record);
      });
      const stored = chainRecords('records-cost', head, batch);
      head = stored[stored.length - 1]!;
      const rows = JSON.stringify(stored.map(toRow));
      if (literal) client.escapeLiteral(rows);
    }
    const used = process.cpuUsage(started);
    costs[shape] = n ? (used.user + used.system) / n : 0;
  }
  return JSON.stringify({ records: n, literal, usPerRecord: costs });
}

/** µs of CPU this script spends making one record and its compensation (subtracted). */
function makingCostUs(shapes: readonly RecordShape[]): Record<RecordShape, number> {
  const cost = {} as Record<RecordShape, number>;
  for (const shape of shapes) {
    const keep: (AccessRecord | undefined)[] = [];
    const started = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) {
      const record = shapedRecord(shape, i);
      keep.push(compensationOf(shape, record));
    }
    const used = process.cpuUsage(started);
    cost[shape] = (used.user + used.system) / 20_000;
  }
  return cost;
}

/** The pids of the writer's backends (same set before and after a round, or it is rerun). */
async function backendPids(admin: pg.Pool): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid',
    [APPLICATION],
  );
  return rows.map((r) => r.pid);
}

/** Nanoseconds the processes spent on a CPU (schedstat's first field). */
function onCpuNs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids)
    ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  return ns;
}

/** WAL the transactions that stored the stream's records after `seq` wrote, since `from`. */
async function walOf(
  admin: pg.Pool,
  streamId: string,
  seq: number,
  from: string,
): Promise<{ bytes: number; fpi: number; records: number }> {
  // Other work on the server may have had the segments recycled already: not measured then.
  const { rows } = await admin
    .query<{ bytes: string; fpi: string; records: string }>(
      `WITH ours AS (
       SELECT DISTINCT xmin::text AS xid FROM access_records.access_record
        WHERE stream_id = $1 AND seq > $2)
     SELECT coalesce(sum(record_length - fpi_length), 0)::text AS bytes,
            coalesce(sum(fpi_length), 0)::text AS fpi, count(*)::text AS records
       FROM pg_get_wal_records_info($3::pg_lsn, pg_current_wal_flush_lsn())
      WHERE xid::text IN (SELECT xid FROM ours)`,
      [streamId, seq, from],
    )
    .catch(() => ({ rows: [{ bytes: 'NaN', fpi: 'NaN', records: 'NaN' }] }));
  return {
    bytes: Number(rows[0]!.bytes),
    fpi: Number(rows[0]!.fpi),
    records: Number(rows[0]!.records),
  };
}

function summarise(
  results: readonly Round[],
  shapes: readonly RecordShape[],
  batches: readonly number[],
  rounds: number,
  records: number,
  months: number,
): string {
  const median = (values: number[]) =>
    percentile(
      values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b),
      0.5,
    );
  const spread = (values: number[]) =>
    `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
  const lines = [
    `Record cost, ${rounds} rounds × ${records} records per row, ${months + 2} monthly partitions, medians (min–max); ${new Date().toISOString()}`,
    '',
    '| record | batch | gateway CPU µs/record | PostgreSQL CPU µs/record | WAL B/record (+FPI) | WAL records/tx | append p50 ms |',
    '| --- | --: | --: | --: | --: | --: | --: |',
  ];
  for (const shape of shapes) {
    for (const batch of batches) {
      const rows = results.filter((r) => r.shape === shape && r.batch === batch);
      lines.push(
        `| ${shape} | ${batch} | ${spread(rows.map((r) => r.gatewayUs))} | ${spread(rows.map((r) => r.postgresUs))} | ` +
          `${median(rows.map((r) => r.walBytes)).toFixed(0)} (+${median(rows.map((r) => r.fpiBytes)).toFixed(0)}) | ` +
          `${median(rows.map((r) => r.walRecordsPerTransaction)).toFixed(1)} | ${median(rows.map((r) => r.p50Ms)).toFixed(2)} |`,
      );
    }
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
