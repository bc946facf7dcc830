import * as fs from 'fs';
import * as path from 'path';
import { recoverLeftovers, removeOwnFolder, siblings } from './leftovers';
import { describeCause, describeFileSystemError, OutputFolderError } from './output-folder-error';
import { checkReplaceable, resolveOutputFolder } from './output-guard';
import { acquireLock } from './output-lock';
import { contentHash, isInsidePath, OUTPUT_MARKER, renderMarker, renderStagingMarker } from './output-marker';

/** A file to write into an output folder. */
export interface OutputFile {
  /** Its path inside the folder, with '/' between folders: `01-store.k8s.yaml`, `steps/x.k8s.yaml`. */
  readonly path: string;
  /** Its content. */
  readonly content: string;
  /**
   * Whether the file holds secrets (Secret manifests): it is then created readable and
   * writable by its owner only (mode `0600`), whatever the umask, and a current file is
   * carried over as a hard link only when it has that mode already.
   * @default false: created as the umask allows (`0644` under umask 022)
   */
  readonly secret?: boolean;
}

/** The mode of a file that holds secrets: owner read and write. */
export const SECRET_FILE_MODE = 0o600;

/** The steps of {@link writeOutputFolder}, in order; `write-file` repeats once per file. */
export const WRITE_STEPS = [
  'lock', 'recover', 'check', 'stage', 'write-file', 'write-marker', 'move-old-aside', 'move-new-in', 'remove-old', 'unlock',
] as const;

/** A step of {@link writeOutputFolder}. */
export type WriteStep = typeof WRITE_STEPS[number];

/** Options of {@link writeOutputFolder}. */
export interface WriteOutputOptions {
  /**
   * Files of the current folder (among those its marker lists) to carry over unchanged into
   * the new one, e.g. another edition's bundles in a subfolder.
   * @default - none: the folder then holds exactly `files`
   */
  readonly keep?: (file: string) => boolean;
  /**
   * @internal Called before each step, with the file for `write-file` (the fault tests stop a
   * write there).
   * @default - none
   */
  readonly onStep?: (step: WriteStep, file?: string) => void;
  /**
   * The directory relative paths are resolved from, and which (with its ancestors) is never replaced.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Record in the marker that the manifests passed schema validation, so that the validation
   * plugin need not check these exact bytes again.
   * @default false
   */
  readonly schemaValidated?: boolean;
  /**
   * Replace the folder even where it holds files edited since they were written, or entries
   * this library did not write; each is listed in the result's warnings.
   * @default false: such a folder stops the run, naming them
   */
  readonly overwrite?: boolean;
}

/** What {@link writeOutputFolder} did. */
export interface WriteOutputResult {
  /** The folder written, as a real path (a symbolic link's target). */
  readonly folder: string;
  /** Every file it now holds, sorted, the marker left out. */
  readonly files: readonly string[];
  /** Things that did not stop the run: leftovers of an interrupted run recovered or not removable. */
  readonly warnings: readonly string[];
}

/** Checks file paths one by one, as they come: each relative, inside the folder, written once, and never both a file and a folder. */
class FilePathCheck {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();

  constructor(private readonly outdir: string) {}

  public check(p: unknown): string {
    if (typeof p !== 'string' || !isInsidePath(p) || p === OUTPUT_MARKER) {
      throw OutputFolderError.refusal(this.outdir, `cannot write ${JSON.stringify(p)} into ${this.outdir}: a file path must be relative, use '/' between folders, and stay inside the folder`);
    }
    if (this.files.has(p)) throw OutputFolderError.refusal(this.outdir, `cannot write ${p} into ${this.outdir} twice`);
    const parts = p.split('/');
    const ancestors = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    const clash = this.folders.has(p) ? p : ancestors.find((folder) => this.files.has(folder));
    if (clash !== undefined) throw OutputFolderError.refusal(this.outdir, `cannot write ${clash} into ${this.outdir}: it is both a file and a folder`);
    this.files.add(p);
    for (const folder of ancestors) this.folders.add(folder);
    return p;
  }
}

