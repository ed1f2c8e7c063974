export { composeManifest } from './compose';
export type { CompositionResult } from './compose';
export { DEFAULT_MANIFEST_PATH, ROOT_DIR, loadManifest } from './load-manifest';
export type { ManifestEntry } from './load-manifest';
export { classificationSdl, loadSubgraphSdl } from './sdl';

/** Where the committed supergraph lives. */
export const SUPERGRAPH_PATH = `${__dirname}/supergraph.graphql`;
export { classificationFromSupergraph } from './classification';
