import pino, { type Logger } from 'pino';

/**
 * The structured logger of one service (the gateway, or a department). Log lines carry request
 * ids, operation names, codes and durations, never variables or response data (they may hold
 * personal information). The gateway and the departments log the same way, so one request
 * can be followed across them by its `requestId`.
 */
export function createServiceLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ['*.authorization', '*.variables', 'req.headers.authorization'],
      remove: true,
    },
  });
}

/**
 * What a log line says about an unexpected error (log it under `error`, not pino's `err`,
 * whose serializer would copy every field back): its type, code, message and stack. Driver
 * fields that quote row values (PostgreSQL's `detail`, `where`, parameters) are left out.
 */
export function loggedError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message,
    stack: error.stack,
  };
}

export type { Logger };
