import { unknownFieldMessage } from './built-in-models';
import { compileGoRegex } from '../regex';

/** A problem one value has against a schema: where (a JSON pointer) and what. */
export interface SchemaIssue {
  /** JSON pointer of the field, e.g. `/spec/egress/0/toPorts`; '' for the object itself. */
  readonly path: string;
  /** What is wrong, e.g. `must be integer`. */
  readonly message: string;
}

/**
 * The part of a structural schema (a CRD's `openAPIV3Schema`, or the JSON schema subset it
 * uses) the validator reads. Unknown keywords (`format`, `default`, CEL rules) are ignored.
 */
interface Schema {
  readonly 'type'?: string;
  readonly 'nullable'?: boolean;
  readonly 'properties'?: Record<string, Schema>;
  readonly 'additionalProperties'?: boolean | Schema;
  readonly 'required'?: readonly string[];
  readonly 'items'?: Schema;
  readonly 'enum'?: readonly unknown[];
  readonly 'const'?: unknown;
  readonly 'pattern'?: string;
  readonly 'minLength'?: number;
  readonly 'maxLength'?: number;
  readonly 'minimum'?: number;
  readonly 'maximum'?: number;
  readonly 'exclusiveMinimum'?: boolean | number;
  readonly 'exclusiveMaximum'?: boolean | number;
  readonly 'minItems'?: number;
  readonly 'maxItems'?: number;
  readonly 'minProperties'?: number;
  readonly 'maxProperties'?: number;
  readonly 'oneOf'?: readonly Schema[];
  readonly 'anyOf'?: readonly Schema[];
  readonly 'allOf'?: readonly Schema[];
  readonly 'not'?: Schema;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** A schema pattern compiled as the API server compiles it, or why RE2 refuses it. */
type CompiledPattern = { readonly test: (text: string) => boolean } | { readonly error: string };

/** Compiled patterns, by pattern: a schema's patterns are compiled once, however many objects are checked. */
const patterns = new Map<string, CompiledPattern>();

/** The most results remembered per pattern (values repeat across objects: names, ports, FQDNs); older ones are forgotten in one go. */
const REMEMBERED_RESULTS = 1024;
/** Values longer than this are matched every time rather than remembered. */
const REMEMBERED_LENGTH = 256;

/**
 * A schema's `pattern` compiled with RE2's syntax and semantics, as the API server (Go's
 * `regexp`) compiles it: matching takes time linear in the value, so no value can make the
 * check backtrack (a JavaScript RegExp takes exponential time on Cilium's FQDN patterns).
 * Like `regexp.MatchString`, it matches anywhere in the value unless the pattern anchors it.
 */
function compiledPattern(pattern: string): CompiledPattern {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    const go = compileGoRegex(pattern);
    if ('problem' in go) {
      compiled = { error: go.problem };
    } else {
      const re2 = go.regex;
      let results = new Map<string, boolean>();
      compiled = {
        test: (text) => {
          if (text.length > REMEMBERED_LENGTH) return re2.test(text);
          let result = results.get(text);
          if (result === undefined) {
            if (results.size >= REMEMBERED_RESULTS) results = new Map();
            result = re2.test(text);
            results.set(text, result);
          }
          return result;
        },
      };
    }
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: Schema, value: unknown): boolean {
  const actual = typeOf(value);
  if (actual === 'null') return schema.nullable === true || schema.type === undefined || schema.type === 'null';
  if (schema['x-kubernetes-int-or-string']) return actual === 'integer' || actual === 'string';
  if (schema.type === undefined) return true;
  return schema.type === actual || (schema.type === 'number' && actual === 'integer');
}

/** Where a value is: its parent's place and its key; rendered as a JSON pointer only for an issue. */
interface Place {
  readonly parent?: Place;
  readonly key: string | number;
}

/** A field's place under `parent`. */
function pointer(parent: Place, key: string | number): Place {
  return { parent, key };
}

/** The JSON pointer of a place (the root's key is the prefix the caller gave). */
function render(place: Place): string {
  if (place.parent === undefined) return String(place.key);
  return `${render(place.parent)}/${String(place.key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

/**
 * Checks `value` against `schema` the way the Kubernetes API server checks a custom resource
 * against its CRD: types, required fields, enums, patterns, bounds, and fields the schema does
 * not know (refused, as `kubectl apply` does with strict field validation, unless the schema
 * preserves unknown fields). Returns every problem; empty when the value is valid.
 */
export function validateAgainstSchema(schema: object, value: unknown, path: string = ''): SchemaIssue[] {
  const found: PendingIssue[] = [];
  check(schema as Schema, value, { key: path }, found, true);
  return found.map((issue) => ({ path: render(issue.place), message: issue.message }));
}

/** An issue whose JSON pointer is written only when it is reported. */
interface PendingIssue {
  readonly place: Place;
  readonly message: string;
}

/** Where issues go: a list, or a probe that stops at the first (for `anyOf`, `oneOf`, `not`). */
interface Sink {
  push(issue: PendingIssue): void;
}

const MISMATCH = Symbol('does not match');
const PROBE: Sink = { push: () => { throw MISMATCH; } };

/** Whether `value` matches `schema`, stopping at the first issue. */
function matches(schema: Schema, value: unknown, path: Place): boolean {
  try {
    check(schema, value, path, PROBE, false);
    return true;
  } catch (error) {
    if (error === MISMATCH) return false;
    throw error;
  }
}

/**
 * `structural` is false inside `allOf`/`anyOf`/`oneOf`/`not`: there, as in Kubernetes, a
 * schema only adds value checks, and its `properties` do not make other fields unknown.
 */
function check(schema: Schema, value: unknown, path: Place, issues: Sink, structural: boolean): void {
  if (!typeMatches(schema, value)) {
    const expected = schema['x-kubernetes-int-or-string'] ? 'an integer or a string' : schema.type;
    issues.push({ place: path, message: `must be ${expected}, not ${typeOf(value)} ${describe(value)}` });
    return;
  }
  if (value === null) return;
  if (schema.const !== undefined && !sameJson(value, schema.const)) {
    issues.push({ place: path, message: `must be ${describe(schema.const)}, not ${describe(value)}` });
  }
  if (schema.enum !== undefined && !inEnum(schema.enum, value)) {
    issues.push({ place: path, message: `must be one of ${schema.enum.map(describe).join(', ')}, not ${describe(value)}` });
  }
  if (typeof value === 'string') checkString(schema, value, path, issues);
  else if (typeof value === 'number') checkNumber(schema, value, path, issues);
  else if (Array.isArray(value)) checkArray(schema, value, path, issues, structural);
  else if (typeof value === 'object') checkObject(schema, value as Record<string, unknown>, path, issues, structural);
  if (schema.allOf !== undefined || schema.anyOf !== undefined || schema.oneOf !== undefined || schema.not !== undefined) {
    checkCombinators(schema, value, path, issues);
  }
}

/** Whether two JSON values are equal (strings, numbers and booleans compared directly). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

function inEnum(values: readonly unknown[], value: unknown): boolean {
  for (const allowed of values) if (sameJson(allowed, value)) return true;
  return false;
}

function checkString(schema: Schema, value: string, path: Place, issues: Sink): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) issues.push({ place: path, message: `must be at least ${schema.minLength} characters long` });
  if (schema.maxLength !== undefined && value.length > schema.maxLength) issues.push({ place: path, message: `must be at most ${schema.maxLength} characters long` });
  if (schema.pattern !== undefined) {
    const pattern = compiledPattern(schema.pattern);
    if ('error' in pattern) {
      // The API server refuses a CRD whose pattern does not compile: the value cannot be checked, and the schema is at fault.
      issues.push({ place: path, message: `cannot be checked: its schema's pattern ${schema.pattern} is not a regular expression RE2 accepts (${pattern.error})` });
    } else if (!pattern.test(value)) {
      issues.push({ place: path, message: `must match ${schema.pattern}, not ${describe(value)}` });
    }
  }
}

