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
  /** The SHA-256 of each file, by relative path: only paths inside the folder. */
  readonly files: ReadonlyMap<string, string>;
  /** Whether the manifests passed schema validation when they were written. */
  readonly schemaValidated: boolean;
  /** Lines that are neither a comment nor `<sha256>  <path inside the folder>`: an edited or forged marker. */
  readonly invalidLines: readonly string[];
  /** Set while the folder is a writer's staging folder: the output folder it is for. */
  readonly stagingFor?: string;
}

const STAGING = '# staging for ';

/** Whether `p` names a file inside a folder: relative, '/' between non-empty parts, no '.' or '..' part, no backslash or NUL. */
export function isInsidePath(p: string): boolean {
  return p !== '' && !p.includes('\\') && !p.includes('\0') && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** The first line of a staging folder's marker: it names the output folder, so a later run can tell the folder is its own. */
export function renderStagingMarker(target: string): string {
  return `${MARKER_HEADER}\n${STAGING}${target}\n`;
}

/** Parses a marker's text. */
function parseMarker(text: string): MarkerContent {
  const files = new Map<string, string>();
  const invalidLines: string[] = [];
  let stagingFor: string | undefined;
  let schemaValidated = false;
  for (const line of text.split('\n').map((l) => l.replace(/\r$/, ''))) {
    if (line === SCHEMA_VALIDATED) schemaValidated = true;
    if (line.startsWith(STAGING)) stagingFor = line.slice(STAGING.length);
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (match && isInsidePath(match[2])) files.set(match[2], match[1]);
    else invalidLines.push(line);
  }
  return { files, schemaValidated, invalidLines, stagingFor };
}

/** The content of `folder`'s marker, or undefined when it has none; throws when the marker is not a regular file or cannot be read. */
export function readMarkerContent(folder: string): MarkerContent | undefined {
  const file = path.join(folder, OUTPUT_MARKER);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return undefined;
  if (!stat.isFile()) throw new MarkerError(file, `${file} is ${describeEntry(stat)}, not the marker file aks-labs-cdk8s writes`);
  return parseMarker(fs.readFileSync(file, 'utf8'));
}

/** Thrown when a folder's marker is not a file this library wrote. */
export class MarkerError extends Error {
  constructor(public readonly file: string, message: string) {
    super(message);
    this.name = 'MarkerError';
  }
}

/** `a folder`, `a symbolic link`, ...: what a file system entry is. */
export function describeEntry(stat: fs.Stats | fs.Dirent): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFile()) return 'a file';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Whether `file` is listed, with exactly its current content, in the marker of a folder that
 * holds it and that says its manifests passed schema validation.
 */
export function isSchemaValidatedOutput(file: string, content: string | Buffer): boolean {
  let folder = path.dirname(path.resolve(file));
  for (;;) {
    let marker: MarkerContent | undefined;
    try {
      marker = readMarkerContent(folder);
    } catch {
      return false;
    }
    if (marker !== undefined) {
      const listed = marker.files.get(path.relative(folder, path.resolve(file)).split(path.sep).join('/'));
      return marker.schemaValidated && listed === contentHash(content);
    }
    const parent = path.dirname(folder);
    if (parent === folder) return false;
    folder = parent;
  }
}
