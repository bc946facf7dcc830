import { Yaml } from 'cdk8s';
import { AksLabsError } from './errors';

/** How cdk8s writes one scalar (a map value or sequence item): on the line, or as a block scalar with its lines. */
interface RenderedScalar {
  /** The text after `key: ` or `- `: the scalar itself, or a block scalar's header (`|`, `|-`, `|2-`...). */
  readonly head: string;
  /** A block scalar's lines, indented for a key at column 0 (empty lines stay empty). */
  readonly lines?: readonly string[];
}

const VALUE_PREFIX = 'x: ';
const KEY_SUFFIX = ': 0\n';

/**
 * Thrown when a string of a manifest cannot be written so that kubectl reads it back the same:
 * it holds a lone UTF-16 surrogate, which UTF-8 cannot carry. The message names the document
 * and the key path, never the string, which may be a secret.
 */
export class ManifestTextError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** The document and key path of the string, such as `Secret default/db (document 2), stringData.password`. */
    public readonly where: string,
  ) {
    super(`cannot write the string at ${where}: it holds a lone UTF-16 surrogate (half of a character), which UTF-8, and so YAML `
      + 'and Kubernetes, cannot carry; give whole Unicode characters (the string is not shown: it may be a secret)', 'ManifestTextError');
  }
}

/**
 * Writes manifests as YAML exactly as cdk8s's `Yaml.stringify` does (the `yaml` library, YAML
 * 1.1, no line folding), byte for byte, several times faster: the structure is written here,
 * and each distinct scalar is written once by cdk8s itself and remembered. Quoting, block
 * scalars and the YAML 1.1 words that must stay strings (`yes`, `on`, `0400`, `~`...) are
 * therefore cdk8s's, but for these fixes:
 *
 * - a key `<<` is quoted, since YAML 1.1 reads a bare `<<` as a merge key;
 * - an object reached twice is written twice (the library writes an anchor and an alias);
 * - a string the library writes bare that go-yaml (what kubectl reads with) reads as a number
 *   (`0o17`, `0X1F`, `-_1`, `1e_3`: go-yaml drops underscores and reads Go's number prefixes)
 *   is written double-quoted;
 * - a string that go-yaml would refuse or read as another string, as the library writes it,
 *   is written double-quoted with escapes instead: DEL, C1 controls
 *   (`\x7f`, `\x80`...), U+0085 (`\N`, which go-yaml otherwise folds to a space), U+2028 and
 *   U+2029 (`\L`, `\P`, line breaks to go-yaml), U+FEFF, U+FFFE and U+FFFF (`\ufeff`...),
 *   and block scalars whose first line go-yaml would take a tab or extra spaces of as
 *   indentation;
 * - a string holding a lone UTF-16 surrogate is refused ({@link ManifestTextError}).
 *
 * Values that are not JSON-shaped (undefined, functions, class instances) fall back to
 * `Yaml.stringify` for the whole document (or to the document's JSON form, when it holds a
 * string the library would write as go-yaml cannot read it).
 */
export class ManifestEmitter {
  private readonly scalars = new Map<unknown, RenderedScalar>();
  private readonly keys = new Map<string, string>();

  /** The documents as one YAML stream, separated by `---` as `Yaml.stringify(...docs)` separates them. */
  public stringify(documents: readonly unknown[]): string {
    return documents.map((doc, index) => this.document(doc, index)).join('---\n');
  }

  /** One document; `json` when it is the JSON form of a document that is not JSON-shaped (then a scalar document is written here too). */
  private document(doc: unknown, index: number, json: boolean = false): string {
    try {
      if (Array.isArray(doc)) return doc.length === 0 ? '[]\n' : this.sequence(doc, 0);
      if (isMap(doc)) return hasKeys(doc) ? this.map(doc, 0) : '{}\n';
      if (json) return this.scalarText(doc, 0);
    } catch (error) {
      if (error === LONE_SURROGATE_FOUND) throw new ManifestTextError(describeLoneSurrogate(doc, index));
      if (error !== NOT_JSON) throw error;
    }
    // The library writes some strings so that go-yaml cannot read them back: the JSON form is written then.
    return this.fallbackReadsBack(doc) ? Yaml.stringify(doc) : this.document(JSON.parse(JSON.stringify(doc)), index, true);
  }

