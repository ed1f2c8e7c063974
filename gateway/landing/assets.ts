import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A static file the landing page loads, served from the installed packages or this folder. */
interface LandingAssetFile {
  file: string;
  contentType: string;
}

/** What `readLandingAsset` returns for an allow-listed path. */
export interface LandingAsset {
  body: Buffer;
  contentType: string;
}

const script = (file: string): LandingAssetFile => ({
  file,
  contentType: 'text/javascript; charset=utf-8',
});
const style = (file: string): LandingAssetFile => ({
  file,
  contentType: 'text/css; charset=utf-8',
});

/** react's `exports` hides `umd/`, so those are found next to its package.json. */
function umdFile(pkg: 'react' | 'react-dom', file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'umd', file);
}

// A fixed allow-list: no file name is ever built from the request, so no traversal.
// Order matters: the page loads the scripts in this order.
const ASSETS: ReadonlyMap<string, LandingAssetFile> = new Map([
  ['/graphiql/graphiql.min.css', style(require.resolve('graphiql/graphiql.min.css'))],
  ['/graphiql/landing.css', style(require.resolve('./landing.css'))],
  ['/graphiql/react.production.min.js', script(umdFile('react', 'react.production.min.js'))],
  [
    '/graphiql/react-dom.production.min.js',
    script(umdFile('react-dom', 'react-dom.production.min.js')),
  ],
  ['/graphiql/graphiql.min.js', script(require.resolve('graphiql/graphiql.min.js'))],
  ['/graphiql/boot.js', script(require.resolve('./boot.js'))],
]);

/** Every URL path `readLandingAsset` serves, in the order the page loads them. */
export const LANDING_ASSET_PATHS: readonly string[] = Object.freeze([...ASSETS.keys()]);

// Static files of the installed packages, shared by all callers; no per-request data.
const cache = new Map<string, Promise<LandingAsset>>();

/**
 * Reads an allow-listed landing asset by URL pathname (e.g. '/graphiql/graphiql.min.js'),
 * cached in memory after the first read. Any other path, including encoded or `..` forms,
 * gives null.
 */
export async function readLandingAsset(pathname: string): Promise<LandingAsset | null> {
  const asset = ASSETS.get(pathname);
  if (!asset) return null;
  let pending = cache.get(pathname);
  if (!pending) {
    pending = readFile(asset.file).then((body) => ({ body, contentType: asset.contentType }));
    cache.set(pathname, pending);
    // A failed read (e.g. a package removed) is retried next time instead of cached.
    pending.catch(() => cache.delete(pathname));
  }
  return pending;
}
