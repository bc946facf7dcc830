import { ApiObject, ApiObjectMetadataDefinition, App, Chart, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * A faster `ApiObject.toJson` for synthesis, with the same result.
 *
 * cdk8s renders an object in three passes: `resolve` copies the props, asking each of the
 * app's resolvers about every value on the way (with a new context object and key path per
 * value); `sanitizeValue` copies the result again, sorting keys and dropping nulls; and the
 * metadata goes through both passes twice. That is most of the time of a large synth. This
 * does the same in one pass, for apps with cdk8s's own resolvers (`Lazy`, values with a
 * `resolve()` method, number-or-string unions such as `IntOrString`).
 *
 * It falls back to cdk8s's own `toJson` for the whole object whenever it meets something it
 * does not handle exactly as cdk8s does: JSON patches, functions, class instances that no
 * resolver turns into data, objects with an own `constructor` or `__proto__` key, an error
 * (cdk8s then reports it its own way), or metadata of an unknown shape. Before first use it
 * checks itself against cdk8s's `toJson` on a sample object that uses each of those features
 * and stays off when the two differ (a cdk8s release that renders differently).
 */

/** Thrown inside the fast path when cdk8s's own `toJson` must render the object. */
const FALL_BACK = Symbol('use cdk8s toJson');

const stockToJson = ApiObject.prototype.toJson;
const stockMetadataToJson = ApiObjectMetadataDefinition.prototype.toJson;
const hasOwn = Object.prototype.hasOwnProperty;

interface RenderOptions {
  /** Sort map keys (cdk8s sorts unless CDK8S_DISABLE_SORT is set). */
  readonly sortKeys: boolean;
  /** Drop empty maps and lists (cdk8s does for metadata). */
  readonly dropEmpty: boolean;
}

/** `resolve` followed by `sanitizeValue`, in one pass; undefined where cdk8s leaves the value out. */
function render(input: unknown, options: RenderOptions): unknown {
  let value = input;
  // The resolvers, in cdk8s's order; a replaced value is resolved again.
  for (;;) {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object') {
      if (typeof value === 'function') throw FALL_BACK;
      return value;
    }
    if (value instanceof Lazy) {
      value = value.produce();
      continue;
    }
    const candidate = value as { resolve?: unknown; value?: unknown };
    if (typeof candidate.resolve === 'function') {
      value = (candidate.resolve as () => unknown)();
      continue;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) {
      if (hasOwn.call(value, 'constructor')) throw FALL_BACK;
      return renderMap(value as Record<string, unknown>, options);
    }
    if (typeof candidate.value === 'number' || typeof candidate.value === 'string') {
      value = { value: candidate.value };
      continue;
    }
    if (Array.isArray(value)) {
      if (options.dropEmpty && value.length === 0) return undefined;
      return value.map((item) => render(item, options));
    }
    // A class instance no resolver handles: cdk8s refuses it with its own message.
    throw FALL_BACK;
  }
}

/**
 * A plain map, rendered; `leftOut` names a key rendered as absent (the object's `metadata`,
 * which is rendered on its own). No copies of `map` are made: V8 gives each object that
 * object spread builds from another (`{ ...map, key }`) a map (hidden class) of its own, which
 * lives in the old generation until the next full collection.
 */
function renderMap(map: Readonly<Record<string, unknown>>, options: RenderOptions, leftOut?: string): Record<string, unknown> | undefined {
  // Resolved in the order the keys were set (as cdk8s resolves), written in sorted order.
  const keys = Object.keys(map);
  const count = keys.length;
  const rendered: unknown[] = new Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    if (keys[i] === '__proto__') throw FALL_BACK;
    rendered[i] = keys[i] === leftOut ? undefined : render(map[keys[i]], options);
    if (i > 0 && keys[i - 1] > keys[i]) sorted = false;
  }
  if (!sorted && options.sortKeys) sortTogether(keys, rendered);
  const out: Record<string, unknown> = {};
  let written = 0;
  for (let i = 0; i < count; i++) {
    if (rendered[i] === undefined) continue;
    out[keys[i]] = rendered[i];
    written++;
  }
  return options.dropEmpty && written === 0 ? undefined : out;
}

/**
 * Sorts `keys` in code-unit order (as `Array.prototype.sort` does by default) and moves each
 * value with its key: an insertion sort in place, as maps have few keys, or a full sort for many.
 */
function sortTogether(keys: string[], values: unknown[]): void {
  if (keys.length > 32) {
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
    const sortedValues = order.map((i) => values[i]);
    const sortedKeys = order.map((i) => keys[i]);
    for (let i = 0; i < keys.length; i++) {
      keys[i] = sortedKeys[i];
      values[i] = sortedValues[i];
    }
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    const value = values[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      values[j + 1] = values[j];
      j--;
    }
    keys[j + 1] = key;
    values[j + 1] = value;
  }
}

/** The fields of `ApiObjectMetadataDefinition` its `toJson` reads (private in its typings). */
interface MetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: object;
  readonly annotations: object;
  readonly finalizers: unknown[];
  readonly ownerReferences: unknown[];
  readonly _additionalAttributes: object;
}