  /** Whether every string JSON sees in `doc` (keys and values) is written by the library so that go-yaml reads it back. */
  private fallbackReadsBack(doc: unknown): boolean {
    let readsBack = true;
    try {
      JSON.stringify(doc, (key: string, value: unknown) => {
        readsBack &&= this.readsBack(key) && (typeof value !== 'string' || this.readsBack(value));
        return value;
      });
    } catch {
      return true; // a cycle or a BigInt: the library's own answer (an alias, an error) stands
    }
    return readsBack;
  }

  /** Whether cdk8s's rendering of the string `value`, as a value and as a key, reads back the same in go-yaml. */
  private readsBack(value: string): boolean {
    if (isBare(value) || QUOTED_AS_IS.test(value)) return true;
    if (LONE_SURROGATE.test(value)) return false;
    const key = this.keyRendered(value);
    const rendered = this.rendered(value);
    return readsBackInGoYaml(rendered) && !(rendered.head === value && goYamlReadsAsNumber(value))
      && (key === undefined || (readsBackInGoYaml({ head: key }) && !(key === value && goYamlReadsAsNumber(value))));
  }

  /** A map's lines at `indent`; the first line starts with `first` instead (a sequence item's `- `). */
  private map(map: Readonly<Record<string, unknown>>, indent: number, first: string = pad(indent)): string {
    let out = '';
    let prefix = first;
    // for...in over own keys visits them in Object.keys order without making the list.
    for (const key in map) {
      if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
      const value = map[key];
      const head = `${prefix}${this.key(key)}:`;
      if (Array.isArray(value) && value.length > 0) out += `${head}\n${this.sequence(value, indent + 2)}`;
      else if (isMap(value) && hasKeys(value)) out += `${head}\n${this.map(value, indent + 2)}`;
      else out += `${head} ${this.scalarText(value, indent)}`;
      prefix = pad(indent);
    }
    return out;
  }

  /** A sequence's items at `indent`; the first line starts with `first` instead. */
  private sequence(items: readonly unknown[], indent: number, first: string = pad(indent)): string {
    let out = '';
    let prefix = first;
    for (const item of items) {
      if (Array.isArray(item) && item.length > 0) out += this.sequence(item, indent + 2, `${prefix}- `);
      else if (isMap(item) && hasKeys(item)) out += this.map(item, indent + 2, `${prefix}- `);
      else out += `${prefix}- ${this.scalarText(item, indent)}`;
      prefix = pad(indent);
    }
    return out;
  }

  /** A scalar (or an empty collection) after `key: ` or `- ` at `column`, with its line end; a block scalar's lines follow, indented under it. */
  private scalarText(value: unknown, column: number): string {
    const rendered = this.scalar(value);
    if (rendered.lines === undefined) return `${rendered.head}\n`;
    const indent = pad(column);
    return `${rendered.head}\n${rendered.lines.map((line) => (line === '' ? '' : indent + line)).join('\n')}\n`;
  }

  private scalar(value: unknown): RenderedScalar {
    if (!isJsonScalar(value)) throw NOT_JSON;
    // Map keys compare 0 and -0 as equal; YAML writes them apart.
    const cacheKey = Array.isArray(value) ? '\u0000[]' : isMap(value) ? '\u0000{}' : Object.is(value, -0) ? '\u0000-0' : value;
    let rendered = this.scalars.get(cacheKey);
    if (rendered === undefined && isBare(value)) {
      rendered = { head: String(value) };
      this.scalars.set(cacheKey, rendered);
    }
    if (rendered === undefined && typeof value === 'string' && QUOTED_AS_IS.test(value)) {
      rendered = { head: `"${value}"` };
      this.scalars.set(cacheKey, rendered);
    }
    if (rendered === undefined) {
      if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw LONE_SURROGATE_FOUND;
      rendered = this.rendered(value);
      if (typeof value === 'string' && (!readsBackInGoYaml(rendered) || (rendered.head === value && goYamlReadsAsNumber(value)))) {
        rendered = { head: doubleQuoted(value) };
      }
      this.scalars.set(cacheKey, rendered);
    }
    return rendered;
  }

