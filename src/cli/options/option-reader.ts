import * as fs from 'fs';
import { CommandOptions, EMPTY_VALUE, listValues, parseCommandArgs, usageError } from '../args';
import { UsageError } from '../io';

/** The environment a command reads: the one it is given (`CommandIo.env`), never `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One option of a command: its flag, as `node:util`'s `parseArgs` takes it, and the environment variable that stands in for it. */
export interface OptionSpec {
  /** A flag with a value, or a switch. */
  readonly type: 'string' | 'boolean';
  /**
   * Whether the flag may be repeated (`--section a --section b`).
   * @default false
   */
  readonly multiple?: boolean;
  /**
   * Its one-letter form (`-h`).
   * @default - none
   */
  readonly short?: string;
  /**
   * The environment variable that gives the value when the flag is not given. An empty
   * variable counts as not set.
   * @default - none
   */
  readonly env?: string;
}

/** A command's options, by flag name (without the dashes). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The environment variables that stand in for `specs`' flags. */
export function environmentOf(specs: OptionSpecs): string[] {
  return Object.values(specs).flatMap((spec) => (spec.env === undefined ? [] : [spec.env]));
}

/** A value and where it came from (`--profile` or `AKS_LABS_PROFILE`), for messages. */
export interface Given<T> {
  readonly value: T;
  /** The flag (`--profile`) or the environment variable (`AKS_LABS_PROFILE`). */
  readonly from: string;
}

/** A command's options after resolving: its run options, or a request for its help. */
export type Resolved<T> = { readonly help: true } | { readonly help: false; readonly options: T };

/**
 * A command's flags and environment, read one option at a time: each value comes from its flag,
 * else from its environment variable, else the caller's default, and every mistake is a
 * {@link UsageError} naming the flag or variable it came from. Parsing is strict (unknown
 * flags, a flag without its value, a value given to a switch and stray words are refused) and
 * a flag given an empty value is refused.
 */
export class OptionReader<S extends OptionSpecs> {
  /** Parses `argv` against `specs`; `env` supplies the variables the specs name. */
  public static parse<S extends OptionSpecs>(
    command: string, argv: readonly string[], specs: S, env: Environment, options: { readonly positionals?: boolean } = {},
  ): OptionReader<S> {
    // parseArgs takes the specs without their environment variables.
    const flags: CommandOptions = Object.fromEntries(Object.entries(specs).map(([name, { env: _variable, ...flag }]) => [name, flag]));
    const { values, positionals } = parseCommandArgs(command, argv, flags, options.positionals ?? false);
    return new OptionReader(command, specs, values as Record<string, string | boolean | string[] | undefined>, positionals, env);
  }

  private constructor(
    /** The command, for messages. */
    public readonly command: string,
    private readonly specs: S,
    private readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>,
    /** The words that are not flags. */
    public readonly positionals: readonly string[],
    private readonly env: Environment,
  ) {}

  /** Whether the switch `name` was given. */
  public switch(name: keyof S & string): boolean {
    return this.values[name] === true;
  }

  /** The value of `name`: its flag's, else its environment variable's, else undefined. */
  public string(name: keyof S & string): Given<string> | undefined {
    const flag = this.values[name];
    if (typeof flag === 'string') {
      if (flag === '') throw this.error(`--${name}`, EMPTY_VALUE);
      return { value: flag, from: `--${name}` };
    }
    return this.fromEnvironment(name);
  }

  /**
   * The items of a repeatable, comma-separated option: its flags' (`--section a,b --section c`),
   * else its environment variable's (`a,b,c`), else undefined. An empty item is refused.
   */
  public list(name: keyof S & string): Given<string[]> | undefined {
    const flags = this.values[name];
    if (Array.isArray(flags)) return { value: listValues(this.command, name, flags)!, from: `--${name}` };
    const given = this.fromEnvironment(name);
    if (given === undefined) return undefined;
    const items = given.value.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) throw this.error(given.from, `has an empty item (got ${JSON.stringify(given.value)})`);
    return { value: items, from: given.from };
  }

  /**
   * The values of a repeatable flag as given, not split (`--claims a.yaml --claims b.yaml`),
   * each non-empty; else its environment variable's value as one item; else undefined.
   */
  public all(name: keyof S & string): Given<string[]> | undefined {
    const flags = this.values[name];
    if (Array.isArray(flags)) {
      if (flags.some((value) => value === '')) throw this.error(`--${name}`, EMPTY_VALUE);
      return { value: flags, from: `--${name}` };
    }
    const given = this.fromEnvironment(name);
    return given === undefined ? undefined : { value: [given.value], from: given.from };
  }

  /** A {@link UsageError} about the value from `from`: `synth: --profile must be ... (see aks-labs-cdk8s synth --help)`. */
  public error(from: string, message: string): UsageError {
    return usageError(this.command, from, message);
  }

  private fromEnvironment(name: keyof S & string): Given<string> | undefined {
    const variable = this.specs[name].env;
    const value = variable === undefined ? undefined : this.env[variable];
    return value === undefined || value === '' ? undefined : { value, from: variable! };
  }
}

/** `given`'s value when it is one of `choices`, `fallback` when nothing was given; else a {@link UsageError}. */
export function oneOf<T extends string>(reader: OptionReader<OptionSpecs>, given: Given<string> | undefined, choices: readonly T[], fallback: T): T {
  if (given === undefined) return fallback;
  if (!(choices as readonly string[]).includes(given.value)) {
    throw reader.error(given.from, `must be one of ${choices.join(', ')}, not ${JSON.stringify(given.value)}`);
  }
  return given.value as T;
}

/** `given`'s items when each is one of `known` (`what` names them: 'section'); else a {@link UsageError} listing them. */
export function knownItems(
  reader: OptionReader<OptionSpecs>, given: Given<string[]> | undefined, known: readonly string[], what: string,
): string[] | undefined {
  if (given === undefined) return undefined;
  const unknown = given.value.filter((item) => !known.includes(item));
  if (unknown.length > 0) throw reader.error(given.from, `names unknown ${what} ${unknown.join(', ')}: the ${what}s are ${known.join(', ')}`);
  return given.value;
}

/** `given`'s value when it names an existing file; else a {@link UsageError}. */
export function existingFile(reader: OptionReader<OptionSpecs>, given: Given<string> | undefined): string | undefined {
  if (given === undefined) return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(given.value);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw reader.error(given.from, code === 'ENOENT' || code === 'ENOTDIR'
      ? `names ${given.value}, which does not exist` : `names ${given.value}, which cannot be read (${code ?? String(error)})`);
  }
  if (!stat.isFile()) throw reader.error(given.from, `names ${given.value}, which is not a file`);
  return given.value;
}
