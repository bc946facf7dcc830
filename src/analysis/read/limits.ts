/**
 * Bounds on what the manifest reader accepts, so that no input (a huge file, a device, a YAML
 * "billion laughs") can make it run for long or use much memory. Each one is generous enough
 * for a real fleet; a file that exceeds one is refused with an error naming the limit and the
 * command-line option that raises it.
 */
export interface ReadLimits {
  /**
   * The most bytes one file may hold. Its size is checked before it is read, and the read
   * itself stops one byte past the limit (so a file whose size lies is refused too).
   * @default 67108864 (64 MiB)
   */
  readonly maxFileBytes?: number;
  /**
   * The most YAML documents (or JSON values) one file may hold, as kubectl counts them after
   * splitting the stream on `---` lines, blank ones included.
   * @default 500000
   */
  readonly maxDocuments?: number;
  /**
   * The most alias expansions (`*name`) in one document, an alias inside an expanded anchor
   * counting again each time it is expanded.
   * @default 10000
   */
  readonly maxAliases?: number;
  /**
   * The deepest nesting of mappings and sequences in one document (a top-level mapping is 1).
   * @default 1000
   */
  readonly maxDepth?: number;
  /**
   * The most keys one mapping may hold.
   * @default 100000
   */
  readonly maxKeys?: number;
  /**
   * The most values (mappings, sequences, scalars and keys, what aliases copy included) one
   * file may hold: what bounds the memory a file can take (a real manifest has one per 20 to
   * 30 bytes; `[{},{},...]` has one per 3).
   * @default 5000000
   */
  readonly maxValues?: number;
}

/** The name of one limit: a key of {@link ReadLimits}. */
export type ReadLimitName = keyof ReadLimits;

/** How a command exposes one limit. */
export interface ReadLimitOption {
  /** The command-line flag that sets it. */
  readonly flag: string;
  /** Its value when not set. */
  readonly default: number;
  /** What it bounds, for the command's help. */
  readonly description: string;
}

/** Every limit with its command-line flag, default and description (for `verify --help`). */
export const READ_LIMIT_OPTIONS: Readonly<Record<ReadLimitName, ReadLimitOption>> = {
  maxFileBytes: { flag: '--max-file-bytes', default: 64 * 1024 * 1024, description: 'the most bytes one manifest file may hold' },
  maxDocuments: { flag: '--max-documents', default: 500_000, description: 'the most YAML documents (or JSON values) one file may hold' },
  maxAliases: { flag: '--max-aliases', default: 10_000, description: 'the most YAML alias expansions in one document' },
  maxDepth: { flag: '--max-depth', default: 1000, description: 'the deepest nesting of mappings and sequences in one document' },
  maxKeys: { flag: '--max-keys', default: 100_000, description: 'the most keys one mapping may hold' },
  maxValues: { flag: '--max-values', default: 5_000_000, description: 'the most values (mappings, sequences, scalars and keys) one file may hold' },
};

/** Every limit set: the given ones, the others at their defaults. */
export type ResolvedReadLimits = { readonly [name in ReadLimitName]-?: number };

/** Every limit at its default. */
export const DEFAULT_READ_LIMITS: ResolvedReadLimits = {
  maxFileBytes: READ_LIMIT_OPTIONS.maxFileBytes.default,
  maxDocuments: READ_LIMIT_OPTIONS.maxDocuments.default,
  maxAliases: READ_LIMIT_OPTIONS.maxAliases.default,
  maxDepth: READ_LIMIT_OPTIONS.maxDepth.default,
  maxKeys: READ_LIMIT_OPTIONS.maxKeys.default,
  maxValues: READ_LIMIT_OPTIONS.maxValues.default,
};

/** How many values a file's documents have used of {@link ReadLimits.maxValues}, shared by its documents. */
export interface ValueBudget {
  used: number;
}

/** The limits with defaults filled in; throws a TypeError for a value that is not a positive integer. */
export function resolveLimits(limits: ReadLimits = {}): ResolvedReadLimits {
  const resolved = {} as Record<ReadLimitName, number>;
  for (const name of Object.keys(READ_LIMIT_OPTIONS) as ReadLimitName[]) {
    const value = limits[name] ?? READ_LIMIT_OPTIONS[name].default;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`${name} (${READ_LIMIT_OPTIONS[name].flag}) must be a positive integer, not ${String(value)}`);
    }
    resolved[name] = value;
  }
  return resolved;
}

/** The sentence an error ends with when a limit is exceeded: which limit, and how to raise it. */
export function limitAdvice(name: ReadLimitName, limits: ResolvedReadLimits): string {
  return `the limit is ${limits[name]} (${READ_LIMIT_OPTIONS[name].flag} raises it)`;
}
