import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_PATH, composeManifest, loadManifest } from '../schema';

/** npm run compose [-- manifest.json]: writes schema/supergraph.graphql. */
function main(): void {
  const manifest = loadManifest(process.argv[2]);
  const result = composeManifest(manifest);
  if (!result.ok) {
    console.error(`Composition failed with ${result.errors.length} error(s):`);
    for (const error of result.errors) console.error(`  - ${error}`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  console.log(`Composed ${manifest.length} subgraphs into ${SUPERGRAPH_PATH}`);
}

main();
