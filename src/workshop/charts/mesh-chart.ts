import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { podSecurityLabels, Profile } from '../../core/profile';
import { CurlClient } from '../../mesh/curl-client';
import { DEFAULT_ISTIO_REVISION, enableSidecarInjection } from '../../mesh/istio-revision';
import { IngressGatewayKind, MeshIngress } from '../../mesh/mesh-ingress';
import { MeshMtls, MtlsMode } from '../../mesh/mesh-mtls';
import { AksStore, AksStoreProps } from '../../store/aks-store';
import { addCurlClientPolicy, addHardenedStorePolicies } from '../hardened-policies';
import { StoreNetworkPolicies } from '../store-policies';

/** Props of {@link MeshChart}. */
export interface MeshChartProps extends ChartProps {
  /**
   * The store app's props; its namespace is the mesh namespace.
   * @default - the workshop-era store in namespace `pets`
   */
  readonly store?: AksStoreProps;
  /**
   * The AKS Istio add-on revision.
   * @default 'asm-1-22'
   */
  readonly istioRevision?: string;
  /**
   * mTLS mode of the app namespace.
   * @default 'STRICT'
   */
  readonly mtlsMode?: MtlsMode;
  /**
   * Whether a curl client runs inside the mesh too (`curl-<namespace>-deployment` in the app
   * namespace), as AKS Deep Dives does; the Advanced AKS workshop has only the one in `default`.
   * @default true
   */
  readonly curlInMesh?: boolean;
  /**
   * Which ingress gateway exposes the store front, or false for none.
   * @default 'external'
   */
  readonly ingressGateway?: IngressGatewayKind | false;
  /**
   * Host names the ingress accepts.
   * @default ['*']
   */
  readonly ingressHosts?: readonly string[];
  /**
   * The profile of the store and the curl clients. In the hardened profile the app namespace
   * enforces only `privileged` Pod Security (and warns and audits at `restricted`): the
   * add-on's sidecar injection adds an `istio-init` container with NET_ADMIN and NET_RAW,
   * which `baseline` already refuses. The hardened chart also holds network policies: the
   * store's (its pods reach istiod; the store front admits the ingress gateway's pods and the
   * curl clients), a default-deny policy in the app namespace, and one per curl client (out
   * only to the store front, and istiod for the one in the mesh).
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/**
 * The workshop's Istio section: the store with sidecar injection for the add-on revision,
 * curl test clients outside (`default`) and inside the mesh, strict mTLS for the app
 * namespace, and the store front exposed through the add-on's ingress gateway.
 */
export class MeshChart extends Chart {
  /** The store app in the mesh. */
  public readonly store: AksStore;
  /** The PeerAuthentication of the app namespace. */
  public readonly mtls: MeshMtls;
  /**
   * The ingress Gateway and VirtualService.
   * @default - undefined when `ingressGateway` is false
   */
  public readonly ingress?: MeshIngress;
  /**
   * The store's network policies.
   * @default - undefined in the workshop profile, whose mesh section has none
   */
  public readonly policies?: StoreNetworkPolicies;

  constructor(scope: Construct, id: string, props: MeshChartProps = {}) {
    super(scope, id, props);
    const profile = props.profile;
    const revision = props.istioRevision ?? DEFAULT_ISTIO_REVISION;
    this.store = new AksStore(this, 'store', { profile, ...props.store });
    joinMesh(this, this.store, revision);
    const namespace = this.store.namespace.namespaceName;
    const curl = new CurlClient(this, 'curl', { name: 'curl-deployment', namespace: 'default', profile });
    const curlInMesh = props.curlInMesh ?? true ? new CurlClient(this, 'curl-in-mesh', { name: `curl-${namespace}-deployment`, namespace, profile }) : undefined;
    this.mtls = new MeshMtls(this, 'mtls', { namespace: this.store.namespace, mode: props.mtlsMode });
    if (props.ingressGateway !== false) {
      this.ingress = new MeshIngress(this, 'ingress', {
        destination: this.store.storeFront,
        gateway: props.ingressGateway,
        hosts: props.ingressHosts,
      });
    }
    if (this.store.profile === 'hardened') {
      const gateway = props.ingressGateway ?? 'external';
      this.policies = addHardenedStorePolicies(this, this.store, {
        istioRevision: revision,
        storeFrontIngress: gateway === false ? 'world' : `${gateway}-gateway`,
        storeFrontClients: curlInMesh === undefined ? [curl] : [curl, curlInMesh],
      });
      addCurlClientPolicy(this, 'curl-policy', curl, this.store.storeFront);
      if (curlInMesh !== undefined) addCurlClientPolicy(this, 'curl-in-mesh-policy', curlInMesh, this.store.storeFront, revision);
    }
  }
}

/**
 * @internal Puts the store in the mesh: sidecar injection for `revision`; in the hardened
 * profile its namespace enforces only `privileged` Pod Security (the sidecar's `istio-init`
 * container needs NET_ADMIN and NET_RAW) and warns and audits at `restricted`.
 */
export function joinMesh(scope: Construct, store: AksStore, revision: string): void {
  enableSidecarInjection(scope, store.namespace, revision);
  if (store.profile === 'hardened') {
    for (const [key, value] of Object.entries(podSecurityLabels('privileged', 'restricted'))) store.addNamespaceLabel(key, value, { allowWeakerPodSecurity: 'privileged' });
  }
}
