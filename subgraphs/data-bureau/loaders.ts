import type { Caller, Database } from '../kit';
import { departmentLoaders } from './departments/store';
import { governanceRows } from './policies/rows';

/** Per-request loaders of every concept of the data bureau. */
export function createLoaders(db: Database, caller: Caller) {
  return { ...departmentLoaders(db, caller), governance: governanceRows(caller) };
}

export type Loaders = ReturnType<typeof createLoaders>;
