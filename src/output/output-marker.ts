import * as crypto from 'crypto';
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

const MARKER_HEADER = '# Written by aks-labs-cdk8s. It replaces this folder only while the folder holds exactly the files below (sha256sum format).';
const SCHEMA_VALIDATED = '# schema-validated';
const LINE = /^([0-9a-f]{64})  (.+)$/;

/** The SHA-256 of a file's content, in hex. */
export function contentHash(content: string | Buffer): string {
  return crypto.createHash('sha256').update(content).digest('hex');
}

/**
 * The marker's text: each file with the SHA-256 of its content, in `sha256sum` format, and
 * whether every manifest among them passed schema validation when it was written.
 */
export function renderMarker(files: readonly { readonly path: string; readonly hash: string }[], schemaValidated: boolean = false): string {
  // Code-unit order: the same on every machine, and no collator to load.
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.hash}  ${f.path}`);
  return [MARKER_HEADER, ...(schemaValidated ? [SCHEMA_VALIDATED] : []), ...lines].join('\n') + '\n';
}

/** What a marker says: the files it lists (path to hash), and whether they were schema-validated. */
export interface MarkerContent {
  /** The SHA-256 of each file, by relative path. */
  readonly files: ReadonlyMap<string, string>;
  /** Whether the manifests passed schema validation when they were written. */
  readonly schemaValidated: boolean;
}

/** The content of `folder`'s marker, or undefined when it has none. */
export function readMarkerContent(folder: string): MarkerContent | undefined {
  const file = path.join(folder, OUTPUT_MARKER);
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trimEnd());
  const files = new Map<string, string>();
  for (const line of lines) {
    const match = LINE.exec(line);
    if (match) files.set(match[2], match[1]);
  }
  return { files, schemaValidated: lines.includes(SCHEMA_VALIDATED) };
}

/** The files a marker lists, or undefined when `folder` has no marker. */
export function readMarker(folder: string): Set<string> | undefined {
  const content = readMarkerContent(folder);
  return content === undefined ? undefined : new Set(content.files.keys());
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

/**
 * Whether `file` is listed, with exactly its current content, in the marker of a folder that
 * holds it and that says its manifests passed schema validation.
 */
export function isSchemaValidatedOutput(file: string, content: string | Buffer): boolean {
  let folder = path.dirname(path.resolve(file));
  for (;;) {
    const marker = readMarkerContent(folder);
    if (marker !== undefined) {
      const listed = marker.files.get(path.relative(folder, path.resolve(file)).split(path.sep).join('/'));
      return marker.schemaValidated && listed === contentHash(content);
    }
    const parent = path.dirname(folder);
    if (parent === folder) return false;
    folder = parent;
  }
}
