import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LintFinding } from './lint';
import { isCitizenGrant, type PolicySet } from './policy-set';
import type { Classification } from './types';

/** The catalogue's conditions (policies/catalogue.yaml). */
export interface SharingCatalogue {
  readonly departments: Readonly<Record<string, { conditions: string; rows: readonly string[] }>>;
  /** Type.field or Type.* → the law a NONE field is not shared under. */
  readonly notShared: Readonly<Record<string, string>>;
}

const catalogueSchema = z.object({
  departments: z.record(
    z.string(),
    z.object({ conditions: z.string().min(1), rows: z.array(z.string()).default([]) }),
  ),
  notShared: z.record(z.string(), z.string().min(1)).default({}),
});

/** Reads `dir`'s catalogue.yaml (the project's when `dir` has none); throws naming the key. */
export function loadCatalogue(dir: string = __dirname): SharingCatalogue {
  const own = join(dir, 'catalogue.yaml');
  const file = existsSync(own) ? own : join(__dirname, 'catalogue.yaml');
  const parsed = catalogueSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}.`);
  }
  return parsed.data;
}

/**
 * The catalogue rules of 《政务数据共享条例》 art. 13-15: a CONDITIONAL field states its
 * conditions (its department's), a NONE field the law behind it, and a grant to another
 * department limits rows only where the catalogue says it may.
 */
export function lintCatalogue(
  policies: PolicySet,
  classification: Classification,
  catalogue: SharingCatalogue,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const missing = new Set<string>();
  for (const [coordinate, label] of classification) {
    const type = coordinate.split('.')[0]!;
    if (
      label.sharing === 'NONE' &&
      !catalogue.notShared[coordinate] &&
      !catalogue.notShared[`${type}.*`]
    ) {
      findings.push({
        severity: 'error',
        file: 'catalogue.yaml',
        grantId: null,
        message: `${coordinate} is NONE (不予共享) and the catalogue states no law behind it (art. 15): add it under notShared.`,
      });
    }
    if (label.sharing === 'CONDITIONAL' && label.owner && !catalogue.departments[label.owner]) {
      missing.add(label.owner);
    }
  }
  for (const owner of missing) {
    findings.push({
      severity: 'error',
      file: 'catalogue.yaml',
      grantId: null,
      message: `${owner} has CONDITIONAL fields and the catalogue states no conditions of use for them (art. 14): add departments.${owner}.conditions.`,
    });
  }
  for (const grant of policies.grants) {
    if (isCitizenGrant(grant.consumer) || grant.consumer.department === grant.provider) continue;
    const allowed = catalogue.departments[grant.provider]?.rows ?? [];
    for (const [type, conditions] of Object.entries(grant.rows ?? {})) {
      for (const field of Object.keys(conditions)) {
        if (allowed.includes(field)) continue;
        findings.push({
          severity: 'error',
          file: grant.file,
          grantId: grant.id,
          message: `The grant limits ${type} rows by ${field}, a condition the catalogue does not state for ${grant.provider} (art. 15: no conditions added at will); state it in catalogue.yaml or remove it.`,
        });
      }
    }
  }
  return findings;
}
