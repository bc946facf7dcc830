import { listValues, parseCommandArgs } from './args';
import { CommandIo, EXIT, UsageError } from './io';
import { Profile, PROFILES } from '../core/profile';
import { EDITIONS, WORKSHOP_EDITIONS, WORKSHOP_SECTIONS, WorkshopEdition } from '../workshop/editions';
import { readWorkshopSettings } from '../workshop/settings/workshop-settings';
import { describeMissingSettings, synthesizeWorkshop } from '../workshop/workshop-app';

/** The help of `aks-labs-cdk8s synth`. */
export const SYNTH_HELP = `Usage: aks-labs-cdk8s synth [options]

Writes the workshop's bundles, one YAML file per section (steps under steps/), into the
output folder. The folder is replaced as a whole, only if it is new, empty or written by an
earlier run, and never left half-written.

Options:
  --out <folder>        the output folder (default: $CDK8S_OUTDIR, else dist)
  --section <id>        only these sections; repeat it or separate ids with commas
                        (default: $AKS_LABS_SECTIONS, else all). Sections: ${WORKSHOP_SECTIONS.map((s) => s.id).join(', ')};
                        of advanced-aks: ${EDITIONS['advanced-aks'].sections.map((s) => s.id).join(', ')}
  --settings <file>     a .env file with the workshop's settings (default: $AKS_LABS_ENV_FILE);
                        the environment wins where both set a variable
  --workshop <name>     deep-dives (AKS Deep Dives, into the output folder) or advanced-aks
                        (the older Advanced AKS workshop, into its advanced-aks/ folder); a run
                        replaces only its workshop's files (default: $AKS_LABS_WORKSHOP, else deep-dives)
  --profile <name>      workshop (the workshop's manifests) or hardened (Pod Security
                        restricted where the images allow it, credentials from Secrets,
                        pinned images, limits) (default: $AKS_LABS_PROFILE, else workshop)
  --overwrite           replace files of the output folder that were edited or added by
                        hand (each is listed); without it such files stop the run
  -h, --help            this help

A section whose settings are missing is skipped with a warning, unless it is asked for
with --section; a malformed setting fails the run. Nothing is written when the run fails.
`;

const OPTIONS = {
  out: { type: 'string' },
  section: { type: 'string', multiple: true },
  settings: { type: 'string' },
  profile: { type: 'string' },
  workshop: { type: 'string' },
  overwrite: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `aks-labs-cdk8s synth`: returns the exit code. */
export function synthCommand(argv: readonly string[], io: CommandIo): number {
  const { values } = parseCommandArgs('synth', argv, OPTIONS);
  if (values.help) {
    io.out(SYNTH_HELP);
    return EXIT.ok;
  }
  const fromEnv = io.env.AKS_LABS_SECTIONS?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const only = listValues('synth', 'section', values.section) ?? (fromEnv?.length ? fromEnv : undefined);
  if (values.settings === '') throw new Error('synth: --settings needs a file name');
  if (values.out === '') throw new Error('synth: --out needs a folder name; an empty one would mean the current directory');
  const profile = values.profile ?? io.env.AKS_LABS_PROFILE ?? 'workshop';
  if (!(PROFILES as readonly string[]).includes(profile)) {
    throw new UsageError(`synth: --profile must be one of ${PROFILES.join(', ')}, not ${JSON.stringify(profile)}`);
  }
  const workshop = values.workshop ?? io.env.AKS_LABS_WORKSHOP ?? 'deep-dives';
  if (!(WORKSHOP_EDITIONS as readonly string[]).includes(workshop)) {
    throw new UsageError(`synth: --workshop must be one of ${WORKSHOP_EDITIONS.join(', ')}, not ${JSON.stringify(workshop)}`);
  }
  const settings = readWorkshopSettings({ env: io.env, envFile: values.settings });
  const outdir = values.out ?? io.env.CDK8S_OUTDIR ?? 'dist';
  const result = synthesizeWorkshop({
    settings, only, profile: profile as Profile, outdir, workshop: workshop as WorkshopEdition, overwrite: values.overwrite,
  });
  for (const section of result.skipped) io.err(`warning: skipped ${describeMissingSettings(section)}\n`);
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
  return EXIT.ok;
}
