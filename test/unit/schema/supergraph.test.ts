import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH, composeManifest, loadManifest } from '../../../schema';
import { loadDepartments } from '../../../subgraphs';

describe('the committed supergraph', () => {
  it('is exactly what composing the manifest produces (run `npm run compose` after an SDL change)', () => {
    const result = composeManifest(loadManifest());
    if (!result.ok) throw new Error(`composition failed:\n${result.errors.join('\n')}`);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(result.supergraphSdl);
  });

  it('keeps the @classify labels for the gateway to read', () => {
    const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
    expect(supergraph).toMatch(
      /idNumber: String! @join__field\(graph: PUBLIC_SECURITY\) @classify\(sharing: CONDITIONAL, pi: SENSITIVE, mask: ID_NUMBER\)/,
    );
  });
});

describe('the manifest', () => {
  it('names one department module per subgraph, with the same name', () => {
    const manifest = loadManifest();
    expect(loadDepartments(manifest).map((d) => d.name)).toEqual(manifest.map((e) => e.name));
  });

  it('fails composition with a readable error when two subgraphs disagree', () => {
    const [first] = loadManifest();
    const result = composeManifest([
      first!,
      { ...first!, name: 'copy', url: 'http://127.0.0.1:1/graphql' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.join('\n')).toMatch(/Person|shareable|resolved/);
  });
});
