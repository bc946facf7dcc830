import { parseArgs, ParseArgsConfig } from 'util';
import { UsageError } from './io';

/** The options of one command, as `node:util`'s `parseArgs` takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` strictly: unknown flags, a flag without its value, a value given to a switch
 * and unexpected words are a {@link UsageError} that names the command and points to its help.
 */
export function parseCommandArgs<O extends CommandOptions>(
  command: string, argv: readonly string[], options: O, positionals = false,
): { values: ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: boolean }>>['values']; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: positionals });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/\.$/, '');
    throw new UsageError(`${command}: ${message} (see aks-labs-cdk8s ${command} --help)`);
  }
}

/** A {@link UsageError} about `subject` (a flag or an environment variable): `synth: --profile must be ... (see aks-labs-cdk8s synth --help)`. */
export function usageError(command: string, subject: string, message: string): UsageError {
  return new UsageError(`${command}: ${subject} ${message} (see aks-labs-cdk8s ${command} --help)`);
}

/** The values of a repeatable, comma-separated option (`--section a,b --section c`), each checked to be non-empty. */
export function listValues(command: string, flag: string, values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const items = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (items.length === 0 || items.some((v) => v === '')) throw usageError(command, `--${flag}`, EMPTY_VALUE);
  return items;
}

/** What is wrong with a flag given an empty value (`--out ''`, `--section a,,b`). */
export const EMPTY_VALUE = 'needs a value, not an empty one';
