export { trustedDocumentsPlugin } from './plugin';
export { DEFAULT_DOCUMENT_SETTINGS, DEFAULT_DOCUMENTS_MODE } from './options';
export type { TrustedDocumentSettings } from './options';
