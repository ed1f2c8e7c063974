import { GraphQLError } from 'graphql';
import {
  canonicalRecord,
  describeBreak,
  holdDisclosure,
  holdsInForce,
  recordsAbout,
  searchRecords,
  verifyChains,
  verifyMonth,
  type ChainBreak,
  type CitizenRecord,
  type StoredRecord,
} from '../../../records';
import { ErrorCode } from '../../../contracts/errors';
import { badInput, type DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { governance } from '../policies/deployment';
import {
  caseNumberArg,
  filterArg,
  holdArg,
  monthArg,
  pageArgs,
  streamIdArg,
  type FilterInput,
  type HoldInput,
} from './arguments';

type Context = DepartmentContext<Loaders>;

/**
 * The fields an AccessRecord row condition may name, as columns of `access_record` aliased `r`.
 * `departments` (the providers) is list-valued: a record read data of several departments, and the
 * condition holds when they include the value (the GIN index access_record_departments).
 */
const RECORD_ROW = {
  consumerId: 'r.consumer_id',
  consumerDepartment: 'r.consumer_department',
  departments: { list: 'r.departments' },
  purpose: 'r.purpose',
  outcome: 'r.outcome',
};

/**
 * The fields a Disclosure row condition may name. `subject` is the person whose records are
 * listed: recordsAbout binds that person's id as its first parameter, so a grant's
 * `subject: $personId` keeps a citizen to their own.
 */
export const DISCLOSURE_ROW = { subject: '$1::text' };

const purposeNames = new Map(governance.policies.purposes.map((p) => [p.code, p.name.zh]));

/** Access records for auditors, the citizen's own view, and delayed-disclosure holds. */
export const accessRecordResolvers = {
  Query: {
    accessRecords: async (
      _: unknown,
      args: { filter?: FilterInput | null; first?: number | null; after?: string | null },
      ctx: Context,
    ) => {
      const page = await searchRecords(ctx.db.pool, {
        ...filterArg(args.filter),
        ...pageArgs(args),
        restrict: (params) => ctx.caller.rowFilter('AccessRecord', RECORD_ROW, params),
      }).catch(cursorError);
      return { records: page.records.map(recordView), next: page.next };
    },
    accessRecordChain: async (
      _: unknown,
      args: { streamId?: string | null; month?: string | null },
      ctx: Context,
    ) => {
      const streamId = streamIdArg(args.streamId);
      const month = monthArg(args.month);
      const report = month
        ? await verifyMonth(ctx.db.pool, { streamId, month })
        : await verifyChains(ctx.db.pool, { streamId });
      return {
        ok: report.ok,
        firstBreak: report.firstBreak && breakView(report.firstBreak),
        streams: report.streams.map((s) => ({
          streamId: s.streamId,
          records: s.records,
          headSeq: s.head?.seq ?? null,
          headHash: s.head?.hash ?? null,
          firstBreak: s.firstBreak && breakView(s.firstBreak),
        })),
      };
    },
    disclosureHolds: (_: unknown, args: { caseNumber?: string | null }, ctx: Context) =>
      holdsInForce(ctx.db.pool, {
        now: new Date(),
        caseNumber: caseNumberArg('caseNumber', args.caseNumber),
      }),
    myAccessRecords: async (
      _: unknown,
      args: { first?: number | null; after?: string | null },
      ctx: Context,
    ) => {
      const personId = ctx.caller.consumer.personId;
      if (!personId) {
        throw new GraphQLError(
          'Only a citizen signed in as a person has access records of their own.',
          {
            extensions: { code: ErrorCode.FORBIDDEN },
          },
        );
      }
      const { limit, after } = pageArgs(args);
      const page = await recordsAbout(ctx.db.pool, personId, {
        now: new Date(),
        limit,
        after,
        restrict: (params) => ctx.caller.rowFilter('Disclosure', DISCLOSURE_ROW, params),
      }).catch(cursorError);
      return { records: page.records.map((r) => disclosureView(r, personId)), next: page.next };
    },
  },
  Mutation: {
    holdDisclosure: async (_: unknown, args: { input: HoldInput }, ctx: Context) => {
      const hold = holdArg(args.input);
      const { consumer } = ctx.caller;
      return holdDisclosure(
        ctx.db.pool,
        { ...hold, setBy: { id: consumer.id, department: consumer.department } },
        { now: new Date() },
      ).catch((error: unknown) => {
        if (error instanceof RangeError) throw badInput('input', error.message);
        throw error;
      });
    },
  },
};

/** Whose personal information each row of these types is about (the access record's own subjects). */
export const accessRecordSubjects = {
  AccessRecord: (row: Record<string, unknown>) => row.subjects as string[],
  Disclosure: (row: Record<string, unknown>) => row.subject as string,
};

function recordView(record: StoredRecord) {
  // Every stored record is read with the format it was hashed in (records/columns.ts fromRow);
  // without it no canonical text could be trusted to recompute the hash.
  const { format } = record as StoredRecord & { format?: number };
  if (typeof format !== 'number') throw new Error(`Access record ${record.id} has no format.`);
  return {
    format,
    canonical: canonicalRecord(record, format),
    id: record.id,
    streamId: record.streamId,
    seq: record.seq,
    time: record.time,
    requestId: record.requestId,
    consumer: record.consumer,
    consumerDepartment: record.consumer.department,
    purpose: record.purpose,
    caseNumber: record.caseNumber,
    operationName: record.operation.name,
    operationHash: record.operation.hash,
    fields: record.fields.map((f) => ({ ...f, effect: f.effect.toUpperCase() })),
    departments: record.departments,
    outcome: record.outcome.toUpperCase(),
    durationMs: record.durationMs,
    policyRevision: record.policyRevision ?? null,
    subjects: record.subjects,
    hash: record.hash,
    prevHash: record.prevHash,
  };
}

function disclosureView(record: CitizenRecord, subject: string) {
  return {
    subject,
    id: record.id,
    time: record.time,
    department: record.consumer.department,
    role: record.consumer.role,
    application: record.consumer.application,
    purpose: record.purpose,
    purposeName: (record.purpose && purposeNames.get(record.purpose)) ?? null,
    fields: record.fields.filter((f) => f.effect !== 'deny').map((f) => f.coordinate),
    departments: record.departments,
  };
}

function breakView(found: ChainBreak) {
  return { ...found, description: describeBreak(found) };
}

/** A malformed `after` cursor is the caller's mistake, named as such. */
function cursorError(error: unknown): never {
  if (error instanceof RangeError || error instanceof TypeError) {
    throw badInput('after', error.message);
  }
  throw error;
}
