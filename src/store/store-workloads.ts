import { Workload } from '../core/workload';

/** The AKS Store's services as other constructs see them: names, pod labels, ports. */
export interface AksStoreWorkloads {
  /** The namespace the app runs in. */
  readonly namespace: string;
  /** RabbitMQ (AMQP on 5672, management UI on 15672). */
  readonly rabbitmq: Workload;
  /** The order service (HTTP on 3000). */
  readonly orderService: Workload;
  /** The product service (HTTP on 3002). */
  readonly productService: Workload;
  /** The store front (container port 8080, Service port 80). */
  readonly storeFront: Workload;
}

/**
 * The AKS Store's workloads in `namespace`, without creating any object: for bundles that
 * refer to a store deployed by another bundle (the workshop's network policies and mesh
 * rules refer to the store deployed in its own section).
 */
export function aksStoreWorkloads(namespace: string): AksStoreWorkloads {
  const workload = (name: string, ports: Workload['ports']): Workload => ({ name, namespace, podLabels: { app: name }, ports });
  return {
    namespace,
    rabbitmq: workload('rabbitmq', [
      { name: 'rabbitmq-amqp', containerPort: 5672, servicePort: 5672, protocol: 'TCP' },
      { name: 'rabbitmq-http', containerPort: 15672, servicePort: 15672, protocol: 'TCP' },
    ]),
    orderService: workload('order-service', [{ containerPort: 3000, servicePort: 3000, protocol: 'TCP' }]),
    productService: workload('product-service', [{ containerPort: 3002, servicePort: 3002, protocol: 'TCP' }]),
    storeFront: workload('store-front', [{ name: 'store-front', containerPort: 8080, servicePort: 80, protocol: 'TCP' }]),
  };
}
