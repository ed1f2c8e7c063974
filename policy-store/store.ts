import pg from 'pg';
import { applyMigrations } from '../postgres/migrations';
import { quoteIdent } from '../postgres/quote';
import { inTransaction } from '../postgres/transaction';
import { join } from 'node:path';
import { sha256 } from './content';
import {
  hashRevision,
  POLICY_GENESIS_HASH,
  type RevisionInput,
  type StoredRevision,
} from './revision';

/** The schema policy revisions live in. */
export const DEFAULT_POLICY_SCHEMA = 'policy_store';
/** The NOTIFY channel a new revision is announced on (its payload: the revision number). */
export const REVISION_CHANNEL = 'policy_revision';

/** One replica's verdict on one revision. */
export interface Acknowledgement {
  replica: string;
  revision: number;
  status: 'live' | 'rejected';
  ackedAt: string;
  detail: string | null;
}

/** A replica's last confirmation that it has examined every revision. */
export interface ReplicaState {
  replica: string;
  revision: number;
  confirmedAt: string;
  leaseMs: number;
  stoppedAt: string | null;
}

/** The policy store: revisions (append-only, hash-chained), acknowledgements, replica leases. */
export interface PolicyStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /**
   * Appends a revision in its own transaction, or with `client` in the caller's transaction
   * (the store's schema in the caller's database): the lock is the transaction's, the NOTIFY
   * goes out at the caller's commit, and nothing is written if the caller rolls back.
   */
  append(input: RevisionInput, client?: pg.PoolClient): Promise<StoredRevision>;
  get(revision: number): Promise<StoredRevision | null>;
  /** The newest revision; with `effective`, the newest whose effectiveAt has come. */
  latest(options?: { effective?: boolean }): Promise<StoredRevision | null>;
  /** Revision numbers, newest first, after `after` that are in effect. */
  pending(after: number): Promise<number[]>;
  /** The newest urgent revision in effect (0: none): contexts signed under an older one are refused. */
  watermark(): Promise<number>;
  acknowledge(ack: Omit<Acknowledgement, 'ackedAt'> & { ackedAt?: Date }): Promise<void>;
  /** Renews a replica's lease: it has examined every revision up to `revision`'s time. */
  confirm(replica: string, revision: number, leaseMs: number, at?: Date): Promise<void>;
  /** Marks a replica stopped (it no longer serves). */
  stopped(replica: string): Promise<void>;
  acknowledgements(revision: number): Promise<Acknowledgement[]>;
  replicas(): Promise<ReplicaState[]>;
  /** Walks the chain: the first revision whose content or hash does not verify, or null. */
  verify(): Promise<{ revisions: number; firstBreak: { revision: number; why: string } | null }>;
  close(): Promise<void>;
}

