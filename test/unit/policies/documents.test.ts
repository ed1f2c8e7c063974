import { documentId, parseDocumentManifests, type Grant } from '../../../policies';
import { lintGrantDocuments } from '../../../policies/tooling';
import { grant, policySet } from './support/builders';

const APPLICANT = 'query Applicant { person(id: "P1") { name } }';

describe('trusted document manifests', () => {
  it('reads the mode and the documents of each application, named by its file', () => {
    const manifests = parseDocumentManifests([
      {
        file: 'policies/documents/dibao-review.yaml',
        text: `mode: enforce\ndocuments:\n  ${documentId(APPLICANT)}: '${APPLICANT}'\n`,
      },
    ]);
    const manifest = manifests.get('dibao-review');
    expect(manifest?.mode).toBe('enforce');
    expect(manifest?.documents.get(documentId(APPLICANT))).toBe(APPLICANT);
  });

  it('refuses an id that is not the SHA-256 of its text, naming the file, line and key', () => {
    const wrong = 'a'.repeat(64);
    expect(() =>
      parseDocumentManifests([
        {
          file: 'dibao-review.yaml',
          text: `mode: enforce\ndocuments:\n  ${wrong}: '${APPLICANT}'\n`,
        },
      ]),
    ).toThrow(
      `dibao-review.yaml:3:69 documents.${wrong}: the id is not the SHA-256 of its document text ` +
        `(${documentId(APPLICANT)}); register the document under its own hash.`,
    );
  });

  it('refuses an unknown mode and an unknown key', () => {
    expect(() =>
      parseDocumentManifests([{ file: 'x.yaml', text: 'mode: strict\ndocuments: {}\nextra: 1\n' }]),
    ).toThrow(
      /x\.yaml:1:7 mode: write the mode as 'off', 'audit' or 'enforce'[\s\S]*x\.yaml:3:8 extra: unknown key/,
    );
  });
});

describe('lintGrantDocuments', () => {
  function setup() {
    const manifests = parseDocumentManifests([
      {
        file: 'policies/documents/dibao-review.yaml',
        text: `mode: enforce\ndocuments:\n  ${documentId(APPLICANT)}: '${APPLICANT}'\n`,
      },
    ]);
    const withDocuments = (application: string | undefined, documents: Grant['documents']) =>
      grant({
        id: 'names-for-review',
        provider: 'public-security',
        consumer: { department: 'civil-affairs', role: 'caseworker', application },
        purposes: ['social-assistance-eligibility'],
        fields: { Person: { name: 'full' } },
        documents,
      });
    const lint = (g: Grant) => lintGrantDocuments(policySet([g]), manifests).map((f) => f.message);
    return { withDocuments, lint };
  }

  it('accepts ids the consumer application registers, and `only` with a manifest', () => {
    const { withDocuments, lint } = setup();
    expect(lint(withDocuments('dibao-review', [documentId(APPLICANT)]))).toEqual([]);
    expect(lint(withDocuments('dibao-review', 'only'))).toEqual([]);
  });

  it('refuses an id no manifest registers, and one registered for another application', () => {
    const { withDocuments, lint } = setup();
    const unknown = 'b'.repeat(64);
    expect(lint(withDocuments('dibao-review', [unknown]))).toEqual([
      `document ${unknown.slice(0, 12)}… is registered in no application manifest (policies/documents/); register it there or remove it from the grant.`,
    ]);
    expect(lint(withDocuments('hotline-desk', [documentId(APPLICANT)]))).toEqual([
      `document ${documentId(APPLICANT).slice(0, 12)}… is registered for 'dibao-review', not for the consumer's application 'hotline-desk'; register it in policies/documents/hotline-desk.yaml or remove it from the grant.`,
    ]);
  });

  it('refuses `only` for a consumer without an application or without a manifest', () => {
    const { withDocuments, lint } = setup();
    expect(lint(withDocuments(undefined, 'only'))).toEqual([
      "documents: only means the documents of the consumer's application manifest, but the consumer names no application; add `application` to the consumer or list document ids.",
    ]);
    expect(lint(withDocuments('hotline-desk', 'only'))).toEqual([
      "documents: only, but application 'hotline-desk' has no manifest in policies/documents/, so the grant opens nothing; add policies/documents/hotline-desk.yaml.",
    ]);
  });
});
