export { checkout } from './checkout';
export { quoteIdent } from './quote';
export { inTransaction } from './transaction';
export { applyMigrations } from './migrations';
export { currentDatabase, ensureLoginRole, handOverSchema, withCredentials } from './roles';
