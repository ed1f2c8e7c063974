import type { Writable } from 'node:stream';

/** A command line tool's entry: argv (without node and script) and its terminal, to an exit code. */
export type Command = (
  argv: readonly string[],
  io: { stdout: Writable; stderr: Writable },
) => Promise<number>;

/** Runs `command` on this process's arguments and terminal, and exits with its code. */
export function runAsMain(command: Command): void {
  command(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
