import { GraphQLError } from 'graphql';
import { ErrorCode } from '../contracts/errors';
import { isSubjectList, SUBJECTS_EXTENSION } from '../contracts/subjects';
import type { GatewayContext } from './context';
import type { Logger } from './logger';

const MALFORMED = Symbol('malformed');

/**
 * Moves the persons a subgraph reports disclosing (`extensions.subjects`) into the request's
 * context, for its access record; the client never sees them. A malformed report fails the
 * call (fail closed): data whose subjects cannot be recorded is not released. The report is
 * judged whole before any id is taken, so a bad one leaves nothing behind for later calls.
 */
export function takeSubjects(
  response: { extensions?: unknown },
  context: GatewayContext,
  subgraph: string,
  logger: Logger,
): void {
  const extensions = response.extensions;
  if (extensions === undefined || extensions === null) return;
  const reported = isRecord(extensions)
    ? Object.hasOwn(extensions, SUBJECTS_EXTENSION)
      ? extensions[SUBJECTS_EXTENSION]
      : undefined
    : MALFORMED;
  if (reported === undefined) return;
  if (isRecord(extensions)) delete extensions[SUBJECTS_EXTENSION];
  if (!isSubjectList(reported)) {
    logger.error({ subgraph, requestId: context.requestId }, 'malformed subjects report');
    throw new GraphQLError(
      `The ${subgraph} subgraph reported the persons it disclosed in a malformed way; its data is withheld.`,
      { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
    );
  }
  for (const id of reported) context.subjects.add(id);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
