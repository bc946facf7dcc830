import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputFolderError } from './output-folder-error';
import { contentHash, describeEntry, MarkerContent, MarkerError, OUTPUT_MARKER, readMarkerContent } from './output-marker';

const SHOWN_ENTRIES = 5;

function realPathOfExisting(p: string): string {
  // The deepest existing ancestor's real path, plus the rest: resolves symlinked parents of a folder not created yet.
  const missing: string[] = [];
  let current = p;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.unshift(path.basename(current));
    current = parent;
  }
  return path.join(fs.realpathSync(current), ...missing);
}

function isSameOrAncestor(candidate: string, of: string): boolean {
  const relative = path.relative(candidate, of);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The folder `outdir` names, as a real path, or an {@link OutputFolderError} when it must not
 * be replaced: an empty path, the file system root, the current directory or an ancestor of
 * it, the home folder or an ancestor of it. A symbolic link is followed: the folder it points
 * to is the one written (the link stays), and must itself pass these checks.
 */
export function resolveOutputFolder(outdir: unknown, cwd: string = process.cwd()): string {
  if (typeof outdir !== 'string' || outdir.trim() === '') {
    throw OutputFolderError.refusal(String(outdir),
      `refusing to write the output folder ${JSON.stringify(outdir)}: it must name a folder (such as 'dist'); an empty path would mean the current directory`);
  }
  const given = path.resolve(cwd, outdir);
  let target = given;
  const stat = fs.lstatSync(given, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) {
    if (!fs.existsSync(given)) {
      throw OutputFolderError.refusal(outdir, `refusing to write the output folder ${outdir}: it is a symbolic link to ${fs.readlinkSync(given)}, which does not exist`);
    }
    target = fs.realpathSync(given);
  } else {
    target = realPathOfExisting(given);
  }
  const shown = target === given ? outdir : `${outdir} (${target})`;
  const refuse = (why: string) => OutputFolderError.refusal(outdir, `refusing to write the output folder ${shown}: ${why}; choose a folder of its own, such as 'dist'`);
  if (path.dirname(target) === target) throw refuse('it is the root of the file system');
  if (isSameOrAncestor(target, realPathOfExisting(cwd))) throw refuse('it is the current directory or holds it, and would be replaced as a whole');
  const home = realPathOfExisting(os.homedir());
  if (isSameOrAncestor(target, home)) throw refuse('it is the home folder or holds it');
  return target;
}

/** What an output folder holds, measured against its marker. */
export interface FolderInspection {
  /** The files whose content is what the marker lists, with their SHA-256, by relative path. */
  readonly verified: ReadonlyMap<string, string>;
  /** Listed files whose content is not what the marker lists: edited since they were written. */
  readonly edited: readonly string[];
  /** Entries the marker does not list (folders end in '/'), and every entry when there is no marker. */
  readonly foreign: readonly string[];
  /** The marker, when the folder has one. */
  readonly marker?: MarkerContent;
}

/**
 * Reads every entry of `folder` (without following symbolic links) and holds it against the
 * marker: a listed regular file is verified by its SHA-256; anything else is edited or foreign.
 */
export function inspectFolder(folder: string): FolderInspection {
  const marker = readMarkerContent(folder);
  const listed = marker?.files ?? new Map<string, string>();
  const listedFolders = new Set<string>();
  for (const file of listed.keys()) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) listedFolders.add(parts.slice(0, i).join('/'));
  }
  const verified = new Map<string, string>();
  const edited: string[] = [];
  const foreign: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relative = `${prefix}${entry.name}`;
      if (relative === OUTPUT_MARKER) continue;
      if (entry.isDirectory()) {
        if (listedFolders.has(relative)) visit(path.join(dir, entry.name), `${relative}/`);
        else foreign.push(`${relative}/`);
        continue;
      }
      const hash = listed.get(relative);
      if (hash === undefined || !entry.isFile()) {
        foreign.push(entry.isFile() || hash === undefined ? relative : `${relative} (${describeEntry(entry)})`);
      } else if (contentHash(fs.readFileSync(path.join(dir, entry.name))) === hash) {
        verified.set(relative, hash);
      } else {
        edited.push(relative);
      }
    }
  };
  visit(folder, '');
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { verified, edited: edited.sort(byCodeUnit), foreign: foreign.sort(byCodeUnit), marker };
}

