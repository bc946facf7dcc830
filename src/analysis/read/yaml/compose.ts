import { limitAdvice, ResolvedReadLimits, ValueBudget } from '../limits';
import { newObject, PlainObject, PositionRecorder } from '../values';
import {
  EV_ALIAS, EV_DOCUMENT_START, EV_MAPPING_END, EV_MAPPING_START, EV_SCALAR, EV_SEQUENCE_END, EV_SEQUENCE_START, EV_STREAM_END,
  Parser, YamlEvent,
} from './parser';
import { Mark, TextProblem } from './problem';
import { decodeScalar, detached, JsonConversionError, jsonKey, jsonValue, MERGE_TAG, plainIsString, plainJsonValue, ResolveError, TypedScalar } from './resolve';

// Builds the JSON value kubectl gets from the first document of a YAML text: what go-yaml v2
// decodes into an interface{} (anchors and aliases, `<<` merge keys applied in go-yaml's order,
// later keys and merges overwriting earlier ones), converted as sigs.k8s.io/yaml converts it
// (keys made strings, NaN, infinities and null keys refused). Keys written twice in one mapping
// are refused, as YAMLToJSONStrict refuses them. It works in one pass over the parser's events,
// with an explicit stack (no recursion, so nesting depth costs no call stack), counting what
// go-yaml counts to refuse "excessive aliasing" exactly where go-yaml does.

/** What an anchor names. */
interface Anchored {
  /** Still being read: an alias to it is an alias to one of its own ancestors. */
  open: boolean;
  /** For a scalar: its typed value (which a key needs). */
  scalar?: TypedScalar;
  /** Its JSON value (for a collection, the original: aliases get copies). */
  value: unknown;
  /** Whether it is a mapping (only mappings can be merged). */
  isMapping: boolean;
  /** go-yaml's decode operations for it (its nodes, aliases expanded). */
  cost: number;
  /** Alias expansions within it. */
  aliases: number;
  /** Its nesting depth (0 for a scalar). */
  height: number;
}

/** Where a finished node goes. */
const TO_ROOT = 0;
const TO_VALUE = 1; // the value of the parent mapping's pending key
const TO_ITEM = 2; // the next item of the parent sequence
const TO_MERGE = 3; // merged into the parent mapping
const TO_MERGE_ITEM = 4; // one mapping of a merged sequence

interface Frame {
  readonly isMapping: boolean;
  readonly value: PlainObject | unknown[];
  readonly line: number;
  readonly column: number;
  readonly anchor?: string;
  readonly role: number;
  /** The path segment from the parent: a key or an index. */
  readonly segment: string | number | undefined;
  /** A sequence given as the value of `<<`: its items are merged, and it is no value itself. */
  readonly isMergeSequence: boolean;
  cost: number;
  aliases: number;
  height: number;
  // mappings:
  expectingKey: boolean;
  pendingKey?: string;
  pendingMerge: boolean;
  pendingMark?: Mark;
  /** The keys written in this mapping itself, once a merge makes the value's keys a different set. */
  explicitKeys?: Set<string>;
  keyCount: number;
  // sequences of merges:
  mergeSources?: PlainObject[];
}

// go-yaml's limits on alias expansion (decode.go allowedAliasRatio).
const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/** The result of reading a YAML text. */
export interface ComposedDocument {
  /** The document's JSON value; null for a text with no document, or a null one. */
  readonly value: unknown;
}

/**
 * Reads the first document of a YAML text as kubectl's reader does (what follows it is never
 * looked at, as go-yaml never looks at it). Throws a {@link TextProblem} where go-yaml or the
 * JSON conversion fails, or a limit is exceeded.
 */
export function composeDocument(text: string, limits: ResolvedReadLimits, budget: ValueBudget, positions?: PositionRecorder): ComposedDocument {
  return new Composer(text, limits, budget, positions).run();
}

