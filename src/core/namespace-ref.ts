import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { requireDns1123Label } from './validation';

/** A namespace other constructs put objects in or label. */
export interface INamespaceRef {
  /** The namespace's name. */
  readonly namespaceName: string;
  /**
   * The Namespace object, where this app defines it (so that it can be labelled).
   * @default - the namespace is managed elsewhere
   */
  readonly namespaceObject?: ApiObject;
}

/** Makes {@link INamespaceRef}s. */
export class NamespaceRef {
  /** A namespace managed elsewhere, by name. */
  public static named(name: string): INamespaceRef {
    return { namespaceName: name };
  }

  /** The namespace a Namespace object of this app defines (`k8s.KubeNamespace`, or `ApiObject.of(plusNamespace)`). */
  public static fromObject(object: ApiObject): INamespaceRef {
    return { namespaceName: object.name, namespaceObject: object };
  }

  private constructor() {}
}

/**
 * @internal Adds a label to the Namespace object of `namespace`, or throws, naming `prop` of
 * `scope`, when this app does not define that object.
 */
export function labelNamespace(scope: IConstruct, prop: string, namespace: INamespaceRef, key: string, value: string): void {
  if (namespace.namespaceObject === undefined) {
    throw new InvalidPropError(scope, prop, namespace.namespaceName,
      `must be a namespace this app creates to label it ${key}=${value}; label the namespace where it is managed instead`);
  }
  namespace.namespaceObject.metadata.addLabel(key, value);
}

/**
 * @internal Keeps a cluster-scoped object (Namespace, ClusterRole, ...) free of the namespace
 * a chart with a `namespace` would otherwise give it.
 */
export function clusterScoped<T extends ApiObject>(object: T): T {
  if (Chart.of(object).namespace !== undefined && object.metadata.namespace !== undefined) {
    object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return object;
}

/**
 * @internal The namespace a construct puts its objects in, as cdk8s's own objects get theirs:
 * the construct's `namespace` prop, else the `namespace` of the chart it is in, else the
 * construct's default. Checked as a DNS-1123 label, naming the prop.
 */
export function namespaceFor(scope: IConstruct, given: string | undefined, fallback: string): string {
  return requireDns1123Label(scope, 'namespace', given ?? chartNamespace(scope) ?? fallback);
}

/** The `namespace` of the chart `scope` is in, if it is in a chart that has one. */
function chartNamespace(scope: IConstruct): string | undefined {
  const chart = scope.node.scopes.slice().reverse().find((s): s is Chart => Chart.isChart(s));
  return chart?.namespace;
}
