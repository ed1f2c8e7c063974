export { checkout } from './checkout';
export { quoteIdent } from './quote';
export { inTransaction } from './transaction';
export { applyMigrations } from './migrations';
