import { Kind, parse, valueFromASTUntyped, type DirectiveNode } from 'graphql';

/** A list's size as @listSize declares it (the IBM cost specification). */
export interface ListSize {
  assumedSize: number | null;
  slicingArguments: readonly string[];
  sizedFields: readonly string[];
  requireOneSlicingArgument: boolean;
}

/** The @cost weights and @listSize sizes a supergraph declares, by coordinate. */
export interface CostDirectives {
  /** 'Type' (a type's weight), 'Type.field', 'Type.field(arg)'. */
  weights: ReadonlyMap<string, number>;
  /** 'Type.field' of list fields and of fields whose sizedFields are lists. */
  listSizes: ReadonlyMap<string, ListSize>;
}

const NAMES = { cost: ['cost', 'cost__cost'], listSize: ['listSize', 'cost__listSize'] };

/** Reads @cost and @listSize from a supergraph SDL: whatever subgraph declared them. */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const weights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const type = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) weights.set(type, typeWeight);
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) weights.set(coordinate, weight);
      for (const argument of field.arguments ?? []) {
        const argumentWeight = weightOf(argument.directives);
        if (argumentWeight !== undefined)
          weights.set(`${coordinate}(${argument.name.value})`, argumentWeight);
      }
      const size = field.directives?.find((d) => NAMES.listSize.includes(d.name.value));
      if (size) listSizes.set(coordinate, listSizeOf(size));
    }
  }
  return { weights, listSizes };
}

function weightOf(directives: readonly DirectiveNode[] | undefined): number | undefined {
  const cost = directives?.find((d) => NAMES.cost.includes(d.name.value));
  const weight = cost?.arguments?.find((a) => a.name.value === 'weight');
  return weight ? Number(valueFromASTUntyped(weight.value)) : undefined;
}

function listSizeOf(directive: DirectiveNode): ListSize {
  const args = Object.fromEntries(
    (directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  ) as Record<string, unknown>;
  return {
    assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : null,
    slicingArguments: Array.isArray(args.slicingArguments) ? args.slicingArguments : [],
    sizedFields: Array.isArray(args.sizedFields) ? args.sizedFields : [],
    requireOneSlicingArgument: args.requireOneSlicingArgument !== false,
  };
}
