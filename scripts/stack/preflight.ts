import { loadGatewayConfig, type GatewayConfig } from '../../gateway/config';
import type { ManifestEntry } from '../../schema/load-manifest';
import { cityOptionsFromEnv, type CityOptions } from '../../fixtures/city/dataset';
import { portInUse, portInUseMessage } from '../../subgraphs/kit/ports';
import { redact } from './redact';
import { readRunningStack, stackStatePath } from './state';

/** What `npm start` checked before starting anything. */
export interface StartPlan {
  city: CityOptions;
  /** SUBGRAPH_PORTS=auto: the departments listen on free ports. */
  ephemeral: boolean;
  /** The gateway's config, validated; its records URL is filled in once PostgreSQL is up. */
  gateway: GatewayConfig;
}

/**
 * Everything `npm start` can find wrong before it starts PostgreSQL: every variable, another
 * `npm start` already running, and ports already in use. Each error names the cause and the fix.
 */
export async function preflight(
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
  manifest: readonly ManifestEntry[],
): Promise<StartPlan> {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const city = attempt(() => cityOptionsFromEnv(env));
  const ports = env.SUBGRAPH_PORTS;
  if (ports !== undefined && ports !== 'auto') {
    problems.push(
      `SUBGRAPH_PORTS: '${ports}' is not accepted. Accepted: auto (the departments take free ` +
        'ports); unset: the ports in schema/manifest.json.',
    );
  }
  const pgPort = env.EMBEDDED_PG_PORT;
  if (
    pgPort !== undefined &&
    !(/^\d+$/.test(pgPort) && Number(pgPort) >= 1 && Number(pgPort) <= 65535)
  ) {
    problems.push(
      'EMBEDDED_PG_PORT: not a port. Accepted: a TCP port from 1 to 65535; unset: 54320.',
    );
  }
  // The records URL is known once PostgreSQL is up; a placeholder lets the rest be checked now.
  const gateway = attempt(() =>
    loadGatewayConfig({ RECORDS_DATABASE_URL: 'postgres://npm-start.invalid/', ...env }, argv),
  );
  if (problems.length > 0 || !city || !gateway) throw new Error(problems.join('\n'));

  const running = readRunningStack(stackStatePath(env));
  if (running) {
    throw new Error(
      `npm start is already running (pid ${running.pid}, since ${running.startedAt}): gateway at ` +
        `${running.gatewayUrl ?? '(still starting)'}, PostgreSQL at ${redact(running.postgresUrl)}. ` +
        `Use that one, or stop it first (Ctrl-C in its terminal, or 'kill ${running.pid}').`,
    );
  }
  const ephemeral = ports === 'auto';
  if (await portInUse(gateway.port, gateway.host)) {
    problems.push(
      portInUseMessage(
        gateway.port,
        'GATEWAY_PORT, the gateway',
        'set GATEWAY_PORT to a free port (0 picks one)',
      ),
    );
  }
  const taken: string[] = [];
  for (const entry of ephemeral ? [] : manifest) {
    const port = Number(new URL(entry.url).port);
    if (await portInUse(port)) taken.push(`${port} (${entry.name})`);
  }
  if (taken.length > 0) {
    problems.push(
      `Subgraph ports from schema/manifest.json are already in use on this machine: ${taken.join(', ')}. ` +
        "Stop what listens there (see it with 'ss -ltnp'), or set SUBGRAPH_PORTS=auto to give the departments free ports.",
    );
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { city, ephemeral, gateway };
}