  /** A scalar as cdk8s writes it. */
  private rendered(value: unknown): RenderedScalar {
    const text = Yaml.stringify({ x: value });
    const [first, ...rest] = text.slice(VALUE_PREFIX.length, -1).split('\n');
    return rest.length === 0 ? { head: first } : { head: first, lines: rest };
  }

  /** A key as cdk8s writes it, when on one line. */
  private keyRendered(key: string): string | undefined {
    const text = Yaml.stringify({ [key]: 0 });
    return text.endsWith(KEY_SUFFIX) && !text.startsWith('? ') ? text.slice(0, -KEY_SUFFIX.length) : undefined;
  }

  private key(key: string): string {
    let rendered = this.keys.get(key);
    if (rendered === undefined && isBare(key)) {
      rendered = key;
      this.keys.set(key, rendered);
    }
    if (rendered === undefined) {
      if (LONE_SURROGATE.test(key)) throw LONE_SURROGATE_FOUND;
      rendered = this.keyRendered(key);
      if (rendered === undefined) throw new Error(`cannot write the key ${JSON.stringify(key)} on one line`);
      // The yaml library writes the key << bare, which YAML 1.1 (Kubernetes) reads as a merge key.
      if (rendered === '<<') rendered = '"<<"';
      if (!readsBackInGoYaml({ head: rendered }) || (rendered === key && goYamlReadsAsNumber(key))) rendered = doubleQuoted(key);
      this.keys.set(key, rendered);
    }
    return rendered;
  }
}

const PADS: string[] = [];

/** `n` spaces. */
function pad(n: number): string {
  return (PADS[n] ??= ' '.repeat(n));
}

/** A plain object, from any realm: its prototype is an `Object.prototype` (or null). */
function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Whether a map has a key of its own (as `Object.keys(map).length > 0`, without making the list). */
function hasKeys(map: object): boolean {
  for (const key in map) if (Object.prototype.hasOwnProperty.call(map, key)) return true;
  return false;
}

/** A word of letters, digits and `_./-`, starting with a letter: never quoted, unless YAML 1.1 reads it as a boolean or null. */
const WORD = /^[A-Za-z][A-Za-z0-9_./-]{0,127}$/;
const YAML_1_1_WORDS = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);
/** What the yaml library takes for a float when it decides on quotes: every part optional, so `e3` is one. */
const FLOAT_LIKE = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$/;

/**
 * Printable ASCII starting with a YAML indicator (`*.example.com`, `@every 1m`, `!x`): the yaml
 * library cannot write it plain and, as it holds no `"` or `\`, writes it between double
 * quotes with nothing escaped (the tests compare this with the library, case by case).
 */
