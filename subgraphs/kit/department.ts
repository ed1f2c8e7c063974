import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { City } from '../../fixtures/city/types';
import type { Logger } from '../../contracts/logger';
import type { Caller } from './caller';
import type { Database } from './database';
import type { RowFacts } from './row-gate';
import type { CopyValue } from './copy';
import type { SubjectsContext, SubjectsOf } from './subjects';

/** Bulk-loads rows into one of the department's tables (COPY, streaming). */
export type LoadTable = (
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
) => Promise<void>;

/** What every department resolver receives, built fresh for each request. */
export interface DepartmentContext<Loaders> extends SubjectsContext {
  db: Database;
  /** Who is calling, for which purpose, with the row rules the gateway signed. */
  caller: Caller;
  /** Per-request DataLoaders: never shared between requests (they cache authorised rows). */
  loaders: Loaders;
}

/**
 * The shape every department module has. Adding a department is a folder exporting one of
 * these and a line in schema/manifest.json.
 */
export interface Department<Loaders = unknown> {
  /** The subgraph name, as in the manifest. */
  name: string;
  /** The department's SDL, classification preamble included. */
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<DepartmentContext<Loaders>>;
  /** Folder of NNN_name.sql migrations for the department's own schema. */
  migrationsDir: string;
  /** Loads the department's share of the synthetic city. */
  seed(city: City, load: LoadTable): Promise<void>;
  /** Per-request loaders; their SQL applies `caller.rowFilter` to every entity type it reads. */
  createLoaders(db: Database, caller: Caller): Loaders;
  /**
   * For each type with personal fields (Person aside: a Person is about itself), the persons
   * a row is about. The department reports them with each response, for the access record.
   */
  subjects?: Readonly<Record<string, SubjectsOf>>;
  /**
   * For each type it resolves, the row facts a row condition may name: condition field → the
   * property of the row objects its resolvers receive. A type's simple @key fields are facts
   * by default. Every field is returned only on the rows a rule opening that field admits; a
   * condition on a fact not declared here denies the field (fail closed).
   */
  facts?: RowFacts;
  /**
   * Serves the access records (auditors' searches, a citizen's own, disclosure holds): where
   * the roles are separated, its runtime role may read the records schema and place holds.
   */
  servesRecords?: boolean;
  /** Anything the department needs in its database beyond its own migrations, run after them. */
  prepare?(db: Database): Promise<void>;
  /**
   * Work the department runs in the background while it serves (e.g. the data bureau's
   * anomaly rules), started once it listens and stopped before it closes.
   */
  background?(db: Database, logger: Logger): { stop(): Promise<void> };
}

/** Identity function that lets TypeScript infer a department's loader type. */
export function defineDepartment<Loaders>(department: Department<Loaders>): Department<Loaders> {
  return department;
}

/** The PostgreSQL schema a department's tables live in: its name in snake_case. */
export function schemaName(department: { name: string }): string {
  return department.name.replace(/-/g, '_');
}
