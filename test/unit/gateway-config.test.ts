import { DEFAULT_PORT, DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from '../../gateway';
import {
  DEFAULT_APPEND_TIMEOUT_MS,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  DEFAULT_KEEPALIVE_DELAY_MS,
  DEFAULT_PROBE_INTERVAL_MS,
  DEFAULT_SHUTDOWN_DEADLINE_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
} from '../../gateway/config';

// Access records need a store: every configuration names one.
const BASE = { DATABASE_URL: 'postgres://records@127.0.0.1:5432/gov' };

describe('gateway configuration', () => {
  it('defaults to the government supergraph on port 4000, frozen', () => {
    const config = loadGatewayConfig(BASE);
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.supergraphPath).toBe(DEFAULT_SUPERGRAPH_PATH);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes --supergraph over SUPERGRAPH_PATH', () => {
    const config = loadGatewayConfig({ ...BASE, SUPERGRAPH_PATH: '/a.graphql' }, [
      '--supergraph',
      '/b.graphql',
    ]);
    expect(config.supergraphPath).toBe('/b.graphql');
  });

  it('parses subgraph URL overrides', () => {
    const config = loadGatewayConfig({
      ...BASE,
      SUBGRAPH_URLS: 'tax=http://10.0.0.5:4005/graphql, health=http://h/graphql',
    });
    expect(config.subgraphUrls).toEqual({
      tax: 'http://10.0.0.5:4005/graphql',
      health: 'http://h/graphql',
    });
  });

  it('names every bad key and what is wrong with it', () => {
    expect(() =>
      loadGatewayConfig({
        GATEWAY_PORT: '99999',
        SUBGRAPH_URLS: 'tax=not-a-url',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(/GATEWAY_PORT: .*65535[\s\S]*SUBGRAPH_URLS\.tax: [\s\S]*LOG_LEVEL: /);
  });

  it('refuses to start without a store for the access records', () => {
    expect(() => loadGatewayConfig({})).toThrow(
      'RECORDS_DATABASE_URL: set RECORDS_DATABASE_URL or DATABASE_URL: every disclosure is recorded',
    );
  });

  it('bounds every wait on the record store, with defaults and named errors', () => {
    const config = loadGatewayConfig(BASE);
    expect({
      append: config.recordsAppendTimeoutMs,
      connect: config.recordsConnectTimeoutMs,
      statement: config.recordsStatementTimeoutMs,
      idleInTransaction: config.recordsIdleInTransactionTimeoutMs,
      keepAlive: config.recordsKeepAliveDelayMs,
      probe: config.recordsProbeIntervalMs,
      shutdown: config.shutdownDeadlineMs,
      checkpoints: config.recordsCheckpointIntervalMs,
      privileges: config.recordsPrivileges,
    }).toEqual({
      append: DEFAULT_APPEND_TIMEOUT_MS,
      connect: DEFAULT_CONNECT_TIMEOUT_MS,
      statement: DEFAULT_STATEMENT_TIMEOUT_MS,
      idleInTransaction: DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      keepAlive: DEFAULT_KEEPALIVE_DELAY_MS,
      probe: DEFAULT_PROBE_INTERVAL_MS,
      shutdown: DEFAULT_SHUTDOWN_DEADLINE_MS,
      checkpoints: DEFAULT_CHECKPOINT_INTERVAL_MS,
      privileges: 'warn',
    });
    expect(() =>
      loadGatewayConfig({ ...BASE, RECORDS_APPEND_TIMEOUT_MS: '0', RECORDS_PRIVILEGES: 'maybe' }),
    ).toThrow(/RECORDS_PRIVILEGES: [\s\S]*RECORDS_APPEND_TIMEOUT_MS: .*100/);
  });
});
