// How go-yaml v2 gives a scalar its type (resolve.go and decode.go's scalar), and how
// sigs.k8s.io/yaml then writes it as JSON: YAML 1.1 booleans and nulls in all their spellings,
// integers in Go's strconv syntax (0x, 0o, 0b, leading-0 octal, underscores dropped), floats as
// strconv.ParseFloat reads them, timestamps and sexagesimals left as strings, `!!binary` decoded.

export const STR_TAG = 'tag:yaml.org,2002:str';
export const INT_TAG = 'tag:yaml.org,2002:int';
export const FLOAT_TAG = 'tag:yaml.org,2002:float';
export const BOOL_TAG = 'tag:yaml.org,2002:bool';
export const NULL_TAG = 'tag:yaml.org,2002:null';
export const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
export const BINARY_TAG = 'tag:yaml.org,2002:binary';
export const MERGE_TAG = 'tag:yaml.org,2002:merge';

/**
 * A scalar with the Go type go-yaml gives it, which decides how it is written as a JSON key
 * (an int and a float that are equal as numbers give different keys) and which keys are errors.
 */
export type TypedScalar =
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'uint'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'null' };

/** Why a scalar could not be given a type: a short phrase, never quoting the scalar. */
export class ResolveError extends Error {}

const NULL: TypedScalar = { type: 'null' };
const TRUE: TypedScalar = { type: 'bool', value: true };
const FALSE: TypedScalar = { type: 'bool', value: false };

const SPECIAL = new Map<string, TypedScalar>();
for (const word of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) SPECIAL.set(word, TRUE);
for (const word of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) SPECIAL.set(word, FALSE);
for (const word of ['', '~', 'null', 'Null', 'NULL']) SPECIAL.set(word, NULL);
for (const word of ['.nan', '.NaN', '.NAN']) SPECIAL.set(word, { type: 'float', value: NaN });
for (const word of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPECIAL.set(word, { type: 'float', value: Infinity });
for (const word of ['-.inf', '-.Inf', '-.INF']) SPECIAL.set(word, { type: 'float', value: -Infinity });

/** The tags whose scalars go-yaml resolves (any other tag leaves the text a string). */
const RESOLVABLE = new Set(['', STR_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG, NULL_TAG, TIMESTAMP_TAG]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9_]*[0-9][0-9_]*(?:[eE][-+]?[0-9][0-9_]*)?$/;

const INT64_MIN_MAGNITUDE = BigInt(2) ** BigInt(63);
const INT64_MAX = INT64_MIN_MAGNITUDE - BigInt(1);
const UINT64_MAX = BigInt(2) ** BigInt(64) - BigInt(1);

/** What resolve gives a scalar: its type and whether the text was a timestamp (kept as a string). */
interface Resolved {
  readonly tag: string;
  readonly scalar: TypedScalar;
}

/**
 * The typed value go-yaml decodes a scalar to (into an `interface{}`), given its full tag
 * (`''` for none) and whether it is implicit (plain and untagged, or tagged `!`). Throws a
 * {@link ResolveError} where go-yaml fails ("cannot decode ... as a ...", bad base64).
 */
export function decodeScalar(tag: string, value: string, implicit: boolean): TypedScalar {
  if (tag === '' && !implicit) return { type: 'str', value };
  const resolved = resolve(tag, value);
  if (resolved.tag === BINARY_TAG) return { type: 'str', value: decodeBase64(resolved.scalar.type === 'str' ? resolved.scalar.value : value) };
  if (resolved.tag === TIMESTAMP_TAG) return { type: 'str', value };
  return resolved.scalar;
}

function resolve(tag: string, text: string): Resolved {
  if (!RESOLVABLE.has(tag)) return { tag, scalar: { type: 'str', value: text } };
  const found = resolveImplicit(tag, text);
  if (tag === '' || tag === found.tag || tag === STR_TAG) return found;
  if (tag === FLOAT_TAG && found.tag === INT_TAG && found.scalar.type === 'int') {
    return { tag: FLOAT_TAG, scalar: { type: 'float', value: Number(found.scalar.value) } };
  }
  throw new ResolveError(`a scalar tagged ${shortTag(tag)} that reads as ${shortTag(found.tag)}`);
}

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

const MAP_HINTS = new Set(Array.from('yYnNtTfFoO~', (c) => c.charCodeAt(0)));

/** The first-character hints of go-yaml's resolve table. */
function hint(text: string): string {
  const c = text.charCodeAt(0);
  if (c !== c) return 'N';
  if (c === 0x2b || c === 0x2d) return 'S';
  if (c >= 0x30 && c <= 0x39) return 'D';
  if (MAP_HINTS.has(c)) return 'M';
  if (c === 0x2e) return '.';
  return '';
}

/** Whether a plain, untagged scalar is a string whatever it says (its first character hints at no other type). */
export function plainIsString(text: string): boolean {
  return hint(text) === '';
}

/**
 * The JSON value of a plain, untagged scalar (the common case, made without the typed form):
 * {@link decodeScalar} then {@link jsonValue}.
 */
export function plainJsonValue(text: string): unknown {
  if (hint(text) === '') return detached(text);
  return jsonValue(resolveImplicit('', text).scalar);
}

function resolveImplicit(tag: string, text: string): Resolved {
  const h = hint(text);
  if (h !== '' && tag !== STR_TAG) {
    const special = SPECIAL.get(text);
    if (special !== undefined) return { tag: tagOf(special), scalar: special };
    if (h === '.') {
      const float = parseDotFloat(text);
      if (float !== undefined) return { tag: FLOAT_TAG, scalar: { type: 'float', value: float } };
    } else if (h === 'D' || h === 'S') {
      if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(text)) return { tag: TIMESTAMP_TAG, scalar: { type: 'str', value: text } };
      const plain = text.replace(/_/g, '');
      const int = parseGoInt(plain, 0);
      if (int !== undefined) return { tag: INT_TAG, scalar: { type: 'int', value: int } };
      const uint = parseGoUint(plain, 0);
      if (uint !== undefined) return { tag: INT_TAG, scalar: { type: 'uint', value: uint } };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const float = Number(plain);
        if (Number.isFinite(float)) return { tag: FLOAT_TAG, scalar: { type: 'float', value: float } };
      }
      if (plain.startsWith('0b')) {
        const binary = parseGoInt(plain.slice(2), 2);
        if (binary !== undefined) return { tag: INT_TAG, scalar: { type: 'int', value: binary } };
        const ubinary = parseGoUint(plain.slice(2), 2);
        if (ubinary !== undefined) return { tag: INT_TAG, scalar: { type: 'uint', value: ubinary } };
      } else if (plain.startsWith('-0b')) {
        const binary = parseGoInt(`-${plain.slice(3)}`, 2);
        if (binary !== undefined) return { tag: INT_TAG, scalar: { type: 'int', value: binary } };
      }
    }
  }
  return { tag: STR_TAG, scalar: { type: 'str', value: text } };
}

