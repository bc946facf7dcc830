import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { CommandIo, EXIT, UsageError } from './io';
import { SYNTH_HELP, synthCommand } from './synth-command';
import { VERIFY_HELP, verifyCommand } from './verify-command';
import { exitCodeOf } from '../core/errors';

/** The help of `aks-labs-cdk8s`. */
export const MAIN_HELP = `Usage: aks-labs-cdk8s <command> [options]

Typed manifests for the Advanced AKS / AKS Deep Dives workshop.

Commands:
  synth      write the workshop's bundles to a folder (aks-labs-cdk8s synth --help)
  verify     show what manifests allow and check claims about it (aks-labs-cdk8s verify --help)

Options:
  -h, --help      this help
  -v, --version   the version
`;

interface Command {
  readonly run: (argv: readonly string[], io: CommandIo) => number | Promise<number>;
  readonly help: string;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  synth: { run: synthCommand, help: SYNTH_HELP },
  verify: { run: verifyCommand, help: VERIFY_HELP },
};

/**
 * The command named `name`, or a usage error listing the commands. Own keys only: `constructor`,
 * `toString` and the like are not commands.
 */
function commandNamed(name: string): Command {
  if (Object.prototype.hasOwnProperty.call(COMMANDS, name)) return COMMANDS[name];
  throw new UsageError(`unknown command ${JSON.stringify(name)}: the commands are ${Object.keys(COMMANDS).join(', ')} (see aks-labs-cdk8s --help)`);
}

/** This package's version, from its package.json. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'aks-labs-cdk8s') return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/**
 * How much V8 lets the heap grow past what the last full collection kept (percent) in a
 * `verify` process. Its default lets a fleet's verification (10,000 tenants: 1.5 GB live)
 * reach 2.1 GB; 25 keeps it at 1.5 GB for about a tenth more time (`npx projen bench`). The flag
 * is read at each collection, so setting it as the process starts takes effect.
 */
const VERIFY_HEAP_GROWING_PERCENT = 25;

/** Runs `aks-labs-cdk8s` as this process: its arguments, standard output and error, environment and exit code. */
export function runAsProcess(): void {
  if (process.argv[2] === 'verify') v8.setFlagsFromString(`--heap-growing-percent=${VERIFY_HEAP_GROWING_PERCENT}`);
  void runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Runs `aks-labs-cdk8s` with `argv` (the words after the command name) and returns the exit
 * code: 0 done, 1 failed, 2 input the command cannot use. Errors are written to `io.err`.
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err(MAIN_HELP);
      return EXIT.usage;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      io.out(rest[0] === undefined ? MAIN_HELP : commandNamed(rest[0]).help);
      return EXIT.ok;
    }
    if (command === '-v' || command === '--version') {
      io.out(`${packageVersion()}\n`);
      return EXIT.ok;
    }
    return await commandNamed(command).run(rest, io);
  } catch (error) {
    io.err(`aks-labs-cdk8s: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodeOf(error);
  }
}
