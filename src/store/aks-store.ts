import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import {
  aksStoreImages,
  DEFAULT_AKS_STORE_REGISTRY,
  STORE_RELEASES,
  StoreComponent,
  StoreImages,
  StoreRelease,
  StoreReleaseName,
} from './store-release';
import { aksStoreWorkloads, AksStoreWorkloads } from './store-workloads';
import { ContainerResources, toResourceRequirements } from '../core/resources';
import {
  InvalidPropError,
  requireDns1123Label,
  requireNonNegativeInteger,
  requireOneOf,
  requireToken,
} from '../core/validation';
import { Workload } from '../core/workload';
import { DEFAULT_ISTIO_REVISION, ISTIO_REVISION_LABEL, requireIstioRevision } from '../mesh/istio-revision';

/** How the store front's Service is exposed. */
export type StoreFrontServiceType = 'LoadBalancer' | 'ClusterIP' | 'NodePort';

/** Replica counts of the stateless store services. RabbitMQ always runs one replica. */
export interface StoreReplicas {
  /**
   * Order service replicas.
   * @default 1
   */
  readonly orderService?: number;
  /**
   * Product service replicas.
   * @default 1
   */
  readonly productService?: number;
  /**
   * Store front replicas.
   * @default 1
   */
  readonly storeFront?: number;
}

/** Props of {@link AksStore}. */
export interface AksStoreProps {
  /**
   * The namespace the app runs in. The AKS Deep Dives workshop uses `pets`, the Advanced
   * AKS workshop `aks-store`.
   * @default 'pets'
   */
  readonly namespace?: string;
  /**
   * Whether the Namespace object is part of the app. Turn it off when the namespace is
   * managed elsewhere; labels (such as the Istio revision) then cannot be added here.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Which published version of `aks-store-quickstart.yaml` to reproduce.
   * @default 'workshop-era'
   */
  readonly release?: StoreReleaseName;
  /**
   * Registry of the order-service, product-service and store-front images (for a mirror
   * such as an ACR).
   * @default 'ghcr.io/azure-samples/aks-store-demo'
   */
  readonly imageRegistry?: string;
  /**
   * Tag of the order-service, product-service and store-front images.
   * @default - the release's tag: 'latest' (workshop-era) or '2.2.0' (current)
   */
  readonly imageTag?: string;
  /**
   * Images to use instead of the release's, per container; wins over `imageRegistry` and
   * `imageTag`.
   * @default - the release's images
   */
  readonly images?: Partial<StoreImages>;
  /**
   * Replica counts.
   * @default - one replica of each service
   */
  readonly replicas?: StoreReplicas;
  /**
   * Resources per component, replacing the release's for that component.
   * @default - the release's resources
   */
  readonly resources?: Partial<Record<StoreComponent, ContainerResources>>;
  /**
   * Type of the store front's Service.
   * @default 'LoadBalancer'
   */
  readonly storeFrontServiceType?: StoreFrontServiceType;
  /**
   * AKS Istio add-on revision (`asm-1-22`) whose sidecars are injected into the app's pods:
   * labels the namespace `istio.io/rev=<revision>`. Pods that already run need a restart.
   * @default - no sidecar injection
   */
  readonly istioRevision?: string;
}

const RELEASE_NAMES = Object.keys(STORE_RELEASES) as StoreReleaseName[];
const SERVICE_TYPES: readonly StoreFrontServiceType[] = ['LoadBalancer', 'ClusterIP', 'NodePort'];
const LINUX_NODES = { 'kubernetes.io/os': 'linux' };
const RABBITMQ_USER = 'username';
const RABBITMQ_PASSWORD = 'password';
const PLUGINS_CONFIGMAP = 'rabbitmq-enabled-plugins';

interface ProbeTiming {
  readonly failureThreshold: number;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
}

function httpHealthProbe(port: number, timing: ProbeTiming): k8s.Probe {
  return { httpGet: { path: '/health', port: k8s.IntOrString.fromNumber(port) }, ...timing };
}

