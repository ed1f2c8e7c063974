import { addWorkingDays } from '../../../domain/calendar';
import type { AnomalyPolicy, RuleName } from './policy';

/** What a rule sees of one access record: no value read, only who, why, whom and how it ended. */
export interface Observation {
  /** The access record's id: the evidence an incident names. */
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  official: string;
  department: string | null;
  role: string | null;
  purpose: string | null;
  caseNumber: string | null;
  outcome: 'served' | 'refused' | 'failed';
  /** Pseudonymous ids of the persons disclosed. */
  subjects: readonly string[];
  /** Whether a SENSITIVE field was served (in full or masked). */
  sensitive: boolean;
  clientAddress: string | null;
  operationHash: string;
}

/** The directory facts the household rule joins: per official, persons they must not look up. */
export interface Relations {
  /** The official's own household members (persons), themselves included. */
  household: ReadonlySet<string>;
  /** Persons who are officials of the same department. */
  colleagues: ReadonlySet<string>;
}

/** What every rule is given besides the records. */
export interface RuleContext {
  policy: AnomalyPolicy;
  /** The end of the evaluated window (milliseconds): a rule looks back from here. */
  now: number;
  relations(official: string): Relations | undefined;
}

/** What a rule reports: one incident, explained, with its evidence. */
export interface Finding {
  rule: RuleName;
  /** The official concerned (null: a pattern over many, e.g. one person read by many). */
  official: string | null;
  department: string | null;
  /** Access record ids. */
  evidence: string[];
  /** A sentence saying what was seen and which parameter it passed; no personal value. */
  explanation: string;
  /** The same sentence in Chinese, as the console shows it. */
  explanationZh: string;
  /** Same key, same incident: the runner does not report it twice. */
  key: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** Records within the last `ms` before `now`. */
export function within(records: readonly Observation[], now: number, ms: number) {
  return records.filter((r) => r.at > now - ms && r.at <= now);
}

/** Groups items by a key; items whose key is null are left out. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The China Standard Time day of an instant, as a day number. */
export function beijingDayOf(at: number): number {
  return Math.floor((at + BEIJING_OFFSET_MS) / DAY_MS);
}

/** Whether an instant falls in working hours: a working day (the calendar's), start to end, CST. */
export function isWorkingTime(at: number, hours: AnomalyPolicy['workingHours']): boolean {
  const day = beijingDayOf(at);
  // The calendar is the one authority on working days (holidays when it knows them).
  if (addWorkingDays(day - 1, 1) !== day) return false;
  const minute = Math.floor(((at + BEIJING_OFFSET_MS) % DAY_MS) / 60_000);
  return minute >= toMinutes(hours.start) && minute < toMinutes(hours.end);
}

function toMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** A window bucket for dedupe keys: the same pattern in the same bucket is one incident. */
export function bucket(at: number, ms: number): number {
  return Math.floor(at / ms);
}

/** What a per-official rule says about one official's records: nothing, or why and which. */
export type Judgement = { explanation: string; explanationZh: string; evidence?: string[] } | null;

/**
 * The common shape of per-official rules: the records of the window that `select` keeps,
 * grouped by official, each group judged; a judged group is one finding for that window.
 */
export function perOfficial(
  rule: RuleName,
  records: readonly Observation[],
  ctx: RuleContext,
  windowMs: number,
  select: (r: Observation) => boolean,
  judge: (official: string, own: Observation[]) => Judgement,
): Finding[] {
  const findings: Finding[] = [];
  const groups = groupBy(within(records, ctx.now, windowMs).filter(select), (r) => r.official);
  for (const [official, own] of groups) {
    const judgement = judge(official, own);
    if (judgement === null) continue;
    findings.push({
      rule,
      official,
      department: own[0]!.department,
      evidence: judgement.evidence ?? own.map((r) => r.id),
      explanation: judgement.explanation,
      explanationZh: judgement.explanationZh,
      key: `${rule}:${official}:${bucket(ctx.now, windowMs)}`,
    });
  }
  return findings;
}
