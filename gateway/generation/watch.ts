import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../logger';
import { readSupergraph } from '../supergraph';

/** How long a burst of file events settles before the supergraph is read again. */
export const SUPERGRAPH_WATCH_SETTLE_MS = 200;

/**
 * Reloads the supergraph file on SIGHUP and when it changes on disk; a refused supergraph is
 * logged by `reload` and the current one keeps serving. Returns the function that stops watching.
 */
export function watchSupergraph(options: {
  path: string;
  reload(supergraphSdl: string): Promise<void>;
  logger: Logger;
}): () => void {
  const { path, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  const reload = (cause: string) => {
    let sdl: string;
    try {
      sdl = readSupergraph(path);
    } catch (error) {
      logger.error({ cause, detail: (error as Error).message }, 'supergraph not reloaded');
      return;
    }
    logger.info({ cause, path }, 'reloading the supergraph');
    options.reload(sdl).catch(() => undefined);
  };
  const onChange = () => {
    clearTimeout(timer);
    timer = setTimeout(() => reload('file changed'), SUPERGRAPH_WATCH_SETTLE_MS);
  };
  const onHangup = () => reload('SIGHUP');
  let watcher: FSWatcher | undefined;
  try {
    // The folder, not the file: an editor or a deploy replaces the file, which ends a file watch.
    watcher = watch(dirname(path), (_event, name) => {
      if (name === basename(path)) onChange();
    });
  } catch (error) {
    logger.warn({ path, err: error }, 'supergraph file not watched; SIGHUP still reloads it');
  }
  process.on('SIGHUP', onHangup);
  return () => {
    clearTimeout(timer);
    watcher?.close();
    process.off('SIGHUP', onHangup);
  };
}
