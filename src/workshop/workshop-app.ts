import { App } from 'cdk8s';
import { claimFiles } from './claim-files';
import { EDITIONS, editionOfFile, WORKSHOP_EDITIONS, WorkshopEdition } from './editions';
import { kustomizations } from './kustomizations';
import { addSection, WorkshopSection } from './section';
import { missingSettings, SettingDefinition, WorkshopSettings } from './settings/workshop-settings';
import { InputError } from '../core/errors';
import { Profile, PROFILES } from '../core/profile';
import { constructMetadata, ManifestFile, synthesizeManifests } from '../core/synthesizer';
import { resolveOutputFolder } from '../output/output-guard';
import { manifestOutputFile } from '../output/write-manifests';
import { writeOutputFolder } from '../output/write-output';

/** Options of {@link synthesizeWorkshop}. */
export interface SynthesizeWorkshopOptions {
  /**
   * Folder the bundles are written to. It is replaced as a whole and left as it was when
   * anything fails; it must be new, empty, or hold only what an earlier run wrote (see
   * `writeOutputFolder`).
   * @default - cdk8s's `App` default: `$CDK8S_OUTDIR` (set by `cdk8s synth`), else 'dist'
   */
  readonly outdir?: string;
  /**
   * Which workshop: AKS Deep Dives, written to the output folder, or the older Advanced AKS
   * workshop, written to its `advanced-aks/` folder. Each run replaces only its own
   * workshop's files; the other's stay.
   * @default 'deep-dives'
   */
  readonly workshop?: WorkshopEdition;
  /**
   * The sections to choose from.
   * @default - every section of the workshop
   */
  readonly sections?: readonly WorkshopSection[];
  /**
   * Ids of the sections to synthesize (e.g. `05-identity`). A section asked for by id fails
   * the run when settings it needs are missing; without a filter it is skipped.
   * @default - all sections
   */
  readonly only?: readonly string[];
  /**
   * Workshop settings (see `readWorkshopSettings`).
   * @default - none set
   */
  readonly settings?: WorkshopSettings;
  /**
   * How the manifests are written: as the workshop writes them, or hardened.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * Replace files of the output folder that were edited by hand since they were written, or
   * added to it; each replaced file is listed in the warnings.
   * @default false: such files stop the run, named
   */
  readonly overwrite?: boolean;
  /**
   * Also write `construct-metadata.json` (each object's construct path), which the cdk8s CLI
   * reads for its validation plugins and asks for with `CDK8S_RECORD_CONSTRUCT_METADATA=true`.
   * The command sets it from its environment.
   * @default false
   */
  readonly recordConstructMetadata?: boolean;
}

/** A section left out because settings it needs are not set. */
export interface SkippedSection {
  /** The section. */
  readonly section: WorkshopSection;
  /** The settings it needs that are not set. */
  readonly missing: readonly SettingDefinition[];
}

/** What {@link synthesizeWorkshop} wrote and left out. */
export interface WorkshopSynthesis {
  /** The files written. */
  readonly files: ManifestFile[];
  /** Sections left out for missing settings. */
  readonly skipped: SkippedSection[];
  /** The folder written, as a real path. */
  readonly folder: string;
  /** Things that did not stop the run, such as leftovers of an interrupted run that were cleaned up. */
  readonly warnings: readonly string[];
}

/** Thrown when a section asked for by id needs settings that are not set: names each variable and the workshop step that produces it. */
export class MissingSettingsError extends InputError {
  constructor(
    /** The section and the settings it lacks. */
    public readonly skipped: SkippedSection,
  ) {
    super(describeMissingSettings(skipped), 'MissingSettingsError');
  }
}

/** The message for a section left out (or refused) for missing settings. */
export function describeMissingSettings(skipped: SkippedSection): string {
  const lines = skipped.missing.map((m) => `  ${m.variable}: set by the workshop step "${m.producedBy}"`);
  return `section ${skipped.section.id} (${skipped.section.title}) needs settings that are not set:\n${lines.join('\n')}\n`
    + '  Set them in the environment or in a .env file named by AKS_LABS_ENV_FILE or --settings.';
}

function selectSections(all: readonly WorkshopSection[], only: readonly string[] | undefined): WorkshopSection[] {
  if (only === undefined) return [...all];
  if (!Array.isArray(only) || only.length === 0) {
    throw new InputError(`no sections asked for: name at least one of ${all.map((s) => s.id).join(', ')}, or leave the filter out for all of them`);
  }
  const unknown = only.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new InputError(`unknown section ${unknown.join(', ')}: the sections are ${all.map((s) => s.id).join(', ')}`);
  }
  return all.filter((s) => only.includes(s.id));
}

/**
 * Synthesizes workshop sections into one YAML bundle per section (plus step files) and writes
 * them. Sections whose settings are missing are skipped (and reported) unless asked for by id.
 * Options the caller can fix (a profile, workshop or section that does not exist, a section
 * asked for without its settings, an output folder that must not be replaced) throw errors of
 * kind `input`, as the command's flags do; it reads no environment variables itself.
 */
export function synthesizeWorkshop(options: SynthesizeWorkshopOptions = {}): WorkshopSynthesis {
  const settings = options.settings ?? {};
  const profile = options.profile ?? 'workshop';
  if (!PROFILES.includes(profile)) throw new InputError(`invalid profile ${JSON.stringify(profile)}: must be one of ${PROFILES.join(', ')}`);
  const workshop = options.workshop ?? 'deep-dives';
  if (!WORKSHOP_EDITIONS.includes(workshop)) throw new InputError(`invalid workshop ${JSON.stringify(workshop)}: must be one of ${WORKSHOP_EDITIONS.join(', ')}`);
  const edition = EDITIONS[workshop];
  const app = new App({ outdir: options.outdir });
  const outdir = app.outdir;
  resolveOutputFolder(outdir);
  const skipped: SkippedSection[] = [];
  const sections = selectSections(options.sections ?? edition.sections, options.only);
  for (const section of sections) {
    const missing = missingSettings(settings, section.requires ?? []);
    if (missing.length > 0) {
      if (options.only !== undefined) throw new MissingSettingsError({ section, missing });
      skipped.push({ section, missing });
      continue;
    }
    addSection(app, section, { settings, profile }, edition.folder);
  }
  const files = synthesizeManifests(app);
  const written = sections.filter((s) => !skipped.some((k) => k.section === s));
  const extra = [...kustomizations(written, edition.folder), ...claimFiles(written, edition.folder)];
  if (options.recordConstructMetadata) extra.push({ path: 'construct-metadata.json', content: constructMetadata(app) });
  const output = [...files.map(manifestOutputFile), ...extra];
  // The other workshop's files stay as they are.
  const keep = (file: string) => file !== 'construct-metadata.json' && editionOfFile(file) !== workshop;
  const { folder, warnings } = writeOutputFolder(outdir, output, { schemaValidated: true, keep, overwrite: options.overwrite });
  return { files, skipped, folder, warnings };
}
