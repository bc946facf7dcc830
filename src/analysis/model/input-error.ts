import { AksLabsError } from '../../core/errors';

/** Where a problem of the verifier's input is: the file, the document in it, the line and column, the object and its field. */
export interface InputLocation {
  /** The file as named, or another source (`the claims`, a chart's file name). */
  readonly file: string;
  /**
   * The document in the file, from 1, as kubectl splits it.
   * @default - the file as a whole
   */
  readonly document?: number;
  /**
   * The item of a `List` document, from 0.
   * @default - the document is not a List
   */
  readonly item?: number;
  /**
   * The line, from 1.
   * @default - not known
   */
  readonly line?: number;
  /**
   * The column, from 1.
   * @default - not known
   */
  readonly column?: number;
  /**
   * The object: `CiliumNetworkPolicy pets/allow-dns`.
   * @default - none, or not known yet
   */
  readonly object?: string;
  /**
   * The field's path: `spec.egress[0].toCIDR[1]`.
   * @default - the object or document as a whole
   */
  readonly field?: string;
}

/** `file:line:column (document 2, items[0], Kind ns/name) field`: how messages name a place; never the text found there. */
export function describeLocation(location: InputLocation): string {
  const position = location.line === undefined ? '' : `:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
  const within = [
    location.document === undefined ? undefined : `document ${location.document}`,
    location.item === undefined ? undefined : `items[${location.item}]`,
    location.object,
  ].filter((part) => part !== undefined);
  return `${location.file}${position}${within.length > 0 ? ` (${within.join(', ')})` : ''}${location.field === undefined ? '' : ` ${location.field}`}`;
}

/**
 * Thrown for manifests, claims or options the verifier cannot use: names the file, line,
 * column, object and field, and what is allowed, but never quotes the file's text (it may hold
 * a secret). Commands exit with 2.
 */
export class ManifestInputError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    message: string,
    /**
     * Where the problem is, when it is in a file.
     * @default - not in a file (an option, a missing file)
     */
    public readonly location?: InputLocation,
  ) {
    super(message, 'ManifestInputError');
  }
}

/** An input error at `location`: `<place>: <problem>`. */
export function inputError(location: InputLocation, problem: string): ManifestInputError {
  return new ManifestInputError(`${describeLocation(location)}: ${problem}`, location);
}