/** Throws unless every folder in `target` can be emptied, so the swap never leaves a half-removed old set. */
function checkRemovable(outdir: string, target: string): void {
  const visit = (dir: string): void => {
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (error) {
      throw new OutputFolderError(outdir, `cannot replace the output folder ${outdir}: ${dir} is not writable (${describeCause(error)}), so its files could not be removed`, true, error);
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(path.join(dir, entry.name));
    }
  };
  if (fs.existsSync(target)) visit(target);
}

/** Creates the staging folder's subfolders, each once. */
class StagingFolders {
  private readonly created = new Set<string>();

  constructor(private readonly staging: string) {}

  /** The staging path of `file`, its folder created. */
  public prepare(file: string): string {
    const destination = path.join(this.staging, file);
    const folder = path.dirname(destination);
    if (!this.created.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.created.add(folder);
    }
    return destination;
  }
}

/**
 * Carries a file of the current folder (verified against its marker) into the new one as a
 * hard link. The new folder never writes into a file it did not create, so the two sharing one
 * until the old folder is removed is safe; the file keeps its modification time, and neither
 * writing it nor removing the old one costs disk work. False when the file system cannot link
 * (the caller then writes a copy).
 */
function linkFile(current: string, destination: string): boolean {
  try {
    fs.linkSync(current, destination);
    return true;
  } catch {
    return false;
  }
}

/** Whether `file` is open to no one but its owner: a file holding secrets may be carried over (a link keeps its mode). */
function ownerOnly(file: string): boolean {
  try {
    // The low six bits are the group's and the others' permissions.
    return fs.statSync(file).mode % 0o100 === 0;
  } catch {
    return false;
  }
}

/** Writes a new file; one holding secrets is created `0600`, and set so in case the umask took more away. */
function writeNewFile(destination: string, file: OutputFile): void {
  if (file.secret !== true) {
    fs.writeFileSync(destination, file.content);
    return;
  }
  // 'wx': a new file, so the mode given is the one it is created with (never an older file's).
  fs.writeFileSync(destination, file.content, { mode: SECRET_FILE_MODE, flag: 'wx' });
  fs.chmodSync(destination, SECRET_FILE_MODE);
}

/**
 * Replaces the folder `outdir` with exactly `files` (plus a marker listing them), so that it
 * holds either the complete old set or the complete new set whatever happens:
 *
 * - refused, with nothing touched: an empty path, the file system root, the current directory
 *   or an ancestor, the home folder or an ancestor, a file, and a folder holding anything this
 *   library did not write or that changed since it was written (see {@link OUTPUT_MARKER}),
 *   unless `overwrite` is set;
 * - a symbolic link is followed: the folder it points to is replaced and the link stays;
 * - the new set is written to a hidden staging folder beside it, which then takes its place
 *   by two renames; a failure before the second rename puts the old folder back;
 * - a file whose content did not change is carried into the staging folder as a hard link to
 *   the current one (its SHA-256 checked against the marker), so it keeps its modification
 *   time and an unchanged fleet is rewritten without disk writes;
 * - a file marked `secret` is written `0600` (and carried over only when the current one is
 *   open to its owner alone already, as a link keeps the mode of the file it links to);
 * - a run killed between the two renames leaves the old set beside the folder
 *   (`.<name>.aks-labs-previous-<pid>`): the next run puts it back before anything else,
 *   and removes any other `.<name>.aks-labs-*` leftovers whose marker shows a writer made
 *   them (a folder of that name without such a marker stops the run);
 * - a lock file (`.<name>.aks-labs-lock`) keeps two runs from writing one folder at once.
 */
