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

const patterns = new Map<string, RegExp | undefined>();

function regexOf(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    try {
      patterns.set(pattern, new RegExp(pattern, 'u'));
    } catch {
      // A pattern JavaScript cannot read (RE2 syntax) is not checked rather than failing every object.
      patterns.set(pattern, undefined);
    }
  }
  return patterns.get(pattern);
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
  if (schema.pattern !== undefined && !(regexOf(schema.pattern)?.test(value) ?? true)) {
    issues.push({ place: path, message: `must match ${schema.pattern}, not ${describe(value)}` });
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
      issues.push({ place: pointer(path, key), message: `is not a field the schema knows${properties ? ` (known: ${Object.keys(properties).join(', ')})` : ''}` });
    }
  }
}

function checkCombinators(schema: Schema, value: unknown, path: Place, issues: Sink): void {
  for (const sub of schema.allOf ?? []) check(sub, value, path, issues, false);
  if (schema.anyOf !== undefined && !schema.anyOf.some((sub) => matches(sub, value, path))) {
    issues.push({ place: path, message: 'must match one of the schema\'s alternatives (anyOf)' });
  }
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter((sub) => matches(sub, value, path)).length;
    if (matching !== 1) issues.push({ place: path, message: `must match exactly one of the schema's alternatives (oneOf), matches ${matching}` });
  }
  if (schema.not !== undefined && matches(schema.not, value, path)) {
    issues.push({ place: path, message: 'must not match the schema\'s excluded form (not)' });
  }
}
