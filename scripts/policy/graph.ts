import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { classificationFromSupergraph } from '../../schema/classification';
import { readSupergraph } from '../../gateway/supergraph';
import type { Classification } from '../../policies';
import { SUPERGRAPH_PATH } from '../../schema';

/** The options every command takes to point at other policy files or another supergraph. */
export const SOURCE_OPTIONS = {
  policies: { type: 'string' },
  supergraph: { type: 'string' },
} as const;

/** The help lines of SOURCE_OPTIONS. */
export const SOURCE_USAGE = `  --policies <dir>     the policy folder (purposes.yaml, grants/*.yaml); default: policies/
  --supergraph <file>  the supergraph whose @classify labels apply; default: schema/supergraph.graphql`;

/** The graph the policies are read against. */
export interface Graph {
  readonly path: string;
  readonly sdl: string;
  readonly classification: Classification;
  /** Coordinates without a @classify label (treated as CONDITIONAL, non-personal). */
  readonly unlabelled: readonly string[];
}

/** Reads a supergraph and its classification; throws naming the file when it cannot be read. */
export function loadGraph(path: string = SUPERGRAPH_PATH): Graph {
  const sdl = readSupergraph(path);
  try {
    const { classification, unlabelled } = classificationFromSupergraph(sdl);
    return { path, sdl, classification, unlabelled };
  } catch (error) {
    throw new Error(`The supergraph at ${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The client-facing schema of a supergraph: the one the gateway validates and plans against. */
export function apiSchema(graph: Graph): GraphQLSchema {
  return Supergraph.build(graph.sdl).apiSchema().toGraphQLJSSchema();
}
