import { limitAdvice, ResolvedReadLimits, ValueBudget } from './limits';
import { newObject, PlainObject, PositionRecorder } from './values';
import { formatFieldPath } from './yaml/compose';
import { TextProblem } from './yaml/problem';

// One JSON value of a JSON stream, read as kubectl reads it: Go's encoding/json syntax (RFC 8259;
// a lone surrogate escape becomes U+FFFD), numbers as kubectl's unstructured decoding keeps them
// (an integer as an int64, so -0 is 0; anything else as a float64, so a number beyond its range
// is an error). Keys written twice are refused, as for YAML.

/** A JSON syntax error: where kubectl's decoder would stop reading JSON (and try YAML instead). */
export class JsonSyntaxError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** A JSON value read from a text, and the offset just past it. */
export interface JsonRead {
  readonly value: unknown;
  readonly end: number;
}

/** Whether a code unit is JSON whitespace. */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

interface Container {
  readonly value: PlainObject | unknown[];
  readonly segment: string | number | undefined;
  readonly start: number;
  key?: string;
  keyOffset: number;
  keyCount: number;
}

/**
 * Reads the JSON value that starts at `start` (no leading whitespace). Throws a
 * {@link JsonSyntaxError} for text that is not JSON, and a {@link TextProblem} (with a position
 * made by `mark`) for JSON the reader refuses: a key written twice, a number out of range, a limit.
 */
