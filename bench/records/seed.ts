import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { migrateRecords } from '../../records';
import type { ChainHead } from '../../records/commit';
import { chainRecords } from '../../records/commit';
import { toRow } from '../../records/columns';
import {
  canonicalRecord,
  GENESIS_HASH,
  hashRecord,
  RECORD_FORMAT,
  type AccessRecord,
  type StoredRecord,
} from '../../records/record';
import { quoteIdent } from '../../records/sql';
import { monthOf, nextMonth, partitionName } from '../../records/partitions';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';

/** Months of records the seeded store spans: three years and the current month. */
export const SEEDED_MONTHS = 37;
/** Streams (gateway replicas) the seeded records are spread over, each a valid chain. */
export const SEEDED_STREAMS = 4;
/** The person whose readers the "who read person X" query asks for (about 1 record in 40,000). */
export const PERSON_X = 'p-0424242';
/** The official whose reads the auditor's search by consumer asks for (1 of 2,000). */
export const CONSUMER_X = 'official-0042';
/** A coordinate about 1 record in 50 asks for: the auditor's search by field. */
export const RARE_FIELD = 'Person.medicalRecords';

const DEPARTMENTS = ['civil-affairs', 'public-security', 'tax', 'social-insurance', 'health'];
const PURPOSES = ['social-assistance-eligibility', 'market-supervision', 'tax-audit', 'pension'];
const COMMON_FIELDS = ['Person.name', 'Person.idNumber', 'Person.annualIncome', 'Person.address'];
/** The columns of a stored row, in the order toRow gives them. */
const COLUMNS = Object.keys(
  toRow(chainRecords('s', { seq: 0, hash: GENESIS_HASH }, [sample(0)])[0]!),
);

/** How many records the store in `schema` holds (the planner's estimate when it is large). */
export async function storedRecords(pool: pg.Pool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: string | null }>(
    `SELECT sum(c.reltuples)::bigint::text AS n FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass($1)`,
    [`${quoteIdent(schema)}.access_record`],
  );
  return Math.max(0, Number(rows[0]?.n ?? 0));
}

/**
 * Seeds `total` records into a fresh records schema `schema`, spread over the last
 * {@link SEEDED_MONTHS} months and {@link SEEDED_STREAMS} valid hash chains: each month is
 * generated here (hashes by the writer's own chaining), loaded with COPY into a table of its
 * own without indexes, then attached as the month's partition, which builds its indexes in
 * bulk. Never through the writer: this is about the store at scale, not the append path.
 */
