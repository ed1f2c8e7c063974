import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_FILE_KEYS, loadGatewayConfig } from '../../gateway/config';

const EXAMPLE = join(__dirname, '..', '..', 'gateway.example.yaml');
// Access records need a store: every configuration names one.
const BASE = { DATABASE_URL: 'postgres://records@127.0.0.1:5432/gov' };

describe('gateway configuration file (GATEWAY_CONFIG)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('ships an example that loads and equals the defaults', () => {
    expect(loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: EXAMPLE })).toEqual(
      loadGatewayConfig(BASE),
    );
  });

  it('shows every key the file accepts in the example', () => {
    const leaves = (value: unknown, prefix = ''): string[] =>
      value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, `${prefix}${k}.`))
        : [prefix.slice(0, -1)];
    const defaults = loadGatewayConfig(BASE) as Record<string, unknown>;
    const accepted = CONFIG_FILE_KEYS.flatMap((key) => leaves(defaults[key], `${key}.`)).filter(
      (key) => key !== 'redis.url',
    );
    expect(leaves(parse(readFileSync(EXAMPLE, 'utf8'))).sort()).toEqual(accepted.sort());
  });

  it('takes the values of the file', () => {
    const file = write('ok.yaml', 'limits:\n  maxDepth: 8\nupstream:\n  timeouts: { tax: 800 }\n');
    const config = loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: file });
    expect(config.limits.maxDepth).toBe(8);
    expect(config.limits.maxAliases).toBe(loadGatewayConfig(BASE).limits.maxAliases);
    expect(config.upstream.timeouts).toEqual({ tax: 800 });
    expect(loadGatewayConfig(BASE, ['--config', file]).limits.maxDepth).toBe(8);
  });

  it('names the file, line and key of a bad value, and what is accepted', () => {
    const file = write('bad.yaml', 'cost:\n  mode: enforce\nrateLimits:\n  windowMs: 10\n');
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: file })).toThrow(
      `${file}:4:13 rateLimits.windowMs (or RATE_LIMIT_WINDOW_MS): Too small: expected number to be >=1000. Accepted: milliseconds from 1000 to 86400000; unset: 60000.`,
    );
  });

  it('lets an environment variable override the file', () => {
    const file = write('override.yaml', 'rateLimits:\n  windowMs: 10\nshutdownDrainMs: 7\n');
    const config = loadGatewayConfig({
      ...BASE,
      GATEWAY_CONFIG: file,
      RATE_LIMIT_WINDOW_MS: '2000',
    });
    expect(config.rateLimits.windowMs).toBe(2000);
    expect(config.shutdownDrainMs).toBe(7);
    // A bad variable over a good file is the variable's error, not the file's.
    const good = write('good.yaml', 'shutdownDrainMs: 7\n');
    expect(() =>
      loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: good, SHUTDOWN_DRAIN_MS: '-1' }),
    ).toThrow(/\n {2}SHUTDOWN_DRAIN_MS: /);
  });

  it('refuses an unknown key rather than falling back to the default', () => {
    const file = write('typo.yaml', 'limits:\n  maxDepht: 4\nmaxAliases: 3\n');
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: file })).toThrow(
      new RegExp(
        `${file}:2:\\d+ limits\\.maxDepht: unknown key\\. Accepted: maxDepth, [^\\n]*\\n {2}${file}:3:\\d+ maxAliases: unknown key\\.`,
      ),
    );
  });

  it('keeps connection strings and keys in the environment', () => {
    const file = write(
      'secret.yaml',
      'recordsDatabaseUrl: postgres://u:p@db/x\nredis:\n  url: redis://u:p@r\n',
    );
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: file })).toThrow(
      /secret\.yaml:1:\d+ recordsDatabaseUrl: set by the environment only \(RECORDS_DATABASE_URL\)[\s\S]*secret\.yaml:3:\d+ redis\.url: set by the environment only \(REDIS_URL\)/,
    );
  });

  it('names the file of a syntax error or a missing file', () => {
    const file = write('syntax.yaml', 'limits:\n  maxDepth: [8\n');
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: file })).toThrow(
      new RegExp(`${file}:\\d+:\\d+: YAML syntax error`),
    );
    expect(() => loadGatewayConfig({ ...BASE, GATEWAY_CONFIG: join(dir, 'missing.yaml') })).toThrow(
      /GATEWAY_CONFIG: cannot read .*missing\.yaml \(ENOENT\)/,
    );
  });
});
