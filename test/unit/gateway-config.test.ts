import { availableParallelism } from 'node:os';
import { DEFAULT_PORT, DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from '../../gateway';
import { DEFAULT_COST_SETTINGS } from '../../gateway/cost';
import { DEFAULT_OPERATION_LIMITS } from '../../gateway/limits';
import { DEFAULT_UPSTREAM_SETTINGS } from '../../gateway/upstream';
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

  it('serves on one process by default, on one per core with GATEWAY_WORKERS=auto', () => {
    expect(loadGatewayConfig(BASE).workers).toBe(1);
    expect(loadGatewayConfig({ ...BASE, GATEWAY_WORKERS: '3' }).workers).toBe(3);
    expect(loadGatewayConfig({ ...BASE, GATEWAY_WORKERS: 'auto' }).workers).toBe(
      availableParallelism(),
    );
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_WORKERS: '0' })).toThrow(
      /GATEWAY_WORKERS: .*Accepted: a whole number from 1 to 256, or auto/,
    );
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_WORKERS: 'many' })).toThrow(
      /GATEWAY_WORKERS: /,
    );
  });

  it('holds operations to limits by default, each overridable and named when wrong', () => {
    expect(loadGatewayConfig(BASE).limits).toEqual(DEFAULT_OPERATION_LIMITS);
    expect(loadGatewayConfig({ ...BASE, MAX_DEPTH: '8' }).limits.maxDepth).toBe(8);
    expect(() => loadGatewayConfig({ ...BASE, MAX_ALIASES: '0' })).toThrow(/MAX_ALIASES: /);
  });

  it('enforces demand control by default, with a maximum per consumer class', () => {
    expect(loadGatewayConfig(BASE).cost).toEqual(DEFAULT_COST_SETTINGS);
    const measured = loadGatewayConfig({ ...BASE, COST_MODE: 'measure', COST_MAX_CITIZEN: '50' });
    expect(measured.cost).toMatchObject({ mode: 'measure', max: { citizen: 50 } });
    expect(() => loadGatewayConfig({ ...BASE, COST_MODE: 'off' })).toThrow(/COST_MODE: /);
    expect(() => loadGatewayConfig({ ...BASE, COST_MAX_OFFICIAL: '-1' })).toThrow(
      /COST_MAX_OFFICIAL: /,
    );
  });

  it('times subgraph calls out well under 30 s, per subgraph when told', () => {
    expect(loadGatewayConfig(BASE).upstream).toEqual(DEFAULT_UPSTREAM_SETTINGS);
    const config = loadGatewayConfig({
      ...BASE,
      SUBGRAPH_TIMEOUTS: 'tax=800',
      BREAKER_OPEN_MS: '1000',
    });
    expect(config.upstream).toMatchObject({ timeouts: { tax: 800 }, breaker: { openMs: 1000 } });
    expect(() => loadGatewayConfig({ ...BASE, BREAKER_FAILURE_RATIO: '2' })).toThrow(
      /BREAKER_FAILURE_RATIO: /,
    );
    expect(() => loadGatewayConfig({ ...BASE, SUBGRAPH_TIMEOUTS: 'tax=soon' })).toThrow(
      /SUBGRAPH_TIMEOUTS\.tax: /,
    );
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

  it('says which values a bad variable accepts', () => {
    expect(() =>
      loadGatewayConfig({ RECORDS_DATABASE_URL: 'postgres://db', ENFORCEMENT_MODE: 'strict' }),
    ).toThrow(
      'Invalid gateway configuration:\n  ENFORCEMENT_MODE: Invalid option: expected one of "reject"|"filter". Accepted: reject or filter; unset: reject.',
    );
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