function tagOf(scalar: TypedScalar): string {
  switch (scalar.type) {
    case 'bool': return BOOL_TAG;
    case 'null': return NULL_TAG;
    case 'float': return FLOAT_TAG;
    default: return STR_TAG;
  }
}

/** strconv.ParseFloat of a text starting with '.': Go's float syntax, underscores only between digits, overflow an error. */
function parseDotFloat(text: string): number | undefined {
  if (!DOT_FLOAT.test(text)) return undefined;
  if (text.includes('_') && !underscoresBetweenDigits(text)) return undefined;
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** strconv's underscoreOK for a decimal number: each '_' has a digit on both sides. */
function underscoresBetweenDigits(text: string): boolean {
  let previous = '^';
  for (const c of text) {
    if (c >= '0' && c <= '9') {
      previous = '0';
    } else if (c === '_') {
      if (previous !== '0') return false;
      previous = '_';
    } else {
      if (previous === '_') return false;
      previous = '!';
    }
  }
  return previous !== '_';
}

/** strconv.ParseInt(text, base, 64): a sign, then (for base 0) Go's prefixes; undefined where Go fails. */
export function parseGoInt(text: string, base: number): bigint | undefined {
  if (text === '') return undefined;
  let negative = false;
  let digits = text;
  if (text[0] === '+') {
    digits = text.slice(1);
  } else if (text[0] === '-') {
    negative = true;
    digits = text.slice(1);
  }
  const magnitude = parseGoUint(digits, base);
  if (magnitude === undefined) return undefined;
  if (negative) return magnitude > INT64_MIN_MAGNITUDE ? undefined : -magnitude;
  return magnitude > INT64_MAX ? undefined : magnitude;
}

const DIGITS_OF_BASE: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};

