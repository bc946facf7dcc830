import { Claim } from '../analysis/claims';
import { ConnectionSource, ConnectionTarget } from '../analysis/claims/claim';

/** Pods labelled `app: <app>` in `namespace`, as a claim's source. */
export function appPods(namespace: string, app: string): ConnectionSource {
  return { namespace, labels: { app } };
}

/** A Service port, looked up by the name the client uses (default: the short name in its own namespace). */
export function servicePort(namespace: string, service: string, port: number, host?: string): ConnectionTarget {
  return { namespace, service, port, ...(host !== undefined ? { host } : {}) };
}

/** A claim that the connection is allowed. */
export function allowed(id: string, description: string, from: ConnectionSource, to: ConnectionTarget): Claim {
  return { id, description, from, to, expect: 'allowed' };
}

/** A claim that the connection is blocked. */
export function blocked(id: string, description: string, from: ConnectionSource, to: ConnectionTarget): Claim {
  return { id, description, from, to, expect: 'blocked' };
}

/** The store's own flows: store-front to order-service and product-service, order-service to RabbitMQ. */
export function storeFlows(namespace: string, description: string): Claim[] {
  return [
    allowed('store-front-reaches-order-service', description, appPods(namespace, 'store-front'), servicePort(namespace, 'order-service', 3000)),
    allowed('store-front-reaches-product-service', description, appPods(namespace, 'store-front'), servicePort(namespace, 'product-service', 3002)),
    allowed('order-service-reaches-rabbitmq', description, appPods(namespace, 'order-service'), servicePort(namespace, 'rabbitmq', 5672)),
  ];
}