class Composer {
  private readonly parser: Parser;
  private readonly anchors = new Map<string, Anchored>();
  private readonly stack: Frame[] = [];
  private decodeCount = 1; // the document node
  private aliasCount = 0;
  private aliasExpansions = 0;
  private root: unknown = null;

  constructor(
    text: string,
    private readonly limits: ResolvedReadLimits,
    private readonly budget: ValueBudget,
    private readonly positions?: PositionRecorder,
  ) {
    this.parser = new Parser(text);
  }

  public run(): ComposedDocument {
    this.parser.next(); // stream start
    const start = this.parser.next();
    if (start.type === EV_STREAM_END) return { value: null };
    if (start.type !== EV_DOCUMENT_START) throw new TextProblem('a document was expected', start.line, start.column);
    this.node(this.parser.next(), TO_ROOT);
    while (this.stack.length > 0) {
      const event = this.parser.next();
      const top = this.stack[this.stack.length - 1];
      if (event.type === EV_MAPPING_END || event.type === EV_SEQUENCE_END) {
        this.finish();
      } else if (top.isMapping && top.expectingKey) {
        this.key(top, event);
      } else if (top.isMapping) {
        this.node(event, top.pendingMerge ? TO_MERGE : TO_VALUE);
        top.expectingKey = true;
      } else {
        this.node(event, top.isMergeSequence ? TO_MERGE_ITEM : TO_ITEM);
      }
    }
    // go-yaml reads the end of the document (which may need one more token, and fail on it),
    // and no further.
    this.parser.next();
    return { value: this.root };
  }

  // ---- errors and counters ----------------------------------------------------------------

  private fieldPath(extra?: string | number): string {
    const segments: Array<string | number> = [];
    for (const frame of this.stack) {
      if (frame.segment !== undefined) segments.push(frame.segment);
    }
    const top = this.stack[this.stack.length - 1];
    if (extra !== undefined) {
      segments.push(extra);
    } else if (top?.isMapping && !top.expectingKey && top.pendingKey !== undefined) {
      segments.push(top.pendingKey);
    } else if (top !== undefined && !top.isMapping) {
      // The item being read.
      segments.push(top.isMergeSequence ? top.mergeSources!.length : (top.value as unknown[]).length);
    }
    return formatFieldPath(segments);
  }

  private problem(message: string, at: Mark, extra?: string | number): TextProblem {
    return new TextProblem(message, at.line, at.column, this.fieldPath(extra));
  }