/** strconv.ParseUint(text, base, 64) for base 0 (Go's prefixes) or an explicit base; no sign, no underscores. */
export function parseGoUint(text: string, base: number): bigint | undefined {
  if (text === '') return undefined;
  let digits = text;
  let radix = base;
  if (base === 0) {
    radix = 10;
    if (text[0] === '0') {
      const prefix = text.length >= 3 ? text[1].toLowerCase() : '';
      if (prefix === 'b') {
        radix = 2;
        digits = text.slice(2);
      } else if (prefix === 'o') {
        radix = 8;
        digits = text.slice(2);
      } else if (prefix === 'x') {
        radix = 16;
        digits = text.slice(2);
      } else {
        radix = 8;
        digits = text.slice(1);
        if (digits === '') return BigInt(0);
      }
    }
  }
  if (!DIGITS_OF_BASE[radix].test(digits)) return undefined;
  let value: bigint;
  if (radix === 10 && digits.length <= 15) {
    value = BigInt(Number(digits));
  } else {
    const prefix = radix === 2 ? '0b' : radix === 8 ? '0o' : radix === 16 ? '0x' : '';
    value = BigInt(prefix + digits);
  }
  return value > UINT64_MAX ? undefined : value;
}

// ---- timestamps ------------------------------------------------------------------------------

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** A 1- or 2-digit number at the start of the text (Go's getnum, not fixed). */
function takeNumber(text: string): [number, string] | undefined {
  const match = /^[0-9]{1,2}/.exec(text);
  return match ? [Number(match[0]), text.slice(match[0].length)] : undefined;
}

/**
 * Whether go-yaml reads the text as a timestamp: one of the layouts it tries with Go's
 * time.Parse (`2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`
 * and `2006-1-2`), with Go's ranges. Such a scalar stays a string, but a `!!timestamp` tag on
 * anything else is an error.
 */
export function isTimestamp(text: string): boolean {
  const date = /^([0-9]{4})-/.exec(text);
  if (!date) return false;
  const year = Number(date[1]);
  const month = takeNumber(text.slice(5));
  if (!month || month[0] < 1 || month[0] > 12 || month[1][0] !== '-') return false;
  const day = takeNumber(month[1].slice(1));
  if (!day) return false;
  const days = month[0] === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month[0] - 1];
  if (day[0] < 1 || day[0] > days) return false;
  let rest = day[1];
  if (rest === '') return true;
  let zoned: boolean;
  if (rest[0] === 'T' || rest[0] === 't') {
    zoned = true;
    rest = rest.slice(1);
  } else if (rest[0] === ' ') {
    zoned = false;
    rest = rest.replace(/^ +/, '');
  } else {
    return false;
  }
  const hour = takeNumber(rest);
  if (!hour || hour[0] >= 24 || hour[1][0] !== ':') return false;
  const minute = takeNumber(hour[1].slice(1));
  if (!minute || minute[0] >= 60 || minute[1][0] !== ':') return false;
  const second = takeNumber(minute[1].slice(1));
  if (!second || second[0] >= 60) return false;
  rest = second[1];
  const fraction = /^[.,][0-9]+/.exec(rest);
  if (fraction) rest = rest.slice(fraction[0].length);
  if (!zoned) return rest === '';
  if (rest === 'Z') return true;
  return /^[+-][0-9]{2}:[0-9]{2}$/.test(rest);
}

// ---- !!binary --------------------------------------------------------------------------------

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's base64.StdEncoding.DecodeString (line breaks ignored, padding required), the bytes read as Go's JSON encoder writes a string. */
function decodeBase64(text: string): string {
  const compact = text.replace(/[\r\n]/g, '');
  if (!BASE64.test(compact)) throw new ResolveError('a !!binary scalar that is not valid base64');
  return goStringFromBytes(Buffer.from(compact, 'base64'));
}

/**
 * A Go string of arbitrary bytes as encoding/json writes it: valid UTF-8 kept, each byte of an
 * invalid sequence (Go's utf8.DecodeRune rules: no overlong forms, no surrogates) replaced by U+FFFD.
 */
