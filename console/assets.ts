import { readFile } from 'node:fs/promises';
import type { ConsoleResponse } from './types';

// A fixed allow-list: no file name is ever built from the request, so no traversal.
const ASSETS: ReadonlyMap<string, { file: string; contentType: string }> = new Map([
  [
    '/assets/console.css',
    { file: require.resolve('./console.css'), contentType: 'text/css; charset=utf-8' },
  ],
]);

/** A console asset under /console/assets/, or a 404 for any other name there. */
export async function readConsoleAsset(path: string): Promise<ConsoleResponse> {
  const asset = ASSETS.get(path);
  if (!asset)
    return {
      status: 404,
      body: 'No such console asset.',
      contentType: 'text/plain; charset=utf-8',
    };
  return {
    body: await readFile(asset.file),
    contentType: asset.contentType,
    headers: { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  };
}
