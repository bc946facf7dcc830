import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-30';
import { StoreComponent } from './store-workloads';
import { IContainerResources } from '../core/resources';

/** The container images of the AKS Store demo app. */
export interface StoreImages {
  /** The RabbitMQ message queue. */
  readonly rabbitmq: string;
  /** The order service (Node.js, Fastify). */
  readonly orderService: string;
  /** The product service (Rust). */
  readonly productService: string;
  /** The store front (Vue.js). */
  readonly storeFront: string;
  /** The order service's init container that waits for RabbitMQ. */
  readonly waitForRabbitmq: string;
}

/** Names of the published versions of the AKS Store quickstart manifest. */
export const STORE_RELEASE_NAMES = ['workshop-era', 'current'] as const;

/** The name of a published version of the AKS Store quickstart manifest. */
export type StoreReleaseName = typeof STORE_RELEASE_NAMES[number];

/** A published version of `aks-store-quickstart.yaml`: what differs between versions. */
export interface StoreRelease {
  /** The preset's name. */
  readonly name: StoreReleaseName;
  /** The tag of the three aks-store-demo service images. */
  readonly tag: string;
  /** Default images. */
  readonly images: StoreImages;
  /** Default resources per component. */
  readonly resources: Readonly<Record<StoreComponent, IContainerResources>>;
  /**
   * Content of the `rabbitmq-enabled-plugins` ConfigMap mounted into RabbitMQ.
   * @default - no ConfigMap; RabbitMQ runs with its image's plugins
   */
  readonly rabbitmqEnabledPlugins?: string;
  /** Whether RabbitMQ has TCP startup, readiness and liveness probes on 5672. */
  readonly rabbitmqProbes: boolean;
  /** Whether the store front gets `VUE_APP_ORDER_SERVICE_URL` and `VUE_APP_PRODUCT_SERVICE_URL`. */
  readonly storeFrontServiceUrls: boolean;
}

/** The registry the aks-store-demo service images come from. */
export const DEFAULT_AKS_STORE_REGISTRY = 'ghcr.io/azure-samples/aks-store-demo';

function resources(cpuRequest: number, cpuLimit: number, memoryRequestMi: number, memoryLimitMi: number): IContainerResources {
  return {
    cpu: { request: Cpu.millis(cpuRequest), limit: Cpu.millis(cpuLimit) },
    memory: { request: Size.mebibytes(memoryRequestMi), limit: Size.mebibytes(memoryLimitMi) },
  };
}

const RESOURCES: Record<StoreComponent, IContainerResources> = {
  rabbitmq: resources(10, 250, 128, 256),
  orderService: resources(1, 75, 50, 128),
  productService: resources(1, 2, 1, 20),
  storeFront: resources(1, 1000, 200, 512),
};

/** @internal The images of the three aks-store-demo services from `registry` with `tag`. */
export function aksStoreImages(registry: string, tag: string): Pick<StoreImages, 'orderService' | 'productService' | 'storeFront'> {
  return {
    orderService: `${registry}/order-service:${tag}`,
    productService: `${registry}/product-service:${tag}`,
    storeFront: `${registry}/store-front:${tag}`,
  };
}

/**
 * The published versions of the AKS Store quickstart, by name.
 *
 * - `workshop-era`: `aks-store-quickstart.yaml` at aks-store-demo commit afe11f4 (Nov 2024),
 *   the version the workshop ran against: `:latest` images, RabbitMQ 3.10 with the
 *   `rabbitmq-enabled-plugins` ConfigMap.
 * - `current`: the file on aks-store-demo `main` (images 2.2.0, RabbitMQ 4.3.2 with TCP probes,
 *   no plugins ConfigMap, no service URLs on the store front).
 */
export const STORE_RELEASES: Readonly<Record<StoreReleaseName, StoreRelease>> = {
  'workshop-era': {
    name: 'workshop-era',
    tag: 'latest',
    images: {
      rabbitmq: 'mcr.microsoft.com/mirror/docker/library/rabbitmq:3.10-management-alpine',
      ...aksStoreImages(DEFAULT_AKS_STORE_REGISTRY, 'latest'),
      waitForRabbitmq: 'busybox',
    },
    resources: RESOURCES,
    rabbitmqEnabledPlugins: '[rabbitmq_management,rabbitmq_prometheus,rabbitmq_amqp1_0].\n',
    rabbitmqProbes: false,
    storeFrontServiceUrls: true,
  },
  'current': {
    name: 'current',
    tag: '2.2.0',
    images: {
      rabbitmq: 'rabbitmq:4.3.2-management-alpine',
      ...aksStoreImages(DEFAULT_AKS_STORE_REGISTRY, '2.2.0'),
      waitForRabbitmq: 'busybox:1.37.0',
    },
    resources: RESOURCES,
    rabbitmqProbes: true,
    storeFrontServiceUrls: false,
  },
};
