import { App } from 'cdk8s';
import { synthesizeManifests, writeManifests } from './core/synthesizer';
import { WORKSHOP_SECTIONS } from './sections';

/** Synthesizes every workshop section into `dist/` (or `$CDK8S_OUTDIR`, as `cdk8s synth` sets it). */
function main(): void {
  const app = new App();
  for (const section of WORKSHOP_SECTIONS) section.addTo(app);
  writeManifests(app.outdir, synthesizeManifests(app));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
