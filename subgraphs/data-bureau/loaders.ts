import type { Database } from '../kit';
import { departmentLoaders } from './departments/store';

/** Per-request loaders of every concept of the data bureau. */
export function createLoaders(db: Database) {
  return { ...departmentLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;
