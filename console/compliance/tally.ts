/** What the compliance report reads of a record: no person, no value. */
export interface ComplianceRecord {
  consumer: { department: string | null };
  purpose: string | null;
  outcome: string;
  fields: { pi: string; effect: string }[];
}

/** Disclosures of one consumer department for one purpose in the period. */
export interface Tally {
  department: string;
  purpose: string;
  served: number;
  refused: number;
  /** Served records that disclosed (in full or masked) a SENSITIVE field. */
  sensitive: number;
  /** Served records that disclosed a PERSONAL field and no SENSITIVE one. */
  personal: number;
}

/** Counts records per (consumer department, purpose), busiest first. */
export function tally(records: readonly ComplianceRecord[]): Tally[] {
  const rows = new Map<string, Tally>();
  for (const r of records) {
    const department = r.consumer.department ?? '(citizen)';
    const purpose = r.purpose ?? '—';
    const key = JSON.stringify([department, purpose]);
    const row = rows.get(key) ?? {
      department,
      purpose,
      served: 0,
      refused: 0,
      sensitive: 0,
      personal: 0,
    };
    if (r.outcome === 'SERVED') {
      row.served += 1;
      const disclosed = r.fields.filter((f) => f.effect !== 'DENY').map((f) => f.pi);
      if (disclosed.includes('SENSITIVE')) row.sensitive += 1;
      else if (disclosed.includes('PERSONAL')) row.personal += 1;
    } else row.refused += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.served + b.refused - (a.served + a.refused) || a.department.localeCompare(b.department),
  );
}