  private countDecode(at: Mark, nodes = 1, aliased = 0): void {
    this.decodeCount += nodes;
    this.aliasCount += aliased;
    this.budget.used += nodes;
    if (this.budget.used > this.limits.maxValues) {
      throw new TextProblem(`the file holds more than ${this.limits.maxValues} values (mappings, sequences, scalars and keys); ${limitAdvice('maxValues', this.limits)}`,
        at.line, at.column, this.fieldPath(), 'maxValues');
    }
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw this.problem('aliases expand to too much of the document (kubectl\'s YAML reader refuses this as excessive aliasing)', at);
    }
  }

  private checkDepth(depth: number, at: Mark): void {
    if (depth > this.limits.maxDepth) {
      throw new TextProblem(`mappings and sequences are nested more than ${this.limits.maxDepth} deep; ${limitAdvice('maxDepth', this.limits)}`,
        at.line, at.column, this.fieldPath(), 'maxDepth');
    }
  }

  // ---- nodes ------------------------------------------------------------------------------

  /** The depth a new collection at the top of the stack has. */
  private get depth(): number {
    return this.stack.length;
  }

  private segmentFor(role: number): string | number | undefined {
    const top = this.stack[this.stack.length - 1];
    if (role === TO_VALUE) return top.pendingKey;
    if (role === TO_ITEM) return (top.value as unknown[]).length;
    if (role === TO_MERGE_ITEM) return top.mergeSources!.length;
    return undefined;
  }

  /** A node that starts with this event, going to its parent as `role` says. */
  private node(event: YamlEvent, role: number): void {
    switch (event.type) {
      case EV_SCALAR: {
        this.countDecode(event);
        let value: unknown;
        if (event.tag === undefined && event.anchor === undefined) {
          // The common case, without the typed form.
          value = event.implicit === true ? this.plain(event) : event.value === undefined ? undefined : detached(event.value);
        } else {
          const scalar = this.scalar(event);
          value = this.convert(scalar, event);
          if (event.anchor !== undefined) this.anchorScalar(event.anchor, scalar);
        }
        this.deliver(value, role, event, 1, 0, 0, false);
        return;
      }
      case EV_ALIAS: {
        const target = this.alias(event);
        this.checkDepth(this.depth + target.height, event);
        const value = target.scalar !== undefined ? this.convert(target.scalar, event) : cloneJson(target.value);
        this.deliver(value, role, event, 1 + target.cost, 1 + target.aliases, target.height, target.isMapping);
        return;
      }
      case EV_SEQUENCE_START:
      case EV_MAPPING_START: {
        const isMapping = event.type === EV_MAPPING_START;
        const isMergeSequence = role === TO_MERGE && !isMapping;
        if (role === TO_MERGE_ITEM && !isMapping) throw this.problem('a merge (<<) of a sequence that holds something other than mappings', event);
        if (!isMergeSequence) this.countDecode(event);
        this.checkDepth(this.depth + 1, event);
        const segment = this.segmentFor(role);
        const frame: Frame = {
          isMapping,
          value: isMapping ? newObject() : [],
          line: event.line,
          column: event.column,
          anchor: event.anchor,
          role,
          segment,
          isMergeSequence,
          cost: isMergeSequence ? 0 : 1,
          aliases: 0,
          height: 1,
          expectingKey: true,
          pendingMerge: false,
          keyCount: 0,
          mergeSources: isMergeSequence ? [] : undefined,
        };
        if (event.anchor !== undefined) {
          this.anchors.set(event.anchor, { open: true, value: frame.value, isMapping, cost: 0, aliases: 0, height: 0 });
        }
        this.positions?.node(frame.value, event);
        this.stack.push(frame);
        return;
      }
      default:
        throw new TextProblem('a value was expected here', event.line, event.column);
    }
  }

  /** Names a scalar; its JSON value is made when an alias uses it (a key may be what no value can be, such as .nan). */
  private anchorScalar(anchor: string, scalar: TypedScalar): void {
    this.anchors.set(anchor, { open: false, scalar, value: undefined, isMapping: false, cost: 1, aliases: 0, height: 0 });
  }

  private scalar(event: YamlEvent): TypedScalar {
    try {
      return decodeScalar(event.tag ?? '', event.value ?? '', event.implicit === true);
    } catch (error) {
      if (error instanceof ResolveError) throw this.problem(error.message, event);
      throw error;
    }
  }

  private plain(event: YamlEvent): unknown {
    try {
      return plainJsonValue(event.value ?? '');
    } catch (error) {
      if (error instanceof JsonConversionError) throw this.problem(error.message, event);
      throw error;
    }
  }

  private convert(scalar: TypedScalar, at: Mark): unknown {
    try {
      return jsonValue(scalar);
    } catch (error) {
      if (error instanceof JsonConversionError) throw this.problem(error.message, at);
      throw error;
    }
  }

  private alias(event: YamlEvent): Anchored {
    const target = this.anchors.get(event.anchor ?? '');
    if (target === undefined) throw this.problem('an alias (*) refers to an anchor (&) not defined before it', event);
    if (target.open) throw this.problem('an alias (*) refers to an anchor (&) on a mapping or sequence that holds the alias', event);
    this.countDecode(event);
    this.countDecode(event, target.cost, target.cost);
    this.aliasExpansions += 1 + target.aliases;
    if (this.aliasExpansions > this.limits.maxAliases) {
      throw new TextProblem(`aliases (*) are expanded more than ${this.limits.maxAliases} times; ${limitAdvice('maxAliases', this.limits)}`,
        event.line, event.column, this.fieldPath(), 'maxAliases');
    }
    return target;
  }

  /** A mapping key, or a merge key (`<<`). */
  private key(frame: Frame, event: YamlEvent): void {
    frame.expectingKey = false;
    frame.pendingMark = event;
    if (event.type === EV_SCALAR && event.value === '<<' && (event.implicit === true || event.tag === MERGE_TAG)) {
      frame.pendingMerge = true;
      frame.pendingKey = undefined;
      if (event.anchor !== undefined) this.anchorScalar(event.anchor, this.scalar(event));
      return;
    }
    let scalar: TypedScalar | undefined;
    let key = '';
    if (event.type === EV_SCALAR && event.tag === undefined && event.anchor === undefined && (event.implicit !== true || plainIsString(event.value ?? ''))) {
      // The common case: a key that is a string as written.
      this.countDecode(event);
      frame.cost += 1;
      key = event.value ?? '';
    } else if (event.type === EV_SCALAR) {
      this.countDecode(event);
      scalar = this.scalar(event);
      if (event.anchor !== undefined) this.anchorScalar(event.anchor, scalar);
      frame.cost += 1;
    } else if (event.type === EV_ALIAS) {
      const target = this.alias(event);
      if (target.scalar === undefined) throw this.problem('a mapping key that is a mapping or sequence (kubectl\'s YAML reader cannot use it)', event);
      scalar = target.scalar;
      frame.cost += 2;
      frame.aliases += 1;
    } else {
      throw this.problem('a mapping key that is a mapping or sequence (kubectl\'s YAML reader cannot use it)', event);
    }
    if (scalar !== undefined) {
      try {
        key = jsonKey(scalar);
      } catch (error) {
        if (error instanceof JsonConversionError) throw this.problem(error.message, event);
        throw error;
      }
    }
    const object = frame.value as PlainObject;
    const written = frame.explicitKeys !== undefined ? frame.explicitKeys.has(key) : object[key] !== undefined;
    if (written) throw this.problem('a key written twice in one mapping (kubectl\'s strict decoding refuses it)', event, key);
    frame.explicitKeys?.add(key);
    frame.pendingMerge = false;
    frame.pendingKey = key;
  }

  /** Hands a finished node to where it goes. */
  private deliver(value: unknown, role: number, at: Mark, cost: number, aliases: number, height: number, isMapping: boolean): void {
    if (role === TO_ROOT) {
      this.root = value;
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    parent.cost += cost;
    parent.aliases += aliases;
    if (height + 1 > parent.height) parent.height = height + 1;
    switch (role) {
      case TO_VALUE:
        this.set(parent, parent.pendingKey!, value, parent.pendingMark!);
        return;
      case TO_ITEM: {
        const items = parent.value as unknown[];
        this.positions?.item(items, items.length, at);
        items.push(value);
        return;
      }
      case TO_MERGE:
        if (!isMapping) throw this.problem('a merge (<<) of something other than a mapping or a sequence of mappings', at);
        this.merge(parent, value as PlainObject, at);
        return;
      case TO_MERGE_ITEM:
        if (!isMapping) throw this.problem('a merge (<<) of a sequence that holds something other than mappings', at);
        parent.mergeSources!.push(value as PlainObject);
        return;
      default:
        throw new Error(`unknown role ${role}`);
    }
  }

  private set(frame: Frame, key: string, value: unknown, at: Mark): void {
    const object = frame.value as PlainObject;
    if (object[key] === undefined) {
      frame.keyCount++;
      if (frame.keyCount > this.limits.maxKeys) {
        throw new TextProblem(`a mapping holds more than ${this.limits.maxKeys} keys; ${limitAdvice('maxKeys', this.limits)}`,
          at.line, at.column, this.fieldPath(), 'maxKeys');
      }
    }
    object[key] = value;
    this.positions?.key(object, key, at);
  }

  /** go-yaml's merge: the source's keys written into the mapping, over what it holds. */
  private merge(frame: Frame, source: PlainObject, at: Mark): void {
    const object = frame.value as PlainObject;
    if (frame.explicitKeys === undefined) frame.explicitKeys = new Set(Object.keys(object));
    for (const key of Object.keys(source)) {
      this.set(frame, key, source[key], at);
      this.positions?.copyKey(source, object, key);
    }
  }

  /** The end of the mapping or sequence at the top of the stack. */
  private finish(): void {
    const frame = this.stack.pop()!;
    if (frame.isMergeSequence) {
      // Earlier mappings take precedence: go-yaml merges them last.
      const parent = this.stack[this.stack.length - 1];
      parent.cost += frame.cost;
      parent.aliases += frame.aliases;
      if (frame.height > parent.height) parent.height = frame.height;
      const sources = frame.mergeSources!;
      for (let i = sources.length - 1; i >= 0; i--) this.merge(parent, sources[i], frame);
      const anchored = frame.anchor === undefined ? undefined : this.anchors.get(frame.anchor);
      if (anchored !== undefined && anchored.value === frame.value) {
        // The sequence itself, should an alias name it later.
        Object.assign(anchored, { open: false, value: sources, cost: 1 + frame.cost, aliases: frame.aliases, height: frame.height });
      }
      return;
    }
    if (frame.anchor !== undefined) {
      // (Unless a node inside redefined the name: go-yaml names a node where it starts.)
      const anchored = this.anchors.get(frame.anchor);
      if (anchored !== undefined && anchored.value === frame.value) {
        Object.assign(anchored, { open: false, cost: frame.cost, aliases: frame.aliases, height: frame.height });
      }
    }
    this.deliver(frame.value, frame.role, frame, frame.cost, frame.aliases, frame.height, frame.isMapping);
  }
}

