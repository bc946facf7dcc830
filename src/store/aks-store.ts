import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import {
  ORDER_SERVICE_NPM_ENV,
  RABBITMQ_KEY_VAULT_SECRETS,
  STORE_EPHEMERAL_STORAGE,
  STORE_RUN_AS,
  STORE_WRITABLE_FOLDERS,
} from './store-hardening';
import {
  aksStoreImages,
  DEFAULT_AKS_STORE_REGISTRY,
  STORE_RELEASE_NAMES,
  STORE_RELEASES,
  StoreImages,
  StoreRelease,
  StoreReleaseName,
} from './store-release';
import { StoreService } from './store-service';
import { aksStoreInNamespace, IAksStore, STORE_COMPONENTS, StoreComponent, storeWorkloadAttributes } from './store-workloads';
import { secretEnv } from '../core/credentials';
import { hardenedResources, httpGetProbe, tcpSocketProbe, workloadServiceAccount, writableMounts, writableVolumes } from '../core/hardening';
import { requireImageRegistry, requireImageTag } from '../core/images';
import { InvalidPropError } from '../core/invalid-prop-error';
import { KeyVaultSecretSync, KeyVaultSource, resolveCredentials, WorkloadCredentials } from '../core/key-vault-secrets';
import { clusterScoped, INamespaceRef, namespaceFor, NamespaceRef } from '../core/namespace-ref';
import {
  POD_SECURITY_LEVELS,
  PodSecurityLabelRules,
  PodSecurityLevel,
  podSecurityLabels,
  Profile,
  PROFILE_POD_SECURITY,
  requirePinnedImage,
  requirePodSecurityLabels,
  requireProfile,
  restrictedSecurity,
} from '../core/profile';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import {
  KnownKeys,
  requireBoolean,
  requireImage,
  requireKnownKeys,
  requireLabels,
  requireNonNegativeInteger,
  requireOneOf,
  requireProps,
} from '../core/validation';
import { IWorkloadRef, servicePortOf } from '../core/workload-ref';

/** How the store front's Service can be exposed. */
export const STORE_FRONT_SERVICE_TYPES = ['LoadBalancer', 'ClusterIP', 'NodePort'] as const;

