import { Claim } from '../../../analysis/claims';
import { allowed, blocked, servicePort, storeFlows } from '../../claim-builders';
import { ORDER_SERVICE, PETS, storeFrontServesWorld } from '../shared-claims';

/** "Deploy the AKS Store demo app" and "Test Connectivity": before any policy, all traffic is allowed. */
export const STORE_CLAIMS: readonly Claim[] = [
  storeFrontServesWorld('the store front is reachable through its LoadBalancer Service (Deploy the AKS Store demo app)'),
  ...storeFlows(PETS, 'the store takes orders (Deploy the AKS Store demo app)'),
  allowed('order-service-reaches-bing', '"Connecting to www.bing.com (13.107.21.237:80) remote file exists" (Test Connectivity)', ORDER_SERVICE, { fqdn: 'www.bing.com', port: 80 }),
  allowed('order-service-reaches-product-service', '"product-service (10.0.96.101:3002) open" (Test Connectivity)', ORDER_SERVICE, servicePort(PETS, 'product-service', 3002)),
];

/**
 * The hardened profile's store: the store still takes orders, but its default-deny and the
 * store's policies block what "Test Connectivity" tried from order-service.
 */
export const HARDENED_STORE_CLAIMS: readonly Claim[] = [
  ...STORE_CLAIMS.slice(0, -2),
  blocked('order-service-reaches-bing', 'the hardened profile\'s default-deny: order-service may reach only RabbitMQ (and kube-dns for its name)', ORDER_SERVICE, { fqdn: 'www.bing.com', port: 80 }),
  blocked('order-service-reaches-product-service', 'the hardened profile\'s store policies: product-service admits only the store front', ORDER_SERVICE, servicePort(PETS, 'product-service', 3002)),
];
