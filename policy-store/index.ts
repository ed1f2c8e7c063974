/**
 * The policy store: policy revisions in PostgreSQL (append-only, hash-chained), how replicas
 * follow them (NOTIFY and polling), acknowledge them and renew their lease, the revocation
 * watermark departments enforce, and the receipt of a revision.
 */
export { policyContent, policiesFromContent, sha256 } from './content';
export type { PolicyContent } from './content';
export { REVISION_FORMAT, hashRevision } from './revision';
export type { RevisionCause, RevisionInput, StoredRevision } from './revision';
export { DEFAULT_POLICY_SCHEMA, REVISION_CHANNEL, openPolicyStore } from './store';
export type { Acknowledgement, PolicyStore, ReplicaState } from './store';
export { DEFAULT_POLL_MS, followRevisions } from './follower';
export type { Follower } from './follower';
export { followWatermark } from './watermark';
export type { Watermark } from './watermark';
export { waitForReceipt } from './receipt';
export type { Receipt } from './receipt';
export { amendLatest, amendLatestIn, appendLinted, latestGoodRevision } from './amend';
export type { GoodRevision } from './amend';
export { readReplicas, readRevision, readRevisions } from './read';
