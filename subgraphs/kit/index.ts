export { copyRows } from './copy';
export type { CopyValue } from './copy';
export { Database, quoteIdent } from './database';
export type { Row } from './database';
export { defineDepartment, schemaName } from './department';
export type { Department, DepartmentContext, LoadTable } from './department';
export { groupByKey, rowLoader, rowsLoader } from './loaders';
export { limitedRowsLoader } from './limited-loader';
export type { LimitedKey } from './limited-loader';
export { migrate } from './migrate';
export { MAX_PAGE_SIZE, page } from './paging';
export type { Page } from './paging';
export { departmentTypeDefs } from './sdl';
export { ensureSeeded } from './seed';
export { createSubgraphServer, serveSubgraph, startSubgraph } from './server';
export type { RunningSubgraph } from './server';
export {
  DEFAULT_EMBEDDED_DATA_DIR,
  DEFAULT_EMBEDDED_PORT,
  departmentOwnerUrl,
  departmentUrl,
  openStore,
} from './store';
export type { Store } from './store';
export { flatMap, map } from './iterate';
export { prepareDepartment } from './prepare';
export {
  departmentRoleNames,
  grantRuntime,
  provisionDepartmentRoles,
  runtimeExcessRights,
} from './roles';
export type { DepartmentRoles } from './roles';
export type { Caller } from './caller';
export { SUBGRAPH_MAX_BODY_BYTES } from './server';
export {
  badInput,
  DEPARTMENT_CODE,
  departmentCodeArg,
  DISTRICT_CODE,
  districtCodeArg,
  entityKeyOf,
  HOUSEHOLD_ID,
  identifierArg,
  identifierFormat,
  optionalIdentifierArg,
  PERSON_ID,
  RESIDENT_ID,
  SERVICE_ITEM_CODE,
  residentIdArg,
  USCC,
  usccArg,
} from './arguments';
export type { IdentifierFormat } from './arguments';
export { MAX_IDENTIFIER_INPUT, normalizeIdentifier, stripFormatCharacters } from './normalize';
export { ENTITY_KEY_FORMATS, personReference, referenceKey } from './references';
export type { SubjectsOf } from './subjects';
export { personalIdentifierIn, withoutPersonalIdentifiers } from './personal-text';
export {
  REACH_PURPOSE,
  countReach,
  sharingReachField,
  sharingReachResolver,
} from './sharing-reach';
export type { DraftScope, ReachSource, RowFilter } from './sharing-reach';
