import { Yaml } from 'cdk8s';

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
 * Writes manifests as YAML exactly as cdk8s's `Yaml.stringify` does (the `yaml` library, YAML
 * 1.1, no line folding), byte for byte, several times faster: the structure is written here,
 * and each distinct scalar is written once by cdk8s itself and remembered. Quoting, block
 * scalars and the YAML 1.1 words that must stay strings (`yes`, `on`, `0400`, `~`...) are
 * therefore always cdk8s's, but for one fix: a key `<<` is quoted, since YAML 1.1 reads a
 * bare `<<` as a merge key, and an object reached twice is written twice (the library writes
 * an anchor and an alias). Values that are not JSON-shaped (undefined, functions, class
 * instances) fall back to `Yaml.stringify` for the whole document.
 */
export class ManifestEmitter {
  private readonly scalars = new Map<unknown, RenderedScalar>();
  private readonly keys = new Map<string, string>();

  /** The documents as one YAML stream, separated by `---` as `Yaml.stringify(...docs)` separates them. */
  public stringify(documents: readonly unknown[]): string {
    return documents.map((doc) => this.document(doc)).join('---\n');
  }

  private document(doc: unknown): string {
    try {
      if (Array.isArray(doc)) return doc.length === 0 ? '[]\n' : this.sequence(doc, 0);
      if (isMap(doc)) return hasKeys(doc) ? this.map(doc, 0) : '{}\n';
    } catch (error) {
      if (error !== NOT_JSON) throw error;
    }
    return Yaml.stringify(doc);
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
      const text = Yaml.stringify({ x: value });
      const [first, ...rest] = text.slice(VALUE_PREFIX.length, -1).split('\n');
      rendered = rest.length === 0 ? { head: first } : { head: first, lines: rest };
      this.scalars.set(cacheKey, rendered);
    }
    return rendered;
  }

  private key(key: string): string {
    let rendered = this.keys.get(key);
    if (rendered === undefined && isBare(key)) {
      rendered = key;
      this.keys.set(key, rendered);
    }
    if (rendered === undefined) {
      const text = Yaml.stringify({ [key]: 0 });
      rendered = text.endsWith(KEY_SUFFIX) && !text.startsWith('? ') ? text.slice(0, -KEY_SUFFIX.length) : undefined;
      if (rendered === undefined) throw new Error(`cannot write the key ${JSON.stringify(key)} on one line`);
      // The yaml library writes the key << bare, which YAML 1.1 (Kubernetes) reads as a merge key.
      if (rendered === '<<') rendered = '"<<"';
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

/** Whether a value is a scalar JSON has (or an empty collection, which is written like one). */
function isJsonScalar(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) || isMap(value);
}
