import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { InputError } from './errors';
import { InvalidPropError } from './invalid-prop-error';
import { PORT_PROTOCOLS, PortProtocol } from './protocols';
import { didYouMean, KnownKeys, unknownKey, requireDns1123Label, requireDns1123Subdomain, requireLabels, requireOneOf, requirePort, requireServiceName } from './validation';


/** A port a workload's pods listen on, and the Service port that forwards to it. */
export interface WorkloadPort {
  /**
   * The container port's name, where the manifest names it.
   * @default - the port is unnamed
   */
  readonly name?: string;
  /** The port the container listens on (what pod-to-pod policies allow). */
  readonly containerPort: number;
  /**
   * The port the workload's Service exposes for it (what clients and meshes address).
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * The transport protocol.
   * @default 'TCP'
   */
  readonly protocol?: PortProtocol;
}

/**
 * Something that runs pods and may have a Service in front of them: what policies select and
 * allow, what an ingress routes to and what a monitor scrapes. The constructs of this library
 * that run pods implement it (`AksStore`'s services, `HubbleUi`, `CurlClient`,
 * `PrometheusReferenceApp`, `ReplicatedMysql`); {@link WorkloadRef} makes one for a workload
 * deployed elsewhere or defined with cdk8s-plus.
 */
export interface IWorkloadRef {
  /** The workload's name (its Deployment or StatefulSet). */
  readonly name: string;
  /** The namespace its pods run in. */
  readonly namespace: string;
  /** Labels its pods carry; selecting on all of them finds exactly its pods. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The ports it serves, the main one first. */
  readonly ports: readonly WorkloadPort[];
  /**
   * The name of the Service in front of its pods.
   * @default - the workload has no Service
   */
  readonly serviceName?: string;
  /**
   * The construct that defines the workload's objects in this app, for checks that need to
   * know where they are synthesized (`Chart.of(definedBy)`).
   * @default - the workload is deployed elsewhere
   */
  readonly definedBy?: IConstruct;
}

/** What identifies a workload deployed elsewhere. */
export interface WorkloadAttributes {
  /** The workload's name. */
  readonly name: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Labels its pods carry (at least one). */
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * Its ports.
   * @default - none
   */
  readonly ports?: readonly WorkloadPort[];
  /**
   * The name of its Service.
   * @default - no Service
   */
  readonly serviceName?: string;
}

/**
 * What the library reads of a cdk8s-plus object (a `Deployment`, `StatefulSet` or `Service` of
 * any cdk8s-plus major, 30 to the newest): a construct with a name and metadata.
 */
export interface ICdk8sPlusResource extends IConstruct {
  /** The object's name (`metadata.name`, given or generated). */
  readonly name: string;
  /** Its metadata; the library reads the namespace. */
  readonly metadata: {
    /**
     * The namespace, when the object or its chart sets one.
     * @default - none
     */
    readonly namespace?: string;
  };
}

/** A port of a cdk8s-plus container, as the library reads it (cdk8s-plus's `ContainerPort`). */
export interface ICdk8sPlusContainerPort {
  /** The port number. */
  readonly number: number;
  /**
   * Its name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Its protocol (`TCP`, `UDP`, `SCTP`).
   * @default - TCP
   */
  readonly protocol?: string;
}

/**
 * What the library reads of a cdk8s-plus `Deployment` or `StatefulSet` of any cdk8s-plus major
 * (30 to the newest): its name, namespace, the labels its selector matches, and its containers'
 * ports. A cdk8s-plus workload fits as it is.
 */
export interface ICdk8sPlusWorkload extends ICdk8sPlusResource {
  /** The labels the workload's selector matches (and its pods carry). */
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Its containers; the library reads their ports. */
  readonly containers: readonly {
    /** The container's ports. */
    readonly ports: readonly ICdk8sPlusContainerPort[];
  }[];
}

/** A port of a cdk8s-plus Service, as the library reads it (cdk8s-plus's `ServicePort`). */
export interface ICdk8sPlusServicePort {
  /** The port the Service serves. */
  readonly port: number;
  /**
   * The container port it forwards to.
   * @default - the same as `port`
   */
  readonly targetPort?: number;
  /**
   * Its name.
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Its protocol.
   * @default - TCP
   */
  readonly protocol?: string;
}

/**
 * What the library reads of a cdk8s-plus `Service` of any cdk8s-plus major (30 to the newest):
 * its name, namespace and ports, and (from its API object) the pod labels it selects.
 */
export interface ICdk8sPlusService extends ICdk8sPlusResource {
  /** The Service's ports. */
  readonly ports: readonly ICdk8sPlusServicePort[];
}

