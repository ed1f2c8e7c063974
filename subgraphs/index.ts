import { loadManifest, type ManifestEntry } from '../schema/load-manifest';
import type { Department } from './kit';

/**
 * The departments named in the manifest, each loaded from `subgraphs/<name>/`. The manifest
 * is the one list: npm start, composition and the tests all read it.
 */
export function loadDepartments(entries: readonly ManifestEntry[] = loadManifest()): Department[] {
  return entries.map((entry) => loadDepartment(entry.name));
}

/** Loads one department module by subgraph name, checking it has the department shape. */
export function loadDepartment(name: string): Department {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`'${name}' is not a subgraph name.`);
  let module: { default?: Department };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(`./${name}`) as { default?: Department };
  } catch (error) {
    throw new Error(`No department module at subgraphs/${name}/: ${(error as Error).message}`);
  }
  const department = module.default;
  if (!department || department.name !== name || typeof department.createLoaders !== 'function') {
    throw new Error(
      `subgraphs/${name}/index.ts must default-export defineDepartment({ name: '${name}', ... }).`,
    );
  }
  return department;
}

export type { Department, DepartmentContext } from './kit';
