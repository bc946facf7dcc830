import * as fs from 'fs';
import { App } from 'cdk8s';
import { claimFiles } from './claim-files';
import { EditionDefinition, EDITIONS, editionOfFile, WORKSHOP_EDITIONS, WorkshopEdition } from './editions';
import { clusterBundles, kustomizations } from './kustomizations';
import { describeUnheldSecret, unheldSecrets } from './secret-warnings';
import { addSection, clusterFolder, WorkshopSection } from './section';
import { missingSettings, SettingDefinition, WorkshopSettings } from './settings/workshop-settings';
import { InputError } from '../core/errors';
import { describeRendered, renderedIdentity } from '../core/object-identity';
import { Profile, PROFILES } from '../core/profile';
import { constructMetadata, ManifestFile, synthesizeManifests } from '../core/synthesizer';
import { cdk8sCliFolder, helmTemplateText, writeCdk8sCliFolder } from '../output/cdk8s-cli-output';
import { OutputFolderError } from '../output/output-folder-error';
import { resolveOutputFolder } from '../output/output-guard';
import { manifestOutputFile } from '../output/write-manifests';
import { OutputFile, writeOutputFolder } from '../output/write-output';

/**
 * What {@link synthesizeWorkshop} writes into its folder:
 *
 * - `folder`: the whole output folder (the bundles, steps/, claims/, the kustomization.yaml
 *   files, fleet-hub/ and advanced-aks/), replaced as a whole (see `writeOutputFolder`);
 * - `cdk8s-stdout`: only the objects one member cluster applies (the bundles its
 *   kustomization.yaml lists), each once, in one file, `member-cluster.k8s.yaml`, for
 *   `cdk8s synth --stdout` to print them in that order;
 * - `helm-templates`: only those bundles, each its own file, for the `templates/` folder of a
 *   chart `cdk8s synth --format helm` scaffolded (every `{{` written so that Helm renders it
 *   as it is).
 *
 * The two last write nothing else (no marker file), into a folder that must be new or empty.
 */
export const WORKSHOP_OUTPUTS = ['folder', 'cdk8s-stdout', 'helm-templates'] as const;

/** See {@link WORKSHOP_OUTPUTS}. */
export type WorkshopOutput = typeof WORKSHOP_OUTPUTS[number];

/** The file `cdk8s-stdout` writes the member cluster's objects to. */
export const MEMBER_CLUSTER_FILE = 'member-cluster.k8s.yaml';

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
  /**
   * What is written into the folder (see {@link WORKSHOP_OUTPUTS}).
   * @default - `cdk8s-stdout` or `helm-templates` when the folder is one the cdk8s CLI made
   * for `cdk8s synth --stdout` or `--format helm` (see `cdk8sCliFolder`), else `folder`
   */
  readonly output?: WorkshopOutput;
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
  /**
   * The manifest files written: every chart's for the `folder` output; the member cluster's
   * bundles for the others (joined into one file for `cdk8s-stdout`).
   */
  readonly files: ManifestFile[];
  /** Sections left out for missing settings. */
  readonly skipped: SkippedSection[];
  /** The folder written, as a real path. */
  readonly folder: string;
  /** Things that did not stop the run, such as leftovers of an interrupted run that were cleaned up. */
  readonly warnings: readonly string[];
  /** What was written: the whole output folder, or only the member cluster's objects. */
  readonly output: WorkshopOutput;
  /** What the output leaves out on purpose and how to get it (the Fleet hub's bundles, for the member cluster's outputs). */
  readonly notes: readonly string[];
}

/** Options of {@link synthesizeMemberCluster}: those of {@link synthesizeWorkshop} that choose what is synthesized. */
export type MemberClusterOptions = Pick<SynthesizeWorkshopOptions, 'workshop' | 'sections' | 'only' | 'settings' | 'profile'>;

