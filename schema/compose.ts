import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { ManifestEntry } from './load-manifest';
import { loadSubgraphSdl } from './sdl';

export type CompositionResult =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Composes the manifest's subgraphs into a Federation 2 supergraph. */
export function composeManifest(entries: readonly ManifestEntry[]): CompositionResult {
  const services = entries.map((entry) => ({
    name: entry.name,
    url: entry.url,
    typeDefs: parse(loadSubgraphSdl(entry.sdl)),
  }));
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => e.message) };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((h) => h.toString()),
  };
}
