import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors';

/** What an operation limit measures, as its refusal names it. */
export type LimitKind =
  | 'depth'
  | 'aliases'
  | 'rootFields'
  | 'tokens'
  | 'directives'
  | 'height'
  | 'expandedFields'
  | 'documentBytes';

const CODES: Record<LimitKind, ErrorCode> = {
  depth: ErrorCode.MAX_DEPTH_LIMIT,
  aliases: ErrorCode.MAX_ALIASES_LIMIT,
  rootFields: ErrorCode.MAX_ROOT_FIELDS_LIMIT,
  tokens: ErrorCode.MAX_TOKENS_LIMIT,
  directives: ErrorCode.MAX_DIRECTIVES_LIMIT,
  height: ErrorCode.MAX_HEIGHT_LIMIT,
  expandedFields: ErrorCode.MAX_EXPANDED_FIELDS_LIMIT,
  documentBytes: ErrorCode.MAX_DOCUMENT_BYTES_LIMIT,
};

const WHAT: Record<LimitKind, (n: number) => string> = {
  depth: (n) => `is ${n} fields deep`,
  aliases: (n) => `has ${n} aliases (fragments expanded)`,
  rootFields: (n) => `selects ${n} root fields (fragments expanded)`,
  tokens: (n) => `has more than ${n - 1} tokens`,
  directives: (n) => `has ${n} directives (fragments expanded)`,
  height: (n) => `selects ${n} distinct fields`,
  expandedFields: (n) => `selects ${n} fields once its fragments are expanded`,
  documentBytes: (n) => `is ${n} bytes long`,
};

const LIMIT_CODES = new Set<unknown>(Object.values(CODES));

/** Whether an error is a limit refusal (Apollo re-codes validation and parse errors; this undoes it). */
export function limitCodeOf(error: unknown): ErrorCode | undefined {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return LIMIT_CODES.has(code) ? (code as ErrorCode) : undefined;
}

/** The 400 for an operation over a limit, with both numbers: `{ depth: 14, max: 12 }`. */
export function limitExceeded(kind: LimitKind, found: number, max: number): GraphQLError {
  return new GraphQLError(
    `The operation ${WHAT[kind](found)}; this gateway serves at most ${max}. ` +
      'Split it into smaller operations.',
    { extensions: { code: CODES[kind], [kind]: found, max, http: { status: 400 } } },
  );
}
