import pino, { type Logger } from 'pino';

/**
 * The gateway's structured logger. Log lines carry request ids, operation names, codes and
 * durations, never variables or response data (they may hold personal information).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'gateway' },
    redact: {
      paths: ['*.authorization', '*.variables', 'req.headers.authorization'],
      remove: true,
    },
  });
}

export type { Logger };
