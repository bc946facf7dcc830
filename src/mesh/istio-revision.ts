import { IConstruct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { INamespaceRef, labelNamespace } from '../core/namespace-ref';

/** The namespace label that turns on sidecar injection for an Istio add-on revision. */
export const ISTIO_REVISION_LABEL = 'istio.io/rev';

/** The AKS Istio add-on revision the workshop uses. */
export const DEFAULT_ISTIO_REVISION = 'asm-1-22';

/** Whether `revision` is an AKS Istio add-on revision such as `asm-1-22`. */
export function isIstioRevision(revision: unknown): revision is string {
  return typeof revision === 'string' && /^asm-[1-9][0-9]*-[0-9]+$/.test(revision);
}

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

/** The namespace the AKS Istio add-on runs istiod in. */
export const ISTIOD_NAMESPACE = 'aks-istio-system';

/** The port sidecars reach istiod on for their configuration and certificates (xDS and CA over TLS). */
export const ISTIOD_XDS_PORT = 15012;

/** The labels of istiod's pods. */
export const ISTIOD_POD_LABELS: Readonly<Record<string, string>> = { app: 'istiod' };

/** The name sidecars of `revision` look istiod up by: `istiod-<revision>.aks-istio-system.svc`. */
export function istiodHost(revision: string): string {
  return `istiod-${revision}.${ISTIOD_NAMESPACE}.svc`;
}
