import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstValueNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** Reads a Federation 2 supergraph SDL from a file, with an error naming the file. */
export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the supergraph at ${path}: ${(error as Error).message}`);
  }
}

/** The subgraphs a supergraph routes to, from its `join__Graph` enum. */
export function supergraphEndpoints(supergraphSdl: string): SubgraphEndpoint[] {
  const document = parse(supergraphSdl);
  const graphEnum = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (!graphEnum || graphEnum.kind !== Kind.ENUM_TYPE_DEFINITION) {
    throw new Error('The supergraph has no join__Graph enum: is it a Federation 2 supergraph?');
  }
  return (graphEnum.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const arg = (name: string) =>
      stringValue(directive?.arguments?.find((a) => a.name.value === name)?.value);
    return { name: arg('name') ?? value.name.value.toLowerCase(), url: arg('url') ?? '' };
  });
}

function stringValue(node: ConstValueNode | undefined): string | undefined {
  return node?.kind === Kind.STRING ? node.value : undefined;
}

/** The supergraph's subgraphs with the URL overrides applied; an override naming no subgraph throws. */
export function subgraphEndpoints(
  supergraphSdl: string,
  overrides: Readonly<Record<string, string>>,
): SubgraphEndpoint[] {
  const declared = supergraphEndpoints(supergraphSdl);
  const unknown = Object.keys(overrides).filter((name) => !declared.some((e) => e.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Subgraph URL overrides name ${unknown.join(', ')}, which the supergraph does not have ` +
        `(it has ${declared.map((e) => e.name).join(', ')}).`,
    );
  }
  return declared.map((e) => ({ name: e.name, url: overrides[e.name] ?? e.url }));
}
