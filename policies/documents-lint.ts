import type { DocumentManifest } from './documents';
import type { LintFinding } from './lint';
import { isCitizenGrant, type PolicySet } from './policy-set';

/**
 * The document ids grants name, checked against the applications' manifests: a grant that
 * names a document no manifest registers, or `only` for a consumer without a manifest, opens
 * nothing and hides a mistake.
 */
export function lintGrantDocuments(
  policies: PolicySet,
  manifests: ReadonlyMap<string, DocumentManifest>,
): LintFinding[] {
  const findings: LintFinding[] = [];
  const owners = new Map<string, string[]>();
  for (const manifest of manifests.values()) {
    for (const id of manifest.documents.keys()) {
      owners.set(id, [...(owners.get(id) ?? []), manifest.application]);
    }
  }
  for (const grant of policies.grants) {
    if (!grant.documents) continue;
    const report = (message: string) =>
      findings.push({ severity: 'error', file: grant.file, grantId: grant.id, message });
    const application = isCitizenGrant(grant.consumer) ? undefined : grant.consumer.application;
    const manifest = application === undefined ? undefined : manifests.get(application);
    if (grant.documents === 'only') {
      if (application === undefined) {
        report(
          "documents: only means the documents of the consumer's application manifest, but the consumer names no application; add `application` to the consumer or list document ids.",
        );
      } else if (!manifest) {
        report(
          `documents: only, but application '${application}' has no manifest in policies/documents/, so the grant opens nothing; add policies/documents/${application}.yaml.`,
        );
      }
      continue;
    }
    for (const id of grant.documents) {
      const registeredBy = owners.get(id) ?? [];
      const short = `${id.slice(0, 12)}…`;
      if (registeredBy.length === 0) {
        report(
          `document ${short} is registered in no application manifest (policies/documents/); register it there or remove it from the grant.`,
        );
      } else if (application !== undefined && !registeredBy.includes(application)) {
        report(
          `document ${short} is registered for ${registeredBy.map((a) => `'${a}'`).join(', ')}, not for the consumer's application '${application}'; register it in policies/documents/${application}.yaml or remove it from the grant.`,
        );
      }
    }
  }
  return findings;
}
