import type {
  Classification,
  Consumer,
  FieldLabel,
  Grant,
  PolicySet,
  Purpose,
} from '../../../../policies';

/** An official of a department; jurisdiction and application only when given. */
export function official(
  department: string,
  role: string,
  extra: { jurisdiction?: string; application?: string } = {},
): Consumer {
  return {
    kind: 'official',
    id: `${department}-${role}-1`,
    department,
    role,
    jurisdiction: extra.jurisdiction ?? null,
    application: extra.application ?? null,
    personId: null,
  };
}

/** A citizen standing for a person id. */
export function citizen(personId: string): Consumer {
  return {
    kind: 'citizen',
    id: `citizen-${personId}`,
    department: null,
    role: null,
    jurisdiction: null,
    application: null,
    personId,
  };
}

/** The anonymous caller. */
export const anonymous: Consumer = {
  kind: 'anonymous',
  id: 'anonymous',
  department: null,
  role: null,
  jurisdiction: null,
  application: null,
  personId: null,
};

/** A field label. */
export function label(
  owner: string,
  sharing: FieldLabel['sharing'],
  pi: FieldLabel['pi'] = 'NONE',
  mask: FieldLabel['mask'] = 'NONE',
): FieldLabel {
  return { owner, sharing, pi, mask };
}

/** A classification from coordinate → label. */
export function classificationOf(labels: Record<string, FieldLabel>): Classification {
  return new Map(Object.entries(labels));
}

/** A grant as the loader would return it; the file follows the provider. */
export function grant(fields: Omit<Grant, 'file'> & { file?: string }): Grant {
  return { file: `grants/${fields.provider}.yaml`, ...fields };
}

/** A purpose catalogue entry. */
export function purpose(code: string): Purpose {
  return { code, name: { zh: code, en: code }, legalBasis: `law on ${code}` };
}

/** A policy set whose catalogue holds every purpose its grants list, plus `extraPurposes`. */
export function policySet(grants: Grant[], extraPurposes: string[] = []): PolicySet {
  const codes = new Set([...grants.flatMap((g) => g.purposes), ...extraPurposes]);
  return { purposes: [...codes].map(purpose), grants };
}
