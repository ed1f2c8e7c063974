import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Child process: the audit's own server (every suite's subgraphs, supergraph and test cases)
 * from a checkout of graphql-hive/federation-gateway-audit. Env: FEDERATION_AUDIT_DIR,
 * AUDIT_PORT. Prints {"port": n} once it listens.
 */
async function main(): Promise<void> {
  const dir = process.env.FEDERATION_AUDIT_DIR ?? '';
  const port = Number(process.env.AUDIT_PORT);
  polyfillWithResolvers();
  const audit = (await import(pathToFileURL(join(dir, 'src', 'index.ts')).href)) as {
    serve(port: number): Promise<unknown>;
  };
  await audit.serve(port);
  console.log(JSON.stringify({ port }));
}

/** The audit is written for Node 22; Promise.withResolvers is the one newer API it uses. */
function polyfillWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= () => {
    let resolve: unknown;
    let reject: unknown;
    const settled = new Promise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise: settled, resolve, reject };
  };
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? String(error));
  process.exit(1);
});
