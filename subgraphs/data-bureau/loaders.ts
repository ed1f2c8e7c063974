import type { Caller, Database } from '../kit';
import { departmentLoaders } from './departments/store';

/** Per-request loaders of every concept of the data bureau. */
export function createLoaders(db: Database, caller: Caller) {
  return { ...departmentLoaders(db, caller) };
}

export type Loaders = ReturnType<typeof createLoaders>;
