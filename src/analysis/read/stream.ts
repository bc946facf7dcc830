import { ManifestReadError } from './errors';
import { isJsonSpace, JsonSyntaxError, readJsonValue } from './json';
import { limitAdvice, ResolvedReadLimits, ValueBudget } from './limits';
import { newObject, PlainObject, Positions } from './values';
import { composeDocument } from './yaml/compose';
import { Mark, TextProblem } from './yaml/problem';

// A file's bytes read as kubectl apply reads a stream (k8s.io/apimachinery/pkg/util/yaml's
// YAMLOrJSONDecoder, then kubectl's resource builder): a stream whose first non-space bytes
// start with '{' is read as JSON values, falling back to YAML for the rest at the first value
// that is not JSON; any other stream is split into documents at lines that start with "---"
// (YAMLReader), each document read as go-yaml v2 reads YAML; null and empty documents are
// skipped, and an object with `items` is a list whose items are the objects.

/** One object read from a manifest file, with where it came from. */
export interface SourceDocument {
  /** The file as named (relative paths as given, joined with the names of a folder's files). */
  readonly file: string;
  /** The document (1-based) within the file, as kubectl counts them after splitting the stream (blank documents count). */
  readonly document: number;
  /**
   * For an item of a list (an object with `items`, such as `kind: List`): its index in `items`.
   * @default - the document is not a list
   */
  readonly item?: number;
  /**
   * The JSON value, as kubectl gets it. Objects have no prototype, so keys such as `__proto__`
   * or `constructor` are plain data. Integers beyond 2^53 lose precision, as with JSON.parse.
   */
  readonly value: unknown;
  /**
   * The namespace kustomize gives the object: that of the outermost kustomization that sets
   * one (the caller applies it to namespaced objects).
   * @default - no kustomization sets one
   */
  readonly kustomizeNamespace?: string;
  /**
   * Where the field at `path` (relative to {@link value}) is in the file, 1-based: a mapping
   * entry's key, or a sequence item's start. When the path goes further than the value, or into
   * a copy an alias made, where its deepest known ancestor is. Reads the document again when
   * called (nothing is kept for it before).
   */
  locate(path: ReadonlyArray<string | number>): { line: number; column: number } | undefined;
}

/** Where a document's text is in its file. */
interface DocumentText {
  readonly text: string;
  readonly number: number;
  /** The file line (0-based) of the text's first line. */
  readonly line: number;
  /** The file column (0-based) of the text's first character. */
  readonly column: number;
  readonly json: boolean;
}

/** Unicode white space as Go's unicode.IsSpace sees it (bytes.TrimSpace, bytes.TrimLeftFunc). */
function isGoSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680
    || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function trimGoSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Characters go-yaml's reader refuses ("control characters are not allowed"). */
const REFUSED_CHARACTER = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;

/** How many bytes of a stream kubectl looks at to decide it is JSON. */
const JSON_SNIFF_BYTES = 4096;

function utf8Length(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return 2; // half of a 4-byte character
  return 3;
}

/** Whether kubectl reads the stream as JSON: its first non-space character, within the first 4096 bytes, is '{'. */
function looksLikeJson(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += utf8Length(c);
    if (bytes > JSON_SNIFF_BYTES) return false;
    if (!isGoSpace(c)) return c === 0x7b;
  }
  return false;
}

/** Reads a file's bytes as kubectl apply reads them. */
export class StreamReader {
  private count = 0;
  private readonly documents: SourceDocument[] = [];
  private readonly budget: ValueBudget = { used: 0 };

  constructor(
    private readonly file: string,
    private readonly limits: ResolvedReadLimits,
    private readonly kustomizeNamespace?: string,
  ) {}

