/**
 * What an AKS cluster with Azure CNI Powered by Cilium and the Istio add-on runs itself, as
 * the constructs and the verifier both rely on it: one home for each fact.
 */

/** The AKS Istio add-on revision the workshop uses. */
export const DEFAULT_ISTIO_REVISION = 'asm-1-22';

/** Whether `revision` is an AKS Istio add-on revision such as `asm-1-22`. */
export function isIstioRevision(revision: unknown): revision is string {
  return typeof revision === 'string' && /^asm-[1-9][0-9]*-[0-9]+$/.test(revision);
}

/** The namespace and pod label that turns on sidecar injection for an Istio add-on revision. */
export const ISTIO_REVISION_LABEL = 'istio.io/rev';

/** The namespace the AKS Istio add-on runs istiod in: also the mesh's root namespace, where mesh-wide policies live. */
export const ISTIOD_NAMESPACE = 'aks-istio-system';

/** The port sidecars reach istiod on for their configuration and certificates (xDS and CA over TLS). */
export const ISTIOD_XDS_PORT = 15012;

/** The labels of istiod's pods. */
export const ISTIOD_POD_LABELS: Readonly<Record<string, string>> = { app: 'istiod' };

/** The name of istiod's Deployment, Service and service account for `revision`: `istiod-<revision>`. */
export function istiodName(revision: string): string {
  return `istiod-${revision}`;
}

/** The name sidecars of `revision` look istiod up by: `istiod-<revision>.aks-istio-system.svc`. */
export function istiodHost(revision: string): string {
  return `${istiodName(revision)}.${ISTIOD_NAMESPACE}.svc`;
}

/**
 * The ConfigMap in {@link ISTIOD_NAMESPACE} whose `mesh` key holds the user's part of the
 * add-on's mesh configuration (MeshConfig) for `revision`: `istio-shared-configmap-<revision>`.
 */
export function meshConfigMapName(revision: string): string {
  return `istio-shared-configmap-${revision}`;
}

/** The AKS Istio add-on's ingress gateways. */
export const INGRESS_GATEWAY_KINDS = ['external', 'internal'] as const;

/** Which AKS Istio add-on ingress gateway serves the traffic. */
export type IngressGatewayKind = typeof INGRESS_GATEWAY_KINDS[number];

/** The namespace of the AKS Istio add-on's ingress gateway pods. */
export const INGRESS_GATEWAY_NAMESPACE = 'aks-istio-ingress';

/** The name of an add-on ingress gateway's Service and service account, and its pods' `istio` label: `aks-istio-ingressgateway-<kind>`. */
export function ingressGatewayName(kind: IngressGatewayKind): string {
  return `aks-istio-ingressgateway-${kind}`;
}

/** The `istio` label of the add-on's ingress gateway pods of `kind`: what a Gateway's `selector` names. */
export function ingressGatewaySelector(kind: IngressGatewayKind): Record<string, string> {
  return { istio: ingressGatewayName(kind) };
}

/** The ports of the add-on's ingress gateway Services: status, HTTP and HTTPS. */
export const INGRESS_GATEWAY_PORTS: readonly { readonly name: string; readonly port: number }[] = [
  { name: 'status-port', port: 15021 }, { name: 'http2', port: 80 }, { name: 'https', port: 443 },
];

/** The cluster's DNS: CoreDNS pods labelled `k8s-app: kube-dns` in `kube-system`, behind the Service `kube-dns` on port 53 (UDP and TCP). */
export const KUBE_DNS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' } as Readonly<Record<string, string>>,
  serviceName: 'kube-dns',
  port: 53,
} as const;

/** The cluster's DNS domain. */
export const CLUSTER_DOMAIN = 'cluster.local';
