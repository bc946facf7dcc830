import { Claim } from '../../../analysis/claims';
import { allowed, appPods, blocked, servicePort, storeFlows } from '../../claim-builders';
import { ADVANCED_AKS_NAMESPACE as STORE } from '../namespace';

const STORE_FRONT_FQDN = `store-front.${STORE}.svc.cluster.local`;

const GATEWAY_SERVES_STORE = allowed('gateway-serves-store-front',
  '"Retrieve the external address of the AKS Store application" (Deploying External Istio Ingress)', { ingressGateway: 'external' }, { port: 80, path: '/' });

/** The Advanced AKS mesh section: the plaintext client is reset under STRICT mTLS, the store works, the gateway serves it. */
export const ADVANCED_AKS_MESH_CLAIMS: readonly Claim[] = [
  blocked('curl-outside-mesh-refused', '"curl: (56) Recv failure: Connection reset by peer" (Configure mTLS Strict Mode)',
    appPods('default', 'curl'), servicePort(STORE, 'store-front', 80, STORE_FRONT_FQDN)),
  ...storeFlows(STORE, 'the store keeps working with sidecars (every pod 2/2)'),
  GATEWAY_SERVES_STORE,
];

/** Before the PeerAuthentication: the plaintext client gets the store front's HTML. */
export const ADVANCED_AKS_PERMISSIVE_CLAIMS: readonly Claim[] = [
  allowed('curl-outside-mesh-served', '"HTML was returned to the client" before the PeerAuthentication (Configure mTLS Strict Mode)',
    appPods('default', 'curl'), servicePort(STORE, 'store-front', 80, STORE_FRONT_FQDN)),
];

/** What the text expects of its own Gateway and VirtualService: that they serve the store (they do not). */
export const ADVANCED_AKS_WORKSHOP_INGRESS_CLAIMS: readonly Claim[] = [GATEWAY_SERVES_STORE];
