import type { RecordsStoreOptions } from '../records/store';
import type { GatewayConfig } from './config';
import type { Logger } from './logger';

/** The store options the gateway's config gives. */
export function recordsStoreOptions(config: GatewayConfig, logger: Logger): RecordsStoreOptions {
  return {
    url: config.recordsDatabaseUrl,
    migrationUrl: config.recordsMigrationDatabaseUrl,
    streamId: config.recordStreamId,
    logger,
    privileges: config.recordsPrivileges,
    appendTimeoutMs: config.recordsAppendTimeoutMs,
    probeIntervalMs: config.recordsProbeIntervalMs,
    connectTimeoutMs: config.recordsConnectTimeoutMs,
    statementTimeoutMs: config.recordsStatementTimeoutMs,
    idleInTransactionTimeoutMs: config.recordsIdleInTransactionTimeoutMs,
    keepAliveDelayMs: config.recordsKeepAliveDelayMs,
    checkpoints: {
      dir: config.recordsCheckpointDir,
      keyFile: config.recordsCheckpointKeyFile,
      intervalMs: config.recordsCheckpointIntervalMs,
    },
  };
}
