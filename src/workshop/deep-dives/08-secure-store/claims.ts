import { Claim } from '../../../analysis/claims';
import { allowed, appPods, blocked, servicePort, storeFlows } from '../../claim-builders';
import { BING_BLOCKED, GRAPH_ALLOWED, PRODUCT_SERVICE_BLOCKED, RABBITMQ_EGRESS_BLOCKED } from '../02-networking/claims';
import { GATEWAY_SERVES_STORE, PLAINTEXT_REFUSED } from '../03-mesh/claims';
import { PETS } from '../shared-claims';

/** The networking and mesh sections on one cluster: their claims that still stand, and what the mesh needs. */
export const SECURE_STORE_CLAIMS: readonly Claim[] = [
  GATEWAY_SERVES_STORE,
  ...storeFlows(PETS, 'the store takes orders, every hop in mTLS and allowed by its Cilium policy'),
  PLAINTEXT_REFUSED,
  blocked('store-front-closed-to-world', 'the direct path is closed: outside traffic comes only through the gateway', 'world', servicePort(PETS, 'store-front', 80)),
  ...['store-front', 'order-service', 'product-service', 'rabbitmq'].map((app) => allowed(`${app}-sidecar-reaches-istiod`,
    'each sidecar gets its configuration and certificate from istiod', appPods(PETS, app),
    servicePort('aks-istio-system', 'istiod-asm-1-22', 15012, 'istiod-asm-1-22.aks-istio-system.svc'))),
  GRAPH_ALLOWED[0],
  BING_BLOCKED,
  PRODUCT_SERVICE_BLOCKED,
  RABBITMQ_EGRESS_BLOCKED,
];
