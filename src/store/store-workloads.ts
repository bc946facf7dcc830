import { INamespaceRef, NamespaceRef } from '../core/namespace-ref';
import { IWorkloadRef, WorkloadAttributes, WorkloadRef } from '../core/workload-ref';

/** The AKS Store as other constructs see it: its namespace and its four services. */
export interface IAksStore {
  /** The namespace the app runs in. */
  readonly namespace: INamespaceRef;
  /** RabbitMQ (AMQP on 5672, management UI on 15672). */
  readonly rabbitmq: IWorkloadRef;
  /** The order service (HTTP on 3000). */
  readonly orderService: IWorkloadRef;
  /** The product service (HTTP on 3002). */
  readonly productService: IWorkloadRef;
  /** The store front (container port 8080, Service port 80). */
  readonly storeFront: IWorkloadRef;
}

/** The four services of the AKS Store. */
export const STORE_COMPONENTS = ['rabbitmq', 'orderService', 'productService', 'storeFront'] as const;

/** One of the four services of the AKS Store. */
export type StoreComponent = typeof STORE_COMPONENTS[number];

/** @internal Names, labels and ports of the store's services in `namespace`, as the quickstart defines them. */
export function storeWorkloadAttributes(namespace: string): Record<StoreComponent, WorkloadAttributes> {
  const workload = (name: string, ports: WorkloadAttributes['ports']): WorkloadAttributes => ({ name, namespace, podLabels: { app: name }, ports, serviceName: name });
  return {
    rabbitmq: workload('rabbitmq', [
      { name: 'rabbitmq-amqp', containerPort: 5672, servicePort: 5672, protocol: 'TCP' },
      { name: 'rabbitmq-http', containerPort: 15672, servicePort: 15672, protocol: 'TCP' },
    ]),
    orderService: workload('order-service', [{ containerPort: 3000, servicePort: 3000, protocol: 'TCP' }]),
    productService: workload('product-service', [{ containerPort: 3002, servicePort: 3002, protocol: 'TCP' }]),
    storeFront: workload('store-front', [{ name: 'store-front', containerPort: 8080, servicePort: 80, protocol: 'TCP' }]),
  };
}

/** @internal The store deployed elsewhere (by another bundle) in `namespace`. */
export function aksStoreInNamespace(namespace: string): IAksStore {
  const attributes = storeWorkloadAttributes(namespace);
  return {
    namespace: NamespaceRef.named(namespace),
    rabbitmq: WorkloadRef.fromAttributes(attributes.rabbitmq),
    orderService: WorkloadRef.fromAttributes(attributes.orderService),
    productService: WorkloadRef.fromAttributes(attributes.productService),
    storeFront: WorkloadRef.fromAttributes(attributes.storeFront),
  };
}
