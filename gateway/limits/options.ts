/** Most nested field levels of an operation (fragments do not add a level). */
export const DEFAULT_MAX_DEPTH = 12;
/** Most aliases in an operation, counted with fragments expanded. */
export const DEFAULT_MAX_ALIASES = 30;
/** Most fields at the root of an operation, counted with fragments expanded. */
export const DEFAULT_MAX_ROOT_FIELDS = 20;
/** Most lexical tokens in a document (the parser stops at the next one). */
export const DEFAULT_MAX_TOKENS = 5_000;
/** Most directives in an operation, counted with fragments expanded. */
export const DEFAULT_MAX_DIRECTIVES = 50;
/** Most distinct fields (Type.field coordinates) in a document: Apollo Router's height. */
export const DEFAULT_MAX_HEIGHT = 200;
/** Most fields in an operation once its fragments are expanded: what planning and policy walk. */
export const DEFAULT_MAX_EXPANDED_FIELDS = 2_000;
/** Longest document, in UTF-8 bytes. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 65_536;

/** Limits every operation is held to after parsing, before validation, planning or policy. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDirectives: number;
  maxHeight: number;
  maxExpandedFields: number;
  maxDocumentBytes: number;
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = Object.freeze({
  maxDepth: DEFAULT_MAX_DEPTH,
  maxAliases: DEFAULT_MAX_ALIASES,
  maxRootFields: DEFAULT_MAX_ROOT_FIELDS,
  maxTokens: DEFAULT_MAX_TOKENS,
  maxDirectives: DEFAULT_MAX_DIRECTIVES,
  maxHeight: DEFAULT_MAX_HEIGHT,
  maxExpandedFields: DEFAULT_MAX_EXPANDED_FIELDS,
  maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
});
