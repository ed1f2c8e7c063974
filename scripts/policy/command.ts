/** What a command printed and the exit code it ends with. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a command reads from its surroundings, injectable in tests. */
export interface CommandEnv {
  /** The clock grants expire by. */
  readonly now: Date;
  /** Paths in the output are shown relative to this folder. */
  readonly cwd: string;
  /** The policy store (default: POLICY_DATABASE_URL, else DATABASE_URL or npm start's PostgreSQL). */
  readonly policyDatabaseUrl?: string;
}

/** One `npm run policy -- <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly usage: string;
  run(args: readonly string[], env: CommandEnv): Promise<CommandResult>;
}

/** Exit code of a wrong command line (unknown option, missing argument). */
export const USAGE_EXIT_CODE = 2;

/** A wrong command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that succeeded and printed `stdout`. */
export function ok(stdout: string, code = 0): CommandResult {
  return { code, stdout, stderr: '' };
}

/** A command that failed for a reason stated in `message` (bad input, not a bad command line). */
export function failed(message: string): CommandResult {
  return { code: 1, stdout: '', stderr: `${message}\n` };
}