function tcpProbe(port: number, timing: ProbeTiming): k8s.Probe {
  return { tcpSocket: { port: k8s.IntOrString.fromNumber(port) }, ...timing };
}

function env(vars: Record<string, string>): k8s.EnvVar[] {
  return Object.entries(vars).map(([name, value]) => ({ name, value }));
}

/**
 * The AKS Store demo app (store-front, order-service, product-service and RabbitMQ) in its
 * own namespace, as the workshop deploys it from `aks-store-quickstart.yaml`.
 *
 * Defaults reproduce the workshop-era quickstart in namespace `pets`. Each service is exposed
 * as a {@link Workload} so policies, meshes and monitors can refer to it.
 *
 * @example
 * const store = new AksStore(chart, 'store', { namespace: 'aks-store', release: 'current' });
 * store.storeFront.ports[0].servicePort; // 80
 */
export class AksStore extends Construct implements AksStoreWorkloads {
  /** The namespace the app runs in. */
  public readonly namespace: string;
  /** The preset the app was built from. */
  public readonly release: StoreRelease;
  /** The images in use. */
  public readonly images: StoreImages;
  /**
   * The Namespace object.
   * @default - undefined when `createNamespace` is false
   */
  public readonly namespaceObject?: k8s.KubeNamespace;
  /** The RabbitMQ StatefulSet and Service (AMQP on 5672, management UI on 15672). */
  public readonly rabbitmq: Workload;
  /** The order service Deployment and Service (HTTP on 3000). */
  public readonly orderService: Workload;
  /** The product service Deployment and Service (HTTP on 3002). */
  public readonly productService: Workload;
  /** The store front Deployment and Service (container 8080, Service port 80). */
  public readonly storeFront: Workload;

  private readonly props: AksStoreProps;

  constructor(scope: Construct, id: string, props: AksStoreProps = {}) {
    super(scope, id);
    this.props = props;
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'pets');
    this.release = STORE_RELEASES[requireOneOf(this, 'release', props.release ?? 'workshop-era', RELEASE_NAMES)];
    this.images = this.resolveImages();
    const serviceType = requireOneOf(this, 'storeFrontServiceType', props.storeFrontServiceType ?? 'LoadBalancer', SERVICE_TYPES);

    const workloads = aksStoreWorkloads(this.namespace);
    this.rabbitmq = workloads.rabbitmq;
    this.orderService = workloads.orderService;
    this.productService = workloads.productService;
    this.storeFront = workloads.storeFront;