/** How the store front's Service is exposed. */
export type StoreFrontServiceType = typeof STORE_FRONT_SERVICE_TYPES[number];

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
   * @default - the chart's `namespace`, else 'pets'
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
   * @default 'workshop-era' ('current' in the hardened profile, whose images are pinned)
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
   * Resources per component, replacing the release's for that component
   * (`{ cpu: { request: Cpu.millis(10) }, memory: { limit: Size.mebibytes(256) } }`).
   * @default - the release's resources
   */
  readonly resources?: Partial<Record<StoreComponent, IContainerResources>>;
  /**
   * Type of the store front's Service.
   * @default 'LoadBalancer'
   */
  readonly storeFrontServiceType?: StoreFrontServiceType;
  /**
   * More labels for the Namespace object (sidecar injection, Pod Security admission, ...).
   * Pod Security labels must name levels and versions admission knows; in the hardened profile
   * a `pod-security.kubernetes.io/enforce` below `restricted` is refused unless
   * `allowWeakerPodSecurity` names that level.
   * @default - none (the hardened profile adds the Pod Security labels for `restricted`)
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * In the hardened profile, the weakest Pod Security level `namespaceLabels` (and
   * {@link AksStore.addNamespaceLabel}) may set as `pod-security.kubernetes.io/enforce`, below the
   * profile's `restricted`: a weaker namespace is asked for by naming its level (`'baseline'`
   * allows `baseline`; `'privileged'` allows both).
   * @default - none: the namespace enforces `restricted`
   */
  readonly allowWeakerPodSecurity?: PodSecurityLevel;
  /**
   * `workshop` reproduces the quickstart; `hardened` runs every pod under the `restricted`
   * Pod Security Standard (the namespace enforces it) as a user and group of 10000 or more,
   * with a read-only root file system (size-limited `emptyDir`s where the images write),
   * requests and limits of CPU, memory and ephemeral storage, liveness and readiness probes and
   * a ServiceAccount per component whose token is not mounted; it takes RabbitMQ's credentials
   * from a Secret (synced from Key Vault with `rabbitmqCredentials.keyVault`) and refuses images
   * without a fixed version. The store's network policies are not part of it: the workshop's
   * charts add them (`StoreNetworkPolicies`).
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * In the hardened profile, the Secret with RabbitMQ's `username` and `password`, which RabbitMQ
   * and the order service read. By default it is created outside the bundle (`kubectl create
   * secret generic rabbitmq-credentials -n <namespace> --from-literal=username=...
   * --from-literal=password=...`); with `keyVault`, each of the two workloads gets a
   * SecretProviderClass (`rabbitmq-key-vault`, `order-service-key-vault`) that syncs it from the
   * Key Vault secrets `rabbitmq-username` and `rabbitmq-password` with the workload's own
   * ServiceAccount; with `values` (an explicit request) the bundle holds it in plain text.
   * @default - a Secret `rabbitmq-credentials` created outside the bundle
   */
  readonly rabbitmqCredentials?: WorkloadCredentials;
}
/** Options of {@link AksStore.addNamespaceLabel}. */
export interface NamespaceLabelOptions {
  /**
   * In the hardened profile, the weakest Pod Security level the label may set as
   * `pod-security.kubernetes.io/enforce`, below the profile's `restricted` (as the store's
   * `allowWeakerPodSecurity` prop does for `namespaceLabels`).
   * @default - the store's `allowWeakerPodSecurity`
   */
  readonly allowWeakerPodSecurity?: PodSecurityLevel;
}

const AKS_STORE_PROPS: KnownKeys<AksStoreProps> = {
  namespace: true,
  createNamespace: true,
  release: true,
  imageRegistry: true,
  imageTag: true,
  images: true,
  replicas: true,
  resources: true,
  storeFrontServiceType: true,
  namespaceLabels: true,
  allowWeakerPodSecurity: true,
  profile: true,
  rabbitmqCredentials: true,
};
const STORE_REPLICAS: KnownKeys<StoreReplicas> = { orderService: true, productService: true, storeFront: true };
const NAMESPACE_LABEL_OPTIONS: KnownKeys<NamespaceLabelOptions> = { allowWeakerPodSecurity: true };

const LINUX_NODES = { 'kubernetes.io/os': 'linux' };
const RABBITMQ_USER = 'username';
const RABBITMQ_PASSWORD = 'password';
const PLUGINS_CONFIGMAP = 'rabbitmq-enabled-plugins';

/** `list`, or undefined when it is empty (so that no empty field is written). */
function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

function env(vars: Record<string, string>): k8s.EnvVar[] {
  return Object.entries(vars).map(([name, value]) => ({ name, value }));
}

/**
 * The AKS Store demo app (store-front, order-service, product-service and RabbitMQ) in its
 * own namespace, as the workshop deploys it from `aks-store-quickstart.yaml`.
 *
 * Defaults reproduce the workshop-era quickstart in namespace `pets`. Each service is a
 * workload ({@link IWorkloadRef}) that policies, meshes and monitors can refer to.
 *
 * @example
 * const store = new AksStore(chart, 'store', { namespace: 'aks-store', release: 'current' });
 * store.storeFront.ports[0].servicePort; // 80
 */
export class AksStore extends Construct implements IAksStore {
  /**
   * The AKS Store deployed elsewhere (by another bundle, or `kubectl apply -f
   * aks-store-quickstart.yaml -n <namespace>`): its workloads, for policies and routes.
   */
  public static fromNamespace(namespace: string): IAksStore {
    if (typeof namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63) {
      throw new Error(`AksStore.fromNamespace: invalid namespace ${JSON.stringify(namespace)}: must be a DNS-1123 label`);
    }
    return aksStoreInNamespace(namespace);
  }

