import { TextProblem } from './problem';

// The tokenizer of a YAML 1.1 reader that behaves as go-yaml v2 (the YAML library kubectl reads
// manifests with, through sigs.k8s.io/yaml) does. It follows the same algorithm as go-yaml's
// scanner (the libyaml design: a token queue, a stack of indentation columns, and "simple key"
// candidates that turn into KEY tokens when a ':' follows them), so that the same inputs are
// accepted and refused, including go-yaml's quirks: the 1024-character limit on implicit keys,
// the tabs it allows and refuses, NEL/LS/PS as line breaks, and how little it looks ahead
// (text after the end of the first document is never scanned).
//
// The text is a JS string that has already been checked (valid Unicode, only the characters
// go-yaml's reader allows, byte order mark removed). Positions count characters (code points),
// as go-yaml does, with 0-based lines and columns.

/** Token kinds. */
export const STREAM_START = 1;
export const STREAM_END = 2;
export const VERSION_DIRECTIVE = 3;
export const TAG_DIRECTIVE = 4;
export const DOCUMENT_START = 5;
export const DOCUMENT_END = 6;
export const BLOCK_SEQUENCE_START = 7;
export const BLOCK_MAPPING_START = 8;
export const BLOCK_END = 9;
export const FLOW_SEQUENCE_START = 10;
export const FLOW_SEQUENCE_END = 11;
export const FLOW_MAPPING_START = 12;
export const FLOW_MAPPING_END = 13;
export const BLOCK_ENTRY = 14;
export const FLOW_ENTRY = 15;
export const KEY = 16;
export const VALUE = 17;
export const ALIAS = 18;
export const ANCHOR = 19;
export const TAG = 20;
export const SCALAR = 21;

/** Scalar styles. */
export const PLAIN = 1;
export const SINGLE_QUOTED = 2;
export const DOUBLE_QUOTED = 3;
export const LITERAL = 4;
export const FOLDED = 5;

/** One token: its kind, where it starts, and what it carries. */
export interface Token {
  readonly type: number;
  readonly line: number;
  readonly column: number;
  /** Scalar text, anchor or alias name, tag handle, or %TAG handle. */
  readonly value?: string;
  /** Tag suffix, or %TAG prefix. */
  readonly suffix?: string;
  readonly style?: number;
  readonly major?: number;
  readonly minor?: number;
}

/** A place where an implicit key may have started. */
interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  index: number;
  line: number;
  column: number;
}

/** go-yaml refuses more nested flow collections or indentation levels than this. */
const MAX_NESTING = 10000;

/** How many characters an implicit key may span before its ':'. */
const MAX_SIMPLE_KEY_LENGTH = 1024;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const NEL = 0x85;
const LS = 0x2028;
const PS = 0x2029;
const BOM = 0xfeff;

function isBreakCode(c: number): boolean {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}

function isBlankCode(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Whether a character may appear in an anchor, alias, tag handle or directive name. */
function isAlphaCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c: number): number {
  if (c >= 0x61) return c - 0x61 + 10;
  if (c >= 0x41) return c - 0x41 + 10;
  return c - 0x30;
}

/** Characters allowed in a tag URI besides the alphanumerics, `_` and `-` (and `%` escapes). */
const URI_CHARACTERS = new Set(Array.from(';/?:@&=+$,.!~*\'()[]%', (c) => c.charCodeAt(0)));

/** Characters that cannot start a plain scalar (some may, when not followed by a blank). */
const INDICATORS = new Set(Array.from('-?:,[]{}#&*!|>\'"%@`', (c) => c.charCodeAt(0)));

/** The width in UTF-8 bytes of a character given by its leading byte (0 if it cannot lead). */
function utf8Width(octet: number): number {
  if (octet < 0x80) return 1;
  if (octet >= 0xc0 && octet < 0xe0) return 2;
  if (octet >= 0xe0 && octet < 0xf0) return 3;
  if (octet >= 0xf0 && octet < 0xf8) return 4;
  return 0;
}

/** The token stream of one YAML text, pulled by the parser with {@link peek} and {@link skip}. */
export class Scanner {
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;

  private readonly tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByToken = new Map<number, number>();

  constructor(private readonly text: string) {}