    if (props.createNamespace ?? true) {
      this.namespaceObject = new k8s.KubeNamespace(this, 'namespace', { metadata: { name: this.namespace } });
    }
    this.addRabbitmq();
    this.addOrderService();
    this.addProductService();
    this.addStoreFront(serviceType);
    if (props.istioRevision !== undefined) this.enableSidecarInjection(props.istioRevision);
  }

  /**
   * Turns on Istio sidecar injection for the app's namespace (label `istio.io/rev`). Pods
   * created before the label need a restart (`kubectl rollout restart`) to get a sidecar.
   */
  public enableSidecarInjection(revision: string = DEFAULT_ISTIO_REVISION): void {
    this.addNamespaceLabel(ISTIO_REVISION_LABEL, requireIstioRevision(this, 'istioRevision', revision));
  }

  /**
   * Adds a label to the app's Namespace object (for example `istio.io/rev` for sidecar
   * injection). Throws when the namespace is not created by this construct.
   */
  public addNamespaceLabel(key: string, value: string): void {
    if (!this.namespaceObject) {
      throw new InvalidPropError(this, 'createNamespace', false,
        `must be true to label the namespace (label ${key}=${value}); label the namespace where it is managed instead`);
    }
    this.namespaceObject.metadata.addLabel(key, value);
  }

  private resolveImages(): StoreImages {
    const { imageRegistry, imageTag, images = {} } = this.props;
    const services = imageRegistry !== undefined || imageTag !== undefined
      ? aksStoreImages(
        requireToken(this, 'imageRegistry', imageRegistry ?? DEFAULT_AKS_STORE_REGISTRY),
        requireToken(this, 'imageTag', imageTag ?? this.release.tag))
      : {};
    const merged: StoreImages = { ...this.release.images, ...services, ...images };
    for (const [key, image] of Object.entries(merged)) requireToken(this, `images.${key}`, image);
    return merged;
  }

  private replicas(component: keyof StoreReplicas): number {
    return requireNonNegativeInteger(this, `replicas.${component}`, this.props.replicas?.[component] ?? 1);
  }

  private resources(component: StoreComponent): k8s.ResourceRequirements {
    const resources = this.props.resources?.[component] ?? this.release.resources[component];
    return toResourceRequirements(this, `resources.${component}`, resources);
  }

  private metadata(name: string): k8s.ObjectMeta {
    return { name, namespace: this.namespace };
  }

  private containerPorts(workload: Workload): k8s.ContainerPort[] {
    return workload.ports.map((p) => ({ containerPort: p.containerPort, name: p.name }));
  }

  private podTemplate(workload: Workload, spec: Omit<k8s.PodSpec, 'nodeSelector'>): k8s.PodTemplateSpec {
    return { metadata: { labels: { ...workload.podLabels } }, spec: { nodeSelector: LINUX_NODES, ...spec } };
  }

  private addService(workload: Workload, type: StoreFrontServiceType, portNames: boolean): void {
    new k8s.KubeService(this, `${workload.name}-service`, {
      metadata: this.metadata(workload.name),
      spec: {
        type,
        selector: { ...workload.podLabels },
        ports: workload.ports.map((p) => ({
          name: portNames ? p.name ?? 'http' : undefined,
          port: p.servicePort,
          targetPort: k8s.IntOrString.fromNumber(p.containerPort),
        })),
      },
    });
  }

  private addRabbitmq(): void {
    const rabbitmq = this.rabbitmq;
    const plugins = this.release.rabbitmqEnabledPlugins;
    const amqp = rabbitmq.ports[0].containerPort;
    new k8s.KubeStatefulSet(this, 'rabbitmq', {
      metadata: this.metadata(rabbitmq.name),
      spec: {
        serviceName: rabbitmq.name,
        replicas: 1,
        selector: { matchLabels: { ...rabbitmq.podLabels } },
        template: this.podTemplate(rabbitmq, {
          containers: [{
            name: rabbitmq.name,
            image: this.images.rabbitmq,
            ports: this.containerPorts(rabbitmq),
            env: env({ RABBITMQ_DEFAULT_USER: RABBITMQ_USER, RABBITMQ_DEFAULT_PASS: RABBITMQ_PASSWORD }),
            resources: this.resources('rabbitmq'),
            ...(this.release.rabbitmqProbes ? {
              startupProbe: tcpProbe(amqp, { failureThreshold: 30, initialDelaySeconds: 10, periodSeconds: 10 }),
              readinessProbe: tcpProbe(amqp, { failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5 }),
              livenessProbe: tcpProbe(amqp, { failureThreshold: 3, initialDelaySeconds: 30, periodSeconds: 10 }),
            } : {}),
            volumeMounts: plugins === undefined ? undefined : [
              { name: PLUGINS_CONFIGMAP, mountPath: '/etc/rabbitmq/enabled_plugins', subPath: 'enabled_plugins' },
            ],
          }],
          volumes: plugins === undefined ? undefined : [{
            name: PLUGINS_CONFIGMAP,
            configMap: { name: PLUGINS_CONFIGMAP, items: [{ key: 'rabbitmq_enabled_plugins', path: 'enabled_plugins' }] },
          }],
        }),
      },
    });
    if (plugins !== undefined) {
      new k8s.KubeConfigMap(this, 'rabbitmq-enabled-plugins', {
        metadata: this.metadata(PLUGINS_CONFIGMAP),
        data: { rabbitmq_enabled_plugins: plugins },
      });
    }
    this.addService(rabbitmq, 'ClusterIP', true);
  }

  private addOrderService(): void {
    const orderService = this.orderService;
    const port = orderService.ports[0].containerPort;
    const amqp = this.rabbitmq.ports[0].servicePort;
    const resources = this.resources('orderService');
    new k8s.KubeDeployment(this, 'order-service', {
      metadata: this.metadata(orderService.name),
      spec: {
        replicas: this.replicas('orderService'),
        selector: { matchLabels: { ...orderService.podLabels } },
        template: this.podTemplate(orderService, {
          containers: [{
            name: orderService.name,
            image: this.images.orderService,
            ports: this.containerPorts(orderService),
            env: env({
              ORDER_QUEUE_HOSTNAME: this.rabbitmq.name,
              ORDER_QUEUE_PORT: String(amqp),
              ORDER_QUEUE_USERNAME: RABBITMQ_USER,
              ORDER_QUEUE_PASSWORD: RABBITMQ_PASSWORD,
              ORDER_QUEUE_NAME: 'orders',
              FASTIFY_ADDRESS: '0.0.0.0',
            }),
            resources,
            startupProbe: httpHealthProbe(port, { failureThreshold: 5, initialDelaySeconds: 20, periodSeconds: 10 }),
            readinessProbe: httpHealthProbe(port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 5 }),
            livenessProbe: httpHealthProbe(port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
          initContainers: [{
            name: 'wait-for-rabbitmq',
            image: this.images.waitForRabbitmq,
            command: ['sh', '-c', `until nc -zv ${this.rabbitmq.name} ${amqp}; do echo waiting for rabbitmq; sleep 2; done;`],
            resources,
          }],
        }),
      },
    });
    this.addService(orderService, 'ClusterIP', true);
  }

  private addProductService(): void {
    const productService = this.productService;
    const port = productService.ports[0].containerPort;
    new k8s.KubeDeployment(this, 'product-service', {
      metadata: this.metadata(productService.name),
      spec: {
        replicas: this.replicas('productService'),
        selector: { matchLabels: { ...productService.podLabels } },
        template: this.podTemplate(productService, {
          containers: [{
            name: productService.name,
            image: this.images.productService,
            ports: this.containerPorts(productService),
            env: env({ AI_SERVICE_URL: 'http://ai-service:5001/' }),
            resources: this.resources('productService'),
            readinessProbe: httpHealthProbe(port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 5 }),
            livenessProbe: httpHealthProbe(port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
        }),
      },
    });
    this.addService(productService, 'ClusterIP', true);
  }

  private addStoreFront(serviceType: StoreFrontServiceType): void {
    const storeFront = this.storeFront;
    const port = storeFront.ports[0].containerPort;
    const serviceUrl = (w: Workload) => `http://${w.name}:${w.ports[0].servicePort}/`;
    new k8s.KubeDeployment(this, 'store-front', {
      metadata: this.metadata(storeFront.name),
      spec: {
        replicas: this.replicas('storeFront'),
        selector: { matchLabels: { ...storeFront.podLabels } },
        template: this.podTemplate(storeFront, {
          containers: [{
            name: storeFront.name,
            image: this.images.storeFront,
            ports: this.containerPorts(storeFront),
            env: this.release.storeFrontServiceUrls ? env({
              VUE_APP_ORDER_SERVICE_URL: serviceUrl(this.orderService),
              VUE_APP_PRODUCT_SERVICE_URL: serviceUrl(this.productService),
            }) : undefined,
            resources: this.resources('storeFront'),
            startupProbe: httpHealthProbe(port, { failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5 }),
            readinessProbe: httpHealthProbe(port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 3 }),
            livenessProbe: httpHealthProbe(port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
        }),
      },
    });
    this.addService(storeFront, serviceType, false);
  }
}