  /** The namespace the app runs in (backed by its Namespace object unless `createNamespace` is false). */
  public readonly namespace: INamespaceRef;
  /** The preset the app was built from. */
  public readonly release: StoreRelease;
  /** The images in use. */
  public readonly images: StoreImages;
  /**
   * The Namespace object.
   * @default - undefined when `createNamespace` is false
   */
  public readonly namespaceObject?: ApiObject;
  /** The RabbitMQ StatefulSet and Service (AMQP on 5672, management UI on 15672). */
  public readonly rabbitmq: StoreService;
  /** The order service Deployment and Service (HTTP on 3000). */
  public readonly orderService: StoreService;
  /** The product service Deployment and Service (HTTP on 3002). */
  public readonly productService: StoreService;
  /** The store front Deployment and Service (container 8080, Service port 80). */
  public readonly storeFront: StoreService;
  /** The profile the store is written in. */
  public readonly profile: Profile;

  private readonly props: AksStoreProps;
  /** The Secret with RabbitMQ's credentials (hardened profile). */
  private readonly rabbitmqSecret?: string;
  /** The Key Vault RabbitMQ's credentials are synced from (hardened profile). */
  private readonly rabbitmqKeyVault?: KeyVaultSource;
  /** The weakest Pod Security level the props asked for by name. */
  private readonly allowWeakerPodSecurity?: PodSecurityLevel;

  constructor(scope: Construct, id: string, props: AksStoreProps = {}) {
    super(scope, id);
    this.props = requireProps(this, props, "{ namespace: 'pets', release: 'current' }", AKS_STORE_PROPS);
    const namespace = namespaceFor(this, props.namespace, 'pets');
    this.profile = requireProfile(this, 'profile', props.profile);
    if (props.allowWeakerPodSecurity !== undefined) {
      this.allowWeakerPodSecurity = requireOneOf(this, 'allowWeakerPodSecurity', props.allowWeakerPodSecurity, POD_SECURITY_LEVELS);
      if (PROFILE_POD_SECURITY[this.profile] === undefined) {
        throw new InvalidPropError(this, 'allowWeakerPodSecurity', props.allowWeakerPodSecurity,
          "needs profile 'hardened': the workshop profile's namespace enforces no Pod Security level to weaken");
      }
    }
    // The workshop-era images are ':latest', which the hardened profile refuses.
    const release = props.release ?? (this.profile === 'hardened' ? 'current' : 'workshop-era');
    this.release = STORE_RELEASES[requireOneOf(this, 'release', release, STORE_RELEASE_NAMES)];
    this.images = this.resolveImages();
    const serviceType = requireOneOf(this, 'storeFrontServiceType', props.storeFrontServiceType ?? 'LoadBalancer', STORE_FRONT_SERVICE_TYPES);
    if (props.replicas !== undefined) requireKnownKeys(this, 'replicas', props.replicas, STORE_REPLICAS, 'components of the store');
    if (props.resources !== undefined) requireKnownKeys(this, 'resources', props.resources, STORE_COMPONENTS, 'components of the store');

    if (requireBoolean(this, 'createNamespace', props.createNamespace ?? true)) {
      const given = props.namespaceLabels === undefined ? undefined : requireLabels(this, 'namespaceLabels', props.namespaceLabels);
      if (given !== undefined) requirePodSecurityLabels(this, 'namespaceLabels', given, this.podSecurityRules(this.allowWeakerPodSecurity, 'allowWeakerPodSecurity'));
      const labels = this.profile === 'hardened' ? { ...podSecurityLabels('restricted'), ...given } : given;
      this.namespaceObject = clusterScoped(new k8s.KubeNamespace(this, 'namespace', { metadata: { name: namespace, labels } }));
      this.namespace = NamespaceRef.fromObject(this.namespaceObject);
    } else {
      if (props.namespaceLabels !== undefined) {
        throw new InvalidPropError(this, 'namespaceLabels', props.namespaceLabels, 'needs createNamespace: true; label the namespace where it is managed instead');
      }
      this.namespace = NamespaceRef.named(namespace);
    }
    if (this.profile === 'hardened') {
      const credentials = resolveCredentials(this, 'rabbitmqCredentials', props.rabbitmqCredentials,
        { defaultName: 'rabbitmq-credentials', namespace, keys: [RABBITMQ_USER, RABBITMQ_PASSWORD] });
      this.rabbitmqSecret = credentials.secretName;
      this.rabbitmqKeyVault = credentials.keyVault;
    } else if (props.rabbitmqCredentials !== undefined) {
      throw new InvalidPropError(this, 'rabbitmqCredentials', '(given)', "needs profile 'hardened': the workshop profile writes the quickstart's literal credentials");
    }
    const attributes = storeWorkloadAttributes(namespace);
    this.rabbitmq = new StoreService(this, 'rabbitmq', attributes.rabbitmq);
    this.orderService = new StoreService(this, 'order-service', attributes.orderService);
    this.productService = new StoreService(this, 'product-service', attributes.productService);
    this.storeFront = new StoreService(this, 'store-front', attributes.storeFront);
    this.addRabbitmq();
    this.addOrderService();
    this.addProductService();
    this.addStoreFront(serviceType);
  }

