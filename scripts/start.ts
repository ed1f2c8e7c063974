import { loadGatewayConfig, startGateway, type GatewayConfig } from '../gateway';
import { loadManifest } from '../schema/load-manifest';
import { cityOptionsFromEnv } from '../subgraphs/dataset';
import { openStore, type Store } from '../subgraphs/kit';
import { DEFAULT_RECORDS_SCHEMA, provisionRecordRoles } from '../gateway/records';
import { loadContextKeys } from '../gateway/subgraph-context';
import { startDepartments } from './federation';

/**
 * npm start: the whole federation on one machine. PostgreSQL is DATABASE_URL or the embedded
 * one; every department is migrated, seeded with the synthetic city and served; then the
 * gateway. Ctrl-C stops everything, PostgreSQL included.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const city = cityOptionsFromEnv();
  const store = await openStore();
  // Access records go to the same PostgreSQL as the departments unless told otherwise.
  const gatewayConfig = loadGatewayConfig(
    { RECORDS_DATABASE_URL: store.url, ...process.env },
    process.argv.slice(2),
  );
  console.log(
    store.embedded
      ? `PostgreSQL (embedded): ${redact(store.url)}`
      : `PostgreSQL: ${redact(store.url)}`,
  );
  let departments;
  try {
    console.log(`Synthetic city: seed ${city.seed}, ${city.persons} persons`);
    departments = await startDepartments(loadManifest(), store, city, {
      contextKey: loadContextKeys(gatewayConfig.contextPrivateKeyFile).publicKey,
      ephemeral: process.env.SUBGRAPH_PORTS === 'auto',
      log: (line) => console.log(line),
    });
  } catch (error) {
    await store.stop();
    throw error;
  }
  const urls = Object.fromEntries(departments.subgraphs.map((s) => [s.name, s.url]));
  const gateway = await startGateway({
    ...gatewayConfig,
    ...(await recordRoles(store)),
    subgraphUrls: urls,
  });
  for (const s of departments.subgraphs) console.log(`  subgraph ${s.name.padEnd(18)} ${s.url}`);
  console.log(`\nGateway:      ${gateway.url}/graphql`);
  console.log(`Landing page: ${gateway.url}/  (GraphiQL with example operations)`);
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), gatewayConfig.shutdownDeadlineMs + 5_000).unref();
    console.log(`\n${signal}: stopping the gateway, the subgraphs and PostgreSQL...`);
    await gateway.stop();
    await departments.stop();
    await store.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * On the embedded store, records are migrated by an owner role and written by a role that can
 * only append and read (created after the departments, so the data bureau's schema is handed over).
 */
async function recordRoles(store: Store): Promise<Partial<GatewayConfig>> {
  if (!store.embedded || process.env.RECORDS_DATABASE_URL) return {};
  const roles = await provisionRecordRoles(store.url, DEFAULT_RECORDS_SCHEMA);
  return {
    recordsDatabaseUrl: roles.writerUrl,
    recordsMigrationDatabaseUrl: roles.ownerUrl,
    recordsPrivileges: 'require',
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
