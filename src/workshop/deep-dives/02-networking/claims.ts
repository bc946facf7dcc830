import { Claim } from '../../../analysis/claims';
import { allowed, appPods, blocked, servicePort, storeFlows } from '../../claim-builders';
import { ORDER_SERVICE, PETS, storeFrontServesWorld } from '../shared-claims';

const ORDER_PRODUCT_NORMALLY = '"we should be able to access the pet shop app UI and order product normally" (Enforcing Network Policy)';

/** order-service cannot reach the internet beyond what its FQDN policy allows. */
export const BING_BLOCKED = blocked('order-service-cannot-reach-bing',
  '"wget: bad address \'www.bing.com\'" (Enforcing Network Policy > Verify Policies)', ORDER_SERVICE, { fqdn: 'www.bing.com', port: 80 });
/** order-service cannot reach product-service, which it does not call. */
export const PRODUCT_SERVICE_BLOCKED = blocked('order-service-cannot-reach-product-service',
  '"nc: bad address \'product-service\'" (Enforcing Network Policy > Verify Policies)', ORDER_SERVICE, servicePort(PETS, 'product-service', 3002));
/** RabbitMQ's egress is blocked. */
export const RABBITMQ_EGRESS_BLOCKED = blocked('rabbitmq-egress-blocked',
  '"Block all egress traffic from rabbitmq" (the comment in acns-network-policy.yaml)', appPods(PETS, 'rabbitmq'), { fqdn: 'www.bing.com', port: 443 });
/** order-service reaches the names its FQDN policy allows. */
export const GRAPH_ALLOWED = [
  allowed('order-service-reaches-graph', '"Connecting to graph.microsoft.com ... remote file exists" (Verify FQDN Policy Enforcement)',
    ORDER_SERVICE, { fqdn: 'graph.microsoft.com', port: 443 }),
  allowed('order-service-reaches-developer-microsoft', '"Connecting to developer.microsoft.com" (the redirect, Verify FQDN Policy Enforcement)',
    ORDER_SERVICE, { fqdn: 'developer.microsoft.com', port: 443 }),
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
