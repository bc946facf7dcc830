import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OutputFolderError } from './output-folder-error';
import { foreignEntries, OUTPUT_MARKER } from './output-marker';

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
    throw new OutputFolderError(String(outdir),
      `refusing to write the output folder ${JSON.stringify(outdir)}: it must name a folder (such as 'dist'); an empty path would mean the current directory`);
  }
  const given = path.resolve(cwd, outdir);
  let target = given;
  const stat = fs.lstatSync(given, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) {
    if (!fs.existsSync(given)) {
      throw new OutputFolderError(outdir, `refusing to write the output folder ${outdir}: it is a symbolic link to ${fs.readlinkSync(given)}, which does not exist`);
    }
    target = fs.realpathSync(given);
  } else {
    target = realPathOfExisting(given);
  }
  const shown = target === given ? outdir : `${outdir} (${target})`;
  const refuse = (why: string) => new OutputFolderError(outdir, `refusing to write the output folder ${shown}: ${why}; choose a folder of its own, such as 'dist'`);
  if (path.dirname(target) === target) throw refuse('it is the root of the file system');
  if (isSameOrAncestor(target, realPathOfExisting(cwd))) throw refuse('it is the current directory or holds it, and would be replaced as a whole');
  const home = realPathOfExisting(os.homedir());
  if (isSameOrAncestor(target, home)) throw refuse('it is the home folder or holds it');
  return target;
}

/**
 * Throws unless the folder at `target` (a real path) may be replaced: it does not exist, is an
 * empty folder, or holds only what this library wrote there (its marker lists every file).
 */
export function checkReplaceable(outdir: string, target: string): void {
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (!stat.isDirectory()) {
    throw new OutputFolderError(outdir, `refusing to write the output folder ${outdir}: it is a file, not a folder; remove it or choose another folder`);
  }
  const foreign = foreignEntries(target);
  if (foreign.length > 0) {
    const more = foreign.length > SHOWN_ENTRIES ? ` and ${foreign.length - SHOWN_ENTRIES} more` : '';
    throw new OutputFolderError(outdir, `refusing to replace the output folder ${outdir}: it holds ${foreign.length === 1 ? 'an entry' : 'entries'} `
      + `aks-labs-cdk8s did not write (${foreign.slice(0, SHOWN_ENTRIES).join(', ')}${more}; its list is ${OUTPUT_MARKER}). `
      + 'Move them away, or choose an empty or new folder');
  }
}
