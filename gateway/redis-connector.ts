import StandaloneConnector, {
  type StandaloneConnectionOptions,
} from 'ioredis/built/connectors/StandaloneConnector';

/**
 * ioredis's connector, except that closing a connection whose socket is already closed does
 * nothing. ioredis ends the socket and arms a 2 s timer to destroy it if it stays half-open,
 * cleared when the socket closes; while Redis is unreachable the client sits between retries
 * on a socket that closed long ago, so that timer could never be cleared and held a stopping
 * process alive for its 2 s (ioredis issue #1247; the jest worker that "failed to exit
 * gracefully").
 */
export class SettledConnector extends StandaloneConnector {
  // ioredis hands a connector its whole options object.
  constructor(options: unknown) {
    super(options as StandaloneConnectionOptions);
  }

  override disconnect(): void {
    if (this.stream?.destroyed) {
      this.connecting = false;
      return;
    }
    super.disconnect();
  }
}
