import { describeConsumer, grantIsFor } from './consumers';
import { expiryInstant, isExpired } from './expiry';
import { grantOpenings, splitCoordinate } from './openings';
import { resolveRows, type ResolvedConditions } from './placeholders';
import type { Grant, PolicySet } from './policy-set';
import type { PolicyRule } from './rules';
import type { Classification, Consumer } from './types';

/** A CASL rule with where it came from. */
export interface CompiledRule {
  readonly rule: PolicyRule;
  /** The grant it compiles; null for the built-in UNCONDITIONAL rules. */
  readonly grantId: string | null;
  /** The department whose fields it opens, and which enforces its rows. */
  readonly provider: string;
}

/** The rules for one consumer and purpose, and why some grants for them did not apply. */
export interface CompiledRules {
  /** In CASL order: later rules take precedence (the built-in rules come last). */
  readonly rules: readonly CompiledRule[];
  /** Coordinate → sentences on grants for this consumer and purpose that do not open it. */
  readonly notes: ReadonlyMap<string, readonly string[]>;
  /** When these rules stop being right (the earliest expiry of an applied grant), ms since epoch. */
  readonly validUntil: number;
}

/**
 * Compiles the grants that apply to a consumer under a purpose into CASL rules: the grant is
 * for the consumer (department, role, application), lists the purpose, has not expired, and
 * every placeholder of its rows resolves for this consumer (otherwise it is not applied at
 * all: fail closed). UNCONDITIONAL fields are readable by everyone, anonymous callers included.
 */
export function compileRules(
  policies: PolicySet,
  classification: Classification,
  consumer: Consumer,
  purpose: string,
  now: Date,
  document: string | null = null,
): CompiledRules {
  const rules: CompiledRule[] = [];
  const notes = new Map<string, string[]>();
  const note = (coordinate: string, sentence: string) =>
    notes.set(coordinate, [...(notes.get(coordinate) ?? []), sentence]);
  let validUntil = Infinity;

  for (const grant of policies.grants) {
    if (!grantIsFor(grant.consumer, consumer) || !grant.purposes.includes(purpose)) continue;
    const { opened, refused } = grantOpenings(grant, classification);
    for (const { coordinate, why } of refused) {
      note(coordinate, `Grant ${grant.id} names ${coordinate}, which ${why}.`);
    }
    const blocker = whyNotApplied(grant, consumer, now, document);
    if (blocker) {
      for (const { coordinate } of opened) {
        note(coordinate, `Grant ${grant.id} would open ${coordinate} but ${blocker}.`);
      }
      continue;
    }
    const conditions = resolvedRows(grant, consumer);
    validUntil = Math.min(validUntil, expiryInstant(grant.expires));
    for (const openings of groupBy(opened, (o) => `${o.type}\n${o.access}`)) {
      const { type, access } = openings[0]!;
      const action = access === 'full' ? 'read' : 'read:masked';
      const fields = openings.map((o) => o.field);
      rules.push({
        rule: rule(action, type, fields, conditions.get(type)),
        grantId: grant.id,
        provider: grant.provider,
      });
    }
  }
  rules.push(...builtInRules(classification));
  return { rules, notes, validUntil };
}

function whyNotApplied(
  grant: Grant,
  consumer: Consumer,
  now: Date,
  document: string | null,
): string | null {
  if (isExpired(grant.expires, now)) {
    return `it expired on ${grant.expires}; its provider, ${grant.provider}, may renew it`;
  }
  if (grant.documents && !documentAllowed(grant.documents, document)) {
    return grant.documents === 'only'
      ? "it applies only to documents registered in the consumer's application manifest, and this one is not"
      : 'it applies only to the documents it lists, and this one is not among them';
  }
  for (const rows of Object.values(grant.rows ?? {})) {
    const resolution = resolveRows(rows, consumer);
    if ('unresolved' in resolution) {
      return `its rows need ${resolution.unresolved}, which ${describeConsumer(consumer)} does not have`;
    }
  }
  return null;
}

/** Fail closed: an unlisted (null) document never satisfies a restriction. */
function documentAllowed(allowed: 'only' | readonly string[], document: string | null): boolean {
  if (document === null) return false;
  return allowed === 'only' || allowed.includes(document);
}

function resolvedRows(grant: Grant, consumer: Consumer): Map<string, ResolvedConditions> {
  const resolved = new Map<string, ResolvedConditions>();
  for (const [type, rows] of Object.entries(grant.rows ?? {})) {
    const resolution = resolveRows(rows, consumer);
    if ('conditions' in resolution && Object.keys(resolution.conditions).length > 0) {
      resolved.set(type, resolution.conditions);
    }
  }
  return resolved;
}

function rule(
  action: PolicyRule['action'],
  subject: string,
  fields: string[],
  conditions: ResolvedConditions | undefined,
): PolicyRule {
  return conditions ? { action, subject, fields, conditions } : { action, subject, fields };
}

const builtIns = new WeakMap<Classification, readonly CompiledRule[]>();

/** UNCONDITIONAL fields: one rule per type and owner, without conditions. A field without an owner stays closed. */
function builtInRules(classification: Classification): readonly CompiledRule[] {
  let rules = builtIns.get(classification);
  if (!rules) {
    const unconditional = [...classification].flatMap(([coordinate, label]) => {
      if (label.sharing !== 'UNCONDITIONAL' || label.owner === null) return [];
      const [type, field] = splitCoordinate(coordinate);
      return [{ type, field, owner: label.owner }];
    });
    rules = groupBy(unconditional, (f) => `${f.type}\n${f.owner}`).map((fields) => ({
      rule: rule(
        'read',
        fields[0]!.type,
        fields.map((f) => f.field),
        undefined,
      ),
      grantId: null,
      provider: fields[0]!.owner,
    }));
    builtIns.set(classification, rules);
  }
  return rules;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}
