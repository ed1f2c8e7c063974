import type { Logger } from '../logger';

/**
 * How long one fetch of the supergraph may take before it counts as failed. Not the poll
 * interval: polls never overlap, so a slow answer only delays the next one.
 */
export const SUPERGRAPH_FETCH_TIMEOUT_MS = 10_000;

/** What one ask of the supergraph URL found. */
export type Fetched =
  { status: 'unchanged' } | { status: 'changed'; supergraphSdl: string; etag: string | null };

/**
 * Fetches the supergraph served at `url`; with the ETag of the last one seen, a 304 is
 * 'unchanged'. Throws, naming the URL and what went wrong, on anything but a 200 or 304 with
 * a body, or when no answer comes within `timeoutMs`.
 */
export async function fetchSupergraph(
  url: string,
  options: { etag?: string | null; timeoutMs?: number } = {},
): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.etag ? { 'if-none-match': options.etag } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? SUPERGRAPH_FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`Cannot fetch the supergraph from ${url}: ${(error as Error).message}`);
  }
  if (response.status === 304) return { status: 'unchanged' };
  const body = await response.text().catch(() => '');
  if (response.status !== 200 || body.trim() === '') {
    throw new Error(
      `Cannot fetch the supergraph from ${url}: HTTP ${response.status}` +
        (response.status === 200 ? ' with an empty body' : ''),
    );
  }
  return { status: 'changed', supergraphSdl: body, etag: response.headers.get('etag') };
}

/**
 * Asks `url` every `intervalMs` (and on SIGHUP) whether the supergraph changed, with the ETag
 * of the last one seen (If-None-Match): a 304 or the same text does nothing; a new text is
 * handed to `reload`, which checks it and swaps it in or refuses it. A failed fetch and a
 * refused supergraph never replace the one served: they are logged and told to `refused`
 * (/readyz: degraded), and a refused text is not offered again until its ETag changes.
 * Returns the function that stops polling.
 */
export function pollSupergraph(options: {
  url: string;
  intervalMs: number;
  /** The ETag and text of the supergraph served now (fetched at start-up). */
  served: { etag: string | null; supergraphSdl: string };
  reload(supergraphSdl: string): Promise<void>;
  refused(detail: string): void;
  logger: Logger;
}): () => void {
  const { url, logger } = options;
  let { etag, supergraphSdl: seen } = options.served;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | null = null;
  let stopped = false;

  const poll = async (cause: string) => {
    let fetched: Fetched;
    try {
      fetched = await fetchSupergraph(url, { etag });
    } catch (error) {
      const detail = (error as Error).message;
      logger.warn({ cause, detail }, 'supergraph not fetched: the current one keeps serving');
      options.refused(detail);
      return;
    }
    if (fetched.status === 'unchanged' || fetched.supergraphSdl === seen) {
      if (fetched.status === 'changed') etag = fetched.etag;
      return;
    }
    // Examined once, live or refused: a refused one is not offered again under the same ETag.
    ({ etag, supergraphSdl: seen } = fetched);
    logger.info({ cause, url }, 'reloading the supergraph');
    await options.reload(fetched.supergraphSdl).catch(() => undefined);
  };
  const once = (cause: string) => {
    polling ??= poll(cause).finally(() => {
      polling = null;
    });
    return polling;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void once('interval').then(schedule), options.intervalMs);
    timer.unref();
  };
  const onHangup = () => void once('SIGHUP');
  process.on('SIGHUP', onHangup);
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
    process.off('SIGHUP', onHangup);
  };
}