function checkNumber(schema: Schema, value: number, path: Place, issues: Sink): void {
  const exclusive = (bound: boolean | number | undefined) => bound === true;
  if (schema.minimum !== undefined && (value < schema.minimum || (exclusive(schema.exclusiveMinimum) && value === schema.minimum))) {
    issues.push({ place: path, message: `must be ${exclusive(schema.exclusiveMinimum) ? 'more than' : 'at least'} ${schema.minimum}, not ${value}` });
  }
  if (schema.maximum !== undefined && (value > schema.maximum || (exclusive(schema.exclusiveMaximum) && value === schema.maximum))) {
    issues.push({ place: path, message: `must be ${exclusive(schema.exclusiveMaximum) ? 'less than' : 'at most'} ${schema.maximum}, not ${value}` });
  }
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) issues.push({ place: path, message: `must be more than ${schema.exclusiveMinimum}, not ${value}` });
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) issues.push({ place: path, message: `must be less than ${schema.exclusiveMaximum}, not ${value}` });
}

function checkArray(schema: Schema, value: unknown[], path: Place, issues: Sink, structural: boolean): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) issues.push({ place: path, message: `must have at least ${schema.minItems} items` });
  if (schema.maxItems !== undefined && value.length > schema.maxItems) issues.push({ place: path, message: `must have at most ${schema.maxItems} items` });
  if (schema.items !== undefined) value.forEach((item, i) => check(schema.items!, item, pointer(path, i), issues, structural));
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: Place, issues: Sink, structural: boolean): void {
  const keys = Object.keys(value);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) issues.push({ place: path, message: `must have at least ${schema.minProperties} fields` });
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) issues.push({ place: path, message: `must have at most ${schema.maxProperties} fields` });
  for (const name of schema.required ?? []) {
    if (!Object.prototype.hasOwnProperty.call(value, name) || value[name] === undefined) issues.push({ place: pointer(path, name), message: 'is required' });
  }
  const properties = schema.properties;
  const known = structural && (properties !== undefined || schema.additionalProperties !== undefined);
  for (const key of keys) {
    if (value[key] === undefined) continue;
    // Own properties only: a field named `constructor` or `__proto__` is not in every schema.
    const property = properties !== undefined && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
    if (property !== undefined) {
      check(property, value[key], pointer(path, key), issues, structural);
    } else if (typeof schema.additionalProperties === 'object') {
      check(schema.additionalProperties, value[key], pointer(path, key), issues, structural);
    } else if (known && schema.additionalProperties !== true && !schema['x-kubernetes-preserve-unknown-fields']) {
      issues.push({ place: pointer(path, key), message: unknownFieldMessage(properties === undefined ? [] : Object.keys(properties)) });
    }
  }
}