/** The objects one member cluster of a workshop applies, from {@link synthesizeMemberCluster}. */
export interface MemberClusterSynthesis {
  /** The objects as JSON: bundle by bundle in the order the member cluster's `kustomization.yaml` lists them, each object once. */
  readonly objects: readonly any[];
  /** The same objects as one YAML stream: the bundles' files joined (each starts a document). */
  readonly yaml: string;
  /** The bundles they come from, as the kustomization lists them. */
  readonly bundles: readonly ManifestFile[];
  /** Sections left out for missing settings. */
  readonly skipped: SkippedSection[];
  /** Things that did not stop the run, as {@link synthesizeWorkshop} gives them for these bundles. */
  readonly warnings: readonly string[];
  /** What is left out on purpose and how to get it: the Fleet hub's bundles. */
  readonly notes: readonly string[];
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

/** A workshop built and synthesized, before anything is written. */
interface BuiltWorkshop {
  readonly app: App;
  readonly workshop: WorkshopEdition;
  readonly profile: Profile;
  readonly edition: EditionDefinition;
  /** The sections built, in workshop order. */
  readonly written: readonly WorkshopSection[];
  readonly skipped: SkippedSection[];
  readonly files: ManifestFile[];
}

/**
 * Checks the options that choose what is synthesized, builds the sections into `app` and
 * synthesizes them; `beforeBuild` runs once the options are checked (the folder's check).
 */
function buildWorkshop(options: MemberClusterOptions, app: App, beforeBuild: () => void = () => undefined): BuiltWorkshop {
  const settings = options.settings ?? {};
  const profile = options.profile ?? 'workshop';
  if (!PROFILES.includes(profile)) throw new InputError(`invalid profile ${JSON.stringify(profile)}: must be one of ${PROFILES.join(', ')}`);
  const workshop = options.workshop ?? 'deep-dives';
  if (!WORKSHOP_EDITIONS.includes(workshop)) throw new InputError(`invalid workshop ${JSON.stringify(workshop)}: must be one of ${WORKSHOP_EDITIONS.join(', ')}`);
  const edition = EDITIONS[workshop];
  beforeBuild();
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
  return { app, workshop, profile, edition, written, skipped, files };
}

/**
 * The member cluster's bundles, objects and YAML, and a note on what the hub applies. Throws
 * when one object would be in two of the bundles (kustomize refuses that, and `kubectl apply`
 * would apply the second over the first): the sections' `leftOutWith` must keep them apart.
 */
function memberCluster(built: BuiltWorkshop): Omit<MemberClusterSynthesis, 'skipped' | 'warnings'> {
  const { edition, written, files } = built;
  const bundles = clusterBundles(written, 'member').map((section) => {
    const fileName = `${edition.folder}${clusterFolder('member')}${section.id}.k8s.yaml`;
    const file = files.find((f) => f.fileName === fileName);
    if (file === undefined) throw new Error(`section ${section.id} wrote no ${fileName}`);
    return file;
  });
  const seen = new Map<string, string>();
  const objects: any[] = [];
  for (const bundle of bundles) {
    for (const object of bundle.objects) {
      const key = renderedIdentity(object);
      const first = seen.get(key);
      if (first !== undefined) {
        throw new Error(`the member cluster's bundles define ${describeRendered(object)} twice, in ${first} and in ${bundle.fileName}: `
          + 'kustomize refuses that, and kubectl apply would apply the second over the first. Leave one bundle out of the other\'s cluster (leftOutWith)');
      }
      seen.set(key, bundle.fileName);
      objects.push(object);
    }
  }
  const hub = clusterBundles(written, 'fleet-hub');
  const flags = `${built.workshop === 'deep-dives' ? '' : ` --workshop ${built.workshop}`}${built.profile === 'workshop' ? '' : ` --profile ${built.profile}`}`;
  const notes = hub.length === 0 ? [] : [
    `left out the Fleet hub cluster's bundle${hub.length === 1 ? '' : 's'} (${hub.map((s) => s.id).join(', ')}): ${hub.length === 1 ? 'it is' : 'they are'} applied to the hub, `
    + `not to a member cluster. To apply ${hub.length === 1 ? 'it' : 'them'}, with kubectl pointed at the hub: `
    + `npx aks-labs-cdk8s synth${flags} --section ${hub.map((s) => s.id).join(',')} --out fleet-hub && kubectl apply -k fleet-hub/${edition.folder}${clusterFolder('fleet-hub')}`,
  ];
  return { objects, yaml: bundles.map((b) => b.yaml).join(''), bundles, notes };
}

/**
 * Synthesizes the objects one member (workload) cluster of the workshop applies: the bundles
 * its `kustomization.yaml` lists in the output folder, in that order, each object once, and
 * nothing else (no steps, claims, kustomizations or Fleet hub objects). It writes nothing:
 * `aks-labs-cdk8s synth --stdout` prints the YAML. Options and errors are those of
 * {@link synthesizeWorkshop}.
 */
export function synthesizeMemberCluster(options: MemberClusterOptions = {}): MemberClusterSynthesis {
  const built = buildWorkshop(options, new App({ outdir: 'unused' }));
  const member = memberCluster(built);
  return { ...member, skipped: built.skipped, warnings: secretWarnings(options, member.bundles) };
}

/** Whether the bundles hold a `v1` Secret, so the file that holds them is written `0600`. */
function holdsSecret(bundles: readonly ManifestFile[]): boolean {
  return bundles.some((bundle) => manifestOutputFile(bundle).secret === true);
}

/** Throws unless `folder` is new or empty: the member cluster's outputs write into a folder of their own. */
function requireNewOrEmpty(outdir: string, folder: string, output: WorkshopOutput): void {
  if (!fs.existsSync(folder)) return;
  if (!fs.statSync(folder).isDirectory() || fs.readdirSync(folder).length > 0) {
    throw OutputFolderError.refusal(outdir, `refusing to write the output ${output} into ${outdir}: it must be a new or empty folder`);
  }
}

/**
 * Synthesizes workshop sections into one YAML bundle per section (plus step files) and writes
 * them. Sections whose settings are missing are skipped (and reported) unless asked for by id.
 * Options the caller can fix (a profile, workshop or section that does not exist, a section
 * asked for without its settings, an output folder that must not be replaced) throw errors of
 * kind `input`, as the command's flags do; it reads no environment variables itself.
 *
 * Run by `cdk8s synth --stdout` or `cdk8s synth --format helm`, whose folders it recognizes
 * (see `cdk8sCliFolder` and the `output` option), it writes only the member cluster's objects,
 * as {@link synthesizeMemberCluster} gives them, so that the stream or the Helm chart holds
 * exactly what one member cluster applies.
 */
export function synthesizeWorkshop(options: SynthesizeWorkshopOptions = {}): WorkshopSynthesis {
  if (options.output !== undefined && !WORKSHOP_OUTPUTS.includes(options.output)) {
    throw new InputError(`invalid output ${JSON.stringify(options.output)}: must be one of ${WORKSHOP_OUTPUTS.join(', ')}`);
  }
  const app = new App({ outdir: options.outdir });
  const outdir = app.outdir;
  let target = '';
  const built = buildWorkshop(options, app, () => {
    target = resolveOutputFolder(outdir);
  });
  const output: WorkshopOutput = options.output ?? cdk8sCliFolder(outdir) ?? 'folder';
  const { workshop, edition, written, skipped, files } = built;
  if (output !== 'folder') {
    requireNewOrEmpty(outdir, target, output);
    const member = memberCluster(built);
    const out: OutputFile[] = output === 'cdk8s-stdout'
      ? [{ path: MEMBER_CLUSTER_FILE, content: member.yaml, secret: holdsSecret(member.bundles) }]
      : member.bundles.map((bundle) => ({
        ...manifestOutputFile(bundle),
        path: bundle.fileName.slice(edition.folder.length),
        content: helmTemplateText(bundle.yaml),
      }));
    // Helm would render construct-metadata.json as a template; the stream's folder is printed only for its .yaml files.
    if (options.recordConstructMetadata && output === 'cdk8s-stdout') out.push({ path: 'construct-metadata.json', content: constructMetadata(app) });
    writeCdk8sCliFolder(target, out);
    return { files: [...member.bundles], skipped, folder: target, warnings: secretWarnings(options, member.bundles), output, notes: member.notes };
  }
  const extra = [...kustomizations(written, edition.folder), ...claimFiles(written, edition.folder, options.profile ?? 'workshop')];
  if (options.recordConstructMetadata) extra.push({ path: 'construct-metadata.json', content: constructMetadata(app) });
  const folderFiles = [...files.map(manifestOutputFile), ...extra];
  // The other workshop's files stay as they are.
  const keep = (file: string) => file !== 'construct-metadata.json' && editionOfFile(file) !== workshop;
  const { folder, warnings } = writeOutputFolder(outdir, folderFiles, { schemaValidated: true, keep, overwrite: options.overwrite });
  return { files, skipped, folder, warnings: [...secretWarnings(options, files), ...warnings], output, notes: [] };
}

/**
 * In the hardened profile, which reads credentials from Secrets, a warning for each Secret a bundle
 * reads and does not hold, with the `kubectl create secret` command that makes it (never a value).
 */
function secretWarnings(options: SynthesizeWorkshopOptions, bundles: readonly ManifestFile[]): string[] {
  return options.profile === 'hardened' ? unheldSecrets(bundles).map(describeUnheldSecret) : [];
}
