import type { Relations } from './observation';

/** A directory entry: an official, their department, and the persons of their household. */
export interface DirectoryEntry {
  id: string;
  department: string;
  personId: string;
  household: readonly string[];
}

/** Per official, their household and their colleagues (the persons of the same department's officials). */
export function relationsOf(
  directory: readonly DirectoryEntry[],
): (official: string) => Relations | undefined {
  const byId = new Map<string, Relations>();
  for (const entry of directory) {
    const colleagues = directory
      .filter((o) => o.department === entry.department && o.id !== entry.id)
      .map((o) => o.personId);
    byId.set(entry.id, { household: new Set(entry.household), colleagues: new Set(colleagues) });
  }
  return (official) => byId.get(official);
}
