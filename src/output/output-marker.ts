import * as fs from 'fs';
import * as path from 'path';

/**
 * The file that marks a folder as written by this library and lists what it wrote. A folder
 * is only ever replaced when it is empty or holds exactly what its marker lists.
 *
 * It has no `.yaml`/`.json` extension so that `kubectl apply -f <folder>` and the cdk8s CLI
 * (which read such files as manifests) leave it alone.
 */
export const OUTPUT_MARKER = '.aks-labs-cdk8s-output';

const MARKER_HEADER = '# Written by aks-labs-cdk8s. It replaces this folder only while the folder holds exactly the files below.';

/** The marker's text for the given relative file paths. */
export function renderMarker(files: readonly string[]): string {
  return [MARKER_HEADER, ...[...files].sort()].join('\n') + '\n';
}

/** The files a marker lists, or undefined when `folder` has no marker. */
export function readMarker(folder: string): Set<string> | undefined {
  const file = path.join(folder, OUTPUT_MARKER);
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim());
  return new Set(lines.filter((l) => l !== '' && !l.startsWith('#')));
}

/** Every file under `folder` as a relative POSIX path, and every folder (with a trailing '/'). */
export function listTree(folder: string): string[] {
  const entries: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relative = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        entries.push(`${relative}/`);
        visit(path.join(dir, entry.name), `${relative}/`);
      } else {
        entries.push(relative);
      }
    }
  };
  visit(folder, '');
  return entries.sort();
}

/**
 * What in `folder` this library did not write: entries that are neither the marker, nor a
 * file the marker lists, nor a folder holding such files. Everything, when there is no marker.
 */
export function foreignEntries(folder: string): string[] {
  const tree = listTree(folder);
  const listed = readMarker(folder);
  if (listed === undefined) return tree;
  const listedFolders = new Set<string>();
  for (const file of listed) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) listedFolders.add(`${parts.slice(0, i).join('/')}/`);
  }
  return tree.filter((entry) => entry !== OUTPUT_MARKER && !listed.has(entry) && !listedFolders.has(entry));
}