function shortList(entries: readonly string[]): string {
  const more = entries.length > SHOWN_ENTRIES ? ` and ${entries.length - SHOWN_ENTRIES} more` : '';
  return `${entries.slice(0, SHOWN_ENTRIES).join(', ')}${more}`;
}

/** What replacing a folder will overwrite: files edited by hand and entries the writer did not write, only with `overwrite`. */
export interface ReplaceCheck {
  /** The folder's files as the marker lists them, verified (empty for a new folder). */
  readonly inspection: FolderInspection;
  /** What `overwrite` lets the run replace, for the warnings. */
  readonly overwritten: readonly string[];
}

/**
 * Throws unless the folder at `target` (a real path) may be replaced: it does not exist, is an
 * empty folder, or holds exactly what its marker lists, byte for byte. With `overwrite`, files
 * edited by hand and entries the writer did not write are replaced too, and returned so the
 * caller can list them.
 */
export function checkReplaceable(outdir: string, target: string, overwrite: boolean = false): ReplaceCheck {
  const empty: FolderInspection = { verified: new Map(), edited: [], foreign: [] };
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined) return { inspection: empty, overwritten: [] };
  if (!stat.isDirectory()) {
    throw OutputFolderError.refusal(outdir, `refusing to write the output folder ${outdir}: it is a file, not a folder; remove it or choose another folder`);
  }
  let inspection: FolderInspection;
  try {
    inspection = inspectFolder(target);
  } catch (error) {
    if (error instanceof MarkerError) {
      throw OutputFolderError.refusal(outdir, `refusing to replace the output folder ${outdir}: ${error.message}; remove it or choose another folder`);
    }
    throw error;
  }
  const { edited, foreign, marker } = inspection;
  if (marker === undefined && foreign.length > 0 && overwrite) {
    throw OutputFolderError.refusal(outdir, `refusing to replace the output folder ${outdir}: it has no ${OUTPUT_MARKER}, so aks-labs-cdk8s never wrote it `
      + `(it holds ${shortList(foreign)}); --overwrite replaces only edits in a folder it wrote. Choose an empty or new folder`);
  }
  if (marker !== undefined && marker.invalidLines.length > 0 && !overwrite) {
    throw OutputFolderError.refusal(outdir, `refusing to replace the output folder ${outdir}: its ${OUTPUT_MARKER} has ${marker.invalidLines.length === 1 ? 'a line' : 'lines'} `
      + `that ${marker.invalidLines.length === 1 ? 'is' : 'are'} not a file inside the folder with its SHA-256 (line${marker.invalidLines.length === 1 ? '' : 's'} ${shortList(marker.invalidLines.map((l) => JSON.stringify(l)))}), `
      + 'so it was edited by hand; restore it, or pass --overwrite (overwrite: true) to replace the folder as it is');
  }
  const problems: string[] = [];
  if (edited.length > 0) problems.push(`${edited.length === 1 ? 'a file' : `${edited.length} files`} changed since aks-labs-cdk8s wrote ${edited.length === 1 ? 'it' : 'them'} (${shortList(edited)})`);
  if (foreign.length > 0) problems.push(`${foreign.length === 1 ? 'an entry' : 'entries'} aks-labs-cdk8s did not write (${shortList(foreign)}; its list is ${OUTPUT_MARKER})`);
  if (problems.length > 0 && !overwrite) {
    throw OutputFolderError.refusal(outdir, `refusing to replace the output folder ${outdir}: it holds ${problems.join(' and ')}. `
      + 'Move them away, or choose an empty or new folder, or pass --overwrite (overwrite: true) to replace them');
  }
  return { inspection, overwritten: [...edited, ...foreign] };
}
