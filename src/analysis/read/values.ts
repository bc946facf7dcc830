import { Mark } from './yaml/problem';

/**
 * A JSON object as the reader makes it: no prototype, so that keys such as `__proto__`,
 * `constructor` or `toString` are ordinary data (`key in object` and `object[key]` see only
 * what the document holds), while `JSON.stringify` and `Object.keys` treat it as any object.
 */
export type PlainObject = Record<string, unknown>;

/**
 * A new empty {@link PlainObject}. (Made as `{}` whose prototype is then removed, which keeps
 * V8's compact object layout; `Object.create(null)` gives a dictionary-mode object three times
 * the size.)
 */
export function newObject(): PlainObject {
  const object = {};
  Object.setPrototypeOf(object, null);
  return object as PlainObject;
}

/** Records where the nodes of a document start, to answer {@link SourceDocument.locate}. */
export interface PositionRecorder {
  /** Where a mapping or sequence starts. */
  node(container: object, at: Mark): void;
  /** Where a mapping's key is. */
  key(object: PlainObject, key: string, at: Mark): void;
  /** Where a sequence's item starts. */
  item(array: unknown[], index: number, at: Mark): void;
  /** A key merged from another mapping: its position there. */
  copyKey(from: PlainObject, to: PlainObject, key: string): void;
}

/** A {@link PositionRecorder} that keeps positions in weak maps, and finds the one of a path. */
export class Positions implements PositionRecorder {
  private readonly starts = new WeakMap<object, Mark>();
  private readonly keys = new WeakMap<object, Map<string, Mark>>();
  private readonly items = new WeakMap<object, Mark[]>();

  public node(container: object, at: Mark): void {
    this.starts.set(container, { line: at.line, column: at.column });
  }

  public key(object: PlainObject, key: string, at: Mark): void {
    let positions = this.keys.get(object);
    if (positions === undefined) {
      positions = new Map();
      this.keys.set(object, positions);
    }
    positions.set(key, { line: at.line, column: at.column });
  }

  public item(array: unknown[], index: number, at: Mark): void {
    let positions = this.items.get(array);
    if (positions === undefined) {
      positions = [];
      this.items.set(array, positions);
    }
    positions[index] = { line: at.line, column: at.column };
  }

  public copyKey(from: PlainObject, to: PlainObject, key: string): void {
    const at = this.keys.get(from)?.get(key);
    if (at !== undefined) this.key(to, key, at);
  }

  /**
   * Where the field at a path is (a mapping entry: its key; a sequence item: its start), or,
   * when the path goes where the value has nothing (or nothing recorded, as in a copy an alias
   * made), where its deepest existing ancestor is.
   */
  public locate(root: unknown, rootMark: Mark, path: ReadonlyArray<string | number>): Mark {
    let value = root;
    let found: Mark = rootMark;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') break;
      let at: Mark | undefined;
      let next: unknown;
      if (Array.isArray(value)) {
        if (typeof segment !== 'number') break;
        at = this.items.get(value)?.[segment];
        next = value[segment];
      } else {
        if (typeof segment !== 'string') break;
        at = this.keys.get(value)?.get(segment);
        next = (value as PlainObject)[segment];
      }
      if (next === undefined) break;
      if (at !== undefined) found = at;
      value = next;
    }
    return found;
  }
}
