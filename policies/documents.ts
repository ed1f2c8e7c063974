import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { parseSource, type PolicySource } from './yaml-source';

/** How a gateway treats an application's documents: not at all, logging unlisted ones, or refusing them. */
export const TRUSTED_DOCUMENT_MODES = ['off', 'audit', 'enforce'] as const;
export type TrustedDocumentMode = (typeof TRUSTED_DOCUMENT_MODES)[number];

/** The operations one application has registered (policies/documents/<application>.yaml). */
export interface DocumentManifest {
  readonly application: string;
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly mode: TrustedDocumentMode;
  /** Document id (SHA-256 hex of the exact text) → the document's text. */
  readonly documents: ReadonlyMap<string, string>;
}

/** The folder of the applications' manifests. */
export const DEFAULT_DOCUMENTS_DIR = join(__dirname, 'documents');

const SHA256 = /^[0-9a-f]{64}$/;

const manifestSchema = z.strictObject(
  {
    mode: z.enum(TRUSTED_DOCUMENT_MODES, {
      error: "write the mode as 'off', 'audit' or 'enforce'",
    }),
    documents: z.record(
      z
        .string()
        .regex(SHA256, 'a document id is the SHA-256 of its text, 64 lower-case hex digits'),
      z.string({ error: 'write the document text' }).min(1, 'write the document text'),
      { error: 'write documents as { <sha256>: <document text> }' },
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; the keys allowed here are: mode, documents`
        : undefined,
  },
);

/** The id of a document: the SHA-256 (hex) of its exact text, as Apollo's persisted queries hash it. */
export function documentId(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads every manifest of `dir` (none when the folder does not exist). */
export function loadDocumentManifests(
  dir: string = DEFAULT_DOCUMENTS_DIR,
): ReadonlyMap<string, DocumentManifest> {
  if (!existsSync(dir)) return new Map();
  const sources = readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
  return parseDocumentManifests(sources);
}

/**
 * Validates manifests given as text; the application is the file's base name. Throws an Error
 * naming each file, line and key that is wrong, and every id that is not its document's hash.
 */
export function parseDocumentManifests(
  sources: readonly PolicySource[],
): ReadonlyMap<string, DocumentManifest> {
  const problems: string[] = [];
  const manifests = new Map<string, DocumentManifest>();
  for (const source of sources) {
    const parsed = parseSource(source);
    const application = basename(source.file).replace(/\.(ya?ml|json)$/, '');
    const result = manifestSchema.safeParse(parsed.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path =
          issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
        problems.push(`${parsed.at(path)}: ${issue.message}.`);
      }
      continue;
    }
    for (const [id, text] of Object.entries(result.data.documents)) {
      const actual = documentId(text);
      if (actual !== id) {
        problems.push(
          `${parsed.at(['documents', id])}: the id is not the SHA-256 of its document text ` +
            `(${actual}); register the document under its own hash.`,
        );
      }
    }
    if (manifests.has(application)) {
      problems.push(`${source.file}: application '${application}' has a manifest already.`);
    }
    manifests.set(application, {
      application,
      file: source.file,
      mode: result.data.mode,
      documents: new Map(Object.entries(result.data.documents)),
    });
  }
  if (problems.length > 0) {
    throw new Error(`The trusted document manifests are invalid:\n- ${problems.join('\n- ')}`);
  }
  return manifests;
}
