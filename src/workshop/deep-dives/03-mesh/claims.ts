import { Claim } from '../../../analysis/claims';
import { allowed, appPods, blocked, servicePort, storeFlows } from '../../claim-builders';
import { PETS } from '../shared-claims';

const STORE_FRONT_FQDN = `store-front.${PETS}.svc.cluster.local`;

/** A request from outside through the add-on's external ingress gateway to the store front. */
export const GATEWAY_SERVES_STORE = allowed('gateway-serves-store-front',
  'the external ingress gateway serves the store front (Advanced AKS text: Deploying External Istio Ingress)', { ingressGateway: 'external' }, { port: 80, path: '/' });

/** A client without a sidecar, outside the mesh, under STRICT mTLS. */
export const PLAINTEXT_REFUSED = blocked('curl-outside-mesh-refused',
  '"the store-front service has rejected the non mTLS communication from the test pod" (Configure mTLS Strict Mode)',
  appPods('default', 'curl'), servicePort(PETS, 'store-front', 80, STORE_FRONT_FQDN));

/** "Istio Service Mesh": strict mTLS refuses the client outside the mesh and serves the one inside. */
export const MESH_CLAIMS: readonly Claim[] = [
  PLAINTEXT_REFUSED,
  allowed('curl-in-mesh-served', '"HTTP/1.1 200 OK ... using only mTLS communication" (Configure mTLS Strict Mode)',
    appPods(PETS, 'curl'), servicePort(PETS, 'store-front', 80, STORE_FRONT_FQDN)),
  ...storeFlows(PETS, 'the store keeps working with sidecars ("all the pods with a READY state of 2/2")'),
  GATEWAY_SERVES_STORE,
];

/** What the mesh section's text says before STRICT mTLS: the client outside the mesh is served. */
export const MESH_PERMISSIVE_CLAIMS: readonly Claim[] = [
  allowed('curl-outside-mesh-served', '"HTTP/1.1 200 OK" before the PeerAuthentication (Configure mTLS Strict Mode)',
    appPods('default', 'curl'), servicePort(PETS, 'store-front', 80, STORE_FRONT_FQDN)),
];
