import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs, strict, with errors that never repeat an argument's value: a misplaced bearer
 * token or claims JSON must not end up in a terminal log.
 */
export function parseCommandArgs<T extends Options>(
  args: readonly string[],
  options: T,
  positionals: { allowed: number; what?: string } = { allowed: 0 },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  if (parsed.positionals.length > positionals.allowed) {
    throw new UsageError(
      positionals.allowed === 0
        ? 'This command takes no arguments besides its options (the extra argument is not shown).'
        : `This command takes ${positionals.what ?? `${positionals.allowed} argument(s)`}; there are ${parsed.positionals.length}.`,
    );
  }
  return parsed;
}

function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Node names the option only, never its value.
      return `${message.split('. ')[0]}.`;
    default:
      return 'The options cannot be read (the arguments are not shown).';
  }
}
