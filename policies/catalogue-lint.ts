import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { LintFinding } from './lint';
import { isCitizenGrant, type PolicySet } from './policy-set';
import type { Classification } from './types';

/** A field's own entry: its conditions of use, and the row facts a grant of it may limit by. */
export interface FieldConditions {
  readonly conditions: string;
  /** Row facts (`field`, or `Type.field`) a grant opening this field may limit rows by. */
  readonly rows: readonly string[];
}

/** One department's catalogue entry. */
export interface DepartmentConditions {
  /** The conditions of use of its CONDITIONAL fields that state none of their own. */
  readonly conditions?: string;
  /** Row facts (`field`, or `Type.field`) any grant of its fields may limit rows by. */
  readonly rows: readonly string[];
  /** By Type.field or Type.*: a field's own conditions, over the department's. */
  readonly fields: Readonly<Record<string, FieldConditions>>;
}

/** The catalogue's conditions (policies/catalogue.yaml). */
export interface SharingCatalogue {
  readonly departments: Readonly<Record<string, DepartmentConditions>>;
  /** Type.field or Type.* → the law a NONE field is not shared under. */
  readonly notShared: Readonly<Record<string, string>>;
}

const catalogueSchema = z.object({
  departments: z.record(
    z.string(),
    z.object({
      conditions: z.string().min(1).optional(),
      rows: z.array(z.string()).default([]),
      fields: z
        .record(
          z.string().regex(/^[A-Z]\w*\.(\*|[a-z]\w*)$/, 'a Type.field or Type.* key'),
          z.object({ conditions: z.string().min(1), rows: z.array(z.string()).default([]) }),
        )
        .default({}),
    }),
  ),
  notShared: z.record(z.string(), z.string().min(1)).default({}),
});

/** Whether a catalogue key (Type.field or Type.*) covers a coordinate (Type.field or Type.*). */
function covers(key: string, coordinate: string): boolean {
  const [type, field] = key.split('.') as [string, string];
  const [t, f] = coordinate.split('.') as [string, string];
  return type === t && (field === '*' || f === '*' || field === f);
}

/** A field's own catalogue entry (Type.field before Type.*), or null. */
function fieldEntry(
  department: DepartmentConditions | undefined,
  coordinate: string,
): FieldConditions | null {
  const type = coordinate.split('.')[0]!;
  return department?.fields[coordinate] ?? department?.fields[`${type}.*`] ?? null;
}

/**
 * The conditions of use the catalogue states for a field of `owner`: the field's own, else its
 * department's; null when it states none.
 */
export function conditionsOf(
  catalogue: SharingCatalogue,
  owner: string,
  coordinate: string,
): string | null {
  const department = catalogue.departments[owner];
  return fieldEntry(department, coordinate)?.conditions ?? department?.conditions ?? null;
}

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
 * conditions (its own, else its department's), a NONE field the law behind it, a field entry
 * names CONDITIONAL fields of its department, and a grant to another department limits rows
 * only on facts the catalogue lists for it (the department's rows, or the rows of a field
 * entry covering a field the grant opens).
 */
export function lintCatalogue(
  policies: PolicySet,
  classification: Classification,
  catalogue: SharingCatalogue,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const error = (message: string, grant?: { file: string; id: string }) =>
    findings.push({
      severity: 'error',
      file: grant?.file ?? 'catalogue.yaml',
      grantId: grant?.id ?? null,
      message,
    });
  const unstated = new Map<string, string[]>();
  for (const [coordinate, label] of classification) {
    const type = coordinate.split('.')[0]!;
    if (
      label.sharing === 'NONE' &&
      !catalogue.notShared[coordinate] &&
      !catalogue.notShared[`${type}.*`]
    ) {
      error(
        `${coordinate} is NONE (不予共享) and the catalogue states no law behind it (art. 15): add it under notShared.`,
      );
    }
    if (
      label.sharing === 'CONDITIONAL' &&
      label.owner &&
      !conditionsOf(catalogue, label.owner, coordinate)
    ) {
      unstated.set(label.owner, [...(unstated.get(label.owner) ?? []), coordinate]);
    }
  }
  for (const [owner, coordinates] of unstated) {
    error(
      `${owner} has CONDITIONAL fields and the catalogue states no conditions of use for them (art. 14): ${coordinates.slice(0, 3).join(', ')}${coordinates.length > 3 ? ` and ${coordinates.length - 3} more` : ''}; add departments.${owner}.conditions or their own under departments.${owner}.fields.`,
    );
  }
  for (const [owner, department] of Object.entries(catalogue.departments)) {
    for (const key of Object.keys(department.fields)) {
      const conditional = [...classification].some(
        ([coordinate, label]) =>
          label.owner === owner && label.sharing === 'CONDITIONAL' && covers(key, coordinate),
      );
      if (!conditional) {
        error(
          `departments.${owner}.fields.${key} names no CONDITIONAL field of ${owner}: a field states its own conditions only where its department shares it on conditions.`,
        );
      }
    }
  }
  for (const grant of policies.grants) {
    if (isCitizenGrant(grant.consumer) || grant.consumer.department === grant.provider) continue;
    const department = catalogue.departments[grant.provider];
    const opened = Object.entries(grant.fields).flatMap(([type, fields]) =>
      Object.keys(fields).map((field) => `${type}.${field}`),
    );
    const listed = [
      ...(department?.rows ?? []),
      ...Object.entries(department?.fields ?? {})
        .filter(([key]) => opened.some((coordinate) => covers(key, coordinate)))
        .flatMap(([, entry]) => entry.rows),
    ];
    for (const [type, conditions] of Object.entries(grant.rows ?? {})) {
      for (const field of Object.keys(conditions)) {
        if (listed.includes(field) || listed.includes(`${type}.${field}`)) continue;
        error(
          `The grant limits ${type} rows by ${field}, a condition the catalogue does not state for ${grant.provider} (art. 15: no conditions added at will); state it in catalogue.yaml or remove it.`,
          grant,
        );
      }
    }
  }
  return findings;
}
