import { AksLabsError, ErrorKind } from '../core/errors';

/**
 * Thrown when an output folder cannot be written: the folder is refused (it is not one this
 * library may replace: `kind` is `input`) or a step of writing it failed (`run`). The message
 * names the folder and the real cause; `nothingChanged` says whether the folder is as it was
 * before the call.
 */
export class OutputFolderError extends AksLabsError {
  /** A folder (or file path) the writer refuses: the caller chose it. */
  public static refusal(folder: string, message: string): OutputFolderError {
    return new OutputFolderError(folder, message, true, undefined, 'input');
  }

  constructor(
    /** The output folder as given. */
    public readonly folder: string,
    message: string,
    /** Whether the folder was left exactly as it was. */
    public readonly nothingChanged: boolean = true,
    /** The underlying error, when a file system call failed. */
    public readonly cause?: unknown,
    /** Whether the folder was refused (`input`) or writing it failed (`run`). */
    public readonly kind: ErrorKind = 'run',
  ) {
    super(message, 'OutputFolderError');
  }
}

/** `error`'s message with its code (`EACCES: ...`), for reports. */
export function describeCause(error: unknown): string {
  // Errors from another realm (a vm context, jest's sandbox) are not `instanceof Error` here.
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

const ADVICE: Readonly<Record<string, string>> = {
  EBUSY: 'it is busy or a mount point: the writer replaces a folder by renaming it, which a mount point does not allow; write into a folder inside it instead',
  EACCES: 'permission denied: choose an output folder in a place this user may write',
  EPERM: 'the operation is not permitted there: choose an output folder in a place this user may write',
  EROFS: 'the file system is read-only: choose an output folder on a writable one',
  ENOSPC: 'the disk is full: free some space and run again',
  EDQUOT: 'the disk quota is used up: free some space and run again',
  EISDIR: 'a folder stands where a file belongs: move it away',
  ENOTDIR: 'a file stands where a folder belongs: move it away',
  EXDEV: 'the folder and its parent are on different file systems: write into a folder inside the mount instead',
  ENOENT: 'a folder on the path does not exist or cannot hold new files: choose an output folder on an ordinary file system',
  ENAMETOOLONG: 'the path is too long: choose a shorter output folder',
  EMFILE: 'too many open files: raise the limit (ulimit -n) and run again',
};

/** A file system error as a sentence that names its path(s) and says what to do (`EBUSY: ... rename 'a' -> 'b': it is busy or a mount point ...`). */
export function describeFileSystemError(error: unknown): string {
  const errno = error as NodeJS.ErrnoException & { dest?: string };
  const advice = errno?.code === undefined ? undefined : ADVICE[errno.code];
  if (advice === undefined) return describeCause(error);
  const where = errno.path === undefined ? '' : ` (${errno.path}${errno.dest === undefined ? '' : ` -> ${errno.dest}`})`;
  const message = describeCause(error);
  return `${message}${message.includes(String(errno.path)) ? '' : where}: ${advice}`;
}