function checkCombinators(schema: Schema, value: unknown, path: Place, issues: Sink): void {
  for (const sub of schema.allOf ?? []) check(sub, value, path, issues, false);
  if (schema.anyOf !== undefined && !schema.anyOf.some((sub) => matches(sub, value, path))) {
    issues.push({ place: path, message: anyOfMessage(schema.anyOf) });
  }
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.map((sub) => matches(sub, value, path));
    if (matching.filter((m) => m).length !== 1) issues.push({ place: path, message: oneOfMessage(schema.oneOf, matching, value) });
  }
  if (schema.not !== undefined && matches(schema.not, value, path)) {
    const excluded = alternative(schema.not);
    // A double negative (`not: {not: ...}`) is not put in words.
    const words = excluded === undefined || excluded.setsNone !== undefined ? undefined : excluded.words;
    issues.push({ place: path, message: words === undefined ? 'must not match the form its schema excludes (not)' : `must not ${words}` });
  }
}

/** `a`, `a and b`, `a, b and c`. */
function listed(words: readonly string[], last = 'and'): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** One alternative of `oneOf`/`anyOf` in words a user can act on: a verb phrase, and the fields it sets when it is only that. */
interface Alternative {
  /** `set exact`, `set none of exact, prefix and regex`, `be integer`. */
  readonly words: string;
  /** The fields it requires, when it requires fields and checks nothing else. */
  readonly sets?: readonly string[];
  /** The fields it forbids, when it is `not: {anyOf: [{required: [x]}, ...]}` and nothing else. */
  readonly setsNone?: readonly string[];
}

