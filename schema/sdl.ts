import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ROOT_DIR } from './load-manifest';

const CLASSIFICATION_PATH = join(ROOT_DIR, 'schema', 'classification.graphql');

/** The shared preamble every department SDL is composed with: @link, @classify and its enums. */
export function classificationSdl(): string {
  return readFileSync(CLASSIFICATION_PATH, 'utf8');
}

/** A department's full subgraph SDL: the classification preamble followed by its own file. */
export function loadSubgraphSdl(sdlPath: string): string {
  const path = isAbsolute(sdlPath) ? sdlPath : join(ROOT_DIR, sdlPath);
  return `${classificationSdl()}\n${readFileSync(path, 'utf8')}`;
}
