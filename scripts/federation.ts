import type { KeyObject } from 'node:crypto';
import { createCity } from '../fixtures/city';
import { loadDepartments } from '../subgraphs';
import type { CityOptions } from '../fixtures/city/dataset';
import {
  departmentOwnerUrl,
  departmentUrl,
  prepareDepartment,
  type DepartmentRoles,
  startSubgraph,
  type RunningSubgraph,
  type Store,
} from '../subgraphs/kit';
import type { ManifestEntry } from '../schema/load-manifest';
import type { ReplayGuard } from '../contracts/subgraph-context';
import type { Logger } from '../contracts/logger';
import type { Tracing } from '../contracts/tracing';

export interface RunningDepartments {
  subgraphs: RunningSubgraph[];
  stop(): Promise<void>;
}

/**
 * Migrates, seeds and serves the given departments on the store. Ports come from the
 * manifest URLs unless `ephemeral` asks for free ones.
 */
export async function startDepartments(
  entries: readonly ManifestEntry[],
  store: Store,
  city: CityOptions,
  options: {
    contextKey: KeyObject;
    /** Where each department logs (npm start: LOG_LEVEL); default silent. */
    logger?: (subgraph: string) => Logger;
    /** Shared replay memory per department (REDIS_URL); default: each process's own. */
    replay?: (subgraph: string) => Promise<ReplayGuard>;
    /** Each department's traces (OTEL_EXPORTER_OTLP_ENDPOINT); default: off. */
    tracing?: (subgraph: string) => Tracing;
    /** The revocation watermark the departments enforce (POLICY_SOURCE=db); default none. */
    minRevision?: () => number;
    ephemeral?: boolean;
    /**
     * Each department's owner and runtime roles (npm start on its embedded store); default:
     * DATABASE_URL_<NAME> and DATABASE_OWNER_URL_<NAME>, else the store's URL for both.
     */
    roles?: ReadonlyMap<string, DepartmentRoles>;
    /** Interface to listen on; default 127.0.0.1 (a container sets 0.0.0.0). */
    host?: string;
    log?: (line: string) => void;
  },
): Promise<RunningDepartments> {
  const generated = createCity(city);
  const departments = loadDepartments(entries);
  const prepared = await Promise.allSettled(
    departments.map(async (department) => {
      const started = Date.now();
      const roles = options.roles?.get(department.name);
      const db = await prepareDepartment(
        department,
        roles?.runtimeUrl ?? departmentUrl(department.name, store),
        generated,
        { ownerUrl: roles?.ownerUrl ?? departmentOwnerUrl(department.name) },
      );
      options.log?.(`  ${department.name}: data ready in ${Date.now() - started} ms`);
      return db;
    }),
  );
  const databases = prepared.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
  const subgraphs: RunningSubgraph[] = [];
  const guards: ReplayGuard[] = [];
  const tracings: Tracing[] = [];
  const tracing = (name: string) => {
    const made = options.tracing?.(name);
    if (made) tracings.push(made);
    return made;
  };
  const stop = async () => {
    await Promise.all(subgraphs.map((s) => s.stop()));
    await Promise.all(tracings.map((t) => t.shutdown()));
    await Promise.all(guards.map((g) => g.close()));
    await Promise.all(databases.map((db) => db.close()));
  };
  try {
    const failure = prepared.find((p) => p.status === 'rejected');
    if (failure) throw failure.reason;
    for (const [index, department] of departments.entries()) {
      const port = options.ephemeral ? 0 : Number(new URL(entries[index]!.url).port);
      const replay = options.replay && (await options.replay(department.name));
      if (replay) guards.push(replay);
      subgraphs.push(
        await startSubgraph(department, databases[index]!, {
          port,
          host: options.host,
          contextKey: options.contextKey,
          replay,
          minRevision: options.minRevision,
          logger: options.logger?.(department.name),
          tracer: tracing(department.name)?.tracer,
        }),
      );
    }
    return { subgraphs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
