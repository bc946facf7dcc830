/**
 * What a failure is about, which decides a command's exit code: `input` the caller can fix (a
 * flag, a setting, a prop, a file the command reads or a folder it was told to write: exit 2),
 * or a `run` that could not be done with good input (a failed write, a synthesized object its
 * schema refuses, a claim that does not hold: exit 1).
 */
export type ErrorKind = 'input' | 'run';

/** The base of every error this library throws on purpose: its message names where, what and what is allowed. */
export abstract class AksLabsError extends Error {
  /** Whether the caller's input is at fault (exit 2) or the run failed (exit 1). */
  public abstract readonly kind: ErrorKind;

  protected constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

/** The exit code a command gives an error: 2 for an {@link AksLabsError} about input, else 1. */
export function exitCodeOf(error: unknown): 1 | 2 {
  return error instanceof AksLabsError && error.kind === 'input' ? 2 : 1;
}

/**
 * Input the caller can fix that no more specific error describes: an option of a library call
 * (`synthesizeWorkshop({ profile: 'strict' })`), a section definition, a section asked for by
 * id. Its kind is `input` (exit 2); the command line's `UsageError` is one.
 */
export class InputError extends AksLabsError {
  public readonly kind = 'input';

  constructor(message: string, name: string = 'InputError') {
    super(message, name);
  }
}
