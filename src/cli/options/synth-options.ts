import { Environment, environmentOf, existingFile, knownItems, OptionReader, OptionSpecs, oneOf, Resolved } from './option-reader';
import { Profile, PROFILES } from '../../core/profile';
import { EDITIONS, WORKSHOP_EDITIONS, WorkshopEdition } from '../../workshop/editions';
import { readWorkshopSettings, WORKSHOP_SETTINGS, WorkshopSettings } from '../../workshop/settings/workshop-settings';
import { WorkshopOutput } from '../../workshop/workshop-app';

/** The flags of `aks-labs-cdk8s synth`, each with the environment variable that stands in for it. */
export const SYNTH_OPTIONS = {
  out: { type: 'string', env: 'CDK8S_OUTDIR' },
  section: { type: 'string', multiple: true, env: 'AKS_LABS_SECTIONS' },
  settings: { type: 'string', env: 'AKS_LABS_ENV_FILE' },
  workshop: { type: 'string', env: 'AKS_LABS_WORKSHOP' },
  profile: { type: 'string', env: 'AKS_LABS_PROFILE' },
  overwrite: { type: 'boolean' },
  stdout: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** The variable the cdk8s CLI sets when its validation plugins want `construct-metadata.json`. */
export const RECORD_CONSTRUCT_METADATA = 'CDK8S_RECORD_CONSTRUCT_METADATA';

/**
 * Every environment variable `synth` reads: those of its flags, the cdk8s CLI's request for
 * construct metadata, and the workshop settings (read with the `.env` file).
 */
export const SYNTH_ENVIRONMENT: readonly string[] = [
  ...environmentOf(SYNTH_OPTIONS),
  RECORD_CONSTRUCT_METADATA,
  ...Object.values(WORKSHOP_SETTINGS).map((definition) => definition.variable),
];

/** What `synth` runs with: its flags and environment, resolved and checked. */
export interface SynthRunOptions {
  /** The output folder (`--out`, `$CDK8S_OUTDIR`, else `dist`); `synthesizeWorkshop` checks that it may be replaced. */
  readonly outdir: string;
  /** The workshop (`--workshop`, `$AKS_LABS_WORKSHOP`, else `deep-dives`). */
  readonly workshop: WorkshopEdition;
  /** The sections asked for (`--section`, `$AKS_LABS_SECTIONS`), each one of the workshop's; undefined for all. */
  readonly only?: readonly string[];
  /** The profile (`--profile`, `$AKS_LABS_PROFILE`, else `workshop`). */
  readonly profile: Profile;
  /** The workshop settings, from the environment and the `.env` file (`--settings`, `$AKS_LABS_ENV_FILE`). */
  readonly settings: WorkshopSettings;
  /** `--overwrite`. */
  readonly overwrite: boolean;
  /** Whether the cdk8s CLI asked for `construct-metadata.json` (`$CDK8S_RECORD_CONSTRUCT_METADATA=true`). */
  readonly recordConstructMetadata: boolean;
  /** `--stdout`: print the member cluster's objects and write no folder (never with `--out` or `--overwrite`). */
  readonly stdout: boolean;
  /**
   * What the output folder gets: `folder` when `--out` names it; undefined when it comes from
   * `$CDK8S_OUTDIR` or the default, for `synthesizeWorkshop` to tell from the folder whether
   * `cdk8s synth --stdout` or `--format helm` made it.
   */
  readonly output?: WorkshopOutput;
}

/**
 * Turns `synth`'s flags and environment into its run options, checking each option once: a
 * flag wins over its environment variable, which wins over the default; an empty variable
 * counts as not set; `--stdout` ignores `$CDK8S_OUTDIR` and refuses `--out` and `--overwrite`.
 * Mistakes are a `UsageError` (exit 2) naming the flag or variable; the settings' own errors
 * (a malformed value, an unreadable `.env` line) are input errors too.
 */
export function resolveSynthOptions(argv: readonly string[], env: Environment): Resolved<SynthRunOptions> {
  const reader = OptionReader.parse('synth', argv, SYNTH_OPTIONS, env);
  if (reader.switch('help')) return { help: true };
  const workshop = oneOf(reader, reader.string('workshop'), WORKSHOP_EDITIONS, 'deep-dives');
  const profile = oneOf(reader, reader.string('profile'), PROFILES, 'workshop');
  const out = reader.string('out');
  const stdout = reader.switch('stdout');
  if (stdout && out?.from === '--out') throw reader.error('--stdout', 'cannot be used with --out: it prints the objects and writes no folder');
  if (stdout && reader.switch('overwrite')) throw reader.error('--stdout', 'cannot be used with --overwrite: it prints the objects and writes no folder');
  const outdir = out?.value ?? 'dist';
  const only = knownItems(reader, reader.list('section'), EDITIONS[workshop].sections.map((s) => s.id), `${workshop} section`);
  const envFile = existingFile(reader, reader.string('settings'));
  return {
    help: false,
    options: {
      outdir,
      workshop,
      only,
      profile,
      settings: readWorkshopSettings({ env, envFile }),
      overwrite: reader.switch('overwrite'),
      recordConstructMetadata: env[RECORD_CONSTRUCT_METADATA] === 'true',
      stdout,
      output: out?.from === '--out' ? 'folder' : undefined,
    },
  };
}
