import { IConstruct } from 'constructs';
import { DEFAULT_ISTIO_REVISION, ISTIO_REVISION_LABEL, isIstioRevision } from '../core/aks-platform';
import { InvalidPropError } from '../core/invalid-prop-error';
import { INamespaceRef, labelNamespace } from '../core/namespace-ref';

export { DEFAULT_ISTIO_REVISION, ISTIO_REVISION_LABEL, ISTIOD_NAMESPACE, ISTIOD_POD_LABELS, ISTIOD_XDS_PORT, isIstioRevision, istiodHost } from '../core/aks-platform';

/** @internal Throws unless `revision` is an AKS Istio add-on revision such as `asm-1-22`. */
export function requireIstioRevision(scope: IConstruct, prop: string, revision: unknown): string {
  if (!isIstioRevision(revision)) {
    throw new InvalidPropError(scope, prop, revision,
      "must be an AKS Istio add-on revision 'asm-<major>-<minor>', e.g. 'asm-1-22' (az aks show --query serviceMeshProfile.istio.revisions)");
  }
  return revision;
}

/**
 * Turns on Istio sidecar injection for the pods of `namespace`: labels its Namespace object
 * `istio.io/rev=<revision>`. The namespace must be created by this app (`AksStore` creates
 * its own). Pods created before the label need a restart (`kubectl rollout restart`).
 */
export function enableSidecarInjection(scope: IConstruct, namespace: INamespaceRef, revision: string = DEFAULT_ISTIO_REVISION): void {
  labelNamespace(scope, 'namespace', namespace, ISTIO_REVISION_LABEL, requireIstioRevision(scope, 'istioRevision', revision));
}