/** Options of the cdk8s-plus adapters of {@link WorkloadRef}. */
export interface FromCdk8sPlusOptions {
  /**
   * The Service in front of the workload's pods (a cdk8s-plus `Service` of any major).
   * @default - no Service
   */
  readonly service?: ICdk8sPlusService;
  /**
   * The namespace, when the workload's metadata sets none (and its chart none either).
   * @default - the workload's namespace
   */
  readonly namespace?: string;
}

function namespaceOf(object: ICdk8sPlusResource, given: string | undefined): string {
  const namespace = object.metadata.namespace ?? given;
  if (namespace === undefined) {
    throw new InvalidPropError(object, 'metadata.namespace', undefined,
      'must be set (in its metadata, its chart, or the namespace option): policies and routes must know where the pods run');
  }
  return namespace;
}

/** Service ports of `service` by the container port they forward to. */
function servicePortsByTarget(service: ICdk8sPlusService | undefined): Map<number, number> {
  return new Map((service?.ports ?? []).map((p) => [p.targetPort ?? p.port, p.port]));
}

/** A cdk8s-plus Deployment or StatefulSet, read when asked so that ports added later count. */
class Cdk8sPlusWorkload implements IWorkloadRef {
  constructor(private readonly workload: ICdk8sPlusWorkload, private readonly options: FromCdk8sPlusOptions) {}

  public get name(): string {
    return this.workload.name;
  }

  public get namespace(): string {
    return namespaceOf(this.workload, this.options.namespace);
  }

  public get podLabels(): Readonly<Record<string, string>> {
    return { ...this.workload.matchLabels };
  }

  public get ports(): readonly WorkloadPort[] {
    const servicePorts = servicePortsByTarget(this.options.service);
    return this.workload.containers.flatMap((c) => c.ports).map((p) => ({
      name: p.name,
      containerPort: p.number,
      servicePort: servicePorts.get(p.number),
      protocol: p.protocol as PortProtocol | undefined,
    }));
  }

  public get serviceName(): string | undefined {
    return this.options.service?.name;
  }

  public get definedBy(): IConstruct {
    return this.workload;
  }
}

/** A cdk8s-plus Service and the pods it selects. */
class Cdk8sPlusService implements IWorkloadRef {
  constructor(private readonly service: ICdk8sPlusService, private readonly namespaceOption: string | undefined) {}

  public get name(): string {
    return this.service.name;
  }

  public get namespace(): string {
    return namespaceOf(this.service, this.namespaceOption);
  }

  public get podLabels(): Readonly<Record<string, string>> {
    return { ...ApiObject.of(this.service).toJson().spec?.selector };
  }

  public get ports(): readonly WorkloadPort[] {
    return this.service.ports.map((p) => ({
      name: p.name,
      containerPort: p.targetPort ?? p.port,
      servicePort: p.port,
      protocol: p.protocol as PortProtocol | undefined,
    }));
  }

  public get serviceName(): string {
    return this.service.name;
  }

  public get definedBy(): IConstruct {
    return this.service;
  }
}

/** Makes {@link IWorkloadRef}s for workloads this library does not define. */
export class WorkloadRef {
  /**
   * A workload deployed elsewhere, by its namespace, name, pod labels and ports.
   *
   * @example
   * WorkloadRef.fromAttributes({ name: 'orders', namespace: 'shop', podLabels: { app: 'orders' }, ports: [{ containerPort: 8080 }], serviceName: 'orders' });
   */
  public static fromAttributes(attributes: WorkloadAttributes): IWorkloadRef {
    return { ports: [], ...attributes };
  }

  /**
   * A cdk8s-plus `Deployment` (of any cdk8s-plus major), and optionally its Service. It is read
   * when asked, so ports added to it later count.
   */
  public static fromDeployment(deployment: ICdk8sPlusWorkload, options: FromCdk8sPlusOptions = {}): IWorkloadRef {
    return new Cdk8sPlusWorkload(requireCdk8sPlus('fromDeployment', deployment, 'Deployment', ['matchLabels', 'containers']),
      requireOptions('fromDeployment', options, true));
  }

  /** A cdk8s-plus `StatefulSet` (of any cdk8s-plus major), and optionally its Service. */
  public static fromStatefulSet(statefulSet: ICdk8sPlusWorkload, options: FromCdk8sPlusOptions = {}): IWorkloadRef {
    return new Cdk8sPlusWorkload(requireCdk8sPlus('fromStatefulSet', statefulSet, 'StatefulSet', ['matchLabels', 'containers']),
      requireOptions('fromStatefulSet', options, true));
  }

  /** The pods a cdk8s-plus `Service` (of any cdk8s-plus major) selects, with the Service's ports. */
  public static fromService(service: ICdk8sPlusService, options: Omit<FromCdk8sPlusOptions, 'service'> = {}): IWorkloadRef {
    return new Cdk8sPlusService(requireCdk8sPlus('fromService', service, 'Service', ['ports']), requireOptions('fromService', options, false).namespace);
  }

