import { compileRules } from './compile';
import { describeConsumer, grantIsFor } from './consumers';
import {
  FIELD_FACTS,
  LOOKUPS,
  MIN_CANDIDATES,
  SAME_VALUE,
  VALUE_MODELS,
  type PersonFact,
  type ValueModel,
} from './linkage-model';
import { isPositional, keptPositions } from './mask-keeps';
import type { Access, PolicySet } from './policy-set';
import type { Classification, Consumer } from './types';

/** A masked field that the rest of what its consumer reads gives away. */
export interface LinkageProblem {
  /** The grants that open the field masked to this consumer and purpose. */
  readonly grantIds: readonly string[];
  readonly message: string;
}

/** How a consumer reads a field under one purpose, and by which grants ('UNCONDITIONAL' for none). */
interface Read {
  readonly access: Access;
  readonly grants: readonly string[];
}

/**
 * For every consumer and purpose the grants produce (the grants applied as compileRules
 * applies them, UNCONDITIONAL fields included), every field read masked whose full value
 * can be rebuilt: another field with the same value is readable in full, other fields tell
 * the fact it is (a birth date from the ID number), a lookup by the full value is open, or
 * fewer than MIN_CANDIDATES values fit the mask and the facts read about the person. Row conditions are not compared: the rows may be the same person's.
 */
export function findLinkage(
  policies: PolicySet,
  classification: Classification,
  now: Date,
): LinkageProblem[] {
  const problems = new Map<string, LinkageProblem>();
  for (const consumer of consumersOf(policies)) {
    const purposes = new Set(
      policies.grants.filter((g) => grantIsFor(g.consumer, consumer)).flatMap((g) => g.purposes),
    );
    for (const purpose of purposes) {
      const reads = readsOf(policies, classification, consumer, purpose, now);
      const who = `${describeConsumer(consumer)} under '${purpose}'`;
      for (const problem of problemsIn(reads, classification, who)) {
        problems.set(JSON.stringify(problem), problem);
      }
    }
  }
  return [...problems.values()];
}

/** One consumer per grant consumer clause: each application, and none. */
function consumersOf(policies: PolicySet): Consumer[] {
  const consumers = new Map<string, Consumer>();
  const add = (consumer: Omit<Consumer, 'id' | 'jurisdiction' | 'personId'>) =>
    consumers.set(JSON.stringify(consumer), {
      ...consumer,
      id: 'linkage-lint',
      jurisdiction: consumer.kind === 'official' ? '000000' : null,
      personId: consumer.kind === 'citizen' ? 'linkage-lint' : null,
    });
  for (const { consumer } of policies.grants) {
    if ('citizen' in consumer) {
      add({ kind: 'citizen', department: null, role: null, application: null });
      continue;
    }
    const official = { kind: 'official', department: consumer.department, role: consumer.role };
    add({ ...official, kind: 'official', application: null });
    if (consumer.application)
      add({ ...official, kind: 'official', application: consumer.application });
  }
  return [...consumers.values()];
}

function readsOf(
  policies: PolicySet,
  classification: Classification,
  consumer: Consumer,
  purpose: string,
  now: Date,
): Map<string, Read> {
  const reads = new Map<string, Read>();
  for (const { rule, grantId } of compileRules(policies, classification, consumer, purpose, now)
    .rules) {
    const access: Access = rule.action === 'read' ? 'full' : 'masked';
    for (const field of rule.fields ?? []) {
      const coordinate = `${String(rule.subject)}.${field}`;
      const before = reads.get(coordinate);
      const grant = grantId ?? 'UNCONDITIONAL';
      if (!before || (before.access === 'masked' && access === 'full')) {
        reads.set(coordinate, { access, grants: [grant] });
      } else if (before.access === access && !before.grants.includes(grant)) {
        reads.set(coordinate, { access, grants: [...before.grants, grant] });
      }
    }
  }
  return reads;
}