  /** The next token, fetching as many as needed to know it (as go-yaml's peek_token). */
  public peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  /** Consumes the token {@link peek} returned. */
  public skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.head].type === STREAM_END;
    this.head++;
  }

  /** Whether the end of the stream has been handed out. */
  public get atEnd(): boolean {
    return this.streamEndProduced;
  }

  // ---- characters -------------------------------------------------------------------------

  /** The code unit `offset` units ahead (0 past the end: go-yaml's NUL terminator). */
  private code(offset = 0): number {
    const c = this.text.charCodeAt(this.pos + offset);
    return c === c ? c : 0; // NaN past the end
  }

  private isBreak(offset = 0): boolean {
    return isBreakCode(this.code(offset));
  }

  private isBlank(offset = 0): boolean {
    return isBlankCode(this.code(offset));
  }

  private isBreakZ(offset = 0): boolean {
    const c = this.code(offset);
    return c === 0 || isBreakCode(c);
  }

  private isBlankZ(offset = 0): boolean {
    const c = this.code(offset);
    return c === 0 || c === SPACE || c === TAB || isBreakCode(c);
  }

  private isZ(offset = 0): boolean {
    return this.pos + offset >= this.text.length;
  }

  /** The width in code units of the character at the position (2 for a surrogate pair). */
  private width(): number {
    const c = this.code();
    return c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }

  private advance(): void {
    this.index++;
    this.column++;
    this.pos += this.width();
  }

  private advanceLine(): void {
    const c = this.code();
    if (c === CR && this.code(1) === LF) {
      this.index += 2;
      this.column = 0;
      this.line++;
      this.pos += 2;
    } else if (isBreakCode(c)) {
      this.index++;
      this.column = 0;
      this.line++;
      this.pos++;
    }
  }

  /** Moves to the next line break (or the end), counting characters. */
  private advanceToBreak(): void {
    const text = this.text;
    let pos = this.pos;
    let lowSurrogates = 0;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== c || isBreakCode(c)) break;
      if (c >= 0xdc00 && c <= 0xdfff) lowSurrogates++;
      pos++;
    }
    const characters = pos - this.pos - lowSurrogates;
    this.index += characters;
    this.column += characters;
    this.pos = pos;
  }

  /** The current character, consumed. */
  private read(): string {
    const start = this.pos;
    this.advance();
    return this.text.slice(start, this.pos);
  }

  /** The line break at the position, consumed, as it is kept in a scalar: CR, LF, CRLF and NEL as "\n", LS and PS as they are. */
  private readLine(): string {
    const c = this.code();
    let kept: string;
    if (c === CR && this.code(1) === LF) {
      this.pos += 2;
      this.index++;
      kept = '\n';
    } else if (c === CR || c === LF || c === NEL) {
      this.pos++;
      kept = '\n';
    } else if (c === LS || c === PS) {
      this.pos++;
      kept = String.fromCharCode(c);
    } else {
      return '';
    }
    this.index++;
    this.column = 0;
    this.line++;
    return kept;
  }

  private error(message: string, line = this.line, column = this.column): TextProblem {
    return new TextProblem(message, line, column);
  }

  // ---- the token queue --------------------------------------------------------------------

  private insertToken(position: number, token: Token): void {
    if (this.head > 4096 && this.head * 2 > this.tokens.length) {
      this.tokens.splice(0, this.head);
      this.head = 0;
    }
    if (position < 0) {
      this.tokens.push(token);
    } else {
      this.tokens.splice(this.head + position, 0, token);
    }
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        // The head token is final unless a simple key may still start at it.
        const keyIndex = this.simpleKeysByToken.get(this.tokensParsed);
        if (keyIndex === undefined) break;
        const key = this.simpleKeys[keyIndex];
        if (key === undefined || !this.simpleKeyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);

    if (this.isZ()) {
      this.fetchStreamEnd();
      return;
    }
    const c = this.code();
    if (this.column === 0) {
      if (c === 0x25 /* % */) {
        this.fetchDirective();
        return;
      }
      if (c === 0x2d && this.code(1) === 0x2d && this.code(2) === 0x2d && this.isBlankZ(3)) {
        this.fetchDocumentIndicator(DOCUMENT_START);
        return;
      }
      if (c === 0x2e && this.code(1) === 0x2e && this.code(2) === 0x2e && this.isBlankZ(3)) {
        this.fetchDocumentIndicator(DOCUMENT_END);
        return;
      }
    }
    switch (c) {
      case 0x5b: this.fetchFlowCollectionStart(FLOW_SEQUENCE_START); return; // [
      case 0x7b: this.fetchFlowCollectionStart(FLOW_MAPPING_START); return; // {
      case 0x5d: this.fetchFlowCollectionEnd(FLOW_SEQUENCE_END); return; // ]
      case 0x7d: this.fetchFlowCollectionEnd(FLOW_MAPPING_END); return; // }
      case 0x2c: this.fetchFlowEntry(); return; // ,
      default: break;
    }
    if (c === 0x2d && this.isBlankZ(1)) {
      this.fetchBlockEntry();
      return;
    }
    if (c === 0x3f && (this.flowLevel > 0 || this.isBlankZ(1))) {
      this.fetchKey();
      return;
    }
    if (c === 0x3a && (this.flowLevel > 0 || this.isBlankZ(1))) {
      this.fetchValue();
      return;
    }
    switch (c) {
      case 0x2a: this.fetchAnchor(ALIAS); return; // *
      case 0x26: this.fetchAnchor(ANCHOR); return; // &
      case 0x21: this.fetchTag(); return; // !
      default: break;
    }
    if (c === 0x7c && this.flowLevel === 0) { // |
      this.fetchBlockScalar(true);
      return;
    }
    if (c === 0x3e && this.flowLevel === 0) { // >
      this.fetchBlockScalar(false);
      return;
    }
    if (c === 0x27) {
      this.fetchFlowScalar(true);
      return;
    }
    if (c === 0x22) {
      this.fetchFlowScalar(false);
      return;
    }
    // A plain scalar starts with any non-blank character but the indicators; '-' may start it
    // when a non-blank follows, and so may '?' and ':' in the block context.
    if (!(this.isBlankZ() || INDICATORS.has(c))
      || (c === 0x2d && !this.isBlank(1))
      || (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !this.isBlankZ(1))) {
      this.fetchPlainScalar();
      return;
    }
    throw this.error('found a character that cannot start any token');
  }

  // ---- simple keys and indentation --------------------------------------------------------

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.line < this.line || key.index + MAX_SIMPLE_KEY_LENGTH < this.index) {
      if (key.required) throw this.error('could not find the \':\' this key needs (an implicit key must be on one line and at most 1024 characters long)', key.line, key.column);
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    if (this.simpleKeyAllowed) {
      this.removeSimpleKey();
      // (The slot's record is reused: nothing else holds it.)
      const key = this.simpleKeys[this.simpleKeys.length - 1];
      key.possible = true;
      key.required = this.flowLevel === 0 && this.indent === this.column;
      key.tokenNumber = this.tokensParsed + (this.tokens.length - this.head);
      key.index = this.index;
      key.line = this.line;
      key.column = this.column;
      this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
      this.pruneSimpleKeys();
    }
  }

  /**
   * Forgets the simple keys of tokens already handed out (go-yaml never deletes a key that
   * stops being possible, so its map grows with the text; only the head token's is looked up).
   */
  private pruneSimpleKeys(): void {
    const map = this.simpleKeysByToken;
    if (map.size <= 64 + 2 * (this.tokens.length - this.head + this.simpleKeys.length)) return;
    for (const tokenNumber of map.keys()) {
      if (tokenNumber < this.tokensParsed) map.delete(tokenNumber);
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) throw this.error('could not find the \':\' this key needs', key.line, key.column);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      index: this.index,
      line: this.line,
      column: this.column,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_NESTING) throw this.error(`flow collections are nested more than ${MAX_NESTING} deep (kubectl's YAML reader refuses this)`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByToken.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, tokenNumber: number, type: number, line: number, markColumn: number): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_NESTING) throw this.error(`block collections are nested more than ${MAX_NESTING} deep (kubectl's YAML reader refuses this)`);
      this.insertToken(tokenNumber > -1 ? tokenNumber - this.tokensParsed : -1, { type, line, column: markColumn });
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, { type: BLOCK_END, line: this.line, column: this.column });
      this.indent = this.indents.pop()!;
    }
  }

  // ---- token fetchers ---------------------------------------------------------------------

  /** The indicator at the position (`length` ASCII characters), consumed, as a token. */
  private pushIndicator(type: number, length = 1): void {
    const line = this.line;
    const column = this.column;
    for (let i = 0; i < length; i++) this.advance();
    this.insertToken(-1, { type, line, column });
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, index: 0, line: 0, column: 0 });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { type: STREAM_START, line: this.line, column: this.column });
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { type: STREAM_END, line: this.line, column: this.column });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: number): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.pushIndicator(type, 3);
  }

  private fetchFlowCollectionStart(type: number): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.pushIndicator(type);
  }

  private fetchFlowCollectionEnd(type: number): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.pushIndicator(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.pushIndicator(FLOW_ENTRY);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.error('a sequence entry (\'- \') is not allowed here');
      this.rollIndent(this.column, -1, BLOCK_SEQUENCE_START, this.line, this.column);
    }
    // In a flow collection '-' is an error the parser reports.
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.pushIndicator(BLOCK_ENTRY);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.error('a mapping key (\'? \') is not allowed here');
      this.rollIndent(this.column, -1, BLOCK_MAPPING_START, this.line, this.column);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.pushIndicator(KEY);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The simple key becomes a KEY token where it started, and may start a block mapping.
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: KEY, line: key.line, column: key.column });
      this.rollIndent(key.column, key.tokenNumber, BLOCK_MAPPING_START, key.line, key.column);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      // The ':' follows a complex key ('? '), or none.
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) throw this.error('a mapping value (\': \') is not allowed here');
        this.rollIndent(this.column, -1, BLOCK_MAPPING_START, this.line, this.column);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.pushIndicator(VALUE);
  }

  private fetchAnchor(type: number): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // ---- scanners ---------------------------------------------------------------------------

  private scanToNextToken(): void {
    const text = this.text;
    for (;;) {
      if (this.column === 0 && text.charCodeAt(this.pos) === BOM) {
        // go-yaml skips a byte order mark here only by accident of its buffering (it looks at
        // the start of its buffer, not at the position), so what it does varies; refuse it.
        throw this.error('a byte order mark (U+FEFF) at the start of a line (only the first character of a document may be one)');
      }
      // Tabs separate tokens in a flow collection, and in a block one where no simple key may start.
      const tabs = this.flowLevel > 0 || !this.simpleKeyAllowed;
      let pos = this.pos;
      for (;;) {
        const c = text.charCodeAt(pos);
        if (c === SPACE || (c === TAB && tabs)) pos++;
        else break;
      }
      this.index += pos - this.pos;
      this.column += pos - this.pos;
      this.pos = pos;
      if (text.charCodeAt(pos) === 0x23 /* # */) this.advanceToBreak();
      if (this.isBreak()) {
        this.advanceLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  private scanDirective(): Token {
    const line = this.line;
    const column = this.column;
    this.advance();
    let name = '';
    while (isAlphaCode(this.code())) name += this.read();
    if (name === '') throw this.error('a directive (%) has no name', line, column);
    if (!this.isBlankZ()) throw this.error('a directive name holds a character that is not alphanumeric', line, column);
    let token: Token;
    if (name === 'YAML') {
      while (this.isBlank()) this.advance();
      const major = this.scanVersionNumber(line, column);
      if (this.code() !== 0x2e) throw this.error('a %YAML directive has no \'.\' in its version', line, column);
      this.advance();
      const minor = this.scanVersionNumber(line, column);
      token = { type: VERSION_DIRECTIVE, line, column, major, minor };
    } else if (name === 'TAG') {
      while (this.isBlank()) this.advance();
      const handle = this.scanTagHandle(true, line, column);
      if (!this.isBlank()) throw this.error('a %TAG directive has no blank after its handle', line, column);
      while (this.isBlank()) this.advance();
      const prefix = this.scanTagUri(true, '', line, column);
      if (!this.isBlankZ()) throw this.error('a %TAG directive has no blank or line break after its prefix', line, column);
      token = { type: TAG_DIRECTIVE, line, column, value: handle, suffix: prefix };
    } else {
      throw this.error('an unknown directive (only %YAML and %TAG exist)', line, column);
    }
    while (this.isBlank()) this.advance();
    if (this.code() === 0x23) {
      while (!this.isBreakZ()) this.advance();
    }
    if (!this.isBreakZ()) throw this.error('a directive is followed by more than a comment on its line', line, column);
    if (this.isBreak()) this.advanceLine();
    return token;
  }

  private scanVersionNumber(line: number, column: number): number {
    let value = 0;
    let length = 0;
    while (isDigitCode(this.code())) {
      length++;
      if (length > 2) throw this.error('a %YAML directive has a version number longer than 2 digits', line, column);
      value = value * 10 + this.code() - 0x30;
      this.advance();
    }
    if (length === 0) throw this.error('a %YAML directive has no version number', line, column);
    return value;
  }

  private scanAnchor(type: number): Token {
    const line = this.line;
    const column = this.column;
    this.advance();
    const start = this.pos;
    while (isAlphaCode(this.code())) this.advance();
    const name = this.text.slice(start, this.pos);
    const c = this.code();
    if (name === '' || !(this.isBlankZ() || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60)) {
      throw this.error(`${type === ANCHOR ? 'an anchor' : 'an alias'} name may hold only letters, digits, '_' and '-'`, line, column);
    }
    return { type, line, column, value: name };
  }

  private scanTag(): Token {
    const line = this.line;
    const column = this.column;
    let handle: string;
    let suffix: string;
    if (this.code(1) === 0x3c /* < */) {
      // A verbatim tag: !<uri>
      handle = '';
      this.advance();
      this.advance();
      suffix = this.scanTagUri(false, '', line, column);
      if (this.code() !== 0x3e) throw this.error('a verbatim tag (!<...>) has no closing \'>\'', line, column);
      this.advance();
    } else {
      handle = this.scanTagHandle(false, line, column);
      if (handle.length > 1 && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', line, column);
      } else {
        // Not a handle after all: '!' and the rest is the suffix.
        suffix = this.scanTagUri(false, handle, line, column);
        handle = '!';
        if (suffix === '') {
          // The non-specific tag '!'.
          handle = '';
          suffix = '!';
        }
      }
    }
    if (!this.isBlankZ()) throw this.error('a tag is not followed by a blank or a line break', line, column);
    return { type: TAG, line, column, value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, line: number, column: number): string {
    if (this.code() !== 0x21) throw this.error(directive ? 'a %TAG directive handle does not start with \'!\'' : 'a tag does not start with \'!\'', line, column);
    let handle = this.read();
    while (isAlphaCode(this.code())) handle += this.read();
    if (this.code() === 0x21) {
      handle += this.read();
    } else if (directive && handle !== '!') {
      throw this.error('a %TAG directive handle does not end with \'!\'', line, column);
    }
    return handle;
  }

  private scanTagUri(directive: boolean, head: string, line: number, column: number): string {
    let uri = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.code();
      if (!(isAlphaCode(c) || URI_CHARACTERS.has(c))) break;
      if (c === 0x25) {
        uri += this.scanUriEscapes(directive, line, column);
      } else {
        uri += this.read();
      }
      hasTag = true;
    }
    if (!hasTag) throw this.error(directive ? 'a %TAG directive has no prefix' : 'a tag has no name', line, column);
    return uri;
  }

  /** One %-escaped UTF-8 character of a tag URI. */
  private scanUriEscapes(directive: boolean, line: number, column: number): string {
    const bytes: number[] = [];
    let remaining = -1;
    while (remaining !== 0) {
      if (!(this.code() === 0x25 && isHexCode(this.code(1)) && isHexCode(this.code(2)))) {
        throw this.error(directive ? 'a %TAG directive prefix has a bad %-escape' : 'a tag has a bad %-escape', line, column);
      }
      const octet = hexValue(this.code(1)) * 16 + hexValue(this.code(2));
      if (remaining === -1) {
        remaining = utf8Width(octet);
        if (remaining === 0) throw this.error('a tag has a %-escape that is not UTF-8', line, column);
      } else if (octet < 0x80 || octet >= 0xc0) {
        throw this.error('a tag has a %-escape that is not UTF-8', line, column);
      }
      bytes.push(octet);
      this.advance();
      this.advance();
      this.advance();
      remaining--;
    }
    // go-yaml keeps the bytes as they are (it does not check for overlong forms); a tag is
    // only ever compared with the YAML tags, so decoding them leniently changes nothing.
    return Buffer.from(bytes).toString('latin1');
  }

  private scanBlockScalar(literal: boolean): Token {
    const line = this.line;
    const column = this.column;
    this.advance();

    let chomping = 0;
    let increment = 0;
    const c = this.code();
    if (c === 0x2b || c === 0x2d) {
      chomping = c === 0x2b ? 1 : -1;
      this.advance();
      if (isDigitCode(this.code())) {
        if (this.code() === 0x30) throw this.error('a block scalar has an indentation indicator of 0', line, column);
        increment = this.code() - 0x30;
        this.advance();
      }
    } else if (isDigitCode(c)) {
      if (c === 0x30) throw this.error('a block scalar has an indentation indicator of 0', line, column);
      increment = c - 0x30;
      this.advance();
      const d = this.code();
      if (d === 0x2b || d === 0x2d) {
        chomping = d === 0x2b ? 1 : -1;
        this.advance();
      }
    }
    while (this.isBlank()) this.advance();
    if (this.code() === 0x23) {
      while (!this.isBreakZ()) this.advance();
    }
    if (!this.isBreakZ()) throw this.error('a block scalar indicator is followed by more than a comment on its line', line, column);
    if (this.isBreak()) this.advanceLine();

    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = { indent, trailing: '' };
    this.scanBlockScalarBreaks(breaks, line, column);
    indent = breaks.indent;
    trailingBreaks = breaks.trailing;

    let leadingBlank = false;
    while (this.column === indent && !this.isZ()) {
      // At the start of a non-empty line.
      const trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (trailingBreaks.length === 0) value += ' ';
      } else {
        value += leadingBreak;
      }
      leadingBreak = '';
      value += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = this.isBlank();

      const start = this.pos;
      this.advanceToBreak();
      value += this.text.slice(start, this.pos);
      leadingBreak = this.readLine();

      breaks.indent = indent;
      breaks.trailing = '';
      this.scanBlockScalarBreaks(breaks, line, column);
      indent = breaks.indent;
      trailingBreaks = breaks.trailing;
    }
    if (chomping !== -1) value += leadingBreak;
    if (chomping === 1) value += trailingBreaks;
    return { type: SCALAR, line, column, value, style: literal ? LITERAL : FOLDED };
  }

  /** Eats indentation and empty lines before a block scalar's next line; finds its indentation when not yet known. */
  private scanBlockScalarBreaks(state: { indent: number; trailing: string }, line: number, column: number): void {
    let maxIndent = 0;
    for (;;) {
      while ((state.indent === 0 || this.column < state.indent) && this.code() === SPACE) this.advance();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((state.indent === 0 || this.column < state.indent) && this.code() === TAB) {
        throw this.error('a block scalar has a tab where an indentation space is expected', line, column);
      }
      if (!this.isBreak()) break;
      state.trailing += this.readLine();
    }
    if (state.indent === 0) {
      state.indent = Math.max(maxIndent, this.indent + 1, 1);
    }
  }

  private scanFlowScalar(single: boolean): Token {
    const line = this.line;
    const column = this.column;
    this.advance();
    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      if (this.column === 0 && this.atDocumentIndicator()) {
        throw this.error('a quoted scalar is cut by a document marker (--- or ...)', line, column);
      }
      if (this.isZ()) throw this.error(`a ${single ? 'single' : 'double'}-quoted scalar is not closed`, line, column);

      let leadingBlanks = false;
      while (!this.isBlankZ()) {
        const c = this.code();
        if (single && c === 0x27 && this.code(1) === 0x27) {
          value += '\'';
          this.advance();
          this.advance();
        } else if (c === (single ? 0x27 : 0x22)) {
          break;
        } else if (!single && c === 0x5c && this.isBreak(1)) {
          // An escaped line break.
          this.advance();
          this.advanceLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          value += this.scanEscape(line, column);
        } else {
          const start = this.pos;
          this.advance();
          value += this.text.slice(start, this.pos);
        }
      }
      if (this.code() === (single ? 0x27 : 0x22)) break;

      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) {
            whitespaces += this.read();
          } else {
            this.advance();
          }
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          value += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        } else {
          value += leadingBreak + trailingBreaks;
        }
        leadingBreak = '';
        trailingBreaks = '';
      } else {
        value += whitespaces;
        whitespaces = '';
      }
    }
    this.advance();
    return { type: SCALAR, line, column, value, style: single ? SINGLE_QUOTED : DOUBLE_QUOTED };
  }

  /** One escape sequence of a double-quoted scalar (at its backslash), consumed. */
  private scanEscape(line: number, column: number): string {
    const simple = ESCAPES.get(this.code(1));
    let codeLength = 0;
    let result = '';
    if (simple !== undefined) {
      result = simple;
    } else if (this.code(1) === 0x78 /* x */) {
      codeLength = 2;
    } else if (this.code(1) === 0x75 /* u */) {
      codeLength = 4;
    } else if (this.code(1) === 0x55 /* U */) {
      codeLength = 8;
    } else {
      throw this.error('a double-quoted scalar has an unknown escape sequence', this.line, this.column);
    }
    this.advance();
    this.advance();
    if (codeLength > 0) {
      let value = 0;
      for (let k = 0; k < codeLength; k++) {
        if (!isHexCode(this.code(k))) throw this.error('a double-quoted scalar has an escape sequence without enough hexadecimal digits', line, column);
        value = value * 16 + hexValue(this.code(k));
      }
      if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
        throw this.error('a double-quoted scalar escapes a character that is not valid Unicode', line, column);
      }
      result = String.fromCodePoint(value);
      for (let k = 0; k < codeLength; k++) this.advance();
    }
    return result;
  }

  private atDocumentIndicator(): boolean {
    const c = this.code();
    return (c === 0x2d || c === 0x2e) && this.code(1) === c && this.code(2) === c && this.isBlankZ(3);
  }

  private scanPlainScalar(): Token {
    const text = this.text;
    const line = this.line;
    const column = this.column;
    const indent = this.indent + 1;
    const flow = this.flowLevel > 0;
    let value = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    for (;;) {
      if (this.column === 0 && this.atDocumentIndicator()) break;
      if (text.charCodeAt(this.pos) === 0x23) break;

      // The run of characters up to a blank, a break, ': ' or (in a flow collection) an indicator.
      const start = this.pos;
      let pos = start;
      let lowSurrogates = 0;
      for (;;) {
        const c = text.charCodeAt(pos);
        if (c !== c || c === SPACE || c === TAB || isBreakCode(c)) break;
        if (c === 0x3a) {
          const d = text.charCodeAt(pos + 1);
          if (d !== d || d === SPACE || d === TAB || isBreakCode(d)) break;
        } else if (flow && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) {
          break;
        } else if (c >= 0xdc00 && c <= 0xdfff) {
          lowSurrogates++;
        }
        pos++;
      }
      if (pos > start) {
        if (leadingBlanks) {
          if (leadingBreak[0] === '\n') {
            value += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
          } else {
            value += leadingBreak + trailingBreaks;
          }
          trailingBreaks = '';
          leadingBreak = '';
          leadingBlanks = false;
        } else if (whitespaces.length > 0) {
          value += whitespaces;
          whitespaces = '';
        }
        value = value === '' ? text.slice(start, pos) : value + text.slice(start, pos);
        const characters = pos - start - lowSurrogates;
        this.index += characters;
        this.column += characters;
        this.pos = pos;
      }

      const next = text.charCodeAt(this.pos);
      if (!(next === SPACE || next === TAB || isBreakCode(next))) break;

      for (;;) {
        const c = text.charCodeAt(this.pos);
        if (c === SPACE || c === TAB) {
          if (leadingBlanks && this.column < indent && c === TAB) {
            throw this.error('a plain scalar continues on a line indented with a tab', line, column);
          }
          if (!leadingBlanks) whitespaces += c === SPACE ? ' ' : '\t';
          this.pos++;
          this.index++;
          this.column++;
        } else if (isBreakCode(c)) {
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        } else {
          break;
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: SCALAR, line, column, value, style: PLAIN };
  }
}

const ESCAPES = new Map<number, string>([
  [0x30, '\0'], // 0
  [0x61, '\x07'], // a
  [0x62, '\b'], // b
  [0x74, '\t'], // t
  [TAB, '\t'],
  [0x6e, '\n'], // n
  [0x76, '\v'], // v
  [0x66, '\f'], // f
  [0x72, '\r'], // r
  [0x65, '\x1b'], // e
  [SPACE, ' '],
  [0x22, '"'],
  [0x27, '\''],
  [0x5c, '\\'],
  [0x4e, '\u0085'], // N
  [0x5f, '\u00a0'], // _
  [0x4c, '\u2028'], // L
  [0x50, '\u2029'], // P
]);
