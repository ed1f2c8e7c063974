/**
 * Preloaded into every bench child (`node --import ./bench/orphan-guard.ts`): the orchestrator
 * holds the other end of stdin, so stdin ends when it dies however it dies (even SIGKILL).
 * The child then stops as on SIGTERM, and is forced out if that takes too long.
 */
const FORCED_EXIT_MS = 15_000;

process.stdin.on('end', () => {
  setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
  process.kill(process.pid, 'SIGTERM');
});
process.stdin.on('error', () => undefined);
process.stdin.resume();