const QUOTED_AS_IS = /^[*&!%@`,[\]{}#|>'][\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Whether cdk8s writes the value as it is, so the library need not be asked: such words,
 * whole numbers, booleans and null (the tests compare this with the library, case by case).
 */
function isBare(value: unknown): boolean {
  if (typeof value === 'string') return WORD.test(value) && !YAML_1_1_WORDS.has(value.toLowerCase()) && !FLOAT_LIKE.test(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0);
  return value === null || typeof value === 'boolean';
}

/** Thrown inside the emitter for a value JSON has no form for; the document is then written by `Yaml.stringify`. */
const NOT_JSON = Symbol('not JSON-shaped');

/** Thrown inside the emitter for a string with a lone surrogate; the document is then searched for it, to name where it is. */
const LONE_SURROGATE_FOUND = Symbol('a lone surrogate');

/** A UTF-16 surrogate that is not half of a pair. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** @internal Whether `text` holds a lone UTF-16 surrogate, which UTF-8 (and so YAML) cannot carry: the emitter refuses it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Characters go-yaml refuses raw ("control characters are not allowed": C0 controls but tab
 * and line feed, DEL, C1 controls, U+FFFE, U+FFFF) or reads as something else when raw (CR,
 * U+0085, U+2028 and U+2029 are line breaks to it; U+FEFF is dropped at a document's start).
 */
const GO_YAML_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * Whether go-yaml reads a rendered scalar as the yaml library meant it: no raw character it
 * refuses or reads otherwise, and, for a block scalar without an indentation indicator, a
 * first line that sets the indentation the library wrote (go-yaml takes the most leading
 * spaces of the lines up to the first one with text, and refuses a tab there).
 */
function readsBackInGoYaml(rendered: RenderedScalar): boolean {
  if (GO_YAML_UNSAFE.test(rendered.head)) return false;
  const lines = rendered.lines;
  if (lines === undefined) return true;
  if (lines.some((line) => GO_YAML_UNSAFE.test(line))) return false;
  if (/[1-9]/.test(rendered.head)) return true;
  let indent = 0;
  for (const line of lines) {
    const spaces = line.length - line.replace(/^ +/, '').length;
    indent = Math.max(indent, spaces);
    if (/[^ ]/.test(line)) return indent === 2 && line[2] !== '\t';
  }
  return false;
}

/**
 * A plain scalar go-yaml reads as a number: it drops every `_`, then takes what Go's
 * `strconv.ParseInt(s, 0, 64)` reads (so `0o17`, `0X1F` and `0B1` as well as YAML 1.1's
 * `0x1f`, `017` and `0b1`) or its float pattern. The yaml library, following YAML 1.1, writes
 * some of these bare (`0o17`, `0X1F`, `-_1`, `1e_3`), which kubectl would read as numbers.
 */
function goYamlReadsAsNumber(plain: string): boolean {
  if (!/^[-+0-9.]/.test(plain)) return false;
  const digits = plain.replace(/_/g, '');
  return /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(digits)
    || /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(digits);
}

/** YAML's short escapes: for C0 controls as the yaml library writes them, `"` and `\`, and YAML's line breaks. */
const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\0', '\\0'], ['\x07', '\\a'], ['\b', '\\b'], ['\t', '\\t'], ['\n', '\\n'], ['\v', '\\v'], ['\f', '\\f'], ['\r', '\\r'], ['\x1b', '\\e'],
  ['"', '\\"'], ['\\', '\\\\'], ['\x85', '\\N'], ['\u2028', '\\L'], ['\u2029', '\\P'],
]);

/**
 * `value` as a YAML double-quoted scalar on one line that go-yaml and the yaml library both
 * read back as `value`: `"` and `\` escaped, every control character, DEL, U+0085, U+2028,
 * U+2029, U+FEFF, U+FFFE and U+FFFF as an escape, everything else as it is.
 */
function doubleQuoted(value: string): string {
  return `"${value.replace(/[\x00-\x1f"\\\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => SHORT_ESCAPES.get(c)
    ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`))}"`;
}

/** A character's code as `digits` lower-case hex digits. */
function hex(c: string, digits: number): string {
  return c.charCodeAt(0).toString(16).padStart(digits, '0');
}

/** Where the first string of `doc` with a lone surrogate is, as a key or a value: the document and the key path. */
function describeLoneSurrogate(doc: unknown, index: number): string {
  const found = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const inner = found(value[i], `${path}[${i}]`);
        if (inner !== undefined) return inner;
      }
    } else if (isMap(value)) {
      for (const key of Object.keys(value)) {
        const keyPath = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${path}${path === '' ? '' : '.'}${key}` : `${path}[${JSON.stringify(LONE_SURROGATE.test(key) ? '(a key)' : key)}]`;
        if (LONE_SURROGATE.test(key)) return `${keyPath} (the key itself)`;
        const inner = found(value[key], keyPath);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  const object = isMap(doc) ? doc as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } : {};
  const name = typeof object.metadata?.name === 'string' ? `${typeof object.metadata.namespace === 'string' ? `${object.metadata.namespace}/` : ''}${object.metadata.name}` : '';
  const subject = typeof object.kind === 'string' ? `${object.kind}${name === '' ? '' : ` ${name}`} (document ${index + 1})` : `document ${index + 1}`;
  return `${subject}, ${found(doc, '') || '(the document)'}`;
}

/** Whether a value is a scalar JSON has (or an empty collection, which is written like one). */
function isJsonScalar(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) || isMap(value);
}
