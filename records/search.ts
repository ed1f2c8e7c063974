import type pg from 'pg';
import type { RecordRow } from './columns';
import { fromRow, RECORD_COLUMNS } from './columns';
import { decodeCursor, encodeCursor } from './cursor';
import { WITHHELD_REASON, type AccessRecord, type StoredRecord } from './record';
import { heldCondition } from './holds';
import { DEFAULT_RECORDS_SCHEMA, recordsTable } from './sql';

/** The largest page a search returns. */
export const MAX_SEARCH_LIMIT = 1_000;

/** An auditor's search; every criterion given must hold. Times: `from <= time < to`. */
export interface RecordSearch {
  /** The consumer's account id (the official). */
  consumerId?: string;
  /** The consumer's department. */
  department?: string;
  /** A department the gateway called for the operation (the data's owner). */
  calledDepartment?: string;
  purpose?: string;
  /** A field coordinate the operation asked for, e.g. 'Person.idNumber'. */
  coordinate?: string;
  /** A person whose personal information was disclosed. */
  personId?: string;
  /** The case number (案件编号) the request stated. */
  caseNumber?: string;
  /** 'served', 'refused' or 'failed'. */
  outcome?: string;
  /** The policy revision the request was pinned to. */
  policyRevision?: number;
  /** Why a request was refused, e.g. 'token-expired'. */
  reason?: string;
  /** The client's network address. */
  clientAddress?: string;
  /** 'unidentified' finds the security events: refusals before any consumer was established. */
  consumerKind?: string;
  from?: string;
  to?: string;
  limit: number;
  /** The `next` of the previous page. */
  after?: string;
  schema?: string;
  /** A further SQL condition on the record aliased `r` (a policy's row filter): it appends its parameters to `params`. */
  restrict?: RowRestriction;
}

/** Adds an SQL condition's parameters to `params` and returns it, numbered after them. */
export type RowRestriction = (params: unknown[]) => string;

/** One page, newest first; `next` is null on the last page. */
export interface RecordPage<T> {
  records: T[];
  next: string | null;
}

/** What a citizen sees of a record about them: not the other persons it concerned. */
export type CitizenRecord = Omit<AccessRecord, 'subjects' | 'delayedUntil'> & { id: string };

/** Records matching every criterion given, newest first, keyset-paginated. */
export function searchRecords(
  pool: pg.Pool,
  search: RecordSearch,
): Promise<RecordPage<StoredRecord>> {
  const where = new Where();
  where.add('consumer_id = $?', search.consumerId);
  where.add('consumer_department = $?', search.department);
  where.add('departments @> ARRAY[$?::text]', search.calledDepartment);
  where.add('purpose = $?', search.purpose);
  where.add('fields @> $?::jsonb', containsCoordinate(search.coordinate));
  where.add('subjects @> ARRAY[$?::text]', search.personId);
  where.add('case_number = $?', search.caseNumber);
  where.add('outcome = $?', search.outcome);
  where.add('policy_revision = $?', search.policyRevision?.toString());
  where.add('reason = $?', search.reason);
  where.add('client_address = $?', search.clientAddress);
  where.add('consumer_kind = $?', search.consumerKind);
  where.add('occurred_at >= $?', search.from);
  where.add('occurred_at < $?', search.to);
  if (search.restrict) where.restrict(search.restrict);
  return page(pool, search.schema, where, search.limit, search.after);
}

/**
 * The records that disclosed personal information of `personId`, for that person: newest
 * first, without records still under delayed disclosure at `now` (their own `delayedUntil`,
 * or a hold on the record or on its case number), and without the person's own reads.
 */
export async function recordsAbout(
  pool: pg.Pool,
  personId: string,
  options: {
    now: Date;
    limit?: number;
    after?: string;
    schema?: string;
    restrict?: RowRestriction;
  },
): Promise<RecordPage<CitizenRecord>> {
  if (!personId) throw new TypeError('recordsAbout needs the person id of the citizen asking.');
  const where = new Where();
  where.add('subjects @> ARRAY[$?::text]', personId);
  // The person's own reads (self-service) are theirs to know already.
  where.add("consumer_kind <> 'citizen'");
  where.add('(delayed_until IS NULL OR delayed_until <= $?)', options.now.toISOString());
  where.add(`NOT ${heldCondition('$?::timestamptz', options.schema)}`, options.now.toISOString());
  // A response withheld after all disclosed nothing: neither it nor its correction is shown.
  where.add(withheldCondition(recordsTable(options.schema ?? DEFAULT_RECORDS_SCHEMA)));
  if (options.restrict) where.restrict(options.restrict);
  const result = await page(pool, options.schema, where, options.limit ?? 50, options.after);
  return { records: result.records.map(forCitizen), next: result.next };
}

async function page(
  pool: pg.Pool,
  schema: string | undefined,
  where: Where,
  limit: number,
  after: string | undefined,
): Promise<RecordPage<StoredRecord>> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new RangeError(`limit must be between 1 and ${MAX_SEARCH_LIMIT}; got ${limit}.`);
  }
  if (after !== undefined) {
    const cursor = decodeCursor(after);
    where.add('(occurred_at, id) < ($?::timestamptz, $?::uuid)', cursor.time, cursor.id);
  }
  const { rows } = await pool.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM ${recordsTable(schema ?? DEFAULT_RECORDS_SCHEMA)} r
     ${where.sql()} ORDER BY r.occurred_at DESC, r.id DESC LIMIT ${limit + 1}`,
    where.params,
  );
  const records = rows.slice(0, limit).map(fromRow);
  const last = records[records.length - 1];
  return {
    records,
    next: rows.length > limit && last ? encodeCursor({ time: last.time, id: last.id }) : null,
  };
}

/** Conditions joined by AND; `$?` placeholders are numbered as parameters are added. */
class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  add(condition: string, ...values: (string | undefined)[]): void {
    if (values.some((v) => v === undefined)) return; // not a criterion
    this.conditions.push(condition.replace(/\$\?/g, () => `$${this.params.push(values.shift())}`));
  }

  /** A condition that numbers its own parameters after the ones added so far. */
  restrict(condition: RowRestriction): void {
    this.conditions.push(condition(this.params));
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

function withheldCondition(table: string): string {
  return `r.reason IS DISTINCT FROM '${WITHHELD_REASON}' AND NOT EXISTS (
    SELECT 1 FROM ${table} w WHERE w.reason = '${WITHHELD_REASON}'
      AND w.stream_id = r.stream_id AND w.request_id = r.request_id)`;
}

function containsCoordinate(coordinate: string | undefined): string | undefined {
  return coordinate === undefined ? undefined : JSON.stringify([{ coordinate }]);
}

function forCitizen(record: StoredRecord): CitizenRecord {
  return {
    id: record.id,
    time: record.time,
    requestId: record.requestId,
    consumer: record.consumer,
    purpose: record.purpose,
    caseNumber: record.caseNumber,
    operation: record.operation,
    fields: record.fields,
    departments: record.departments,
    outcome: record.outcome,
    durationMs: record.durationMs,
  };
}
