import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector';

/** Sampling interval of the profiles, in microseconds (V8's default is 1,000). */
export const PROFILE_INTERVAL_US = 200;

/** The file a gateway writes its `index`-th profile to (counted from 1). */
export function profileFile(dir: string, target: string, index: number): string {
  return join(dir, `${target}.${index}.cpuprofile`);
}

/**
 * In a bench gateway (`--cpu-prof DIR`): SIGUSR2 starts V8's CPU profiler (the same sampler as
 * `node --cpu-prof`, which cannot be told when to start), the next SIGUSR2 stops it and writes
 * the profile, so a profile covers a measured round and not the start-up. The orchestrator
 * sends both signals around each round.
 */
export function profileOnSignal(dir: string, target: string): void {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    running = !running;
    if (running) return session.post('Profiler.start');
    session.post('Profiler.stop', (error, result) => {
      if (error) return console.error(`CPU profile not written: ${error.message}`);
      writeFileSync(profileFile(dir, target, ++written), JSON.stringify(result.profile));
    });
  });
}

/** The orchestrator's side: signals a profiled gateway around a round and names its profile. */
export interface RoundProfiler {
  /** Runs `round` with the target's profiler on; the profile is then `<dir>/<name>.cpuprofile`. */
  around<T>(
    target: { name: string; pid: number },
    name: string,
    round: () => Promise<T>,
  ): Promise<T>;
}

/** Milliseconds a gateway gets to write its profile after the stop signal. */
const WRITE_TIMEOUT_MS = 30_000;

/** Profiles the gateways whose names `profiled` accepts, one file per round, into `dir`. */
export function roundProfiler(dir: string, profiled: (target: string) => boolean): RoundProfiler {
  const written = new Map<string, number>();
  return {
    async around(target, name, round) {
      if (!profiled(target.name)) return round();
      process.kill(target.pid, 'SIGUSR2');
      const result = await round();
      process.kill(target.pid, 'SIGUSR2');
      const index = (written.get(target.name) ?? 0) + 1;
      written.set(target.name, index);
      const from = profileFile(dir, target.name, index);
      const deadline = Date.now() + WRITE_TIMEOUT_MS;
      while (!existsSync(from) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      if (existsSync(from)) renameSync(from, join(dir, `${name}.cpuprofile`));
      return result;
    },
  };
}
