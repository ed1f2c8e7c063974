import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type pg from 'pg';
import type { ExportTrailer, StoredRecord } from '../../../records';
import {
  canonicalRecord,
  createRecordWriter,
  exportJsonLines,
  GENESIS_HASH,
  hashRecord,
} from '../../../records';
import { run } from '../../../scripts/audit';
import { testDatabaseUrl } from '../../support/database';
import { scratchDir } from '../../support/scratch';
import { caseworkerChecksEligibility, freshRecordsSchema } from './support';

const exportDir = scratchDir('audit-export-');

const schema = 'records_export_test';
let pool: pg.Pool;
beforeAll(async () => {
  pool = await freshRecordsSchema(schema);
  for (const streamId of ['gw-1', 'gw-2']) {
    const writer = createRecordWriter({ pool, streamId, schema });
    for (let day = 1; day <= 5; day++) {
      await writer.append(caseworkerChecksEligibility({ time: `2025-03-0${day}T08:00:00Z` }));
    }
    await writer.close();
  }
});
afterAll(() => pool.end());

type Line = (StoredRecord & { type: 'record'; format: number }) | ExportTrailer;

function parseLines(text: string): Line[] {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

async function exportToText(from: string, to: string): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += c));
  await exportJsonLines(pool, { from, to, schema }, out);
  return text;
}

describe('exportJsonLines', () => {
  it('writes the records of the range by stream and seq, then the stream heads', async () => {
    const lines = parseLines(await exportToText('2025-03-02T00:00:00Z', '2025-03-04T00:00:00Z'));
    expect(lines.map((l) => (l.type === 'record' ? `${l.streamId}#${l.seq}` : l.type))).toEqual([
      'gw-1#2',
      'gw-1#3',
      'gw-2#2',
      'gw-2#3',
      'heads',
    ]);
    const trailer = lines.at(-1) as ExportTrailer;
    expect(trailer).toEqual({
      type: 'heads',
      from: '2025-03-02T00:00:00Z',
      to: '2025-03-04T00:00:00Z',
      records: 4,
      streams: [
        { streamId: 'gw-1', seq: 5, hash: expect.any(String), recordId: expect.any(String) },
        { streamId: 'gw-2', seq: 5, hash: expect.any(String), recordId: expect.any(String) },
      ],
    });
  });

  it('carries a proof anyone can check: each hash recomputes and links to the one before', async () => {
    const lines = parseLines(await exportToText('2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'));
    const records = lines.filter((l) => l.type === 'record');
    expect(records).toHaveLength(10);
    const last = new Map<string, string>();
    for (const r of records) {
      expect(r).not.toHaveProperty('value');
      expect(hashRecord(r.prevHash, canonicalRecord(r, r.format))).toBe(r.hash);
      expect(r.prevHash).toBe(last.get(r.streamId) ?? GENESIS_HASH);
      last.set(r.streamId, r.hash);
    }
    const trailer = lines.at(-1) as ExportTrailer;
    for (const head of trailer.streams) expect(last.get(head.streamId)).toBe(head.hash);
  });

  it('is what npm run audit -- export writes to --out', async () => {
    const file = join(exportDir, 'records.jsonl');
    const stderr = new PassThrough();
    let message = '';
    stderr.on('data', (c) => (message += c));
    const code = await run(
      [
        'export',
        '--from',
        '2025-03-05T00:00:00Z',
        '--to',
        '2025-03-06T00:00:00Z',
        '--out',
        file,
        '--schema',
        schema,
      ],
      { stdout: new PassThrough(), stderr, env: { DATABASE_URL: testDatabaseUrl() } },
    );
    expect(code).toBe(0);
    expect(message).toBe(
      `Exported 2 records (2025-03-05T00:00:00Z to 2025-03-06T00:00:00Z) with 2 stream heads to ${file}.\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(
      await exportToText('2025-03-05T00:00:00Z', '2025-03-06T00:00:00Z'),
    );
  });
});