  /**
   * Adds a label to the app's Namespace object (for example `istio.io/rev` for sidecar
   * injection). Throws when the namespace is not created by this construct, and, in the
   * hardened profile, for a `pod-security.kubernetes.io/enforce` level below `restricted` unless
   * `options.allowWeakerPodSecurity` (or the store's prop) names that level.
   */
  public addNamespaceLabel(key: string, value: string, options: NamespaceLabelOptions = {}): void {
    if (!this.namespaceObject) {
      throw new InvalidPropError(this, 'createNamespace', false,
        `must be true to label the namespace (label ${key}=${value}); label the namespace where it is managed instead`);
    }
    const labels = requireLabels(this, 'namespace label', { [key]: value });
    requireKnownKeys(this, 'namespace label options', options, NAMESPACE_LABEL_OPTIONS, 'an option of addNamespaceLabel');
    const allowWeaker = options.allowWeakerPodSecurity === undefined ? this.allowWeakerPodSecurity
      : requireOneOf(this, 'namespace label options.allowWeakerPodSecurity', options.allowWeakerPodSecurity, POD_SECURITY_LEVELS);
    requirePodSecurityLabels(this, 'namespace label', labels, this.podSecurityRules(allowWeaker, 'addNamespaceLabel option allowWeakerPodSecurity'));
    this.namespaceObject.metadata.addLabel(key, labels[key]);
  }

  private podSecurityRules(allowWeaker: PodSecurityLevel | undefined, allowProp: string): PodSecurityLabelRules {
    return { profile: this.profile, allowWeaker, allowProp };
  }

  private resolveImages(): StoreImages {
    const { imageRegistry, imageTag, images = {} } = this.props;
    const services = imageRegistry !== undefined || imageTag !== undefined
      ? aksStoreImages(
        requireImageRegistry(this, 'imageRegistry', imageRegistry ?? DEFAULT_AKS_STORE_REGISTRY),
        requireImageTag(this, 'imageTag', imageTag ?? this.release.tag))
      : {};
    requireKnownKeys(this, 'images', images, Object.keys(this.release.images), 'containers of the store');
    const merged: StoreImages = { ...this.release.images, ...services, ...images };
    for (const [key, image] of Object.entries(merged)) {
      requirePinnedImage(this, `images.${key}`, requireImage(this, `images.${key}`, image), this.profile);
    }
    return merged;
  }