  private constructor() {}
}

/**
 * Throws unless `object` is a construct with the members the adapter reads, whose API object (when
 * it has one) is of `kind`: cdk8s-plus objects of every major have the same shape, so a
 * StatefulSet given to `fromDeployment` would otherwise pass.
 */
function requireCdk8sPlus<T extends ICdk8sPlusResource>(method: string, object: T, kind: string, members: readonly string[]): T {
  const fits = object !== null && typeof object === 'object' && typeof (object as { node?: unknown }).node === 'object'
    && typeof object.name === 'string' && object.metadata !== null && typeof object.metadata === 'object'
    && members.every((m) => (object as unknown as Record<string, unknown>)[m] !== undefined);
  if (!fits) {
    throw new InputError(`WorkloadRef.${method}: must be given a cdk8s-plus ${kind} (of any cdk8s-plus major), not ${describe(object)}`);
  }
  const apiObject = object.node.defaultChild;
  if (apiObject instanceof ApiObject && apiObject.kind !== kind) {
    throw new InvalidPropError(object, 'kind', apiObject.kind, `must be ${kind}: WorkloadRef.${method} reads a cdk8s-plus ${kind}`);
  }
  return object;
}

const FROM_CDK8S_PLUS_OPTIONS: KnownKeys<FromCdk8sPlusOptions> = { service: true, namespace: true };

/** Throws unless `options` holds only the options the adapter takes (`service` only where it takes one). */
function requireOptions(method: string, options: FromCdk8sPlusOptions, withService: boolean): FromCdk8sPlusOptions {
  const allowed = Object.keys(FROM_CDK8S_PLUS_OPTIONS).filter((k) => withService || k !== 'service');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InputError(`WorkloadRef.${method}: options must be an object with ${allowed.join(', ')}`);
  }
  const unknown = unknownKey(options, allowed);
  if (unknown !== undefined) {
    throw new InputError(`WorkloadRef.${method}: invalid option ${JSON.stringify(unknown.key)}: must name ${allowed.join(' or ')}${didYouMean(unknown)}`);
  }
  if (options.service !== undefined) requireCdk8sPlus(method, options.service, 'Service', ['ports']);
  if (options.namespace !== undefined && typeof options.namespace !== 'string') {
    throw new InputError(`WorkloadRef.${method}: invalid option namespace: must be a namespace name`);
  }
  return options;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  const name = typeof value === 'object' ? (value as object).constructor?.name : undefined;
  if (typeof value === 'object') return name === undefined || name === 'Object' ? 'a plain object' : `a ${name}`;
  return `a ${typeof value}`;
}

/** @internal The Service port of `port`. */
export function servicePortOf(port: WorkloadPort): number {
  return port.servicePort ?? port.containerPort;
}

/** @internal The in-cluster DNS name of a workload's Service, e.g. `store-front.pets.svc.cluster.local`. */
export function serviceFqdn(workload: IWorkloadRef): string {
  return `${workload.serviceName ?? workload.name}.${workload.namespace}.svc.cluster.local`;
}

/**
 * @internal Throws unless `workload` is a well-formed {@link IWorkloadRef} (a missing one
 * included), naming `prop` of `scope`, and returns it.
 */
export function requireWorkloadRef(scope: IConstruct, prop: string, workload: IWorkloadRef | undefined): IWorkloadRef {
  if (workload === null || typeof workload !== 'object') {
    throw new InvalidPropError(scope, prop, workload,
      'must be a workload: one of this library\'s (such as store.orderService) or WorkloadRef.fromAttributes/fromDeployment/fromStatefulSet/fromService');
  }
  requireDns1123Subdomain(scope, `${prop}.name`, workload.name);
  requireDns1123Label(scope, `${prop}.namespace`, workload.namespace);
  requireLabels(scope, `${prop}.podLabels`, workload.podLabels, 1);
  if (!Array.isArray(workload.ports)) throw new InvalidPropError(scope, `${prop}.ports`, workload.ports, 'must be a list of ports');
  workload.ports.forEach((p, i) => {
    requirePort(scope, `${prop}.ports[${i}].containerPort`, p?.containerPort);
    if (p.servicePort !== undefined) requirePort(scope, `${prop}.ports[${i}].servicePort`, p.servicePort);
    if (p.protocol !== undefined) requireOneOf(scope, `${prop}.ports[${i}].protocol`, p.protocol, PORT_PROTOCOLS);
  });
  if (workload.serviceName !== undefined) requireServiceName(scope, `${prop}.serviceName`, workload.serviceName);
  return workload;
}
