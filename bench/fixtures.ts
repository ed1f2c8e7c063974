import pg from 'pg';
import { demoClaims, mintToken, type DemoConsumerName } from '../gateway/identity';
import { BENCH_DISTRICT } from './operations';

/** Ids drawn once from the dataset, so every request can ask for another entity. */
export interface Fixtures {
  usccs: readonly string[];
  /** Persons of BENCH_DISTRICT (the caseworker's jurisdiction). */
  personIds: readonly string[];
  /** How many persons BENCH_DISTRICT has (bounds the persons list's offsets). */
  districtPersons: number;
  /** A development bearer token per consumer, signed with .data/keys (the gateway's dev key). */
  tokens: Readonly<Partial<Record<DemoConsumerName, string>>>;
}

/** Ids sampled per kind: enough that the departments' caches and PostgreSQL's see varied rows. */
export const FIXTURE_SAMPLE = 5000;

/** Reads the ids from the departments' databases (URL per subgraph name); mints the consumers' tokens. */
export async function loadFixtures(
  databaseUrls: Readonly<Record<string, string>>,
  consumers: readonly DemoConsumerName[],
): Promise<Fixtures> {
  const usccs = await column(
    databaseUrls['market-regulation']!,
    'SELECT uscc AS value FROM market_regulation.enterprise ORDER BY md5(uscc) LIMIT $1',
    [FIXTURE_SAMPLE],
  );
  const personIds = await column(
    databaseUrls['public-security']!,
    'SELECT id AS value FROM public_security.person WHERE district_code = $1 ORDER BY md5(id) LIMIT $2',
    [BENCH_DISTRICT, FIXTURE_SAMPLE],
  );
  const [count] = await column(
    databaseUrls['public-security']!,
    'SELECT count(*)::text AS value FROM public_security.person WHERE district_code = $1',
    [BENCH_DISTRICT],
  );
  if (usccs.length === 0 || personIds.length === 0) {
    throw new Error('The bench dataset has no enterprises or no persons in 510107; is it seeded?');
  }
  const tokens: Partial<Record<DemoConsumerName, string>> = {};
  for (const name of new Set(consumers)) tokens[name] = await mintToken(demoClaims(name));
  return { usccs, personIds, districtPersons: Number(count), tokens };
}

async function column(url: string, sql: string, params: unknown[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ value: string }>(sql, params);
    return result.rows.map((row) => row.value);
  } finally {
    await client.end();
  }
}
