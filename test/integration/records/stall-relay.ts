import { createServer, Socket, type Server } from 'node:net';
import { testDatabaseUrl } from '../../support/database';

/**
 * How the relay treats traffic:
 * - forward: passes everything;
 * - freeze: passes nothing either way (a stalled path; bytes wait in the relay);
 * - hold-commit: holds a connection's bytes to the server from its COMMIT on, until release();
 * - lose-commit-ack: passes the COMMIT, but nothing back to the client after it.
 */
export type RelayMode = 'forward' | 'freeze' | 'hold-commit' | 'lose-commit-ack';

/** A TCP relay to PostgreSQL that stalls on command: a network path that stops answering. */
export interface StallRelay {
  url: string;
  mode: RelayMode;
  /** Delivers what hold-commit held (after the client gave up too), and lets frozen bytes go. */
  release(): void;
  close(): Promise<void>;
}

const COMMIT = Buffer.from('COMMIT\0');
/** A chained batch commits by calling the prepared statement of this name (migration 010). */
const APPEND_CALL = Buffer.from('append-records ');

interface Pipe {
  upstream: Socket;
  client: Socket;
  holding: Buffer[] | null;
  ackLost: boolean;
  frozenUp: Buffer[];
  frozenDown: Buffer[];
}

export async function startStallRelay(target = new URL(testDatabaseUrl())): Promise<StallRelay> {
  const pipes = new Set<Pipe>();
  const relay: StallRelay = {
    url: '',
    mode: 'forward',
    release() {
      for (const pipe of pipes) {
        for (const chunk of pipe.frozenUp.splice(0)) pipe.upstream.write(chunk);
        for (const chunk of pipe.frozenDown.splice(0)) pipe.client.write(chunk);
        if (pipe.holding) {
          for (const chunk of pipe.holding) pipe.upstream.write(chunk);
          pipe.holding = null;
          if (pipe.client.destroyed) pipe.upstream.end();
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pipe of pipes) {
          pipe.client.destroy();
          pipe.upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pipe: Pipe = {
      upstream,
      client,
      holding: null,
      ackLost: false,
      frozenUp: [],
      frozenDown: [],
    };
    pipes.add(pipe);
    upstream.connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk) => {
      if (pipe.holding) return void pipe.holding.push(chunk);
      if (relay.mode === 'freeze') return void pipe.frozenUp.push(chunk);
      if (chunk.includes(COMMIT) || chunk.includes(APPEND_CALL)) {
        if (relay.mode === 'hold-commit') return void (pipe.holding = [chunk]);
        if (relay.mode === 'lose-commit-ack') pipe.ackLost = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (pipe.ackLost) return;
      if (relay.mode === 'freeze') return void pipe.frozenDown.push(chunk);
      client.write(chunk);
    });
    for (const s of [client, upstream]) s.on('error', () => undefined);
    // A client that gives up leaves a held COMMIT behind, to be delivered late by release().
    client.on('close', () => {
      if (!pipe.holding) upstream.end();
    });
    upstream.on('close', () => {
      client.destroy();
      pipes.delete(pipe);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = new URL(target.toString());
  url.port = String((server.address() as { port: number }).port);
  relay.url = url.toString();
  return relay;
}
