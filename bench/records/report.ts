import { fixed } from '../stats';
import type { RecordsBench } from './section';

/** The records section of latest.md. */
export function renderRecords(bench: RecordsBench): string[] {
  const { store, verify } = bench;
  return [
    '',
    '## Access records: the store at scale',
    '',
    `Store: ${store.records.toLocaleString('en')} records over ${store.months} monthly partitions ` +
      `(${fixed(store.sizeMb / 1024, 1)} GiB with indexes), ` +
      (store.seededS === null
        ? 'seeded by an earlier run.'
        : `seeded in ${fixed(store.seededS / 60, 1)} min (COPY, then each month attached with its indexes built in bulk).`),
    '',
    '### Sustained appends (every index, partition and the checkpointer on; closed-loop producers)',
    '',
    '| producers (pause ms) | pipeline depth | records/s | transactions (failed) | records/transaction | round trips/transaction | p50 ms | p99 ms | checkpoints |',
    '| --: | --: | --: | --: | --: | --: | --: | --: | --: |',
    ...bench.append.map(
      (a) =>
        `| ${a.producers} (0–${a.thinkMs}) | ${a.pipelineDepth} | ${fixed(a.recordsPerS, 0)} | ${a.transactions} (${a.failedTransactions}) | ` +
        `${fixed(a.recordsPerTransaction, 1)} | ${fixed(a.roundTripsPerTransaction, 2)} | ` +
        `${fixed(a.p50Ms, 1)} | ${fixed(a.p99Ms, 1)} | ${a.checkpoints} |`,
    ),
    '',
    '### Searches (median of runs, through recordsAbout / searchRecords)',
    '',
    '| search | rows | median ms | runs ms |',
    '| --- | --: | --: | --- |',
    ...bench.queries.map(
      (q) =>
        `| ${q.name} | ${q.rows} | ${fixed(q.medianMs, 1)} | ${q.timesMs.map((t) => fixed(t, 1)).join(', ')} |`,
    ),
    '',
    `Verify: ${verify.records.toLocaleString('en')} records of ${verify.streamId} walked and rehashed in ` +
      `${fixed(verify.seconds, 1)} s = ${fixed(verify.secondsPerMillion, 0)} s per million records ` +
      `(${verify.ok ? 'chain intact' : 'BROKEN'}).`,
    '',
    '<details><summary>Query plans (EXPLAIN ANALYZE, BUFFERS)</summary>',
    '',
    ...bench.queries.flatMap((q) => [`**${q.name}**`, '', '```', q.plan, '```', '']),
    '</details>',
  ];
}
