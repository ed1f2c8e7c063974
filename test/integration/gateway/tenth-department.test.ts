import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DEFAULT_POLICIES_DIR, parsePolicies } from '../../../policies';
import { composeManifest, loadManifest } from '../../../schema';
import {
  prepareDepartment,
  startSubgraph,
  type Database,
  type RunningSubgraph,
} from '../../../subgraphs/kit';
import archives, { ARCHIVES_SDL, BROKEN_TITLE } from '../../fixtures/archives';
import { contextKeys } from '../../support/context';
import { testDatabaseUrl } from '../../support/database';
import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

// A tenth department, built only from the kit (test/fixtures/archives), composed with the nine
// and served behind the gateway: no file of the gateway, the kit or the city changes.

const APPLICANT = 'PCYGN28R6'; // lives in 510107, the caseworker's district
const OUTSIDE = 'P004E3S05'; // lives in 510104
let neighbour: string; // another person of 510107, whose one file cannot be read

let db: Database;
let archivesSubgraph: RunningSubgraph;
let federation: Federation;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  db = await prepareDepartment(archives, testDatabaseUrl());
  const [other] = await db.query<{ id: string }>(
    `SELECT id FROM public_security.person WHERE district_code = '510107' AND id <> $1
      ORDER BY id LIMIT 1`,
    [APPLICANT],
  );
  neighbour = other!.id;
  await db.query('TRUNCATE archive_file');
  await db.query(
    `INSERT INTO archive_file (number, person_id, title) VALUES
       ('A-001', $1, 'Household registration transfer'), ('A-002', $1, 'Pension file'),
       ('A-003', $2, 'Pension file'), ('A-004', $3, $4)`,
    [APPLICANT, OUTSIDE, neighbour, BROKEN_TITLE],
  );
  const logger = pino(
    { base: { service: 'archives' } },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  archivesSubgraph = await startSubgraph(archives, db, {
    port: 0,
    contextKey: contextKeys.publicKey,
    logger,
  });
  const composed = composeManifest([
    ...loadManifest(),
    { name: 'archives', sdl: ARCHIVES_SDL, url: archivesSubgraph.url },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  federation = await startFederation({
    supergraphSdl: composed.supergraphSdl,
    policies: policiesWith(join(__dirname, '..', '..', 'fixtures', 'archives', 'archives.yaml')),
    extraSubgraphs: { archives: archivesSubgraph.url },
  });
});

afterAll(async () => {
  await federation?.stop();
  await archivesSubgraph?.stop();
  await db?.close();
});

/** The real purposes and grants, plus one more grant file. */
function policiesWith(grantFile: string) {
  const read = (file: string) => ({ file, text: readFileSync(file, 'utf8') });
  const grants = join(DEFAULT_POLICIES_DIR, 'grants');
  return parsePolicies(read(join(DEFAULT_POLICIES_DIR, 'purposes.yaml')), [
    ...readdirSync(grants).map((name) => read(join(grants, name))),
    read(grantFile),
  ]);
}

describe('a tenth department built from the kit', () => {
  it('joins a person of public security with its files, under its own grant and row rules', async () => {
    const response = await federation.query(
      `{ person(id: "${APPLICANT}") { name archiveFiles { number title } } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      person: {
        name: expect.any(String),
        archiveFiles: [
          { number: 'A-001', title: 'Household registration transfer' },
          { number: 'A-002', title: 'Pension file' },
        ],
      },
    });
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    expect(record!.subjects).toEqual([APPLICANT]);
    expect(record!.departments).toEqual(expect.arrayContaining(['archives', 'public-security']));
  });

  it('is closed to a purpose its grant does not list', async () => {
    const response = await federation.query(
      `{ person(id: "${APPLICANT}") { archiveFiles { number } } }`,
      {},
      await as('inspector', 'market-supervision'),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('logs an unexpected error with the request id the gateway sent, without the value', async () => {
    const response = await federation.query(
      `{ person(id: "${neighbour}") { archiveFiles { title } } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    const logged = logLines.filter((line) => line.msg === 'unexpected error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      service: 'archives',
      path: expect.stringContaining('title'),
      error: { type: 'Error', message: 'The archive file cannot be read.' },
    });
    expect(logged[0]!.requestId).toBe(record!.request_id);
    expect(JSON.stringify(logged)).not.toContain(neighbour);
  });
});
