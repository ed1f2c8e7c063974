export { createRecordWriter } from './writer';
export {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_MAX_BATCH,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_PROBE_INTERVAL_MS,
} from './writer-api';
export type {
  AppendOptions,
  AppendResult,
  BatchReport,
  RecordWriter,
  RecordWriterOptions,
  WriterStats,
} from './writer-api';
export type { StoreHealth } from './health';
export {
  abandon,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_DELAY_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  endPool,
  openStorePool,
} from './deadlines';
export type { StoreDeadlines } from './deadlines';
export {
  excessRights,
  grantWriter,
  provisionRecordRoles,
  RECORDS_OWNER_ROLE,
  RECORDS_WRITER_ROLE,
} from './roles';
export type { RecordRoles } from './roles';
export { InvalidRecord, RecordStoreUnavailable } from './errors';
export { migrateRecords } from './migrate';
export { DEFAULT_RECORDS_SCHEMA, storeIdentity } from './sql';
export {
  canonicalJson,
  canonicalRecord,
  GENESIS_HASH,
  hashRecord,
  WITHHELD_REASON,
} from './record';
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
export { MONTH, verifyMonth } from './verify-month';
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
export { checkpointSigned, loadCheckpointKey, signCheckpoint } from './checkpoint';
export type { Checkpoint, CheckpointKey } from './checkpoint';
export { appendCheckpoint, readCheckpoints } from './checkpoint-log';
export { DEFAULT_CHECKPOINT_INTERVAL_MS, startCheckpointer } from './checkpointer';
export type { Checkpointer } from './checkpointer';
export { checkAnchors, describeAnchorBreak } from './anchors';
export type { AnchorBreak, VerifiedHeads } from './anchors';
export { archiveFileName, archiveMonth, manifestPath, monthsBefore } from './archive';
export { manifestSigned, sha256File, signManifest } from './archive-manifest';
export type { ArchiveManifest, ArchiveRun } from './archive-manifest';
export { archivedManifests, checkArchive } from './archive-check';
export type { ArchiveCheck } from './archive-check';
export { archivedRecords, restoreArchive } from './restore';
export { ensurePartitions, monthOf, partitionName } from './partitions';
