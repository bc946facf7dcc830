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

/** A rendered object as the synthesizers hold it: JSON whose names may be missing. */
interface RenderedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/** @internal {@link objectIdentity} of a rendered object, whose apiVersion or metadata may be missing. */
export function renderedIdentity(json: RenderedObject): string {
  return objectIdentity({ apiVersion: json.apiVersion ?? '', kind: json.kind ?? '', metadata: { name: json.metadata?.name ?? '', namespace: json.metadata?.namespace } });
}

/** @internal `Kind namespace/name` of a rendered object, for messages. */
export function describeRendered(json: RenderedObject): string {
  const ns = json.metadata?.namespace ? `${json.metadata.namespace}/` : '';
  return `${json.kind} ${ns}${json.metadata?.name}`;
}