/** Whether `schema` has only the given keywords (and `properties` of empty schemas, which check nothing). */
function only(schema: Schema, keywords: readonly string[]): boolean {
  return Object.keys(schema).every((key) => keywords.includes(key)
    || (key === 'properties' && Object.values(schema.properties ?? {}).every((p) => Object.keys(p).length === 0)));
}

/** An alternative in words, or undefined when it is more than required fields, a type or the absence of fields. */
function alternative(schema: Schema): Alternative | undefined {
  if (schema.required !== undefined && schema.required.length > 0 && only(schema, ['required'])) {
    return { words: `set ${listed(schema.required)}`, sets: schema.required };
  }
  if (schema.type !== undefined && only(schema, ['type'])) return { words: `be ${schema.type}` };
  if (schema.not !== undefined && only(schema, ['not'])) {
    const inner = schema.not.anyOf?.map(alternative);
    if (inner !== undefined && only(schema.not, ['anyOf']) && inner.every((a) => a?.sets?.length === 1)) {
      const fields = inner.map((a) => a!.sets![0]);
      return { words: `set none of ${listed(fields, 'or')}`, setsNone: fields };
    }
    const excluded = alternative(schema.not);
    if (excluded?.sets !== undefined) return { words: `not ${excluded.words}`, setsNone: excluded.sets };
  }
  return undefined;
}

function anyOfMessage(alternatives: readonly Schema[]): string {
  const words = alternatives.map(alternative);
  if (words.every((w) => w !== undefined && w.words.startsWith('be '))) return `must be ${listed(words.map((w) => w!.words.slice('be '.length)), 'or')}`;
  if (words.every((w) => w !== undefined)) return `must ${listed(words.map((w) => w!.words), 'or')}`;
  return `must match at least one of its schema's ${alternatives.length} alternatives (anyOf)`;
}

/**
 * Why `value` does not match exactly one alternative of a `oneOf`. Kubernetes' CRDs use `oneOf`
 * for "exactly one of these fields" (Cilium's endpointSelector or nodeSelector) and, with an
 * alternative that sets none, for "at most one" (Istio's exact, prefix or regex): say that, and
 * which of the fields the value sets.
 */
function oneOfMessage(alternatives: readonly Schema[], matching: readonly boolean[], value: unknown): string {
  const words = alternatives.map(alternative);
  const singles = words.filter((w) => w?.sets?.length === 1).map((w) => w!.sets![0]);
  const none = words.filter((w) => w?.setsNone !== undefined);
  // Each alternative sets one field, or (at most one of them) sets none of those fields.
  const byField = (w?: Alternative) => w !== undefined && (w.sets?.length === 1 || (w.setsNone?.every((f) => singles.includes(f)) ?? false));
  if (words.every(byField) && none.length <= 1 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    const present = singles.filter((field) => Object.prototype.hasOwnProperty.call(fields, field) && fields[field] !== undefined);
    const sets = present.length === 0 ? 'it sets none of them' : present.length === 2 && singles.length === 2 ? 'it sets both' : `it sets ${listed(present)}`;
    return `must set ${none.length === 1 ? 'at most' : 'exactly'} one of ${listed(singles, 'or')} (${sets})`;
  }
  const count = matching.filter((m) => m).length;
  const described = words.map((w, i) => `(${i + 1}) ${w?.words ?? 'match its schema'}`);
  const matched = matching.flatMap((m, i) => (m ? [`(${i + 1})`] : []));
  return `must match exactly one of its schema's alternatives (oneOf): ${described.join('; ')}; ${count === 0 ? 'it matches none' : `it matches ${listed(matched)}`}`;
}
