import { InputLocation, inputError } from './input-error';
import { FieldPath, has, isMap, JsonMap, own, plainRecord, renderPath } from './json';
import { UnmodelledField } from './outcome';
import { isLabelKey, isLabelValue } from '../../core/validation';

/** Where an object came from: a file and document (a chart's file for what an app synthesizes). */
export interface ObjectSource {
  /** The file as named. */
  readonly file: string;
  /**
   * The document in the file, from 1.
   * @default - the file as a whole
   */
  readonly document?: number;
  /**
   * The item of a `List` document, from 0.
   * @default - the document is not a List
   */
  readonly item?: number;
  /**
   * Where a field of the object is, for messages.
   * @default - positions are not known
   */
  locate?(path: FieldPath): { readonly line: number; readonly column: number } | undefined;
}

/** The fields of one part of an object: those the model reads, and those that cannot change a connection's verdict. */
export interface FieldList {
  /** Fields the model reads. */
  readonly understood: readonly string[];
  /**
   * Fields that cannot change any connection's verdict.
   * @default - none
   */
  readonly ignored?: readonly string[];
}

/** Labels: key to value, with keys as plain data. */
export type Labels = Readonly<Record<string, string>>;

/** A label selector's expression. */
export interface SelectorExpression {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A Kubernetes label selector: every `matchLabels` entry and every expression must hold; an empty one selects everything. */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly SelectorExpression[];
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Reads the fields of one object from JSON into typed values, checking each shape as it goes:
 * a value of the wrong shape throws an input error naming the file, document, line, column,
 * object and field, and what is allowed, never the value itself.
 */
export class FieldReader {
  constructor(
    /** Where the object came from. */
    public readonly source: ObjectSource,
    /** How messages name the object: `CiliumNetworkPolicy pets/allow-dns`. */
    public readonly object: string,
  ) {}

  /** Where the field at `path` is. */
  public location(path: FieldPath): InputLocation {
    const position = this.source.locate?.(path);
    return {
      file: this.source.file,
      document: this.source.document,
      item: this.source.item,
      line: position?.line,
      column: position?.column,
      object: this.object,
      field: path.length === 0 ? undefined : renderPath(path),
    };
  }

  /** Throws an input error at `path` saying what is allowed there. */
  public fail(path: FieldPath, problem: string): never {
    throw inputError(this.location(path), problem);
  }

  /** `value` as a mapping. */
  public map(value: unknown, path: FieldPath): JsonMap {
    if (!isMap(value)) this.fail(path, 'must be a mapping');
    return value;
  }

  /** `parent[key]` as a mapping, or undefined when absent (or null). */
  public optionalMap(parent: JsonMap, key: string, path: FieldPath): JsonMap | undefined {
    const value = own(parent, key);
    return value === undefined || value === null ? undefined : this.map(value, [...path, key]);
  }

  /** `value` as a list. */
  public list(value: unknown, path: FieldPath): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be a list');
    return value;
  }

  /** `parent[key]` as a list, or undefined when absent (or null). */
  public optionalList(parent: JsonMap, key: string, path: FieldPath): readonly unknown[] | undefined {
    const value = own(parent, key);
    return value === undefined || value === null ? undefined : this.list(value, [...path, key]);
  }

  /** `parent[key]` as a list of mappings, each read by `read` with its path; undefined when absent. */
  public optionalMaps<T>(parent: JsonMap, key: string, path: FieldPath, read: (item: JsonMap, path: FieldPath, index: number) => T): T[] | undefined {
    const list = this.optionalList(parent, key, path);
    return list?.map((item, index) => read(this.map(item, [...path, key, index]), [...path, key, index], index));
  }

  /** `value` as a string that passes `test` (described by `allowed`). */
  public string(value: unknown, path: FieldPath, allowed: string = 'must be a string', test: (text: string) => boolean = () => true): string {
    if (typeof value !== 'string' || !test(value)) this.fail(path, allowed);
    return value;
  }

  /** `parent[key]` as a string, or undefined when absent (or null). */
  public optionalString(parent: JsonMap, key: string, path: FieldPath, allowed?: string, test?: (text: string) => boolean): string | undefined {
    const value = own(parent, key);
    return value === undefined || value === null ? undefined : this.string(value, [...path, key], allowed, test);
  }

