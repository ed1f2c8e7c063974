import { createHash } from 'node:crypto';
import {
  caseworkerReads,
  consolePage,
  newCaseNumber,
  signIn,
  useConsole,
} from '../../support/console';

// Item 1's export proves itself: from the exported file alone (no database, no console, no
// code of this project) each record's hash is recomputed from its prev_hash and canonical text,
// and the canonical text is the record the other columns show.
const federation = useConsole();
const APPLICANT = 'PCYGN28R6';

/** The recipe the export states: hex(SHA-256(prev_hash + "\n" + canonical)). */
const sha256Link = (prevHash: string, canonical: string) =>
  createHash('sha256').update(`${prevHash}\n${canonical}`, 'utf8').digest('hex');

/** RFC 4180 rows ('#' lines left out): quoted cells with doubled quotes, CRLF between rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\r')) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      // CRLF ends a row.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
  }
  return rows.filter((r) => !r[0]!.startsWith('#'));
}

describe('the export carries what recomputes every hash', () => {
  const caseNumber = newCaseNumber();
  let cookie: string;

  beforeAll(async () => {
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    cookie = await signIn(federation(), 'auditor');
  });

  it('JSON Lines: each record’s hash recomputes from prevHash and canonical; canonical is the record', async () => {
    const file = await consolePage(
      federation(),
      cookie,
      `/console/records/export?format=jsonl&caseNumber=${caseNumber}`,
    );
    const lines = file.html
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const records = lines.filter((l) => l.type === 'record');
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(sha256Link(r.prevHash, r.canonical)).toBe(r.hash);
      const content = JSON.parse(r.canonical);
      expect(content).toMatchObject({
        format: r.format,
        id: r.id,
        streamId: r.streamId,
        seq: r.seq,
        time: r.time,
        caseNumber,
        purpose: r.purpose,
        subjects: r.subjects,
        departments: r.departments,
      });
      expect(r.format).toBe(6);
      // A changed purpose no longer gives the stored hash.
      const forged = r.canonical.replace(r.purpose, 'tax-audit');
      expect(sha256Link(r.prevHash, forged)).not.toBe(r.hash);
    }
    const proof = lines.at(-1);
    expect(proof.recipe).toContain('hash = hex(SHA-256(UTF-8 of prev_hash + "\\n" + canonical))');
  });

  it('CSV: the same, cell by cell, after a spreadsheet-safe round trip', async () => {
    const file = await consolePage(
      federation(),
      cookie,
      `/console/records/export?format=csv&caseNumber=${caseNumber}`,
    );
    const [header, ...rows] = parseCsv(file.html);
    const at = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const canonical = row[at('canonical')]!;
      expect(sha256Link(row[at('prev_hash')]!, canonical)).toBe(row[at('hash')]);
      expect(JSON.parse(canonical)).toMatchObject({
        id: row[at('id')],
        format: Number(row[at('format')]),
        caseNumber,
      });
    }
  });
});
