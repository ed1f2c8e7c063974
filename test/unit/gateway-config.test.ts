import { DEFAULT_PORT, DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from '../../gateway';

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
});
