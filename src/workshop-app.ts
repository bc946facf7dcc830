import { App } from 'cdk8s';
import { ManifestFile, synthesizeManifests, writeManifests } from './core/synthesizer';
import { WORKSHOP_SECTIONS, WorkshopSection } from './sections';

/** Options of {@link synthesizeWorkshop}. */
export interface SynthesizeWorkshopOptions {
  /**
   * Folder the bundles are written to; it is replaced as a whole, and left as it was when
   * anything fails.
   * @default - `$CDK8S_OUTDIR` (set by `cdk8s synth`), else 'dist'
   */
  readonly outdir?: string;
  /**
   * The sections to synthesize.
   * @default - every workshop section
   */
  readonly sections?: readonly WorkshopSection[];
}

/** Synthesizes workshop sections into one YAML bundle per section (plus step files) and writes them. */
export function synthesizeWorkshop(options: SynthesizeWorkshopOptions = {}): ManifestFile[] {
  const app = new App({ outdir: options.outdir });
  for (const section of options.sections ?? WORKSHOP_SECTIONS) section.addTo(app);
  const files = synthesizeManifests(app);
  writeManifests(app.outdir, files);
  return files;
}
