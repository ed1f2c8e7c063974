import { documentId, parseDocumentManifests } from '../../../policies';

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
