import { canonicalJson, GENESIS_HASH, hashRecord } from '../records/record';

/** Why a revision was made. */
export type RevisionCause = 'import' | 'sharing-request' | 'suspension' | 'rollback';

/** What a new revision says; the store gives it its number, parent, time and hashes. */
export interface RevisionInput {
  /** Canonical content text (policyContent). */
  readonly content: string;
  readonly cause: RevisionCause;
  /** Who made it: an official's id, or the operator's name for an import. */
  readonly author: string;
  readonly note?: string | null;
  /** When it starts to apply (default: at once). */
  readonly effectiveAt?: Date | null;
  /** A revocation: raises the watermark the departments enforce. */
  readonly urgent?: boolean;
  /** The revision a rollback restores the content of. */
  readonly restores?: number | null;
}

/** A revision as stored. */
export interface StoredRevision {
  revision: number;
  parent: number | null;
  content: string;
  contentSha256: string;
  cause: RevisionCause;
  author: string;
  note: string | null;
  /** ISO 8601. */
  createdAt: string;
  effectiveAt: string | null;
  urgent: boolean;
  restores: number | null;
  prevHash: string;
  hash: string;
}

/** The previous hash of revision 1. */
export const POLICY_GENESIS_HASH = GENESIS_HASH;

/** Version of the text a revision's hash covers (audit before release: never change silently). */
export const REVISION_FORMAT = 1;

/** SHA-256 of the previous hash and the revision's canonical header (its content by sha256). */
export function hashRevision(r: Omit<StoredRevision, 'hash' | 'content'>): string {
  return hashRecord(
    r.prevHash,
    canonicalJson({
      format: REVISION_FORMAT,
      revision: r.revision,
      parent: r.parent,
      contentSha256: r.contentSha256,
      cause: r.cause,
      author: r.author,
      note: r.note,
      createdAt: r.createdAt,
      effectiveAt: r.effectiveAt,
      urgent: r.urgent,
      restores: r.restores,
    }),
  );
}
