import { allowed, appPods, blocked, servicePort, storeFlows } from './claim-builders';
import { Claim } from '../../analysis/claims';

/** The workshop's namespace for the store. */
const PETS = 'pets';

const ORDER_SERVICE = appPods(PETS, 'order-service');

const ORDER_PRODUCT_NORMALLY = '"we should be able to access the pet shop app UI and order product normally" (Enforcing Network Policy)';

/** The store front through its LoadBalancer Service. */
function storeFrontServesWorld(description: string): Claim {
  return allowed('store-front-serves-world', description, 'world', servicePort(PETS, 'store-front', 80));
}

const BING_BLOCKED = blocked('order-service-cannot-reach-bing',
  '"wget: bad address \'www.bing.com\'" (Enforcing Network Policy > Verify Policies)', ORDER_SERVICE, { fqdn: 'www.bing.com', port: 80 });
const PRODUCT_SERVICE_BLOCKED = blocked('order-service-cannot-reach-product-service',
  '"nc: bad address \'product-service\'" (Enforcing Network Policy > Verify Policies)', ORDER_SERVICE, servicePort(PETS, 'product-service', 3002));
const RABBITMQ_EGRESS_BLOCKED = blocked('rabbitmq-egress-blocked',
  '"Block all egress traffic from rabbitmq" (the comment in acns-network-policy.yaml)', appPods(PETS, 'rabbitmq'), { fqdn: 'www.bing.com', port: 443 });
const GRAPH_ALLOWED = [
  allowed('order-service-reaches-graph', '"Connecting to graph.microsoft.com ... remote file exists" (Verify FQDN Policy Enforcement)',
    ORDER_SERVICE, { fqdn: 'graph.microsoft.com', port: 443 }),
  allowed('order-service-reaches-developer-microsoft', '"Connecting to developer.microsoft.com" (the redirect, Verify FQDN Policy Enforcement)',
    ORDER_SERVICE, { fqdn: 'developer.microsoft.com', port: 443 }),
];

/** "Deploy the AKS Store demo app" and "Test Connectivity": before any policy, all traffic is allowed. */
export const STORE_CLAIMS: readonly Claim[] = [
  storeFrontServesWorld('the store front is reachable through its LoadBalancer Service (Deploy the AKS Store demo app)'),
  ...storeFlows(PETS, 'the store takes orders (Deploy the AKS Store demo app)'),
  allowed('order-service-reaches-bing', '"Connecting to www.bing.com (13.107.21.237:80) remote file exists" (Test Connectivity)', ORDER_SERVICE, { fqdn: 'www.bing.com', port: 80 }),
  allowed('order-service-reaches-product-service', '"product-service (10.0.96.101:3002) open" (Test Connectivity)', ORDER_SERVICE, servicePort(PETS, 'product-service', 3002)),
];

/** What the networking section's text says after each step. */
export const NETWORKING_STEP_CLAIMS: Readonly<Record<string, readonly Claim[]>> = {
  'step1-network-policy': [
    BING_BLOCKED,
    PRODUCT_SERVICE_BLOCKED,
    storeFrontServesWorld(ORDER_PRODUCT_NORMALLY),
    ...storeFlows(PETS, ORDER_PRODUCT_NORMALLY),
    RABBITMQ_EGRESS_BLOCKED,
    blocked('order-service-cannot-reach-graph', '"As you can see the traffic is denied" (Configuring FQDN Filtering > Test Connectivity)',
      ORDER_SERVICE, { fqdn: 'graph.microsoft.com', port: 443 }),
  ],
  'step2-fqdn-policy': [
    ...GRAPH_ALLOWED,
    ...storeFlows(PETS, 'the store still takes orders: nothing in the text withdraws "order product normally"'),
  ],
  'step3-chaos': [
    blocked('store-front-blocked-from-world', '"This policy will drop incoming traffic to the store-front service" (Introducing Chaos)',
      'world', servicePort(PETS, 'store-front', 80)),
  ],
  'step4-restore-store-front': [
    storeFrontServesWorld('"You should now see the traffic flowing again and you are able to access the pets shop app UI"'),
    ...storeFlows(PETS, '"You should now see the traffic flowing again and you are able to access the pets shop app UI"'),
  ],
};

/** The networking section's end state: every statement of the section that still stands at its end. */
export const NETWORKING_CLAIMS: readonly Claim[] = [
  storeFrontServesWorld(ORDER_PRODUCT_NORMALLY),
  ...storeFlows(PETS, ORDER_PRODUCT_NORMALLY),
  BING_BLOCKED,
  PRODUCT_SERVICE_BLOCKED,
  RABBITMQ_EGRESS_BLOCKED,
  ...GRAPH_ALLOWED,
];

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

/** "Advanced Storage Concepts": the MySQL client reaches the primary and the read Service. */
export const STORAGE_CLAIMS: readonly Claim[] = [
  allowed('mysql-client-reaches-primary', 'kubectl run mysql-client ... mysql -h mysql-0.mysql (Deploy a MySQL server)',
    { namespace: 'default', labels: { run: 'mysql-client' } }, servicePort('default', 'mysql', 3306, 'mysql-0.mysql')),
  allowed('mysql-client-reaches-readers', 'kubectl run mysql-client ... mysql -h mysql-read (Deploy a MySQL server)',
    { namespace: 'default', labels: { run: 'mysql-client' } }, servicePort('default', 'mysql-read', 3306)),
];

/** The networking and mesh sections on one cluster (08-secure-store). */
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