export function readJsonValue(
  text: string,
  start: number,
  limits: ResolvedReadLimits,
  budget: ValueBudget,
  mark: (offset: number) => { line: number; column: number },
  positions?: PositionRecorder,
): JsonRead {
  let pos = start;
  const stack: Container[] = [];
  let root: unknown;

  const problem = (message: string, offset: number, limit?: 'maxDepth' | 'maxKeys' | 'maxValues', extra?: string | number): TextProblem => {
    const segments: Array<string | number> = [];
    for (const container of stack) if (container.segment !== undefined) segments.push(container.segment);
    const top = stack[stack.length - 1];
    if (extra !== undefined) segments.push(extra);
    else if (top !== undefined && !Array.isArray(top.value) && top.key !== undefined) segments.push(top.key);
    else if (top !== undefined && Array.isArray(top.value)) segments.push(top.value.length);
    const at = mark(offset);
    return new TextProblem(message, at.line, at.column, formatFieldPath(segments), limit);
  };
  const syntax = (what: string): JsonSyntaxError => new JsonSyntaxError(`not valid JSON: ${what}`, pos);
  const skipSpace = (): void => {
    while (pos < text.length && isJsonSpace(text.charCodeAt(pos))) pos++;
  };

  const deliver = (value: unknown, valueStart: number): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = value;
    } else if (Array.isArray(top.value)) {
      positions?.item(top.value, top.value.length, mark(valueStart));
      top.value.push(value);
    } else {
      const object = top.value;
      const key = top.key!;
      top.keyCount++;
      if (top.keyCount > limits.maxKeys) {
        throw problem(`an object holds more than ${limits.maxKeys} keys; ${limitAdvice('maxKeys', limits)}`, top.keyOffset, 'maxKeys');
      }
      object[key] = value;
      positions?.key(object, key, mark(top.keyOffset));
      top.key = undefined;
    }
  };

  const count = (offset: number): void => {
    budget.used++;
    if (budget.used > limits.maxValues) {
      throw problem(`the file holds more than ${limits.maxValues} values (objects, arrays, scalars and keys); ${limitAdvice('maxValues', limits)}`, offset, 'maxValues');
    }
  };

  for (;;) {
    // A value starts here.
    skipSpace();
    const valueStart = pos;
    count(pos);
    const c = text.charCodeAt(pos);
    let value: unknown;
    let scalar = true;
    if (c === 0x7b || c === 0x5b) { // { [
      if (stack.length + 1 > limits.maxDepth) {
        throw problem(`objects and arrays are nested more than ${limits.maxDepth} deep; ${limitAdvice('maxDepth', limits)}`, pos, 'maxDepth');
      }
      const top = stack[stack.length - 1];
      const segment = top === undefined ? undefined : Array.isArray(top.value) ? top.value.length : top.key;
      const container: Container = { value: c === 0x7b ? newObject() : [], segment, start: pos, keyOffset: 0, keyCount: 0 };
      positions?.node(container.value, mark(pos));
      stack.push(container);
      pos++;
      skipSpace();
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(pos) === close) {
        pos++;
        stack.pop();
        value = container.value;
        scalar = false;
        deliver(value, valueStart);
      } else if (c === 0x7b) {
        readKey(container);
        continue;
      } else {
        continue;
      }
    } else if (c === 0x22) {
      value = readString();
    } else if (c === 0x74 && text.startsWith('true', pos)) {
      value = true;
      pos += 4;
    } else if (c === 0x66 && text.startsWith('false', pos)) {
      value = false;
      pos += 5;
    } else if (c === 0x6e && text.startsWith('null', pos)) {
      value = null;
      pos += 4;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = pos;
      const match = NUMBER.exec(text);
      if (match === null) throw syntax('a malformed number');
      pos += match[0].length;
      value = jsonNumber(match[0], valueStart);
    } else {
      throw syntax(pos >= text.length ? 'the text ends where a value was expected' : 'a character that cannot start a value');
    }
    if (scalar) deliver(value, valueStart);

    // After a value: close containers, or go on to the next entry.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return { value: root, end: pos };
      skipSpace();
      const d = text.charCodeAt(pos);
      const isArray = Array.isArray(top.value);
      if (d === 0x2c) { // ,
        pos++;
        if (!isArray) {
          skipSpace();
          readKey(top);
        }
        break;
      }
      if (d === (isArray ? 0x5d : 0x7d)) {
        pos++;
        stack.pop();
        deliver(top.value, top.start);
        continue;
      }
      throw syntax(pos >= text.length ? 'the text ends inside an object or array' : `a character where ',' or '${isArray ? ']' : '}'}' belongs`);
    }
  }

  function readKey(container: Container): void {
    if (text.charCodeAt(pos) !== 0x22) throw syntax('a character where an object key (a string) belongs');
    const keyOffset = pos;
    const key = readString();
    skipSpace();
    if (text.charCodeAt(pos) !== 0x3a) throw syntax('a character where \':\' belongs');
    pos++;
    const object = container.value as PlainObject;
    count(keyOffset);
    if (object[key] !== undefined) throw problem('a key written twice in one object', keyOffset, undefined, key);
    container.key = key;
    container.keyOffset = keyOffset;
  }

  function readString(): string {
    pos++; // the opening quote
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) throw syntax('a string that is not closed');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c < 0x20) throw syntax('a control character in a string');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunk, pos);
      const e = text.charCodeAt(pos + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: { // \uXXXX, and a low surrogate escape after a high one
          const unit = hex4(pos + 2);
          if (unit >= 0xd800 && unit <= 0xdbff && text.charCodeAt(pos + 6) === 0x5c && text.charCodeAt(pos + 7) === 0x75) {
            const low = hex4(pos + 8);
            if (low >= 0xdc00 && low <= 0xdfff) {
              out += String.fromCharCode(unit, low);
              pos += 12;
              chunk = pos;
              continue;
            }
          }
          out += unit >= 0xd800 && unit <= 0xdfff ? '\ufffd' : String.fromCharCode(unit);
          pos += 6;
          chunk = pos;
          continue;
        }
        default: throw syntax('an unknown escape sequence in a string');
      }
      pos += 2;
      chunk = pos;
    }
  }

  function hex4(at: number): number {
    const digits = text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) {
      pos = at;
      throw syntax('a \\u escape without four hexadecimal digits');
    }
    return parseInt(digits, 16);
  }

  function jsonNumber(literal: string, at: number): number {
    const value = Number(literal);
    if (!Number.isFinite(value)) throw problem('a number too large for a float64', at);
    // An integer is an int64 to kubectl (so -0 is 0); one beyond int64 becomes a float64.
    return value === 0 && !/[.eE]/.test(literal) ? 0 : value;
  }
}