/** A deep copy of a JSON value (plain objects with no prototype, arrays), without recursion. */
export function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = Array.isArray(value) ? new Array<unknown>(value.length) : newObject();
  const work: Array<[unknown, unknown]> = [[value, copy]];
  while (work.length > 0) {
    const [from, to] = work.pop()!;
    if (Array.isArray(from)) {
      const target = to as unknown[];
      for (let i = 0; i < from.length; i++) target[i] = copyOne(from[i], work);
    } else {
      const source = from as PlainObject;
      const target = to as PlainObject;
      for (const key of Object.keys(source)) target[key] = copyOne(source[key], work);
    }
  }
  return copy;
}

function copyOne(value: unknown, work: Array<[unknown, unknown]>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = Array.isArray(value) ? new Array<unknown>(value.length) : newObject();
  work.push([value, copy]);
  return copy;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const MAX_KEY_IN_PATH = 80;

/** How many segments of a long field path a message shows, at its start and at its end. */
const PATH_HEAD = 8;
const PATH_TAIL = 4;

/** A field path for messages: `spec.ports[0]["app.kubernetes.io/name"]` (a very deep one with its middle left out). */
export function formatFieldPath(segments: ReadonlyArray<string | number>): string {
  if (segments.length > PATH_HEAD + PATH_TAIL + 1) {
    const left = segments.length - PATH_HEAD - PATH_TAIL;
    return `${formatFieldPath(segments.slice(0, PATH_HEAD))}…(${left} more)${formatFieldPath(segments.slice(-PATH_TAIL)).replace(/^(?=[^[])/, '.')}`;
  }
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
    } else if (IDENTIFIER.test(segment) && segment.length <= MAX_KEY_IN_PATH) {
      path += path === '' ? segment : `.${segment}`;
    } else {
      const shown = segment.length > MAX_KEY_IN_PATH ? `${segment.slice(0, MAX_KEY_IN_PATH)}…` : segment;
      path += `[${JSON.stringify(shown)}]`;
    }
  }
  return path;
}
