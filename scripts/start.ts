import { startGateway, type GatewayConfig } from '../gateway';
import { signInFor } from '../gateway/landing';
import { consoleRoutes } from '../console';
import { usesDevelopmentKeys } from '../gateway/config';
import { loadManifest } from '../schema/load-manifest';
import { openStore, type Store } from '../subgraphs/kit';
import { DEFAULT_RECORDS_SCHEMA, provisionRecordRoles } from '../records';
import { loadContextKeys } from '../contracts/subgraph-context';
import { createServiceLogger } from '../contracts/logger';
import { startDepartments } from './federation';
import { tracingFromEnv } from '../contracts/tracing';
import { preflight } from './stack/preflight';
import { redact } from './stack/redact';
import { explainStartFailure } from './stack/failure';
import { removeStackState, stackStatePath, writeStackState } from './stack/state';

/**
 * npm start: the whole federation on one machine. PostgreSQL is DATABASE_URL or the embedded
 * one; every department is migrated, seeded with the synthetic city and served; then the
 * gateway. Ctrl-C stops everything, PostgreSQL included. Configuration, ports and another
 * running npm start are checked before anything starts.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const manifest = loadManifest();
  const plan = await preflight(process.env, process.argv.slice(2), manifest);
  const statePath = stackStatePath();
  const store = await openStore();
  // Access records go to the same PostgreSQL as the departments unless told otherwise.
  const gatewayConfig = {
    ...plan.gateway,
    recordsDatabaseUrl: process.env.RECORDS_DATABASE_URL ?? process.env.DATABASE_URL ?? store.url,
  };
  const state = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    postgresUrl: store.url,
    embeddedPostgres: store.embedded,
  };
  writeStackState(state, statePath);
  console.log(
    store.embedded
      ? `PostgreSQL (embedded): ${redact(store.url)}`
      : `PostgreSQL: ${redact(store.url)}`,
  );
  let departments;
  let gateway;
  try {
    console.log(`Synthetic city: seed ${plan.city.seed}, ${plan.city.persons} persons`);
    departments = await startDepartments(manifest, store, plan.city, {
      contextKey: loadContextKeys(gatewayConfig.contextPrivateKeyFile).publicKey,
      ephemeral: plan.ephemeral,
      logger: (subgraph) => createServiceLogger(subgraph, gatewayConfig.logLevel),
      tracing: (subgraph) => tracingFromEnv(subgraph),
      log: (line) => console.log(line),
    });
    const urls = Object.fromEntries(departments.subgraphs.map((s) => [s.name, s.url]));
    const config = { ...gatewayConfig, ...(await recordRoles(store)), subgraphUrls: urls };
    // The oversight console, mounted under /console: it signs in as the landing page does.
    const oversight = consoleRoutes({ signIn: await signInFor(config) });
    gateway = await startGateway(config, undefined, undefined, { pages: [oversight] });
  } catch (error) {
    await departments?.stop();
    await store.stop();
    removeStackState(process.pid, statePath);
    throw error;
  }
  const developmentKeys = usesDevelopmentKeys(gatewayConfig);
  writeStackState({ ...state, gatewayUrl: gateway.url, developmentKeys }, statePath);
  for (const s of departments.subgraphs) console.log(`  subgraph ${s.name.padEnd(18)} ${s.url}`);
  console.log(`\nGateway:      ${gateway.url}/graphql`);
  console.log(
    `Landing page: ${gateway.url}/  (GraphiQL with example operations${developmentKeys ? '; sign in as an example consumer' : ''})`,
  );
  console.log(`Oversight console: ${gateway.url}/console/`);
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
    removeStackState(process.pid, statePath);
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

main().catch((error: unknown) => {
  console.error(`npm start failed: ${explainStartFailure(error)}`);
  process.exit(1);
});
