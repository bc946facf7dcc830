import { newObject } from '../read/values';
/** A JSON object as read from a manifest: its keys are plain data (`__proto__`, `constructor` included). */
export type JsonMap = { readonly [key: string]: unknown };

/** Whether `value` is a JSON object (not null, not a list). */
export function isMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `map`'s own key `key`; never one inherited from `Object.prototype`. */
export function own(map: JsonMap, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Whether `map` has its own key `key`. */
export function has(map: JsonMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key) && map[key] !== undefined;
}

/** A field path as a list of keys and indexes. */
export type FieldPath = readonly (string | number)[];

/** `spec.egress[0].toCIDR[1]`: how messages show a field path. */
export function renderPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return text;
}

/** A JSON pointer (`/spec/egress/0`) as a field path. */
export function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A record whose keys are plain data: no prototype, so `constructor` or `toString` are absent until set (made as the reader makes its maps, in V8's compact layout). */
export function plainRecord<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const record = newObject() as Record<string, V>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}