  /** `value` as one of `allowed`. */
  public oneOf<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) this.fail(path, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  /** `value` as an integer from `min` to `max`. */
  public integer(value: unknown, path: FieldPath, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.fail(path, `must be an integer from ${min} to ${max}`);
    return value;
  }

  /** `value` as a boolean. */
  public boolean(value: unknown, path: FieldPath): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false');
    return value;
  }

  /** `value` as a list of strings. */
  public strings(value: unknown, path: FieldPath, allowed?: string, test?: (text: string) => boolean): string[] {
    return this.list(value, path).map((item, index) => this.string(item, [...path, index], allowed, test));
  }

  /** `parent[key]` as a list of strings, or undefined when absent. */
  public optionalStrings(parent: JsonMap, key: string, path: FieldPath, allowed?: string, test?: (text: string) => boolean): string[] | undefined {
    const value = own(parent, key);
    return value === undefined || value === null ? undefined : this.strings(value, [...path, key], allowed, test);
  }

  /** Labels as the API server accepts them: qualified-name keys and label values, all strings. */
  public labels(value: unknown, path: FieldPath): Labels {
    if (value === undefined || value === null) return plainRecord();
    const map = this.map(value, path);
    const labels = plainRecord<string>();
    for (const key of Object.keys(map)) {
      if (!isLabelKey(key)) this.fail([...path, key], 'is not a valid label key (a qualified name, optionally with a DNS subdomain prefix)');
      labels[key] = this.string(own(map, key), [...path, key], 'must be a label value: a string of at most 63 characters, alphanumerics, -, _ and .', isLabelValue);
    }
    return labels;
  }

  /** Annotations: string values under any key. */
  public annotations(value: unknown, path: FieldPath): Labels {
    if (value === undefined || value === null) return plainRecord();
    const map = this.map(value, path);
    const annotations = plainRecord<string>();
    for (const key of Object.keys(map)) annotations[key] = this.string(own(map, key), [...path, key], 'must be a string (annotation values are strings)');
    return annotations;
  }

  /**
   * A label selector. Keys are checked as label keys unless `cilium` (Cilium's keys carry a
   * source prefix such as `k8s:` and may name reserved labels).
   */
  public selector(value: unknown, path: FieldPath, cilium = false): LabelSelector {
    const map = this.map(value, path);
    this.refuseUnknown(map, path, ['matchLabels', 'matchExpressions']);
    const keyTest = cilium ? (key: string) => key !== '' : isLabelKey;
    const matchLabels = plainRecord<string>();
    const labels = this.optionalMap(map, 'matchLabels', path);
    for (const key of Object.keys(labels ?? {})) {
      if (!keyTest(key)) this.fail([...path, 'matchLabels', key], 'is not a valid label key');
      matchLabels[key] = this.string(own(labels!, key), [...path, 'matchLabels', key], 'must be a label value (a string)', cilium ? undefined : isLabelValue);
    }
    const matchExpressions = this.optionalMaps(map, 'matchExpressions', path, (expression, at) => {
      this.refuseUnknown(expression, at, ['key', 'operator', 'values']);
      const key = this.string(own(expression, 'key'), [...at, 'key'], 'must be a label key', keyTest);
      const operator = this.oneOf(own(expression, 'operator'), [...at, 'operator'], OPERATORS);
      const values = this.optionalStrings(expression, 'values', at) ?? [];
      if ((operator === 'In' || operator === 'NotIn') && values.length === 0) this.fail([...at, 'values'], `must list at least one value for ${operator}`);
      if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) this.fail([...at, 'values'], `must be empty for ${operator}`);
      return { key, operator, values };
    }) ?? [];
    return { matchLabels, matchExpressions };
  }

  /** Throws for a key of `map` outside `allowed`, as the API server's strict field validation does. */
  public refuseUnknown(map: JsonMap, path: FieldPath, allowed: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (!allowed.includes(key)) this.fail([...path, key], `is not a field here (the fields are ${allowed.join(', ')})`);
    }
  }

  /** The fields of `map` the model neither reads nor knows to be harmless: each could change a verdict where `map` applies. */
  public unmodelled(map: JsonMap, path: FieldPath, fields: FieldList): UnmodelledField[] {
    const found: UnmodelledField[] = [];
    for (const key of Object.keys(map)) {
      if (!has(map, key) || fields.understood.includes(key) || fields.ignored?.includes(key)) continue;
      found.push({ object: this.object, field: renderPath([...path, key]) });
    }
    return found;
  }
}
