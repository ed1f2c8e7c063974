/** A start-up failure as one message naming the cause and the fix; never a bare TypeError. */
export function explainStartFailure(error: unknown): string {
  if (!(error instanceof Error))
    return `an unexpected failure (${String(error)}); run again with LOG_LEVEL=debug.`;
  const { code, port } = error as NodeJS.ErrnoException & { port?: number };
  if (code === 'EADDRINUSE') {
    return (
      `port ${port ?? '(unknown)'} is already in use by another process (see it with 'ss -ltnp | grep :${port}'). ` +
      "Stop that process, or choose other ports: GATEWAY_PORT (0 picks a free one) for the gateway, SUBGRAPH_PORTS=auto for npm start's departments."
    );
  }
  if (code === 'EACCES' && port !== undefined) {
    return `port ${port} needs privileges this user lacks; choose a port above 1023 (GATEWAY_PORT).`;
  }
  if (code === 'ECONNREFUSED') {
    return `PostgreSQL refused the connection (${error.message}); check that DATABASE_URL names a running server, or unset it to use the embedded one.`;
  }
  return error.message;
}
