import { FieldReader, ObjectSource } from './field-reader';
import { InputLocation, inputError } from './input-error';
import { FieldPath, isMap, JsonMap, own, renderPath } from './json';
import { objectIdentity } from '../../core/object-identity';
import { isDns1123Label, isDns1123Subdomain } from '../../core/validation';

/** One document read from a file (or an object of an app), before `kubectl apply` places it. */
export interface ManifestDocument extends ObjectSource {
  /** The JSON value. */
  readonly value: unknown;
  /**
   * The namespace the nearest kustomization sets for its objects.
   * @default - none
   */
  readonly kustomizeNamespace?: string;
}

/** How manifests are applied. */
export interface ApplyOptions {
  /**
   * The namespace given to `kubectl apply -n`: objects without one go there, and an object
   * that names another namespace is refused, as kubectl refuses it.
   * @default - objects without a namespace go to `default`; any namespace is accepted
   */
  readonly namespace?: string;
}

/** An object as applied: its JSON (namespace filled in for namespaced kinds), where it came from and how messages name it. */
export interface AppliedObject {
  readonly object: JsonMap;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** The namespace, for namespaced kinds. */
  readonly namespace?: string;
  readonly source: ObjectSource;
  /** `Kind namespace/name`, or `Kind name` for cluster-scoped objects. */
  readonly describe: string;
}

/** An applied object without its fields: what the model keeps of every object once it has read them. */
export interface AppliedSummary {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly describe: string;
  /** The file and document it came from. */
  readonly source: { readonly file: string; readonly document?: number; readonly item?: number };
}

/** Kinds without a namespace: `kubectl apply -n` leaves them alone. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'IngressClass',
  'CiliumClusterwideNetworkPolicy', 'ClusterResourcePlacement', 'ClusterResourceOverride', 'MemberCluster', 'RuntimeClass',
  'CSIDriver', 'VolumeSnapshotClass', 'GatewayClass', 'CiliumCIDRGroup',
]);

/** Whether objects of `kind` live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/**
 * `file:line:column (document 2, items[0])`: how a document is named when it has no object name
 * yet, at the field `path` (the line of its deepest part that exists, when the reader knows it).
 */
function documentPlace(source: ObjectSource, path: FieldPath = []): InputLocation {
  const position = source.locate?.(path);
  return {
    file: source.file,
    document: source.document,
    item: source.item,
    line: position?.line,
    column: position?.column,
    field: path.length === 0 ? undefined : renderPath(path),
  };
}

function checkObject(document: ManifestDocument): JsonMap & { metadata: JsonMap } {
  const value = document.value;
  if (!isMap(value)) throw inputError(documentPlace(document), 'is not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)');
  for (const field of ['apiVersion', 'kind']) {
    const text = own(value, field);
    if (typeof text !== 'string' || text === '') throw inputError(documentPlace(document, [field]), 'is missing: every object needs an apiVersion and a kind');
  }
  const metadata = own(value, 'metadata');
  if (!isMap(metadata)) throw inputError(documentPlace(document, ['metadata']), 'must be a mapping with a name');
  const name = own(metadata, 'name');
  if (typeof name !== 'string' || !isDns1123Subdomain(name)) {
    throw inputError(documentPlace(document, ['metadata', 'name']), 'must be an object name: a DNS-1123 subdomain (generateName is not supported)');
  }
  const namespace = own(metadata, 'namespace');
  if (namespace !== undefined && (typeof namespace !== 'string' || !isDns1123Label(namespace))) {
    throw inputError(documentPlace(document, ['metadata', 'namespace']), 'must be a namespace name: a DNS-1123 label');
  }
  return value as JsonMap & { metadata: JsonMap };
}

/**
 * Manifests as they are once applied to a cluster in order, as `kubectl apply` applies them:
 * namespaced objects without a namespace go to the `-n` namespace (default `default`), and a
 * later object with the same kind, namespace and name replaces the earlier one in its place.
 * Kustomizations themselves and `List` wrappers are not objects of the cluster.
 */
export class ManifestSet {
  /** Applies documents in order. */
  public static fromDocuments(documents: Iterable<ManifestDocument>, options: ApplyOptions = {}): ManifestSet {
    const applied = new Map<string, AppliedObject>();
    for (const document of documents) {
      if (document.value === null || document.value === undefined) continue;
      const object = checkObject(document);
      const apiVersion = own(object, 'apiVersion') as string;
      const kind = own(object, 'kind') as string;
      if (apiVersion.startsWith('kustomize.config.k8s.io/')) continue;
      const name = own(object.metadata, 'name') as string;
      let namespace: string | undefined;
      if (!isClusterScoped(kind)) {
        const own_ = document.kustomizeNamespace ?? (own(object.metadata, 'namespace') as string | undefined);
        if (own_ !== undefined && options.namespace !== undefined && own_ !== options.namespace) {
          throw inputError({ ...documentPlace(document, ['metadata', 'namespace']), object: `${kind} ${name}` },
            `is not the --namespace ${options.namespace} (kubectl apply refuses this too)`);
        }
        namespace = own_ ?? options.namespace ?? 'default';
      }
      const describe = namespace === undefined ? `${kind} ${name}` : `${kind} ${namespace}/${name}`;
      const entry: AppliedObject = { object, apiVersion, kind, name, namespace, source: document, describe };
      applied.set(objectIdentity({ apiVersion, kind, metadata: { name, namespace } }), entry);
    }
    return new ManifestSet([...applied.values()]);
  }

  /** A reader for the fields of `object`, naming it in messages. */
  public static reader(object: AppliedObject): FieldReader {
    return new FieldReader(object.source, object.describe);
  }

  private constructor(
    /** The objects, each once, in the order they were first applied. */
    public readonly objects: readonly AppliedObject[],
  ) {}

  /** Each object without its fields and text, so that a fleet's manifests need not stay in memory once read. */
  public summaries(): AppliedSummary[] {
    return this.objects.map(({ apiVersion, kind, name, namespace, describe, source }) => ({
      apiVersion, kind, name, namespace, describe, source: { file: source.file, document: source.document, item: source.item },
    }));
  }

}