export function writeOutputFolder(outdir: string, files: Iterable<OutputFile>, options: WriteOutputOptions = {}): WriteOutputResult {
  const target = resolveOutputFolder(outdir, options.cwd);
  // A list is checked before anything is touched; other iterables file by file, as they come.
  const paths = new FilePathCheck(outdir);
  if (Array.isArray(files)) files.forEach((file) => paths.check(file.path));
  const step = (name: WriteStep, file?: string) => options.onStep?.(name, file);
  const { dir, lock, staging, previous } = siblings(target);
  const warnings: string[] = [];
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new OutputFolderError(outdir, `cannot write the output folder ${outdir}: cannot create ${dir}: ${describeFileSystemError(error)}`, true, error);
  }

  let release: () => void;
  try {
    step('lock');
    release = acquireLock(outdir, lock);
  } catch (error) {
    throw rollBack(outdir, error, { target, staging, previous, movedAside: false, movedIn: false });
  }
  let movedAside = false;
  let movedIn = false;
  try {
    step('recover');
    recoverLeftovers(outdir, target, warnings);
    step('check');
    const { inspection, overwritten } = checkReplaceable(outdir, target, options.overwrite ?? false);
    for (const entry of overwritten) warnings.push(`replaced ${path.join(outdir, entry)}, which aks-labs-cdk8s had not written as it was (--overwrite)`);
    checkRemovable(outdir, target);
    const exists = fs.existsSync(target);
    const current = inspection.verified;

    step('stage');
    fs.mkdirSync(staging);
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), renderStagingMarker(target));
    const hashes: { path: string; hash: string }[] = [];
    const folders = new StagingFolders(staging);
    for (const file of files) {
      if (!Array.isArray(files)) paths.check(file.path);
      step('write-file', file.path);
      const hash = contentHash(file.content);
      const destination = folders.prepare(file.path);
      const currentFile = path.join(target, file.path);
      const unchanged = current.get(file.path) === hash && (file.secret !== true || ownerOnly(currentFile)) && linkFile(currentFile, destination);
      if (!unchanged) writeNewFile(destination, file);
      hashes.push({ path: file.path, hash });
    }
    const written = new Set(hashes.map((h) => h.path));
    const kept = options.keep ? [...current.keys()].filter((file) => options.keep!(file) && !written.has(file)) : [];
    for (const file of kept) {
      const destination = folders.prepare(file);
      if (!linkFile(path.join(target, file), destination)) fs.copyFileSync(path.join(target, file), destination);
      hashes.push({ path: file, hash: current.get(file)! });
    }
    const all = hashes.map((h) => h.path).sort();
    step('write-marker');
    const schemaValidated = (options.schemaValidated ?? false) && (kept.length === 0 || inspection.marker?.schemaValidated === true);
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), renderMarker(hashes, schemaValidated));

    if (exists) {
      step('move-old-aside');
      fs.renameSync(target, previous);
      movedAside = true;
    }
    step('move-new-in');
    fs.renameSync(staging, target);
    movedIn = true;

    if (movedAside) {
      try {
        step('remove-old');
        removeOwnFolder(previous);
      } catch (error) {
        warnings.push(`the new files are in ${outdir}, but the old ones could not be removed from ${previous}: ${describeCause(error)}; the next run removes them`);
      }
    }
    return { folder: target, files: all, warnings };
  } catch (error) {
    throw rollBack(outdir, error, { target, staging, previous, movedAside, movedIn });
  } finally {
    for (const unlock of [() => step('unlock'), release]) {
      try {
        unlock();
      } catch (error) {
        warnings.push(`could not remove the lock ${lock}: ${describeCause(error)}; the next run takes it over`);
      }
    }
  }
}

interface WriteState {
  readonly target: string;
  readonly staging: string;
  readonly previous: string;
  readonly movedAside: boolean;
  readonly movedIn: boolean;
}

/** Undoes a failed write and returns the error to throw, naming the real cause. */
function rollBack(outdir: string, error: unknown, state: WriteState): Error {
  if (fs.existsSync(state.staging)) {
    try {
      removeOwnFolder(state.staging);
    } catch {
      // The next run removes it: its marker says whose it is.
    }
  }
  if (state.movedAside && !state.movedIn) {
    try {
      fs.renameSync(state.previous, state.target);
    } catch (restoreError) {
      return new OutputFolderError(outdir, `writing the output folder ${outdir} failed: ${describeCause(error)}; `
        + `putting the old folder back failed as well (${describeCause(restoreError)}): it is in ${state.previous}, and the next run puts it back`, false, error);
    }
  }
  if (error instanceof OutputFolderError) return error;
  return new OutputFolderError(outdir, `writing the output folder ${outdir} failed, and it was left as it was: ${describeFileSystemError(error)}`, true, error);
}
