import * as fs from 'fs';
import { ManifestReadError } from './errors';
import { limitAdvice, ResolvedReadLimits } from './limits';

// Reading one file without surprises: only a regular file is opened (a FIFO would block, a
// device such as /dev/zero never ends, opening some devices acts), its size is checked before
// it is read, and the read stops one byte past the limit whatever size the file claims.

/** What is at a path, following symlinks. */
export type PathKind = 'file' | 'folder' | 'other' | 'missing' | 'loop';

/** What a path is, following symlinks ('loop' for a symlink loop, 'missing' for nothing or a dangling symlink). */
export function pathKind(file: string, display: string): PathKind {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    if (code === 'ELOOP') return 'loop';
    throw fileSystemError(display, error);
  }
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  return 'other';
}

/** A ManifestReadError for a failed file-system call, naming the error code (never the file's text). */
export function fileSystemError(display: string, error: unknown): ManifestReadError {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    ENOTDIR: 'no such file or folder (a part of the path is not a folder)',
    ELOOP: 'a symlink loop (or a symlink where none may be)',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'a folder where a file was expected',
  };
  return new ManifestReadError(display, code !== undefined && reasons[code] !== undefined ? reasons[code] : `cannot be read (${code ?? (error as Error).message})`);
}

/** The sentence for something that is not a regular file. */
export const NOT_REGULAR = 'not a regular file (a FIFO, socket or device is never read)';

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOCTTY = fs.constants.O_NOCTTY ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The first read's size when the file claims to be empty (as files under /proc do). */
const CHUNK = 64 * 1024;

/**
 * The bytes of a regular file, at most `limits.maxFileBytes` of them. `noFollow` refuses a
 * symlink as the last part of the path (for a path already resolved and checked).
 */
export function readRegularFile(file: string, display: string, limits: ResolvedReadLimits, noFollow = false): Buffer {
  const kind = pathKind(file, display);
  if (kind === 'missing') throw new ManifestReadError(display, 'no such file or folder');
  if (kind === 'loop') throw new ManifestReadError(display, 'a symlink loop');
  if (kind === 'folder') throw new ManifestReadError(display, 'a folder where a file was expected');
  if (kind === 'other') throw new ManifestReadError(display, NOT_REGULAR);

  let fd: number;
  try {
    // O_NONBLOCK: should the path have become a FIFO since it was looked at, opening it does not wait.
    // (The flags are distinct bits, so their sum is their union.)
    fd = fs.openSync(file, fs.constants.O_RDONLY + O_NONBLOCK + O_NOCTTY + (noFollow ? O_NOFOLLOW : 0));
  } catch (error) {
    throw fileSystemError(display, error);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw new ManifestReadError(display, NOT_REGULAR);
    const max = limits.maxFileBytes;
    const tooLarge = (): ManifestReadError => new ManifestReadError(display, `the file is larger than ${max} bytes; ${limitAdvice('maxFileBytes', limits)}`,
      { limit: 'maxFileBytes' });
    if (stats.size > max) throw tooLarge();
    // Read up to one byte past the limit, whatever size the file claims.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size > 0 ? stats.size + 1 : CHUNK, max + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > max) throw tooLarge();
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, max + 1));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      let read: number;
      try {
        read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        throw fileSystemError(display, error);
      }
      if (read === 0) break;
      length += read;
      if (length > max) throw tooLarge();
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}
