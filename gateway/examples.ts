import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';

/** A ready-made operation shown on the landing page. */
export interface ExampleOperation {
  name: string;
  description?: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who runs it, from a `# as: <consumer>, purpose: <code>` line: the landing page states the purpose. */
  runAs?: { consumer: string; purpose: string };
}

/**
 * Reads `*.graphql` example operations from a folder, in file-name order. A file opens with
 * `# title` and optional `# description` comment lines; `<same-name>.json` holds its variables.
 * Every document is parsed, so a broken example fails at start-up, not in a user's browser.
 */
export function loadExamples(dir: string): ExampleOperation[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const query = readFileSync(join(dir, file), 'utf8');
      try {
        parse(query);
      } catch (error) {
        throw new Error(
          `Example ${join(dir, file)} is not valid GraphQL: ${(error as Error).message}`,
        );
      }
      const comments = query
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#\s?/, ''));
      const as = comments.map((c) => /^as: ([\w-]+), purpose: ([\w-]+)$/.exec(c)).find(Boolean);
      const variablesPath = join(dir, file.replace(/\.graphql$/, '.json'));
      return {
        name: comments[0] ?? file.replace(/\.graphql$/, ''),
        description: comments[1],
        runAs: as ? { consumer: as[1]!, purpose: as[2]! } : undefined,
        query,
        variables: existsSync(variablesPath)
          ? (JSON.parse(readFileSync(variablesPath, 'utf8')) as Record<string, unknown>)
          : undefined,
      };
    });
}

/** The names of the examples' operations: the operation names a metric label may hold. */
export function exampleOperationNames(examples: readonly ExampleOperation[]): string[] {
  return examples.flatMap((example) =>
    parse(example.query).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    ),
  );
}