  /** The objects of the stream, in order. */
  public read(bytes: Uint8Array): SourceDocument[] {
    if (bytes.length > this.limits.maxFileBytes) {
      throw new ManifestReadError(this.file, `the file is larger than ${this.limits.maxFileBytes} bytes; ${limitAdvice('maxFileBytes', this.limits)}`,
        { limit: 'maxFileBytes' });
    }
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      throw new ManifestReadError(this.file, 'the file is UTF-16LE (little-endian) text, which kubectl cannot read (its line splitting leaves an odd byte); save it as UTF-8');
    }
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      // kubectl's line splitting never finds a "---" line in UTF-16, so go-yaml gets it whole.
      this.yamlDocument({ text: decodeUtf16be(bytes, this.file), number: this.nextNumber(0), line: 0, column: 0, json: false });
      return this.documents;
    }
    const text = decodeUtf8(bytes, this.file);
    if (looksLikeJson(text)) {
      this.readJson(text);
    } else {
      this.readYaml(text, 0, 0, 0);
    }
    return this.documents;
  }

  private nextNumber(line: number): number {
    this.count++;
    if (this.count > this.limits.maxDocuments) {
      throw new ManifestReadError(this.file, `the file holds more than ${this.limits.maxDocuments} documents; ${limitAdvice('maxDocuments', this.limits)}`,
        { document: this.count, line: line + 1, limit: 'maxDocuments' });
    }
    return this.count;
  }

  /** Splits YAML text (from `start`, at file line `line` and column `column`) at "---" lines, as kubectl's YAMLReader. */
  private readYaml(text: string, start: number, line: number, column: number, onFirst?: (problem: unknown) => never): void {
    let docStart = start;
    let docLine = line;
    let docColumn = column;
    let lineStart = start;
    let lineNumber = line;
    let first = onFirst;
    const flush = (end: number, terminated: boolean): void => {
      if (end <= docStart) return; // kubectl returns no document for zero bytes
      let body = text.slice(docStart, end);
      if (body.includes('\r')) body = body.replace(/\r\n/g, '\n');
      if (!terminated) body += '\n';
      const number = this.nextNumber(docLine);
      const handler = first;
      first = undefined;
      try {
        this.yamlDocument({ text: body, number, line: docLine, column: docColumn, json: false });
      } catch (error) {
        if (handler !== undefined) handler(error);
        throw error;
      }
    };
    while (lineStart < text.length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      const next = newline === -1 ? text.length : newline + 1;
      if (text.startsWith('---', lineStart)) {
        let content = text.slice(lineStart + 3, lineEnd);
        if (newline !== -1 && content.endsWith('\r')) content = content.slice(0, -1);
        const rest = trimGoSpace(content);
        if (rest !== '' && rest[0] !== '#') {
          throw new ManifestReadError(this.file, 'a line starting with \'---\' has more than a comment after it (kubectl accepts only \'---\' or \'--- # comment\' as a document separator)',
            { document: this.count + 1, line: lineNumber + 1, column: 4 });
        }
        flush(lineStart, true);
        docStart = next;
        docLine = lineNumber + 1;
        docColumn = 0;
      }
      lineStart = next;
      lineNumber++;
    }
    flush(text.length, text.length === 0 || text.charCodeAt(text.length - 1) === 0x0a);
  }

  /** A JSON stream: values one after another; at the first that is not JSON, YAML from there on. */
  private readJson(text: string): void {
    let consumed = 0;
    const marks = lineIndex(text);
    for (;;) {
      let pos = consumed;
      while (pos < text.length && isJsonSpace(text.charCodeAt(pos))) pos++;
      if (pos >= text.length) return;
      const number = this.count + 1;
      try {
        const read = readJsonValue(text, pos, this.limits, this.budget, (offset) => marks(offset));
        this.nextNumber(marks(pos).line);
        const at = marks(pos);
        const valueStart = pos;
        // The closure keeps the text and the limits only, not this reader (whose documents hold every value read).
        const limits = this.limits;
        this.addDocument(read.value, number, (path) => {
          const positions = new Positions();
          const again = readJsonValue(text, valueStart, limits, { used: 0 }, (offset) => marks(offset), positions);
          return positions.locate(again.value, at, path);
        });
        consumed = read.end;
      } catch (error) {
        if (error instanceof TextProblem) throw this.fail(error, number, 0, 0);
        if (!(error instanceof JsonSyntaxError)) throw error;
        const jsonError = error;
        // kubectl goes back to the end of the last value, skips white space up to the next line,
        // and reads the rest as YAML (reporting the JSON error if that fails too).
        let from = consumed;
        while (from < text.length) {
          const c = text.charCodeAt(from);
          if (!isGoSpace(c)) break;
          from++;
          if (c === 0x0a) break;
        }
        const at = marks(jsonError.offset);
        const refuse = (): never => {
          throw new ManifestReadError(this.file, `${jsonError.message} (and what follows is not YAML either)`, { document: number, line: at.line + 1, column: at.column + 1 });
        };
        if (from >= text.length) refuse();
        const start = marks(from);
        this.readYaml(text, from, start.line, start.column, refuse);
        return;
      }
    }
  }

  private yamlDocument(doc: DocumentText): void {
    let text = doc.text;
    let column = doc.column;
    if (text.charCodeAt(0) === 0xfeff) {
      // go-yaml takes a byte order mark at the start for what it is.
      text = text.slice(1);
      column++;
    }
    const refused = REFUSED_CHARACTER.exec(text);
    if (refused !== null) {
      const at = markOf(text, refused.index);
      throw this.fail(new TextProblem(`a character kubectl's YAML reader refuses (U+${refused[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, a control character or non-character)`,
        at.line, at.column), doc.number, doc.line, column);
    }
    let value: unknown;
    try {
      value = composeDocument(text, this.limits, this.budget).value;
    } catch (error) {
      if (error instanceof TextProblem) throw this.fail(error, doc.number, doc.line, column);
      throw error;
    }
    // The closure keeps the document's text and the limits only, not this reader (whose documents hold every value read).
    const limits = this.limits;
    const line = doc.line;
    this.addDocument(value, doc.number, (path) => {
      const positions = new Positions();
      const again = composeDocument(text, limits, { used: 0 }, positions).value;
      const mark = positions.locate(again, { line: 0, column: 0 }, path);
      return { line: line + mark.line, column: (mark.line === 0 ? column : 0) + mark.column };
    });
  }

  /** Adds a document's objects: none for null, the items of a list, or the value itself. */
  private addDocument(value: unknown, number: number, locate: (path: ReadonlyArray<string | number>) => Mark): void {
    if (value === null) return;
    const kustomizeNamespace = this.kustomizeNamespace;
    const file = this.file;
    const at = oneBased(locate);
    const object = value as PlainObject;
    if (typeof value === 'object' && !Array.isArray(value) && object.items !== undefined) {
      // kubectl's unstructured decoder makes any object with `items` a list.
      const items = object.items;
      if (items === null) return;
      if (!Array.isArray(items)) {
        const mark = at(['items']);
        throw new ManifestReadError(file, 'a list\'s items (an object with `items` is a list to kubectl) is not a sequence', { document: number, ...mark, fieldPath: 'items' });
      }
      const itemKind = typeof object.kind === 'string' && object.kind.endsWith('List') ? object.kind.slice(0, -'List'.length) : '';
      items.forEach((item, index) => {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) {
          const mark = at(['items', index]);
          throw new ManifestReadError(file, 'a list item is not an object', { document: number, ...mark, fieldPath: `items[${index}]` });
        }
        let itemValue = item as PlainObject;
        if (itemKind !== '' && itemValue.kind === undefined && itemValue.apiVersion === undefined) {
          // A typed list (PodList): kubectl gives items without apiVersion and kind the list's.
          const filled = newObject();
          filled.apiVersion = object.apiVersion ?? null;
          filled.kind = itemKind;
          for (const key of Object.keys(itemValue)) filled[key] = itemValue[key];
          itemValue = filled;
        }
        this.documents.push({ file, document: number, item: index, value: itemValue, kustomizeNamespace, locate: within(at, ['items', index]) });
      });
      return;
    }
    this.documents.push({ file, document: number, value, kustomizeNamespace, locate: at });
  }

  private fail(problem: TextProblem, document: number, line: number, column: number): ManifestReadError {
    return new ManifestReadError(this.file, problem.message, {
      document,
      line: line + problem.line + 1,
      column: (problem.line === 0 ? column : 0) + problem.column + 1,
      fieldPath: problem.fieldPath,
      limit: problem.limit,
    });
  }
}

