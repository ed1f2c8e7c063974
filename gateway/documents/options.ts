import type { DocumentManifest, TrustedDocumentMode } from '../../policies';

/** The mode of callers whose application has no manifest, or who name no application. */
export const DEFAULT_DOCUMENTS_MODE: TrustedDocumentMode = 'off';

/** Trusted documents: the applications' manifests, and the mode of everyone else. */
export interface TrustedDocumentSettings {
  /** Application → its manifest (policies/documents/<application>.yaml). */
  manifests: ReadonlyMap<string, DocumentManifest>;
  /** TRUSTED_DOCUMENTS_DEFAULT_MODE (default DEFAULT_DOCUMENTS_MODE, off). */
  defaultMode: TrustedDocumentMode;
}

/** No manifests, every caller off. */
export const DEFAULT_DOCUMENT_SETTINGS: TrustedDocumentSettings = Object.freeze({
  manifests: new Map(),
  defaultMode: DEFAULT_DOCUMENTS_MODE,
});
