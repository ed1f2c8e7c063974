import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';
import { rowConditionsToSql, type PolicyRule } from '../../policies';
import { badInput } from './arguments';
import type { Caller } from './caller';
import type { Database } from './database';

/** A loader's row filter: the type, its condition columns, and the relation field it serves. */
export type RowFilter = readonly [
  type: string,
  columns: Readonly<Record<string, string>>,
  field?: string,
];

/** Where the persons behind some of a department's fields are, as its loaders read them. */
export interface ReachSource {
  /** The coordinates it serves: `Type.field`, or `Type` for every field of the type. */
  readonly serves: readonly string[];
  /** The table (in the department's schema) the loader reads. */
  readonly from: string;
  /** Its columns naming the persons a row is about. */
  readonly persons: readonly string[];
  /** The loader's own row filters, in the loader's terms (store.ts). */
  readonly filters: readonly RowFilter[];
}

/**
 * The root field a department counts a draft grant's persons by: `healthSharingReach`,
 * `publicSecuritySharingReach` (unique per subgraph, so the supergraph composes; the gateway
 * names no department). Its SDL: `<field>(fields: [String!]!, rows: [String!] = []): Int!`.
 */
export function sharingReachField(department: string): string {
  const camel = department.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return `${camel}SharingReach`;
}

/** The purpose a reach is counted under: reviewing a sharing request. */
export const REACH_PURPOSE = 'data-sharing';

/** What a reviewer asks: the draft grant's fields and row scope (`Type.field=value`). */
export interface DraftScope {
  fields: readonly string[];
  rows?: readonly string[] | null;
}

/**
 * The distinct persons a draft grant would open in this department: the draft's fields and
 * rows compiled into the rules a grant becomes (policies/compile.ts), turned into SQL by the
 * same row-rule compiler the loaders use (rowConditionsToSql), over the tables the loaders
 * read. Fails closed: a field the department serves no source for, a row condition on a
 * fact its loaders do not map, or a placeholder (a role has no single $jurisdiction) is an
 * error, never a silent 0.
 */
export async function countReach(
  db: Database,
  sources: readonly ReachSource[],
  scope: DraftScope,
): Promise<number> {
  const fields = scope.fields.map((c, i) => coordinateArg(`fields[${i}]`, c));
  if (fields.length === 0) throw badInput('fields', 'Name the draft grant’s fields.');
  const chosen = sources.filter((s) =>
    fields.some(
      ([type, field]) => s.serves.includes(`${type}.${field}`) || s.serves.includes(type),
    ),
  );
  for (const [i, [type, field]] of fields.entries()) {
    if (!chosen.some((s) => s.serves.includes(`${type}.${field}`) || s.serves.includes(type))) {
      throw badInput(
        `fields[${i}]`,
        `${type}.${field} is not a field whose persons this department can count: name its own fields.`,
      );
    }
  }
  const conditions = rowsArg(scope.rows ?? [], chosen);
  const rules: PolicyRule[] = fields.map(([type, field]) => ({
    action: 'read',
    subject: type,
    fields: [field],
    ...(conditions[type] && { conditions: conditions[type] }),
  }));
  const params: unknown[] = [];
  const selects = chosen.map((source) => {
    const where = source.filters.map(([type, columns, field]) => {
      const condition = rowConditionsToSql(rules, type, columns, params.length, field);
      if (!condition) return 'FALSE';
      params.push(...condition.params);
      return `(${condition.sql})`;
    });
    return `SELECT unnest(ARRAY[${source.persons.join(', ')}]) AS person
              FROM ${source.from} WHERE ${where.join(' AND ')}`;
  });
  const [row] = await db.query<{ persons: number }>(
    `SELECT count(DISTINCT person)::int AS persons FROM (${selects.join(' UNION ALL ')}) opened
      WHERE person IS NOT NULL`,
    params,
  );
  return row!.persons;
}

/**
 * The resolver of a department's `<department>SharingReach(fields, rows)`: for the sharing
 * agencies and the data authority the grants name, under the data-sharing purpose only.
 */
export function sharingReachResolver(sources: readonly ReachSource[]) {
  return (_: unknown, scope: DraftScope, ctx: { db: Database; caller: Caller }) => {
    if (ctx.caller.purpose !== REACH_PURPOSE) {
      throw new GraphQLError(
        `The persons a draft grant opens are counted for reviewing a sharing request: purpose ${REACH_PURPOSE}.`,
        { extensions: { code: ErrorCode.FORBIDDEN } },
      );
    }
    return countReach(ctx.db, sources, scope);
  };
}

const COORDINATE = /^([A-Z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)$/;

function coordinateArg(argument: string, value: string): [string, string] {
  const match = COORDINATE.exec(value);
  if (!match) throw badInput(argument, `${argument} is Type.field, e.g. Person.vaccinations.`);
  return [match[1]!, match[2]!];
}

/** `Type.field=value` conditions, each on a fact one of the chosen sources filters on. */
function rowsArg(
  rows: readonly string[],
  chosen: readonly ReachSource[],
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  rows.forEach((row, i) => {
    const argument = `rows[${i}]`;
    const at = row.indexOf('=');
    const [type, field] = coordinateArg(argument, at < 0 ? row : row.slice(0, at));
    const value = at < 0 ? '' : row.slice(at + 1);
    if (value === '' || value.startsWith('$')) {
      throw badInput(
        argument,
        `${argument} needs a value a role-wide grant can be counted on (a placeholder such as $jurisdiction differs per official).`,
      );
    }
    const mapped = chosen.some((s) =>
      s.filters.some(([t, columns]) => t === type && Object.hasOwn(columns, field)),
    );
    if (!mapped) {
      throw badInput(
        argument,
        `${type}.${field} is not a fact this department's rows can be limited by for these fields.`,
      );
    }
    out[type] = { ...out[type], [field]: value };
  });
  return out;
}
