import { ReadLimitName } from './limits';
import { AksLabsError } from '../../core/errors';

/** Where in a file a {@link ManifestReadError} is. */
export interface ReadErrorLocation {
  /**
   * The document (1-based, as kubectl counts them after splitting the stream on `---` lines).
   * @default - the problem is in no one document
   */
  readonly document?: number;
  /**
   * The line in the file (1-based).
   * @default - not known
   */
  readonly line?: number;
  /**
   * The column (1-based, in characters).
   * @default - not known
   */
  readonly column?: number;
  /**
   * The field, when the problem is in a value: `spec.ports[0].port`.
   * @default - the problem is in no value
   */
  readonly fieldPath?: string;
  /**
   * The limit exceeded, when one was.
   * @default - no limit was exceeded
   */
  readonly limit?: ReadLimitName;
}

/**
 * Thrown when a manifest file, a folder or a kustomization cannot be read as kubectl or
 * kustomize would read it. The message names the file, the document, line, column and field
 * path, and says what is wrong; it never quotes the file's text (a line or value may hold a
 * secret).
 */
export class ManifestReadError extends AksLabsError {
  public readonly kind = 'input';
  /** The document (1-based), when the problem is in one. */
  public readonly document?: number;
  /** The line (1-based), when known. */
  public readonly line?: number;
  /** The column (1-based), when known. */
  public readonly column?: number;
  /** The field path, when the problem is in a value. */
  public readonly fieldPath?: string;
  /** The limit exceeded, when one was. */
  public readonly limit?: ReadLimitName;

  constructor(
    /** The file or folder, as named (relative paths as given). */
    public readonly file: string,
    /** What is wrong, in the reader's words. */
    public readonly problem: string,
    location: ReadErrorLocation = {},
  ) {
    super(`${file}${describeLocation(location)}: ${problem}`, 'ManifestReadError');
    this.document = location.document;
    this.line = location.line;
    this.column = location.column;
    this.fieldPath = location.fieldPath;
    this.limit = location.limit;
  }
}

function describeLocation(location: ReadErrorLocation): string {
  const parts: string[] = [];
  if (location.document !== undefined) parts.push(`document ${location.document}`);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.column !== undefined) parts.push(`column ${location.column}`);
  if (location.fieldPath !== undefined && location.fieldPath !== '') parts.push(`at ${location.fieldPath}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