export function goStringFromBytes(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let width = 0;
    let min = 0;
    let code = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      width = 2;
      min = 0x80;
      code = b - 0xc0;
    } else if (b >= 0xe0 && b <= 0xef) {
      width = 3;
      min = 0x800;
      code = b - 0xe0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      width = 4;
      min = 0x10000;
      code = b - 0xf0;
    }
    let valid = width > 0 && i + width <= bytes.length;
    for (let k = 1; valid && k < width; k++) {
      const next = bytes[i + k];
      if (next < 0x80 || next > 0xbf) valid = false;
      else code = code * 64 + (next - 0x80);
    }
    if (valid && (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) valid = false;
    if (valid) {
      out += String.fromCodePoint(code);
      i += width;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}

// ---- JSON --------------------------------------------------------------------------------------

/**
 * `text` as a string of its own. A scalar's text is a slice of its file's text, and V8 keeps a
 * slice (of 13 characters or more) as a view of the whole file: one label value kept by the
 * model would keep its whole file in memory, and a fleet's files are hundreds of megabytes. A
 * copy of the string (through a concatenation V8 must flatten) lets the file's text go.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}

/** Why sigs.k8s.io/yaml cannot write a value or key as JSON. */
export class JsonConversionError extends Error {}

/** The JSON value of a typed scalar (numbers as JS numbers: integers beyond 2^53 lose precision, as JSON.parse would). */
export function jsonValue(scalar: TypedScalar): string | number | boolean | null {
  switch (scalar.type) {
    case 'str': return detached(scalar.value);
    case 'bool': return scalar.value;
    case 'null': return null;
    case 'int':
    case 'uint': return Number(scalar.value);
    case 'float':
      if (!Number.isFinite(scalar.value)) throw new JsonConversionError('a value that JSON cannot hold (an infinity or NaN)');
      return scalar.value;
  }
}

/** The JSON key sigs.k8s.io/yaml makes of a typed scalar key: ints in decimal, floats as Go's %g of a float32, booleans as words. */
export function jsonKey(scalar: TypedScalar): string {
  switch (scalar.type) {
    case 'str': return detached(scalar.value);
    case 'int': return scalar.value.toString();
    case 'bool': return scalar.value ? 'true' : 'false';
    case 'float': return formatFloat32(scalar.value);
    case 'uint': throw new JsonConversionError('a mapping key that is an integer beyond the signed 64-bit range (kubectl\'s YAML reader cannot use it as a key)');
    case 'null': throw new JsonConversionError('a mapping key that is null (kubectl\'s YAML reader cannot use it as a key)');
  }
}

/** strconv.FormatFloat(value, 'g', -1, 32), with go-yaml's spellings of the infinities and NaN. */
export function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  const single = Math.fround(value);
  if (single === Infinity) return '.inf';
  if (single === -Infinity) return '-.inf';
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  const negative = single < 0;
  const magnitude = Math.abs(single);
  const [digits, exponent] = shortestFloat32Digits(magnitude);
  const body = exponent < -4 || exponent >= 6 ? formatE(digits, exponent) : formatF(digits, exponent);
  return negative ? `-${body}` : body;
}

/** The shortest decimal digits that read back (as a float32) to the value, and the decimal exponent of the first digit. */
function shortestFloat32Digits(value: number): [string, number] {
  for (let precision = 1; precision <= 9; precision++) {
    const nearest = value.toExponential(precision - 1);
    const candidates = [nearest];
    const [mantissa, exponentText] = nearest.split('e');
    const scale = 10 ** (precision - 1);
    const scaled = Math.round(Number(mantissa) * scale);
    for (const neighbour of [scaled - 1, scaled + 1]) {
      if (neighbour > 0) candidates.push(`${neighbour / scale}e${exponentText}`);
    }
    let best: string | undefined;
    for (const candidate of candidates) {
      if (Math.fround(Number(candidate)) !== value) continue;
      if (best === undefined || Math.abs(Number(candidate) - value) < Math.abs(Number(best) - value)) best = candidate;
    }
    if (best !== undefined) {
      const parsed = Number(best).toExponential(precision - 1);
      const [m, e] = parsed.split('e');
      return [m.replace('.', '').replace(/0+$/, '') || '0', Number(e)];
    }
  }
  const [m, e] = value.toExponential(8).split('e');
  return [m.replace('.', '').replace(/0+$/, ''), Number(e)];
}

function formatE(digits: string, exponent: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const sign = exponent < 0 ? '-' : '+';
  const magnitude = Math.abs(exponent);
  return `${mantissa}e${sign}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

function formatF(digits: string, exponent: number): string {
  const point = exponent + 1; // digits before the decimal point
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