/** The 0-based line and column (in characters) of an offset in a text. */
function markOf(text: string, offset: number): Mark {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: codePoints(text, lineStart, offset) };
}

function codePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) count++;
  }
  return count;
}

/** A function giving the line and column of an offset, with the line starts found once. */
function lineIndex(text: string): (offset: number) => Mark {
  let starts: number[] | undefined;
  return (offset) => {
    if (starts === undefined) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: codePoints(text, starts[low], offset) };
  };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of UTF-8 bytes; invalid UTF-8 (go-yaml refuses it, even in a comment) is an error naming where. */
function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = UTF8.decode(bytes.subarray(0, offset));
    const at = markOf(before, before.length);
    throw new ManifestReadError(file, 'the file is not valid UTF-8 (kubectl\'s YAML reader refuses it)', { line: at.line + 1, column: at.column + 1 });
  }
}

/** The offset of the first byte that starts no valid UTF-8 character. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let width = 1;
    if (b >= 0x80) {
      width = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (width === 0 || i + width > bytes.length) return i;
      try {
        UTF8.decode(bytes.subarray(i, i + width));
      } catch {
        return i;
      }
    }
    i += width;
  }
  return bytes.length;
}

/** UTF-16BE text (after its byte order mark), as go-yaml decodes it. */
function decodeUtf16be(bytes: Uint8Array, file: string): string {
  if (bytes.length % 2 !== 0 || bytes[bytes.length - 1] !== 0x0a) {
    // kubectl's line reader adds a "\n" byte to a last line that does not end with one.
    throw new ManifestReadError(file, 'the file is UTF-16 text that does not end with a line break, which kubectl cannot read (its line splitting adds an odd byte); save it as UTF-8');
  }
  try {
    return new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
  } catch {
    throw new ManifestReadError(file, 'the file is not valid UTF-16 text');
  }
}

// The functions that locate fields are made here, outside the reader's methods: a closure keeps
// the whole scope it was made in, and there that is the document's value (or every document read).

/** `locate` with 1-based lines and columns. */
function oneBased(locate: (path: ReadonlyArray<string | number>) => Mark): SourceDocument['locate'] {
  return (path) => {
    const mark = locate(path);
    return { line: mark.line + 1, column: mark.column + 1 };
  };
}

/** `locate` for the value at `prefix`. */
function within(locate: SourceDocument['locate'], prefix: ReadonlyArray<string | number>): SourceDocument['locate'] {
  return (path) => locate([...prefix, ...path]);
}
