import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { DEFAULT_ISTIO_REVISION } from '../../mesh/istio-revision';
import { IngressGatewayKind, MeshIngress } from '../../mesh/mesh-ingress';
import { MeshMtls } from '../../mesh/mesh-mtls';
import { DefaultDenyPolicy } from '../../networking/default-deny-policy';
import { FqdnEgressPolicy } from '../../networking/fqdn-egress-policy';
import { HubbleUi } from '../../networking/hubble-ui';
import { AksStore, AksStoreProps } from '../../store/aks-store';
import { StoreNetworkPolicies } from '../store-policies';
import { joinMesh } from './mesh-chart';
import { addNetworkingExtras, NetworkingExtrasProps } from './networking-chart';

/** Props of {@link SecureStoreChart}. */
export interface SecureStoreChartProps extends ChartProps, NetworkingExtrasProps {
  /**
   * The store app's props. Its store front Service is `ClusterIP` unless these say otherwise:
   * outside traffic comes through the ingress gateway.
   * @default - the workshop-era store in namespace `pets`
   */
  readonly store?: AksStoreProps;
  /**
   * The AKS Istio add-on revision whose sidecars run in the store's pods.
   * @default 'asm-1-22'
   */
  readonly istioRevision?: string;
  /**
   * The add-on ingress gateway that exposes the store front.
   * @default 'external'
   */
  readonly ingressGateway?: IngressGatewayKind;
  /**
   * Host names the ingress accepts.
   * @default ['*']
   */
  readonly ingressHosts?: readonly string[];
  /**
   * The profile of the store and Hubble UI. In the hardened profile the app namespace
   * enforces only `privileged` Pod Security, as in the mesh section (the sidecar's
   * `istio-init` container needs NET_ADMIN and NET_RAW), and the chart adds a default-deny
   * policy in the app namespace and Hubble UI's own policy.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/**
 * The networking and mesh sections on one cluster: the store with Istio sidecars and strict
 * mTLS, behind the add-on's ingress gateway, and its Cilium policies with what the mesh
 * needs (each sidecar reaches istiod on 15012 and looks it up through kube-dns; the store
 * front takes traffic from the gateway pods, not from the world), order-service's FQDN
 * egress, and Hubble UI.
 */
export class SecureStoreChart extends Chart {
  /** The store app in the mesh. */
  public readonly store: AksStore;
  /** The store's network policies. */
  public readonly policies: StoreNetworkPolicies;
  /** order-service's FQDN egress. */
  public readonly fqdnEgress: FqdnEgressPolicy;
  /** The PeerAuthentication of the app namespace (STRICT). */
  public readonly mtls: MeshMtls;
  /** The ingress Gateway and VirtualService. */
  public readonly ingress: MeshIngress;
  /**
   * Hubble UI.
   * @default - undefined when `hubbleUi` is false
   */
  public readonly hubbleUi?: HubbleUi;

  constructor(scope: Construct, id: string, props: SecureStoreChartProps = {}) {
    super(scope, id, props);
    const revision = props.istioRevision ?? DEFAULT_ISTIO_REVISION;
    const gateway = props.ingressGateway ?? 'external';
    this.store = new AksStore(this, 'store', { profile: props.profile, storeFrontServiceType: 'ClusterIP', ...props.store });
    joinMesh(this, this.store, revision);
    this.policies = new StoreNetworkPolicies(this, 'store-policies', {
      store: this.store,
      istioRevision: revision,
      storeFrontIngress: gateway === 'external' ? 'external-gateway' : 'internal-gateway',
    });
    if (this.store.profile === 'hardened') new DefaultDenyPolicy(this, 'default-deny', { namespace: this.store.namespace.namespaceName });
    ({ fqdnEgress: this.fqdnEgress, hubbleUi: this.hubbleUi } = addNetworkingExtras(this, this.store, props));
    this.mtls = new MeshMtls(this, 'mtls', { namespace: this.store.namespace, mode: 'STRICT' });
    this.ingress = new MeshIngress(this, 'ingress', { destination: this.store.storeFront, gateway, hosts: props.ingressHosts });
  }
}
