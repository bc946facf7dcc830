import { ReadLimitName } from '../limits';

/**
 * A problem found in one YAML or JSON document, at a 0-based line and column of that document's
 * text. Its message says what is wrong in the reader's own words: it never quotes the text.
 * The stream reader turns it into a {@link ManifestReadError} naming the file.
 */
export class TextProblem extends Error {
  constructor(
    message: string,
    /** 0-based line within the document's text. */
    public readonly line: number,
    /** 0-based column (in characters) within that line. */
    public readonly column: number,
    /** Where in the value the problem is, when it is in a value: `spec.ports[0]`. */
    public readonly fieldPath?: string,
    /** The limit that was exceeded, when one was. */
    public readonly limit?: ReadLimitName,
  ) {
    super(message);
    this.name = 'TextProblem';
  }
}

/** A position in a document's text: 0-based line and column (in characters). */
export interface Mark {
  readonly line: number;
  readonly column: number;
}
