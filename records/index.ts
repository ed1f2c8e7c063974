export {
  createRecordWriter,
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_DELAY_MS,
} from './writer';
export type {
  AppendResult,
  BatchReport,
  RecordWriter,
  RecordWriterOptions,
  WriterStats,
} from './writer';
export { InvalidRecord, RecordStoreUnavailable } from './errors';
export { migrateRecords } from './migrate';
export { DEFAULT_RECORDS_SCHEMA } from './sql';
export { canonicalJson, canonicalRecord, GENESIS_HASH, hashRecord } from './record';
export type {
  AccessRecord,
  FieldAccess,
  FieldEffect,
  Outcome,
  PiClass,
  RecordConsumer,
  StoredRecord,
} from './record';
export { describeBreak, verifyChains } from './verify';
export type { ChainBreak, StreamReport, VerifyReport } from './verify';
export { exportJsonLines } from './export';
export type { ExportTrailer } from './export';
export { MAX_SEARCH_LIMIT, recordsAbout, searchRecords } from './search';
export type { CitizenRecord, RecordPage, RecordSearch, RowRestriction } from './search';
export { holdDisclosure, holdsInForce, MAX_HOLD_REASON } from './holds';
export type { DisclosureHold, HoldTarget } from './holds';
export type { StreamHead } from './heads';
export {
  createSecurityEventLog,
  DEFAULT_SECURITY_EVENT_WINDOW_MS,
  DEFAULT_SECURITY_EVENTS_PER_WINDOW,
} from './security-events';
export type { SecurityEvent, SecurityEventLog } from './security-events';
export { openRecordsStore, RECORDS_POOL_SIZE } from './store';
export type { RecordsStore } from './store';
