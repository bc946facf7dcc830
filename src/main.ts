import { readWorkshopSettings } from './workshop/settings/workshop-settings';
import { describeMissingSettings, synthesizeWorkshop } from './workshop/workshop-app';

/** Command-line options: `--env-file <path>` and `--section <id>[,<id>...]` (repeatable). */
function parseArguments(argv: readonly string[]): { envFile?: string; sections?: string[] } {
  let envFile: string | undefined;
  const sections: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--env-file') envFile = value();
    else if (flag === '--section') sections.push(...value().split(','));
    else throw new Error(`unknown argument ${argv[i]}: use --env-file <path> and --section <id>`);
  }
  return { envFile, sections: sections.length > 0 ? sections : undefined };
}

try {
  const args = parseArguments(process.argv.slice(2));
  const fromEnv = process.env.AKS_LABS_SECTIONS?.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const settings = readWorkshopSettings({ envFile: args.envFile });
  const { skipped, warnings } = synthesizeWorkshop({ settings, only: args.sections ?? (fromEnv?.length ? fromEnv : undefined) });
  for (const section of skipped) console.warn(`warning: skipped ${describeMissingSettings(section)}`);
  for (const warning of warnings) console.warn(`warning: ${warning}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
