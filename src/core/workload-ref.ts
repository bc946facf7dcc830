import { ApiObject } from 'cdk8s';
import * as plus from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { PORT_PROTOCOLS, PortProtocol } from './protocols';
import { requireDns1123Label, requireDns1123Subdomain, requireLabels, requireOneOf, requirePort, requireServiceName } from './validation';


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

/** Options of the cdk8s-plus adapters of {@link WorkloadRef}. */
export interface FromCdk8sPlusOptions {
  /**
   * The Service in front of the workload's pods.
   * @default - no Service
   */
  readonly service?: plus.Service;
  /**
   * The namespace, when the workload's metadata sets none (and its chart none either).
   * @default - the workload's namespace
   */
  readonly namespace?: string;
}

function namespaceOf(object: plus.Resource, given: string | undefined): string {
  const namespace = object.metadata.namespace ?? given;
  if (namespace === undefined) {
    throw new InvalidPropError(object, 'metadata.namespace', undefined,
      'must be set (in its metadata, its chart, or the namespace option): policies and routes must know where the pods run');
  }
  return namespace;
}

/** Service ports of `service` by the container port they forward to. */
function servicePortsByTarget(service: plus.Service | undefined): Map<number, number> {
  return new Map((service?.ports ?? []).map((p) => [p.targetPort ?? p.port, p.port]));
}

/** A cdk8s-plus Deployment or StatefulSet, read when asked so that ports added later count. */
class Cdk8sPlusWorkload implements IWorkloadRef {
  constructor(private readonly workload: plus.Deployment | plus.StatefulSet, private readonly options: FromCdk8sPlusOptions) {}

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
  constructor(private readonly service: plus.Service, private readonly namespaceOption: string | undefined) {}

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

  /** A cdk8s-plus Deployment, and optionally its Service. */
  public static fromDeployment(deployment: plus.Deployment, options: FromCdk8sPlusOptions = {}): IWorkloadRef {
    return new Cdk8sPlusWorkload(deployment, options);
  }

  /** A cdk8s-plus StatefulSet, and optionally its Service. */
  public static fromStatefulSet(statefulSet: plus.StatefulSet, options: FromCdk8sPlusOptions = {}): IWorkloadRef {
    return new Cdk8sPlusWorkload(statefulSet, options);
  }

  /** The pods a cdk8s-plus Service selects, with the Service's ports. */
  public static fromService(service: plus.Service, options: Omit<FromCdk8sPlusOptions, 'service'> = {}): IWorkloadRef {
    return new Cdk8sPlusService(service, options.namespace);
  }

  private constructor() {}
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
