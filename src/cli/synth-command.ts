import { CommandIo, EXIT } from './io';
import { resolveSynthOptions } from './options/synth-options';
import { EDITIONS, WORKSHOP_EDITIONS, WorkshopEdition } from '../workshop/editions';
import { describeMissingSettings, synthesizeMemberCluster, synthesizeWorkshop } from '../workshop/workshop-app';

/** The sections of each workshop, for the help: `Sections: 01-store, ...;\n<indent>of advanced-aks: ...`. */
function sectionList(): string {
  const ids = (edition: WorkshopEdition) => EDITIONS[edition].sections.map((s) => s.id).join(', ');
  const [first, ...others] = WORKSHOP_EDITIONS;
  return [`Sections: ${ids(first)}`, ...others.map((edition) => `${' '.repeat(24)}of ${edition}: ${ids(edition)}`)].join(';\n');
}

/** The help of `aks-labs-cdk8s synth`. */
export const SYNTH_HELP = `Usage: aks-labs-cdk8s synth [options]

Writes the workshop's bundles, one YAML file per section (steps under steps/), into the
output folder. The folder is replaced as a whole, only if it is new, empty or written by an
earlier run, and never left half-written.

Options:
  --out <folder>        the output folder (default: $CDK8S_OUTDIR, else dist)
  --section <id>        only these sections; repeat it or separate ids with commas
                        (default: $AKS_LABS_SECTIONS, else all). ${sectionList()}
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
  --stdout              print only the objects one member cluster applies (the bundles the
                        output folder's kustomization.yaml lists), each once, and write no
                        files; warnings and notes go to stderr. Not with --out or --overwrite
  -h, --help            this help

A flag wins over its environment variable; an empty variable counts as not set. A section
whose settings are missing is skipped with a warning, unless it is asked for with --section;
a malformed setting fails the run. Nothing is written when the run fails.

Exit codes: 0 written, 1 the run failed, 2 input it cannot use (a flag or variable, a setting,
a section asked for without its settings, an output folder it must not replace).

Examples, in a clone or in a project that installed the package:
  npx aks-labs-cdk8s synth
  npx aks-labs-cdk8s synth --settings ../.env --section 05-identity,06-observability
  npx aks-labs-cdk8s synth --profile hardened --out ../hardened
  npx aks-labs-cdk8s synth --workshop advanced-aks
`;

/** `aks-labs-cdk8s synth`: returns the exit code. */
export function synthCommand(argv: readonly string[], io: CommandIo): number {
  const resolved = resolveSynthOptions(argv, io.env);
  if (resolved.help) {
    io.out(SYNTH_HELP);
    return EXIT.ok;
  }
  if (resolved.options.stdout) {
    // Standard output carries the objects and nothing else: every message goes to standard error.
    const member = synthesizeMemberCluster(resolved.options);
    for (const section of member.skipped) io.err(`warning: skipped ${describeMissingSettings(section)}\n`);
    for (const warning of member.warnings) io.err(`warning: ${warning}\n`);
    for (const note of member.notes) io.err(`note: ${note}\n`);
    io.out(member.yaml);
    return EXIT.ok;
  }
  const result = synthesizeWorkshop(resolved.options);
  for (const section of result.skipped) io.err(`warning: skipped ${describeMissingSettings(section)}\n`);
  for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
  for (const note of result.notes) io.err(`note: ${note}\n`);
  return EXIT.ok;
}
