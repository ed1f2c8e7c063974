import type { Classification, Consumer } from '../../policies';

/** A sharing request the caller could file for denied fields, pre-filled from the graph. */
export interface RequestDraft {
  /** The department that owns the fields (it reviews the request). */
  provider: string;
  /** CONDITIONAL when any field is: the provider replies within 10 working days, else 1. */
  sharingClass: 'UNCONDITIONAL' | 'CONDITIONAL';
  fields: { coordinate: string; access: 'FULL' }[];
  /** The input of the data graph's submitSharingRequest, with what the gateway knows filled in. */
  input: {
    provider: string;
    purpose: string;
    method: 'INTERFACE';
    fields: { coordinate: string; access: 'FULL' }[];
  };
}

/**
 * What to ask for: the denied fields a request could open, grouped by the department that
 * owns them. Only officials file requests; NONE fields (不予共享) and fields of the caller's
 * own department or of no known owner are left out. Read from the classification alone: the
 * gateway names no department.
 */
export function requestDrafts(
  denied: readonly { coordinate: string }[],
  classification: Classification,
  consumer: Consumer,
  purpose: string,
): RequestDraft[] {
  if (consumer.kind !== 'official') return [];
  const byOwner = new Map<string, { coordinates: Set<string>; conditional: boolean }>();
  for (const { coordinate } of denied) {
    const label = classification.get(coordinate);
    if (!label?.owner || label.sharing === 'NONE' || label.owner === consumer.department) continue;
    const entry = byOwner.get(label.owner) ?? { coordinates: new Set(), conditional: false };
    entry.coordinates.add(coordinate);
    entry.conditional ||= label.sharing === 'CONDITIONAL';
    byOwner.set(label.owner, entry);
  }
  return [...byOwner].map(([provider, { coordinates, conditional }]) => {
    const fields = [...coordinates]
      .sort()
      .map((coordinate) => ({ coordinate, access: 'FULL' as const }));
    return {
      provider,
      sharingClass: conditional ? 'CONDITIONAL' : 'UNCONDITIONAL',
      fields,
      input: { provider, purpose, method: 'INTERFACE', fields },
    };
  });
}