function problemsIn(
  reads: ReadonlyMap<string, Read>,
  classification: Classification,
  who: string,
): LinkageProblem[] {
  const problems: LinkageProblem[] = [];
  const named = (coordinate: string) =>
    `${coordinate} (${reads.get(coordinate)?.grants.join(', ') ?? ''})`;
  for (const [coordinate, read] of reads) {
    const style = classification.get(coordinate)?.mask ?? 'NONE';
    if (read.access !== 'masked' || style === 'NONE') continue;
    const report = (message: string) => problems.push({ grantIds: read.grants, message });
    const twins = sameValueAs(coordinate).filter((c) => reads.has(c));
    const inFull = twins.filter((c) => reads.get(c)!.access === 'full');
    if (inFull.length > 0) {
      report(
        `${who} reads ${coordinate} masked, but the same value is readable in full as ${inFull.map(named).join(', ')}: mask it there too, or open neither.`,
      );
    }
    const lookups = (LOOKUPS[coordinate] ?? []).filter((c) => reads.has(c));
    if (lookups.length > 0) {
      report(
        `${who} reads ${coordinate} masked, but can try every candidate full value with ${lookups.map(named).join(', ')}: do not open both to one consumer and purpose.`,
      );
    }
    const facts = factsRead(reads);
    const is = FIELD_FACTS[coordinate]?.is;
    const tellers = is ? (facts.get(is) ?? []).filter((c) => c !== coordinate) : [];
    if (tellers.length > 0 && inFull.length === 0) {
      report(
        `${who} reads ${coordinate} masked, but ${tellers.map(named).join(', ')} ${tellers.length === 1 ? 'tells' : 'tell'} its full value (${is}): mask those too, or open ${coordinate} in full.`,
      );
    }
    const model = isPositional(style) ? VALUE_MODELS[style] : undefined;
    if (!isPositional(style) || !model || inFull.length > 0) continue;
    // Masked twins keep no more than this field when they share its style.
    const kept = new Set(keptPositions(style, model.length));
    const left = candidatesLeft(model, kept, new Set(facts.keys()));
    if (left.candidates < MIN_CANDIDATES) {
      const narrowing = new Set(model.parts.flatMap((p) => Object.keys(p.narrowedBy ?? {})));
      const sources = [
        ...new Set([...facts].filter(([fact]) => narrowing.has(fact)).flatMap(([, c]) => c)),
      ];
      report(
        `${who} reads ${coordinate} masked in the ${style} style, and with what else it reads about the person (${sources.map(named).join(', ') || 'nothing else'}) only ${count(left.candidates)} full values fit (${left.formula}), fewer than ${count(MIN_CANDIDATES)}: mask or drop one of those fields, or stop opening ${coordinate}.`,
      );
    }
  }
  return problems;
}

function sameValueAs(coordinate: string): string[] {
  return SAME_VALUE.filter((group) => group.includes(coordinate))
    .flat()
    .filter((c) => c !== coordinate);
}

/** Fact → the fields read that reveal it. */
function factsRead(reads: ReadonlyMap<string, Read>): Map<PersonFact, string[]> {
  const facts = new Map<PersonFact, string[]>();
  for (const [coordinate, read] of reads) {
    const known = FIELD_FACTS[coordinate];
    for (const fact of (read.access === 'full' ? known?.full : known?.masked) ?? []) {
      facts.set(fact, [...(facts.get(fact) ?? []), coordinate]);
    }
  }
  return facts;
}

/** The full values that fit what is kept and known, part by part, and the product that counts them. */
export function candidatesLeft(
  model: ValueModel,
  kept: ReadonlySet<number>,
  facts: ReadonlySet<PersonFact>,
): { candidates: number; formula: string } {
  let candidates = 1;
  const terms: string[] = [];
  for (const part of model.parts) {
    let keptHere = 0;
    for (let i = part.from; i < part.to; i++) if (kept.has(i)) keptHere++;
    const byKept =
      keptHere === part.to - part.from ? 1 : part.candidates / part.alphabet ** keptHere;
    const byFacts = Object.entries(part.narrowedBy ?? {})
      .filter(([fact]) => facts.has(fact as PersonFact))
      .map(([, left]) => left);
    const left = Math.max(1, Math.min(part.candidates, byKept, ...byFacts));
    candidates *= left;
    terms.push(`${part.name} ${count(left)}`);
  }
  let formula = terms.join(' × ');
  if (model.check && kept.has(model.check.at) && candidates > 1) {
    candidates = Math.max(1, candidates / model.check.divides);
    formula += ` ÷ ${model.check.divides} (check character shown)`;
  }
  return { candidates: Math.floor(candidates), formula };
}

function count(n: number): string {
  return Math.floor(n).toLocaleString('en-US');
}
