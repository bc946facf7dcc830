/**
 * Regenerates imports/ from the CRDs listed in crd-sources.ts (the `imports:` of cdk8s.yaml).
 *
 *   import-crds.ts                  offline, from ../shared/crds ($AKS_LABS_CRDS_DIR, or $AKS_LABS_SHARED_DIR/crds)
 *   import-crds.ts --from-upstream  downloads the upstream files, like `npx cdk8s import`
 *   import-crds.ts --rewrite-only   only rewrites the files already in imports/ (after `npx cdk8s import`)
 *
 * Each entry is imported as `cdk8s import <prefix>:=<file>`, which writes
 * `imports/<prefix>-<group>.ts`, the same files `npx cdk8s import` writes from the URLs.
 * It also writes `imports/crd-schemas.ts`: each CRD version's openAPIV3Schema without its
 * descriptions, which the library validates custom resources against at synth time.
 * The generated classes are then rewritten as stable-shapes.ts explains (less memory while
 * synthesizing, the same JSON).
 */
import * as path from 'path';
import { generateImports, rewriteImports } from './crd-importer';

const OUT_DIR = path.resolve(__dirname, '..', 'imports');

async function main(): Promise<void> {
  if (!process.argv.includes('--rewrite-only')) await generateImports(OUT_DIR, process.argv.includes('--from-upstream'));
  rewriteImports(OUT_DIR);
}

main().catch((error: Error) => {
  console.error(`import-crds: ${error.message}`);
  process.exit(1);
});