  private replicas(component: keyof StoreReplicas): number {
    return requireNonNegativeInteger(this, `replicas.${component}`, this.props.replicas?.[component] ?? 1);
  }


  private metadata(name: string): k8s.ObjectMeta {
    return { name, namespace: this.namespace.namespaceName };
  }

  private containerPorts(workload: IWorkloadRef): k8s.ContainerPort[] {
    return workload.ports.map((p) => ({ containerPort: p.containerPort, name: p.name }));
  }

  /**
   * The pod template of `component`. In the hardened profile: its own ServiceAccount (token not
   * mounted), the `restricted` security contexts with a read-only root file system, the folders
   * it writes as size-limited `emptyDir`s in its main container, and, when its credentials come
   * from Key Vault (`keyVault`), the SecretProviderClass volume that syncs them.
   */
  private podTemplate(component: StoreComponent, workload: StoreService, spec: Omit<k8s.PodSpec, 'nodeSelector'>, keyVault?: KeyVaultSecretSync): k8s.PodTemplateSpec {
    const metadata = { labels: { ...workload.podLabels } };
    if (this.profile !== 'hardened') return { metadata, spec: { nodeSelector: LINUX_NODES, ...spec } };
    workloadServiceAccount(workload, 'service-account', { name: workload.name, namespace: workload.namespace });
    const security = restrictedSecurity(STORE_RUN_AS[component]);
    const folders = STORE_WRITABLE_FOLDERS[component];
    const [main, ...sidecars] = spec.containers;
    const mounts = [...writableMounts(folders), ...keyVault === undefined ? [] : [keyVault.volumeMount()]];
    const harden = (c: k8s.Container): k8s.Container => ({ ...c, securityContext: security.container });
    return {
      metadata,
      spec: {
        nodeSelector: LINUX_NODES,
        ...spec,
        serviceAccountName: workload.name,
        automountServiceAccountToken: false,
        securityContext: security.pod,
        containers: [
          { ...harden(main), volumeMounts: mounts.length === 0 ? main.volumeMounts : [...main.volumeMounts ?? [], ...mounts] },
          ...sidecars.map(harden),
        ],
        initContainers: spec.initContainers?.map(harden),
        volumes: nonEmpty([...spec.volumes ?? [], ...writableVolumes(this, `writableFolders.${component}`, folders), ...keyVault === undefined ? [] : [keyVault.volume()]]),
      },
    };
  }

  /**
   * The resources of `component`'s main container: the given or the release's, with (hardened)
   * ephemeral storage for its logs and `emptyDir`s unless the given ones set it.
   */
  private containerResources(component: StoreComponent): k8s.ResourceRequirements {
    const given = this.props.resources?.[component];
    if (this.profile !== 'hardened') return toResourceRequirements(this, `resources.${component}`, given ?? this.release.resources[component]);
    return hardenedResources(this, `resources.${component}`, given, this.release.resources[component], STORE_EPHEMERAL_STORAGE[component], STORE_WRITABLE_FOLDERS[component]);
  }

  /** In the hardened profile with credentials from Key Vault, the SecretProviderClass of `workload` (`<name>-key-vault`). */
  private keyVaultSync(workload: StoreService): KeyVaultSecretSync | undefined {
    if (this.rabbitmqKeyVault === undefined) return undefined;
    return new KeyVaultSecretSync(workload, 'key-vault', {
      name: `${workload.name}-key-vault`,
      namespace: workload.namespace,
      keyVault: this.rabbitmqKeyVault,
      secretName: this.rabbitmqSecret!,
      keys: [RABBITMQ_USER, RABBITMQ_PASSWORD],
      defaultSecretNames: RABBITMQ_KEY_VAULT_SECRETS,
    });
  }

  /** RabbitMQ's user name or password: the quickstart's literal, or (hardened) from the Secret. */
  private rabbitmqCredential(name: string, key: typeof RABBITMQ_USER | typeof RABBITMQ_PASSWORD): k8s.EnvVar {
    return this.rabbitmqSecret === undefined ? { name, value: key } : secretEnv(name, this.rabbitmqSecret, key);
  }

