import { apiGroup } from '../core/object-identity';

/** A Kubernetes object as the analysis reads it: plain JSON, with where it came from. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: any;
}

/** An object in the order it was applied, with the file (and document) it came from. */
export interface AppliedObject {
  /** The object, with its namespace filled in for namespaced kinds. */
  readonly object: KubeObject;
  /** `file#document` (1-based) or the name of the chart that synthesized it. */
  readonly source: string;
}

/** Kinds without a namespace: `kubectl apply -n` leaves them alone. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'IngressClass',
  'CiliumClusterwideNetworkPolicy', 'ClusterResourcePlacement', 'ClusterResourceOverride', 'MemberCluster', 'RuntimeClass',
]);

/** Whether objects of `kind` live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}


/** `kind group/namespace/name`: what `kubectl apply` identifies an object by (the version does not count). */
export function objectKey(object: KubeObject): string {
  return `${object.kind}.${apiGroup(object.apiVersion)}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects: how reasons name an object. */
export function describeObject(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return namespace === undefined ? `${object.kind} ${object.metadata.name}` : `${object.kind} ${namespace}/${object.metadata.name}`;
}