export async function seedRecords(
  pool: pg.Pool,
  schema: string,
  total: number,
  log: (line: string) => void,
): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await migrateRecords(pool, { schema });
  const table = `${quoteIdent(schema)}.access_record`;
  // The migration made this month and the next: the seed brings its own months.
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass($1)`,
    [table],
  );
  for (const { name } of rows)
    await pool.query(`DROP TABLE ${quoteIdent(schema)}.${quoteIdent(name)}`);
  const now = new Date();
  const months: string[] = [];
  let month = monthOf(
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - SEEDED_MONTHS + 1, 1)),
  );
  for (let i = 0; i < SEEDED_MONTHS; i++, month = nextMonth(month)) months.push(month);
  const heads: ChainHead[] = Array.from({ length: SEEDED_STREAMS }, () => ({
    seq: 0,
    hash: GENESIS_HASH,
  }));
  const perMonth = Math.ceil(total / months.length);
  const random = mulberry32(20261130);
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem TO '256MB'`);
    for (const [index, m] of months.entries()) {
      const started = Date.now();
      const start = Date.parse(`${m}-01T00:00:00Z`);
      const end = Math.min(Date.parse(`${nextMonth(m)}-01T00:00:00Z`), now.getTime() - 60_000);
      const part = `${quoteIdent(schema)}.${quoteIdent(partitionName(m))}`;
      await client.query(
        `CREATE TABLE ${part} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`,
      );
      await copyText(
        client,
        `${part} (${COLUMNS.join(', ')})`,
        monthRows(start, end, perMonth, heads, random),
      );
      await client.query(
        `ALTER TABLE ${table} ATTACH PARTITION ${part} FOR VALUES FROM ('${m}-01T00:00:00Z') TO ('${nextMonth(m)}-01T00:00:00Z')`,
      );
      await client.query(
        `CREATE TRIGGER ${quoteIdent(`${partitionName(m)}_no_truncate`)} BEFORE TRUNCATE ON ${part}
           FOR EACH STATEMENT EXECUTE FUNCTION ${quoteIdent(schema)}.refuse_access_record_change()`,
      );
      log(
        `  records: seeded ${m} (${index + 1}/${months.length}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    await client.query(`ANALYZE ${table}`);
  } finally {
    client.release();
  }
}

function* monthRows(
  start: number,
  end: number,
  count: number,
  heads: ChainHead[],
  random: () => number,
): Generator<string> {
  const step = (end - start) / count;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const s = i % heads.length;
    const record = sample(Math.floor(random() * 2 ** 31), new Date(start + i * step), random);
    const stored: StoredRecord = {
      ...record,
      id: randomUUID(),
      streamId: `bench-seed-${s + 1}`,
      seq: heads[s]!.seq + 1,
      prevHash: heads[s]!.hash,
      hash: '',
    };
    const canonical = canonicalSample(stored);
    // The template must give the writer's canonical text: checked on each month's first record.
    if (i === 0 && canonical !== canonicalRecord(stored)) {
      throw new Error('The seed template no longer matches canonicalRecord: update it.');
    }
    stored.hash = hashRecord(stored.prevHash, canonical);
    heads[s] = { seq: stored.seq, hash: stored.hash };
    chunk += copyLine(stored);
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

const q = JSON.stringify;

/** canonicalRecord of a {@link sample} record, by template: the seed hashes ten million of them. */
function canonicalSample(r: StoredRecord): string {
  const c = r.consumer;
  const fields = r.fields
    .map(
      (f) =>
        `{"coordinate":${q(f.coordinate)},"effect":${q(f.effect)},"grant":null,"pi":${q(f.pi)},"request":null}`,
    )
    .join(',');
  return (
    `{"caseNumber":${q(r.caseNumber)},"clientAddress":${q(r.clientAddress)},"consumer":{"application":${q(c.application)},` +
    `"department":${q(c.department)},"id":${q(c.id)},"kind":${q(c.kind)},"role":${q(c.role)}},"count":1,` +
    `"delayedUntil":null,"departments":[${r.departments.map((d) => q(d)).join(',')}],"documentId":null,` +
    `"durationMs":${r.durationMs},"fields":[${fields}],"format":${RECORD_FORMAT},"id":${q(r.id)},` +
    `"operation":{"hash":${q(r.operation.hash)},"name":${q(r.operation.name)}},"outcome":${q(r.outcome)},` +
    `"policyRevision":${r.policyRevision},"purpose":${q(r.purpose)},"reason":null,"requestId":${q(r.requestId)},` +
    `"seq":${r.seq},"streamId":${q(r.streamId)},"subjects":[${r.subjects.map((x) => q(x)).join(',')}],` +
    `"time":${q(r.time)},"traceId":null}`
  );
}

/** The COPY (text format) line of a {@link sample} record: no value needs escaping. */
function copyLine(r: StoredRecord): string {
  const fields = JSON.stringify(r.fields.map((f) => ({ ...f, grant: null })));
  const c = r.consumer;
  return (
    [
      r.streamId,
      r.seq,
      r.id,
      RECORD_FORMAT,
      r.time,
      r.requestId,
      c.kind,
      c.id,
      c.department,
      c.role,
      c.application,
      r.purpose,
      r.caseNumber ?? '\\N',
      r.operation.name,
      r.operation.hash,
      fields,
      `{${r.departments.join(',')}}`,
      r.outcome,
      r.durationMs,
      `{${r.subjects.join(',')}}`,
      '\\N',
      r.clientAddress,
      '\\N',
      1,
      '\\N',
      r.policyRevision,
      '\\N',
      r.prevHash,
      r.hash,
    ].join('\t') + '\n'
  );
}

/** COPY ... FROM STDIN (text format) of the lines `chunks` yields, streamed. */
async function copyText(
  client: pg.PoolClient,
  target: string,
  chunks: Iterable<string>,
): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
}

/** One plausible record: an official of 2,000 reading one person of a million. */
function sample(n: number, time = new Date(0), random: () => number = () => 0.5): AccessRecord {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const person = random() < 1 / 40_000 ? PERSON_X : `p-${String(n % 1_000_000).padStart(7, '0')}`;
  const fields = [pick(COMMON_FIELDS), ...(random() < 0.02 ? [RARE_FIELD] : [])];
  return {
    time: time.toISOString(),
    requestId: randomUUID(),
    consumer: {
      kind: 'official',
      id: `official-${String(n % 2000).padStart(4, '0')}`,
      department: pick(DEPARTMENTS),
      role: 'caseworker',
      application: 'case-review',
    },
    purpose: pick(PURPOSES),
    caseNumber: random() < 0.3 ? `C-${n % 100_000}` : null,
    operation: { name: 'PersonLookup', hash: 'a'.repeat(64) },
    fields: fields.map((coordinate) => ({
      coordinate,
      pi: 'PERSONAL',
      effect: 'allow',
      grant: null,
    })),
    departments: [pick(DEPARTMENTS)],
    outcome: 'served',
    durationMs: n % 200,
    subjects: [person],
    delayedUntil: null,
    clientAddress: `10.0.${n % 256}.${(n >> 8) % 256}`,
    reason: null,
    count: 1,
    traceId: null,
    policyRevision: 1,
    documentId: null,
  };
}

/** A small seeded generator, so two seeds of the same size hold the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