const METADATA_OPTIONS: RenderOptions = { sortKeys: true, dropEmpty: true };

function renderMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  const fields = metadata as unknown as MetadataFields;
  if (metadata.toJson !== stockMetadataToJson || typeof fields._additionalAttributes !== 'object' || typeof fields.labels !== 'object'
    || typeof fields.annotations !== 'object' || !Array.isArray(fields.finalizers) || !Array.isArray(fields.ownerReferences)) {
    throw FALL_BACK;
  }
  // cdk8s renders `{ ...additionalAttributes, name, namespace, annotations, ... }`; built by
  // assignment instead (see renderMap), so a `__proto__` key must take cdk8s's way.
  const merged: Record<string, unknown> = {};
  const additional = fields._additionalAttributes as Record<string, unknown>;
  for (const key of Object.keys(additional)) {
    if (key === '__proto__') throw FALL_BACK;
    merged[key] = additional[key];
  }
  merged.name = fields.name;
  merged.namespace = fields.namespace;
  merged.annotations = fields.annotations;
  merged.finalizers = fields.finalizers;
  merged.ownerReferences = fields.ownerReferences;
  merged.labels = fields.labels;
  return render(merged, METADATA_OPTIONS);
}

/**
 * @internal The object as cdk8s's `toJson` renders it, rendered in one pass; undefined when
 * only cdk8s's own `toJson` renders it exactly (see above).
 */
export function fastObjectJson(object: ApiObject): Record<string, unknown> | undefined {
  const patches = (object as unknown as { patches?: unknown }).patches;
  if (!Array.isArray(patches) || patches.length > 0) return undefined;
  try {
    const metadata = renderMetadata(object.metadata);
    const props = (object as unknown as { props: object }).props;
    const options: RenderOptions = { sortKeys: !process.env.CDK8S_DISABLE_SORT, dropEmpty: false };
    // cdk8s renders `{ ...props, metadata: renderedMetadata }` (rendering the metadata a second
    // time leaves it as it is); rendered in place, so a key that would make that copy something
    // other than a map takes cdk8s's way (a `resolve` function falls back as every function does).
    if (hasOwn.call(props, 'constructor')) throw FALL_BACK;
    const json = renderMap(props as Record<string, unknown>, options, 'metadata')!;
    const ordered: Record<string, unknown> = {};
    if ('apiVersion' in json) ordered.apiVersion = json.apiVersion;
    if ('kind' in json) ordered.kind = json.kind;
    if (metadata !== undefined) ordered.metadata = metadata;
    for (const key of Object.keys(json)) ordered[key] = json[key];
    return ordered;
  } catch {
    return undefined;
  }
}

/** Stands in for `ApiObject.prototype.toJson` while a synthesis renders objects. */
function fastToJson(this: ApiObject): any {
  return fastObjectJson(this) ?? stockToJson.call(this);
}

/** Whether `app` resolves values with cdk8s's own resolvers only. */
function hasStockResolvers(app: App): boolean {
  const resolvers = app.resolvers;
  return resolvers.length === 3 && resolvers[0] instanceof LazyResolver && resolvers[1] instanceof ImplicitTokenResolver
    && resolvers[2] instanceof NumberStringUnionResolver;
}

let agreesWithCdk8s: boolean | undefined;

/** Renders a sample that uses each feature both ways and compares the YAML-relevant JSON. */
function checkAgainstCdk8s(): boolean {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'sample', { labels: { chart: 'label' }, namespace: 'ns' });
  const union = new (class Union { constructor(public readonly value: number | string) {} })(8080);
  const object = new ApiObject(chart, 'object', {
    apiVersion: 'example.com/v1',
    kind: 'Sample',
    metadata: { annotations: {}, labels: { b: '2', a: '1' }, finalizers: [], extra: { empty: {}, list: [] } } as any,
    zeta: [1, null, 'two', { b: Lazy.any({ produce: () => ({ y: 1, x: [] }) }), a: union }],
    alpha: { resolve: () => 'implicit' },
    empty: {},
    list: [],
    nothing: null,
    lazy: Lazy.any({ produce: () => undefined }),
  } as any);
  object.metadata.addLabel('c', '3');
  try {
    return JSON.stringify(fastObjectJson(object)) === JSON.stringify(stockToJson.call(object));
  } catch {
    return false;
  }
}

/**
 * Runs `render` with the fast `toJson` in place of cdk8s's (see above), when `app` uses only
 * cdk8s's own resolvers and the fast path agrees with cdk8s; otherwise runs it as it is.
 * cdk8s's `toJson` is back in place when `render` returns or throws.
 */
export function withFastObjectJson<T>(app: App, renderObjects: () => T): T {
  agreesWithCdk8s ??= checkAgainstCdk8s();
  if (!agreesWithCdk8s || !hasStockResolvers(app) || ApiObject.prototype.toJson !== stockToJson) return renderObjects();
  ApiObject.prototype.toJson = fastToJson;
  try {
    return renderObjects();
  } finally {
    ApiObject.prototype.toJson = stockToJson;
  }
}
