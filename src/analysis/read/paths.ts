import * as fs from 'fs';
import * as path from 'path';
import { appendAll } from './append';
import { ManifestReadError } from './errors';
import { fileSystemError, NOT_REGULAR, pathKind, readRegularFile } from './file';
import { KustomizationReader, kustomizationFiles } from './kustomize';
import { ReadLimits, ResolvedReadLimits, resolveLimits } from './limits';
import { SourceDocument, StreamReader } from './stream';

// Files and folders named on the command line, read as `kubectl apply -f` reads them: a file
// whatever its name; a folder's regular files and symlinks to files whose names end in .json,
// .yaml or .yml, in name order, its subfolders too with `recursive` (-R), symlinked folders
// never followed (as Go's filepath.Walk does not). A folder that holds a kustomization file is
// read as `kubectl apply -k` reads it.

/** How `readManifestPaths` reads. */
export interface ReadOptions {
  /**
   * Read the files of subfolders too, as `kubectl apply -R -f <folder>` does.
   * @default false
   */
  readonly recursive?: boolean;
  /**
   * Bounds on what is read.
   * @default - every limit at its default (see READ_LIMIT_OPTIONS)
   */
  readonly limits?: ReadLimits;
}

/** The extensions of the files kubectl reads in a folder (exactly, case and all). */
const MANIFEST_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** Go's filepath.Ext: from the last '.' of the name (so `.yaml` alone is one). */
function goExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot);
}

/** Names in Go's order (bytes of their UTF-8), as filepath.Walk lists them. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The objects of the files and folders given, in order: each file's documents (an object with
 * `items` giving its items), each folder read as `kubectl apply -f` (or `-k` when it holds a
 * kustomization file). Throws a {@link ManifestReadError} naming the file and where in it.
 */
export function readManifestPaths(paths: readonly string[], options: ReadOptions = {}): SourceDocument[] {
  const limits = resolveLimits(options.limits);
  const documents: SourceDocument[] = [];
  for (const given of paths) {
    const kind = pathKind(given, given);
    if (kind === 'missing') throw new ManifestReadError(given, 'no such file or folder');
    if (kind === 'loop') throw new ManifestReadError(given, 'a symlink loop');
    if (kind === 'other') throw new ManifestReadError(given, NOT_REGULAR);
    if (kind === 'file') {
      appendAll(documents, readFile(given, given, limits));
    } else if (kustomizationFiles(given, given).length > 0) {
      appendAll(documents, new KustomizationReader(limits).read(given, given));
    } else {
      appendAll(documents, readFolder(given, options.recursive === true, limits, true));
    }
  }
  return documents;
}

function readFile(file: string, display: string, limits: ResolvedReadLimits): SourceDocument[] {
  return new StreamReader(display, limits).read(readRegularFile(file, display, limits));
}

function readFolder(folder: string, recursive: boolean, limits: ResolvedReadLimits, top: boolean): SourceDocument[] {
  if (!top && kustomizationFiles(folder, folder).length > 0) {
    throw new ManifestReadError(folder, 'a subfolder holds a kustomization file, which kubectl apply -R -f would read as a manifest (and fail); '
      + 'give the subfolder on its own to read it as kubectl apply -k does');
  }
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw fileSystemError(folder, error);
  }
  entries.sort((a, b) => byteOrder(a.name, b.name));
  const documents: SourceDocument[] = [];
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    const manifest = MANIFEST_EXTENSIONS.has(goExtension(entry.name));
    if (entry.isDirectory()) {
      if (recursive) appendAll(documents, readFolder(file, recursive, limits, false));
    } else if (entry.isSymbolicLink()) {
      if (!manifest) continue;
      const kind = pathKind(file, file);
      if (kind === 'missing') throw new ManifestReadError(file, 'a symlink to nothing (kubectl would fail to read it)');
      if (kind === 'loop') throw new ManifestReadError(file, 'a symlink loop');
      if (kind === 'folder') throw new ManifestReadError(file, 'a symlink to a folder named like a manifest file (kubectl reads it as a file, and fails)');
      if (kind === 'other') throw new ManifestReadError(file, NOT_REGULAR);
      appendAll(documents, readFile(file, file, limits));
    } else if (manifest) {
      if (!entry.isFile()) throw new ManifestReadError(file, NOT_REGULAR);
      appendAll(documents, readFile(file, file, limits));
    }
  }
  return documents;
}