  private addService(workload: StoreService, type: StoreFrontServiceType, portNames: boolean): void {
    new k8s.KubeService(workload, 'service', {
      metadata: this.metadata(workload.serviceName),
      spec: {
        type,
        selector: { ...workload.podLabels },
        ports: workload.ports.map((p) => ({
          name: portNames ? p.name ?? 'http' : undefined,
          port: servicePortOf(p),
          targetPort: k8s.IntOrString.fromNumber(p.containerPort),
        })),
      },
    });
  }

  private addRabbitmq(): void {
    const rabbitmq = this.rabbitmq;
    const plugins = this.release.rabbitmqEnabledPlugins;
    const amqp = rabbitmq.ports[0].containerPort;
    // The hardened profile probes the AMQP port whatever the release: RabbitMQ's own operator does so.
    const probes = this.release.rabbitmqProbes || this.profile === 'hardened';
    new k8s.KubeStatefulSet(rabbitmq, 'statefulset', {
      metadata: this.metadata(rabbitmq.name),
      spec: {
        serviceName: rabbitmq.name,
        replicas: 1,
        selector: { matchLabels: { ...rabbitmq.podLabels } },
        template: this.podTemplate('rabbitmq', rabbitmq, {
          containers: [{
            name: rabbitmq.name,
            image: this.images.rabbitmq,
            ports: this.containerPorts(rabbitmq),
            env: [this.rabbitmqCredential('RABBITMQ_DEFAULT_USER', RABBITMQ_USER), this.rabbitmqCredential('RABBITMQ_DEFAULT_PASS', RABBITMQ_PASSWORD)],
            resources: this.containerResources('rabbitmq'),
            ...(probes ? {
              startupProbe: tcpSocketProbe(amqp, { failureThreshold: 30, initialDelaySeconds: 10, periodSeconds: 10 }),
              readinessProbe: tcpSocketProbe(amqp, { failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5 }),
              livenessProbe: tcpSocketProbe(amqp, { failureThreshold: 3, initialDelaySeconds: 30, periodSeconds: 10 }),
            } : {}),
            volumeMounts: plugins === undefined ? undefined : [
              { name: PLUGINS_CONFIGMAP, mountPath: '/etc/rabbitmq/enabled_plugins', subPath: 'enabled_plugins' },
            ],
          }],
          volumes: plugins === undefined ? undefined : [{
            name: PLUGINS_CONFIGMAP,
            configMap: { name: PLUGINS_CONFIGMAP, items: [{ key: 'rabbitmq_enabled_plugins', path: 'enabled_plugins' }] },
          }],
        }, this.keyVaultSync(rabbitmq)),
      },
    });
    if (plugins !== undefined) {
      new k8s.KubeConfigMap(rabbitmq, 'enabled-plugins', {
        metadata: this.metadata(PLUGINS_CONFIGMAP),
        data: { rabbitmq_enabled_plugins: plugins },
      });
    }
    this.addService(rabbitmq, 'ClusterIP', true);
  }

