import type { Operation } from '../graph';
import type { PageContext } from '../page';

/** Records fetched per graph call while collecting (the graph's largest page). */
const PAGE = 200;

/**
 * Every record matching `filter`, page by page through the graph, up to `max`; `cut` says
 * more matched. `operation` takes $filter, $first and $after and returns accessRecords.
 */
export async function allRecords<T>(
  graph: PageContext['graph'],
  operation: Operation,
  filter: Record<string, unknown>,
  max: number,
): Promise<{ records: T[]; cut: boolean }> {
  const records: T[] = [];
  let after: string | null = null;
  do {
    const page: { accessRecords: { records: T[]; next: string | null } } = await graph(operation, {
      filter,
      first: PAGE,
      after,
    });
    records.push(...page.accessRecords.records);
    after = page.accessRecords.next;
  } while (after && records.length < max);
  return { records, cut: after !== null };
}
