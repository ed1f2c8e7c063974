import { createServiceLogger, type Logger } from '../contracts/logger';

/** The gateway's structured logger (see contracts/logger.ts for what a line may carry). */
export function createLogger(level: string): Logger {
  return createServiceLogger('gateway', level);
}

export type { Logger };
