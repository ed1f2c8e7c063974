import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { Grant, PolicySet, Purpose } from './policy-set';
import { grantsFileSchema, purposesFileSchema } from './schema';
import { parseSource, type ParsedSource, type PolicySource } from './yaml-source';

/** The folder holding purposes.yaml and grants/<provider>.yaml. */
export const DEFAULT_POLICIES_DIR = __dirname;

/**
 * Reads and validates the purpose catalogue and every grant file under `dir`, and returns
 * them frozen. Throws an Error naming each file and location that is wrong (YAML syntax, a
 * schema violation, a grant id used twice, a purpose code missing from the catalogue).
 */
export function loadPolicies(dir: string = DEFAULT_POLICIES_DIR): PolicySet {
  const read = (file: string): PolicySource => ({ file, text: readFileSync(file, 'utf8') });
  const grantFiles = readdirSync(join(dir, 'grants'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => read(join(dir, 'grants', name)));
  return parsePolicies(read(join(dir, 'purposes.yaml')), grantFiles);
}

/**
 * Validates policy files given as text (what loadPolicies reads from disk). A grant file's
 * provider is its base name: `grants/tax.yaml` holds the grants written by tax.
 */
export function parsePolicies(
  purposesSource: PolicySource,
  grantSources: readonly PolicySource[],
): PolicySet {
  const problems: string[] = [];
  const purposesFile = validate(parseSource(purposesSource), purposesFileSchema, problems);
  const purposes: Purpose[] = purposesFile?.purposes ?? [];
  const codes = new Map<string, number>();
  purposes.forEach((p, i) => {
    if (codes.has(p.code)) {
      problems.push(
        `${purposesSource.file}: purposes[${i}].code: purpose '${p.code}' is listed twice; remove one.`,
      );
    }
    codes.set(p.code, i);
  });

  const grants: Grant[] = [];
  const seen = new Map<string, string>();
  for (const source of grantSources) {
    const parsed = parseSource(source);
    const file = validate(parsed, grantsFileSchema, problems);
    const provider = basename(source.file).replace(/\.ya?ml$/, '');
    file?.grants.forEach((entry, i) => {
      const first = seen.get(entry.id);
      if (first) {
        problems.push(
          `${parsed.at(['grants', i, 'id'])}: grant id '${entry.id}' is already used at ${first}; give each grant its own id.`,
        );
      } else {
        seen.set(entry.id, parsed.at(['grants', i, 'id']));
      }
      entry.purposes.forEach((code, j) => {
        if (purposesFile && !codes.has(code)) {
          problems.push(
            `${parsed.at(['grants', i, 'purposes', j])}: purpose '${code}' is not in the catalogue; add it to purposes.yaml or use one of: ${[...codes.keys()].join(', ')}.`,
          );
        }
      });
      grants.push({ ...entry, provider, file: source.file });
    });
  }
  if (problems.length > 0) {
    throw new Error(`The policy files are invalid:\n- ${problems.join('\n- ')}`);
  }
  return deepFreeze({ purposes, grants });
}

function validate<T extends z.ZodType>(
  source: ParsedSource,
  schema: T,
  problems: string[],
): z.infer<T> | null {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // Point at the unknown key itself rather than at the object holding it.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    problems.push(`${source.at(path)}: ${issue.message}.`);
  }
  return null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
