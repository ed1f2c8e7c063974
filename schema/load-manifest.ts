import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The repository root: SDL paths in the manifest are relative to it. */
export const ROOT_DIR = join(__dirname, '..');

/** The default manifest: the government graph's departments. */
export const DEFAULT_MANIFEST_PATH = join(ROOT_DIR, 'schema', 'manifest.json');

const manifestSchema = z.object({
  subgraphs: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a subgraph name is lower-case kebab-case'),
        sdl: z.string().min(1),
        url: z.url(),
      }),
    )
    .min(1),
});

export type ManifestEntry = z.infer<typeof manifestSchema>['subgraphs'][number];

/** Reads and validates a composition manifest (name, SDL file, URL per subgraph). */
export function loadManifest(path: string = DEFAULT_MANIFEST_PATH): readonly ManifestEntry[] {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Manifest ${path} is invalid: ${issues.join('; ')}`);
  }
  const names = parsed.data.subgraphs.map((s) => s.name);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) {
    throw new Error(`Manifest ${path} names ${repeated.join(', ')} more than once.`);
  }
  return Object.freeze(parsed.data.subgraphs.map((s) => Object.freeze({ ...s })));
}
