import type { Server } from 'node:http';

/** What a graceful shutdown did. */
export interface ShutdownReport {
  /** Requests still running when the deadline came (their connections were cut). */
  cutAtDeadline: number;
}

/** Tracks a server's requests in flight and whether it is draining. */
export interface Drain {
  /** Counts a request until its response closes. */
  track(res: { once(event: 'close', listener: () => void): unknown }): void;
  /** True from the moment shutdown began: /readyz answers 503. */
  draining(): boolean;
  /**
   * Not ready at once; keeps serving for `drainMs` while load balancers notice; stops
   * accepting; lets requests in flight finish until `deadlineMs` more have passed; then cuts
   * what is left. Resolves once the listener is closed.
   */
  shutdown(options: { drainMs: number; deadlineMs: number }): Promise<ShutdownReport>;
}

/** The drain of one HTTP server. */
export function createDrain(server: Server): Drain {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  return {
    track(res) {
      inFlight += 1;
      res.once('close', () => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
    },
    draining: () => draining,
    async shutdown({ drainMs, deadlineMs }) {
      draining = true;
      await sleep(drainMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request running are closed; busy ones finish first.
      server.closeIdleConnections();
      const finished = new Promise<void>((resolve) => {
        idle = resolve;
        if (inFlight === 0) resolve();
      });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), deadlineMs);
      });
      const outcome = await Promise.race([finished.then(() => 'finished' as const), deadline]);
      clearTimeout(timer);
      const cutAtDeadline = outcome === 'deadline' ? inFlight : 0;
      server.closeAllConnections();
      await closed;
      return { cutAtDeadline };
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
