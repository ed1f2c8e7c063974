import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  isObjectType,
  type FieldDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { SUBJECTS_EXTENSION } from '../../contracts/subjects';
import { classifyArgument } from '../../schema/classification';

/**
 * The persons a row of one type is about: its `Person.id`s. A department declares one for
 * every type that has personal fields, so it can report whose personal information it returned.
 */
export type SubjectsOf = (
  row: Record<string, unknown>,
) => string | null | undefined | readonly (string | null | undefined)[];

/** What a department's context carries to collect the persons disclosed by one request. */
export interface SubjectsContext {
  /** Pseudonymous ids (`Person.id`) of the persons whose personal fields were resolved. */
  subjects: Set<string>;
}

/** A Person is about itself. */
const PERSON: SubjectsOf = (row) => row.id as string | undefined;

/**
 * Makes every personal field (@classify pi PERSONAL or SENSITIVE) note the persons its row is
 * about in `context.subjects` when it is resolved: only rows the caller's row rules let the
 * department load reach a resolver, so what is noted is what was disclosed. Throws, naming
 * them, when a type with personal fields has no `SubjectsOf` (a department must say whose
 * data it serves). Mutates the schema's field resolvers; non-personal fields stay unwrapped.
 */
export function noteSubjects(
  schema: GraphQLSchema,
  subjectsOf: Readonly<Record<string, SubjectsOf>>,
  department: string,
): GraphQLSchema {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const personal = Object.values(type.getFields()).filter((field) => isPersonal(field.astNode));
    if (personal.length === 0) continue;
    const of = subjectsOf[type.name] ?? (type.name === 'Person' ? PERSON : undefined);
    if (!of) {
      missing.push(`${type.name} (${personal.map((f) => f.name).join(', ')})`);
      continue;
    }
    for (const field of personal) field.resolve = noting(field.resolve ?? defaultFieldResolver, of);
  }
  if (missing.length > 0) {
    throw new Error(
      `The ${department} department serves personal fields without saying whose they are: ` +
        `${missing.join('; ')}. Add the type to its \`subjects\`.`,
    );
  }
  return schema;
}

function noting(
  resolve: GraphQLFieldResolver<unknown, SubjectsContext>,
  of: SubjectsOf,
): GraphQLFieldResolver<unknown, SubjectsContext> {
  return (source, args, context, info) => {
    const found = of(source as Record<string, unknown>);
    if (typeof found === 'string') context.subjects.add(found);
    else if (found) for (const id of found) if (id) context.subjects.add(id);
    return resolve(source, args, context, info);
  };
}

function isPersonal(node: FieldDefinitionNode | null | undefined): boolean {
  const pi = classifyArgument(node, 'pi');
  return pi !== undefined && pi !== 'NONE';
}

/** Adds the request's subjects to the response's extensions (never to `data`). */
export function reportSubjectsPlugin(): ApolloServerPlugin<SubjectsContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || contextValue.subjects.size === 0) return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            [SUBJECTS_EXTENSION]: [...contextValue.subjects],
          };
        },
      };
    },
  };
}