  private addOrderService(): void {
    const orderService = this.orderService;
    const port = orderService.ports[0].containerPort;
    const amqp = servicePortOf(this.rabbitmq.ports[0]);
    const hardened = this.profile === 'hardened';
    const resources = this.containerResources('orderService');
    // The init container has the order service's CPU and memory, as the quickstart writes it; in the
    // hardened profile its own (small) ephemeral storage.
    const initResources = hardened
      ? toResourceRequirements(this, 'resources.orderService', {
        ...this.props.resources?.orderService ?? this.release.resources.orderService,
        ephemeralStorage: STORE_EPHEMERAL_STORAGE.waitForRabbitmq,
      })
      : resources;
    new k8s.KubeDeployment(orderService, 'deployment', {
      metadata: this.metadata(orderService.name),
      spec: {
        replicas: this.replicas('orderService'),
        selector: { matchLabels: { ...orderService.podLabels } },
        template: this.podTemplate('orderService', orderService, {
          containers: [{
            name: orderService.name,
            image: this.images.orderService,
            ports: this.containerPorts(orderService),
            env: [
              ...env({ ORDER_QUEUE_HOSTNAME: this.rabbitmq.serviceName, ORDER_QUEUE_PORT: String(amqp) }),
              this.rabbitmqCredential('ORDER_QUEUE_USERNAME', RABBITMQ_USER),
              this.rabbitmqCredential('ORDER_QUEUE_PASSWORD', RABBITMQ_PASSWORD),
              ...env({ ORDER_QUEUE_NAME: 'orders', FASTIFY_ADDRESS: '0.0.0.0', ...hardened ? ORDER_SERVICE_NPM_ENV : {} }),
            ],
            resources,
            startupProbe: httpGetProbe('/health', port, { failureThreshold: 5, initialDelaySeconds: 20, periodSeconds: 10 }),
            readinessProbe: httpGetProbe('/health', port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 5 }),
            livenessProbe: httpGetProbe('/health', port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
          initContainers: [{
            name: 'wait-for-rabbitmq',
            image: this.images.waitForRabbitmq,
            command: ['sh', '-c', `until nc -zv ${this.rabbitmq.serviceName} ${amqp}; do echo waiting for rabbitmq; sleep 2; done;`],
            resources: initResources,
          }],
        }, this.keyVaultSync(orderService)),
      },
    });
    this.addService(orderService, 'ClusterIP', true);
  }

  private addProductService(): void {
    const productService = this.productService;
    const port = productService.ports[0].containerPort;
    new k8s.KubeDeployment(productService, 'deployment', {
      metadata: this.metadata(productService.name),
      spec: {
        replicas: this.replicas('productService'),
        selector: { matchLabels: { ...productService.podLabels } },
        template: this.podTemplate('productService', productService, {
          containers: [{
            name: productService.name,
            image: this.images.productService,
            ports: this.containerPorts(productService),
            env: env({ AI_SERVICE_URL: 'http://ai-service:5001/' }),
            resources: this.containerResources('productService'),
            readinessProbe: httpGetProbe('/health', port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 5 }),
            livenessProbe: httpGetProbe('/health', port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
        }),
      },
    });
    this.addService(productService, 'ClusterIP', true);
  }

  private addStoreFront(serviceType: StoreFrontServiceType): void {
    const storeFront = this.storeFront;
    const port = storeFront.ports[0].containerPort;
    const serviceUrl = (w: IWorkloadRef) => `http://${w.serviceName}:${servicePortOf(w.ports[0])}/`;
    new k8s.KubeDeployment(storeFront, 'deployment', {
      metadata: this.metadata(storeFront.name),
      spec: {
        replicas: this.replicas('storeFront'),
        selector: { matchLabels: { ...storeFront.podLabels } },
        template: this.podTemplate('storeFront', storeFront, {
          containers: [{
            name: storeFront.name,
            image: this.images.storeFront,
            ports: this.containerPorts(storeFront),
            env: this.release.storeFrontServiceUrls ? env({
              VUE_APP_ORDER_SERVICE_URL: serviceUrl(this.orderService),
              VUE_APP_PRODUCT_SERVICE_URL: serviceUrl(this.productService),
            }) : undefined,
            resources: this.containerResources('storeFront'),
            startupProbe: httpGetProbe('/health', port, { failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5 }),
            readinessProbe: httpGetProbe('/health', port, { failureThreshold: 3, initialDelaySeconds: 3, periodSeconds: 3 }),
            livenessProbe: httpGetProbe('/health', port, { failureThreshold: 5, initialDelaySeconds: 3, periodSeconds: 3 }),
          }],
        }),
      },
    });
    this.addService(storeFront, serviceType, false);
  }
}
