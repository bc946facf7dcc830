/** One way an object we synthesize differs from the reference manifest. */
export interface ManifestDifference {
  /** `apiVersion/kind/namespace/name` of the object. */
  readonly object: string;
  /** Dotted path of the field; list items matched by name appear as `[name=x]`. */
  readonly path: string;
  /** missing: in the reference only; extra: in ours only; changed: in both with different values. */
  readonly type: 'missing' | 'extra' | 'changed';
  /** The reference value. */
  readonly expected?: unknown;
  /** Our value. */
  readonly actual?: unknown;
}

/** How to read the reference manifests. */
export interface CompareOptions {
  /**
   * Namespace of reference objects that set none (the workshop applies them with `-n`).
   * Cluster-scoped kinds never get one.
   */
  readonly namespace?: string;
}

const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CustomResourceDefinition',
  'CiliumClusterwideNetworkPolicy', 'ClusterResourcePlacement', 'ClusterResourceOverride', 'MemberCluster',
]);

/** The identity of an object: `apiVersion/kind/namespace/name`. */
export function objectKey(object: any, defaultNamespace?: string): string {
  const namespace = CLUSTER_SCOPED_KINDS.has(object.kind) ? '' : object.metadata?.namespace ?? defaultNamespace ?? '';
  return `${object.apiVersion}/${object.kind}/${namespace}/${object.metadata?.name}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Lists whose items all have a distinct string `name` are compared by name, not position. */
function isNamedList(list: unknown[]): boolean {
  const names = list.map((item) => (isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined));
  return names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

function diffValues(object: string, path: string, actual: unknown, expected: unknown, out: ManifestDifference[]): void {
  if (isPlainObject(actual) && isPlainObject(expected)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in actual)) out.push({ object, path: child, type: 'missing', expected: expected[key] });
      else if (!(key in expected)) out.push({ object, path: child, type: 'extra', actual: actual[key] });
      else diffValues(object, child, actual[key], expected[key], out);
    }
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (isNamedList(actual) && isNamedList(expected)) {
      const byName = (list: any[]) => new Map(list.map((item) => [item.name as string, item]));
      const actualItems = byName(actual);
      const expectedItems = byName(expected);
      for (const [name, item] of expectedItems) {
        const child = `${path}[name=${name}]`;
        if (actualItems.has(name)) diffValues(object, child, actualItems.get(name), item, out);
        else out.push({ object, path: child, type: 'missing', expected: item });
      }
      for (const [name, item] of actualItems) {
        if (!expectedItems.has(name)) out.push({ object, path: `${path}[name=${name}]`, type: 'extra', actual: item });
      }
      return;
    }
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      const child = `${path}[${i}]`;
      if (i >= actual.length) out.push({ object, path: child, type: 'missing', expected: expected[i] });
      else if (i >= expected.length) out.push({ object, path: child, type: 'extra', actual: actual[i] });
      else diffValues(object, child, actual[i], expected[i], out);
    }
    return;
  }
  if (actual !== expected) out.push({ object, path, type: 'changed', expected, actual });
}

/**
 * Compares synthesized objects with reference manifests semantically: objects are matched by
 * apiVersion, kind, namespace and name; fields are compared deeply, with lists of named items
 * matched by name. Returns every missing, extra and changed field (empty when equal).
 */
export function compareManifests(actual: readonly any[], expected: readonly any[], options: CompareOptions = {}): ManifestDifference[] {
  const out: ManifestDifference[] = [];
  const actualByKey = new Map(actual.map((o) => [objectKey(o), o]));
  const expectedByKey = new Map<string, any>();
  for (const reference of expected) {
    const key = objectKey(reference, options.namespace);
    const takesDefaultNamespace = options.namespace && !CLUSTER_SCOPED_KINDS.has(reference.kind) && !reference.metadata?.namespace;
    const withNamespace = takesDefaultNamespace
      ? { ...reference, metadata: { ...reference.metadata, namespace: options.namespace } }
      : reference;
    expectedByKey.set(key, withNamespace);
  }
  for (const [key, reference] of expectedByKey) {
    if (actualByKey.has(key)) diffValues(key, '', actualByKey.get(key), reference, out);
    else out.push({ object: key, path: '', type: 'missing', expected: reference });
  }
  for (const [key, object] of actualByKey) {
    if (!expectedByKey.has(key)) out.push({ object: key, path: '', type: 'extra', actual: object });
  }
  return out;
}
