import type { FlowRecord } from '../queries/sharing';

/** Disclosures from one providing department to one consuming department for one purpose. */
export interface Flow {
  provider: string;
  consumer: string;
  purpose: string;
  count: number;
}

/**
 * Counts, per (provider, consumer, purpose), the served records whose operation called the
 * provider: a record calling three departments counts once for each. Most frequent first.
 */
export function countFlows(records: readonly FlowRecord[]): Flow[] {
  const counts = new Map<string, Flow>();
  for (const record of records) {
    const consumer = record.consumer.department ?? '(citizen)';
    const purpose = record.purpose ?? '—';
    for (const provider of new Set(record.departments)) {
      const key = JSON.stringify([provider, consumer, purpose]);
      const flow = counts.get(key) ?? { provider, consumer, purpose, count: 0 };
      flow.count += 1;
      counts.set(key, flow);
    }
  }
  return [...counts.values()].sort(
    (a, b) =>
      b.count - a.count ||
      a.provider.localeCompare(b.provider) ||
      a.consumer.localeCompare(b.consumer) ||
      a.purpose.localeCompare(b.purpose),
  );
}

/** The total each side moved: providers and consumers, most first. */
export function totals(flows: readonly Flow[], side: 'provider' | 'consumer'): [string, number][] {
  const sums = new Map<string, number>();
  for (const flow of flows) sums.set(flow[side], (sums.get(flow[side]) ?? 0) + flow.count);
  return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
