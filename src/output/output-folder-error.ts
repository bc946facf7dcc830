/**
 * Thrown when an output folder cannot be written: the folder is refused (it is not one this
 * library may replace) or a step of writing it failed. The message names the folder and the
 * real cause; `nothingChanged` says whether the folder is as it was before the call.
 */
export class OutputFolderError extends Error {
  constructor(
    /** The output folder as given. */
    public readonly folder: string,
    message: string,
    /** Whether the folder was left exactly as it was. */
    public readonly nothingChanged: boolean = true,
    /** The underlying error, when a file system call failed. */
    public readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** `error`'s message with its code (`EACCES: ...`), for reports. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