/** Opens (and migrates) the policy store at `url`. */
export async function openPolicyStore(options: {
  url: string;
  schema?: string;
  maxConnections?: number;
}): Promise<PolicyStore> {
  const schema = options.schema ?? DEFAULT_POLICY_SCHEMA;
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 3 });
  pool.on('error', () => undefined);
  try {
    await applyMigrations(pool, schema, join(__dirname, 'migrations'));
  } catch (error) {
    await pool.end();
    throw new Error(`The policy store cannot be prepared: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const t = (table: string) => `${quoteIdent(schema)}.${table}`;
  const one = async (where: string, params: unknown[]) => {
    const { rows } = await pool.query(
      `SELECT * FROM ${t('policy_revision')} ${where} ORDER BY revision DESC LIMIT 1`,
      params,
    );
    return rows[0] ? revisionOf(rows[0]) : null;
  };
  const appendOn = async (client: pg.PoolClient, input: RevisionInput): Promise<StoredRevision> => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [t('policy_revision')]);
    const head = await client.query<{ revision: string; hash: string }>(
      `SELECT revision, hash FROM ${t('policy_revision')} ORDER BY revision DESC LIMIT 1`,
    );
    const parent = head.rows[0] ? Number(head.rows[0].revision) : null;
    const header = {
      revision: (parent ?? 0) + 1,
      parent,
      contentSha256: sha256(input.content),
      cause: input.cause,
      author: input.author,
      note: input.note ?? null,
      createdAt: new Date().toISOString(),
      effectiveAt: input.effectiveAt?.toISOString() ?? null,
      urgent: input.urgent ?? false,
      restores: input.restores ?? null,
      prevHash: head.rows[0]?.hash ?? POLICY_GENESIS_HASH,
    };
    const stored: StoredRevision = {
      ...header,
      content: input.content,
      hash: hashRevision(header),
    };
    await client.query(
      `INSERT INTO ${t('policy_revision')} (revision, parent, content, content_sha256, cause,
         author, note, created_at, effective_at, urgent, restores, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        stored.revision,
        stored.parent,
        stored.content,
        stored.contentSha256,
        stored.cause,
        stored.author,
        stored.note,
        stored.createdAt,
        stored.effectiveAt,
        stored.urgent,
        stored.restores,
        stored.prevHash,
        stored.hash,
      ],
    );
    return stored;
  };
  return {
    pool,
    schema,
    append: (input, client) =>
      client ? appendOn(client, input) : inTransaction(pool, (own) => appendOn(own, input)),
    get: (revision) => one('WHERE revision = $1', [revision]),
    latest: (opts = {}) =>
      opts.effective ? one('WHERE effective_at IS NULL OR effective_at <= now()', []) : one('', []),
    async pending(after) {
      const { rows } = await pool.query<{ revision: string }>(
        `SELECT revision FROM ${t('policy_revision')}
          WHERE revision > $1 AND (effective_at IS NULL OR effective_at <= now())
          ORDER BY revision DESC`,
        [after],
      );
      return rows.map((r) => Number(r.revision));
    },
    async watermark() {
      const { rows } = await pool.query<{ w: string | null }>(
        `SELECT max(revision) AS w FROM ${t('policy_revision')}
          WHERE urgent AND (effective_at IS NULL OR effective_at <= now())`,
      );
      return Number(rows[0]?.w ?? 0);
    },
    async acknowledge(ack) {
      await pool.query(
        `INSERT INTO ${t('policy_ack')} (replica, revision, status, acked_at, detail)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (replica, revision) DO NOTHING`,
        [ack.replica, ack.revision, ack.status, ack.ackedAt ?? new Date(), ack.detail],
      );
    },
    async confirm(replica, revision, leaseMs, at = new Date()) {
      await pool.query(
        `INSERT INTO ${t('policy_replica')} (replica, revision, confirmed_at, lease_ms)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (replica) DO UPDATE SET revision = $2, confirmed_at = $3, lease_ms = $4,
           stopped_at = NULL`,
        [replica, revision, at, leaseMs],
      );
    },
    async stopped(replica) {
      await pool.query(`UPDATE ${t('policy_replica')} SET stopped_at = now() WHERE replica = $1`, [
        replica,
      ]);
    },
    async acknowledgements(revision) {
      const { rows } = await pool.query(
        `SELECT * FROM ${t('policy_ack')} WHERE revision = $1 ORDER BY acked_at`,
        [revision],
      );
      return rows.map((r) => ({
        replica: r.replica,
        revision: Number(r.revision),
        status: r.status,
        ackedAt: isoOf(r.acked_at)!,
        detail: r.detail,
      }));
    },
    async replicas() {
      const { rows } = await pool.query(`SELECT * FROM ${t('policy_replica')} ORDER BY replica`);
      return rows.map(replicaOf);
    },
    async verify() {
      const { rows } = await pool.query(`SELECT * FROM ${t('policy_revision')} ORDER BY revision`);
      let prevHash = POLICY_GENESIS_HASH;
      for (const [i, row] of rows.entries()) {
        const r = revisionOf(row);
        const why =
          r.revision !== i + 1
            ? `revision ${i + 1} is missing`
            : r.prevHash !== prevHash
              ? 'its previous hash is not the hash of the revision before'
              : sha256(r.content) !== r.contentSha256
                ? 'its content does not match its sha256'
                : hashRevision(r) !== r.hash
                  ? 'its hash does not match its header'
                  : null;
        if (why) return { revisions: rows.length, firstBreak: { revision: r.revision, why } };
        prevHash = r.hash;
      }
      return { revisions: rows.length, firstBreak: null };
    },
    close: () => pool.end(),
  };
}

/** A policy_replica row as a ReplicaState. */
export function replicaOf(r: Record<string, unknown>): ReplicaState {
  return {
    replica: r.replica as string,
    revision: Number(r.revision),
    confirmedAt: isoOf(r.confirmed_at)!,
    leaseMs: r.lease_ms as number,
    stoppedAt: isoOf(r.stopped_at),
  };
}

/** A policy_revision row as a StoredRevision. */
export function revisionOf(row: Record<string, unknown>): StoredRevision {
  const iso = isoOf;
  return {
    revision: Number(row.revision),
    parent: row.parent === null ? null : Number(row.parent),
    content: row.content as string,
    contentSha256: row.content_sha256 as string,
    cause: row.cause as StoredRevision['cause'],
    author: row.author as string,
    note: row.note as string | null,
    createdAt: iso(row.created_at)!,
    effectiveAt: iso(row.effective_at),
    urgent: row.urgent as boolean,
    restores: row.restores === null ? null : Number(row.restores),
    prevHash: row.prev_hash as string,
    hash: row.hash as string,
  };
}

/** A timestamptz as ISO 8601 (pg hands a Date, or text where a type parser is set). */
export function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string | Date).toISOString();
}
