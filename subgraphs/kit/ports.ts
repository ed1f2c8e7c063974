import { createServer } from 'node:net';

/** Whether something already listens on host:port (EADDRINUSE); other errors are thrown. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  if (port === 0) return false;
  const probe = createServer();
  return new Promise<boolean>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(true) : reject(error),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** The sentence every "port in use" failure says: which port, whose, and what to set. */
export function portInUseMessage(port: number, whose: string, fix: string): string {
  return (
    `Port ${port} (${whose}) is already in use on this machine: another process listens there ` +
    `(see it with 'ss -ltnp | grep :${port}'). Stop that process, or ${fix}.`
  );
}
