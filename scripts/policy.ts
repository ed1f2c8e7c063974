import { lintCommand } from './policy/lint';
import { explainCommand } from './policy/explain';
import { whoCanCommand } from './policy/who-can';
import { importCommand } from './policy/import';
import { exportCommand } from './policy/export';
import { diffCommand } from './policy/diff';
import { suspendCommand } from './policy/suspend';
import { rollbackCommand } from './policy/rollback';
import { requestCommand } from './policy/request';
import {
  USAGE_EXIT_CODE,
  UsageError,
  type Command,
  type CommandEnv,
  type CommandResult,
} from './policy/command';

const COMMANDS: readonly Command[] = [
  lintCommand,
  explainCommand,
  whoCanCommand,
  importCommand,
  exportCommand,
  diffCommand,
  suspendCommand,
  rollbackCommand,
  requestCommand,
];

const USAGE = `Usage: npm run policy -- <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run 'npm run policy -- <command> --help' for a command's options.`;

/**
 * Runs one policy command on its arguments (without the node and script names) and returns
 * what it printed and its exit code; nothing is written to the terminal.
 */
export async function run(
  argv: readonly string[],
  env: Partial<CommandEnv> = {},
): Promise<CommandResult> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { code: name === undefined ? USAGE_EXIT_CODE : 0, stdout: `${USAGE}\n`, stderr: '' };
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    return {
      code: USAGE_EXIT_CODE,
      stdout: '',
      stderr: `Unknown command; use one of: ${COMMANDS.map((c) => c.name).join(', ')}.\n\n${USAGE}\n`,
    };
  }
  try {
    return await command.run(args, { now: new Date(), cwd: process.cwd(), ...env });
  } catch (error) {
    if (error instanceof UsageError) {
      return {
        code: USAGE_EXIT_CODE,
        stdout: '',
        stderr: `${error.message}\nRun 'npm run policy -- ${command.name} --help' for its options.\n`,
      };
    }
    return { code: 1, stdout: '', stderr: `${(error as Error).message}\n` };
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    ({ code, stdout, stderr }) => {
      process.stdout.write(stdout);
      process.stderr.write(stderr);
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}
