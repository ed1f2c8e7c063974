import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import { splitCoordinate } from '../../../policies/tooling';
import { SUPERGRAPH_PATH } from '../../../schema';
import { isValidResidentId } from '../../../domain/identifiers';
import {
  badInput,
  ENTITY_KEY_FORMATS,
  identifierArg,
  MAX_IDENTIFIER_INPUT,
  normalizeIdentifier,
} from '../../kit';
import { COORDINATE, knownNameArg } from '../arguments';
import { fieldTypes, listFields } from '../policies/catalogue';

const TARGET_COORDINATE = {
  ...COORDINATE,
  what: 'one field as Type.field, e.g. Person.name or TaxCreditRating.level',
};

/** The value an objection is about: one field of one entity, and who owns that field. */
export interface ObjectionTarget {
  entityType: string;
  entityKey: string;
  /** Type.field, e.g. Person.name. */
  coordinate: string;
  /** The subgraph that owns the field: the department that answers. */
  owner: string;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** Entity types of the supergraph (types with @key), with their key fields: Person → 'id'. */
const entityKeys: ReadonlyMap<string, string> = (() => {
  const keys = new Map<string, string>();
  for (const definition of parse(readFileSync(SUPERGRAPH_PATH, 'utf8')).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const key = (definition.directives ?? []).map(keyOf).find((k) => k !== undefined);
    if (key) keys.set(definition.name.value, key);
  }
  return keys;
})();

function keyOf(directive: ConstDirectiveNode): string | undefined {
  if (directive.name.value !== 'join__type') return undefined;
  const key = directive.arguments?.find((a) => a.name.value === 'key')?.value;
  return key?.kind === Kind.STRING ? key.value : undefined;
}

/**
 * Checks what a raiser objects to, against the supergraph the deployment runs with: an entity
 * of the graph by its key, a field of a data type owned by a department other than the
 * raiser's. Messages name the argument and never repeat the key (a person's key is personal).
 */
export function objectionTarget(
  input: { entityType: unknown; entityKey: unknown; coordinate: unknown },
  raiserDepartment: string,
): ObjectionTarget {
  const coordinate = identifierArg('input.coordinate', input.coordinate, TARGET_COORDINATE);
  const owner = ownerOf(coordinate);
  if (owner === raiserDepartment) {
    throw badInput(
      'input.coordinate',
      `${coordinate} is owned by your own department (${owner}): correct it in your own system; objections are for values received from other departments.`,
    );
  }
  const entityType = knownNameArg(
    'input.entityType',
    input.entityType,
    'an entity type of the graph (a type with a key)',
    [...entityKeys.keys()].sort(),
  );
  const keyField = entityType === null ? undefined : entityKeys.get(entityType);
  if (entityType === null || keyField === undefined) {
    throw badInput('input.entityType', 'input.entityType is missing: name the entity type.');
  }
  return {
    entityType,
    entityKey: entityKey(input.entityKey, entityType, keyField),
    coordinate,
    owner,
  };
}

function ownerOf(coordinate: string): string {
  if (!COORDINATE.test(coordinate)) {
    throw badInput(
      'input.coordinate',
      'input.coordinate must name one field as Type.field, e.g. Person.name or TaxCreditRating.level.',
    );
  }
  const [type, field] = splitCoordinate(coordinate);
  if (ROOT_TYPES.has(type)) {
    throw badInput(
      'input.coordinate',
      `input.coordinate names a field of ${type}, an entry point: object to the value itself, e.g. Person.name.`,
    );
  }
  if (!fieldTypes.has(type)) {
    throw badInput(
      'input.coordinate',
      `input.coordinate names ${type}, which is not a type of the graph; Query.fieldCatalogue lists every field.`,
    );
  }
  const fields = listFields(type);
  const label = fields.find((f) => f.field === field);
  if (!label) {
    throw badInput(
      'input.coordinate',
      `input.coordinate names ${coordinate}, which is not a field of the graph; the fields of ${type} are: ${fields
        .map((f) => f.field)
        .sort()
        .join(', ')}.`,
    );
  }
  if (!label.owner) {
    throw badInput(
      'input.coordinate',
      `No department owns ${coordinate} in the supergraph, so no one could answer an objection on it.`,
    );
  }
  return label.owner;
}

// Judged normalized: a full-width or zero-width-spliced ID number is an ID number all the same.
function entityKey(value: unknown, entityType: string, keyField: string): string {
  const key =
    typeof value === 'string' && value.length <= MAX_IDENTIFIER_INPUT
      ? normalizeIdentifier(value)
      : '';
  const what = `the ${entityType}'s key (${entityType}.${keyField})`;
  if (isValidResidentId(key.toUpperCase())) {
    throw badInput(
      'input.entityKey',
      `input.entityKey is a resident ID number; give ${what} instead: ID numbers are never keys.`,
    );
  }
  const format = Object.hasOwn(ENTITY_KEY_FORMATS, entityType)
    ? ENTITY_KEY_FORMATS[entityType]
    : undefined;
  if (!format?.test(key)) {
    throw badInput(
      'input.entityKey',
      `input.entityKey must be ${what}: ${format?.what ?? 'a key this desk knows how to check'}.`,
    );
  }
  return key;
}
