import { InputError } from '../core/errors';

/** Where a command writes, and what it reads from its surroundings. */
export interface CommandIo {
  /** Writes to standard output. */
  readonly out: (text: string) => void;
  /** Writes to standard error. */
  readonly err: (text: string) => void;
  /** The environment. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: success, a failed check or synth, and input the command cannot use. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Thrown for command-line input the command cannot use (a flag, its value, an environment variable that stands in for one); exits with {@link EXIT.usage}. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message, 'UsageError');
  }
}
