import { composeGateway, loadGatewayConfig, startGateway } from '../gateway';
import { createLogger } from '../gateway/logger';
import { serveOnWorkers } from '../gateway/workers';
import { run } from '../scripts/policy';
import { profileOnSignal } from './cpu-profile';
import { VARIANTS, withoutProtection, type Variant } from './variants';

/**
 * One `ours*` target: the gateway as `npm run gateway` starts it (same config, same parts),
 * composed without the protection BENCH_VARIANT names (identity, policy, masking, records),
 * or whole when it is empty; on GATEWAY_WORKERS processes.
 */
async function main(): Promise<void> {
  const variant = readVariant(process.env.BENCH_VARIANT);
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  if (profileDir) profileOnSignal(profileDir, process.env.BENCH_TARGET ?? 'ours');
  const config = loadGatewayConfig(process.env);
  const logger = createLogger(config.logLevel);
  if (config.policySource === 'db') await importPolicyFiles(config.policyDatabaseUrl);
  if (variant) logger.warn({ variant }, `bench variant: the gateway runs without ${variant}`);
  await serveOnWorkers(
    config,
    (c) => startGateway(c, logger, (parts) => composeGateway(withoutProtection(variant, parts))),
    logger,
  );
}

/** The policy files as a revision of the store (nothing when the latest has the same content). */
async function importPolicyFiles(url: string | undefined): Promise<void> {
  const result = await run(['import', '--author', 'bench'], { policyDatabaseUrl: url });
  if (result.code !== 0) throw new Error(`policy import failed: ${result.stderr}`);
}

function readVariant(value: string | undefined): Variant | null {
  if (!value) return null;
  if ((VARIANTS as readonly string[]).includes(value)) return value as Variant;
  throw new Error(`BENCH_VARIANT must be one of ${VARIANTS.join(', ')}, or empty; got '${value}'.`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
