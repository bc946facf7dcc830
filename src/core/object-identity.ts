/** The API group of an `apiVersion` (`apps/v1` → `apps`; '' for the core group's `v1`). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** What a Kubernetes object is named by: its apiVersion, kind and metadata. */
export interface ObjectNames {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/**
 * `group/kind/namespace/name`: what Kubernetes (and `kubectl apply`) identifies an object by.
 * The version does not count: `apps/v1` and `apps/v1beta2` Deployments of one name are one object.
 */
export function objectIdentity(object: ObjectNames): string {
  return `${apiGroup(object.apiVersion)}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}
