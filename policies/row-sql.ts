import { rulesToCondition } from '@casl/ability/extra';
import { createPolicyCaslAbility, type PolicyRule } from './rules';

/** A parameterised SQL boolean expression: `$n` placeholders and their values, in order. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: unknown[];
}

const READ_ACTIONS = new Set(['read', 'read:masked']);

/**
 * Where a row fact lives in SQL: a scalar column (an expression), or a text[] column holding
 * the fact's values (a record's provider departments), where a condition holds when the list
 * contains the value (`@>`, which a GIN index serves) or, for `$in`, any of the values (`&&`).
 */
export type RowColumn = string | { readonly list: string };

/**
 * The read ability of a rule list, built once per list: a caller filters every load of its
 * request with one list, which is never changed after.
 */
const readAbilities = new WeakMap<
  readonly PolicyRule[],
  ReturnType<typeof createPolicyCaslAbility>
>();

function readAbility(rules: readonly PolicyRule[]): ReturnType<typeof createPolicyCaslAbility> {
  let ability = readAbilities.get(rules);
  if (!ability) {
    const readRules = rules.flatMap((rule): PolicyRule[] =>
      [rule.action].flat().some((a) => READ_ACTIONS.has(a)) ? [{ ...rule, action: 'read' }] : [],
    );
    ability = createPolicyCaslAbility(readRules);
    readAbilities.set(rules, ability);
  }
  return ability;
}

/**
 * Turns the row conditions of the rules for reading `type` (in full or masked: both return
 * the row) into a SQL boolean expression for a department's WHERE clause: OR across rules,
 * AND within one rule's conditions, equality and `$in` only. Each field maps to a column
 * through `columns` (a list column: the list contains the value, as CASL matches an array
 * fact); a field missing from the map, any other operator, or a list condition on anything but
 * text, becomes FALSE (fail closed). A rule without conditions is TRUE. Returns null when no rule lets the
 * consumer read the type at all: select nothing. Parameters are numbered from
 * `paramOffset + 1`; with `field`, only the rules opening that field count.
 */
export function rowConditionsToSql(
  rules: readonly PolicyRule[],
  type: string,
  columns: Readonly<Record<string, RowColumn>>,
  paramOffset = 0,
  field?: string,
): SqlCondition | null {
  const ability = readAbility(rules);
  const params: unknown[] = [];
  const parameter = (value: unknown): string => {
    params.push(value);
    return `$${paramOffset + params.length}`;
  };
  const toSql = (rule: { conditions?: unknown; inverted: boolean }): string => {
    const sql = conjunction(
      Object.entries((rule.conditions ?? {}) as Record<string, unknown>).map(([name, value]) =>
        comparison(Object.hasOwn(columns, name) ? columns[name] : undefined, value, parameter),
      ),
    );
    return rule.inverted ? `NOT ${sql}` : sql;
  };
  const sql = rulesToCondition(ability.rulesFor('read', type, field), toSql, {
    and: conjunction,
    or: (parts) => (parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`),
    empty: () => 'TRUE',
  });
  return sql === null ? null : { sql, params };
}

function comparison(
  column: RowColumn | undefined,
  value: unknown,
  parameter: (value: unknown) => string,
): string {
  if (column === undefined) return 'FALSE';
  if (typeof column !== 'string') return listComparison(column.list, value, parameter);
  if (isScalar(value)) return `${column} = ${parameter(value)}`;
  if (value && typeof value === 'object' && Object.keys(value).length === 1) {
    const { $eq, $in } = value as { $eq?: unknown; $in?: unknown };
    if (isScalar($eq)) return `${column} = ${parameter($eq)}`;
    if (Array.isArray($in) && $in.length > 0 && $in.every(isScalar)) {
      return `${column} IN (${$in.map(parameter).join(', ')})`;
    }
  }
  return 'FALSE';
}

/** A condition on a text[] column: it contains the value, or (`$in`) shares one with the values. */
function listComparison(
  column: string,
  value: unknown,
  parameter: (value: unknown) => string,
): string {
  const single =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && Object.keys(value).length === 1
        ? (value as { $eq?: unknown }).$eq
        : undefined;
  if (typeof single === 'string') return `${column} @> ARRAY[${parameter(single)}]::text[]`;
  const $in = value && typeof value === 'object' ? (value as { $in?: unknown }).$in : undefined;
  if (
    Object.keys(value ?? {}).length === 1 &&
    Array.isArray($in) &&
    $in.length > 0 &&
    $in.every((v) => typeof v === 'string')
  ) {
    return `${column} && ARRAY[${$in.map(parameter).join(', ')}]::text[]`;
  }
  return 'FALSE';
}

function conjunction(parts: string[]): string {
  if (parts.length === 0) return 'TRUE';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

function isScalar(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean'
  );
}
