import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Gateway, VirtualService } from '../../imports/istio-networking.istio.io';
import { INGRESS_GATEWAY_KINDS, IngressGatewayKind, ingressGatewaySelector } from '../core/aks-platform';
import { InvalidPropError } from '../core/invalid-prop-error';
import {
  isDns1123Subdomain,
  KnownKeys,
  requireBoolean,
  requireDns1123Label,
  requireDns1123Subdomain,
  requireKnownKeys,
  requireOneOf,
  requirePort,
  requireProps,
} from '../core/validation';
import { IWorkloadRef, requireWorkloadRef, serviceFqdn, servicePortOf } from '../core/workload-ref';

export { INGRESS_GATEWAY_KINDS, INGRESS_GATEWAY_NAMESPACE, ingressGatewaySelector } from '../core/aks-platform';
export type { IngressGatewayKind } from '../core/aks-platform';

/** Protocols a gateway server can speak without TLS settings. */
export const GATEWAY_PROTOCOLS = ['HTTP', 'HTTP2', 'GRPC'] as const;

/** A protocol a gateway server can speak without TLS settings. */
export type GatewayProtocol = typeof GATEWAY_PROTOCOLS[number];


/** The port the ingress gateway listens on for this service. */
export interface GatewayPort {
  /**
   * Port number on the gateway.
   * @default 80
   */
  readonly number?: number;
  /**
   * Port name.
   * @default 'http'
   */
  readonly name?: string;
  /**
   * Protocol.
   * @default 'HTTP'
   */
  readonly protocol?: GatewayProtocol;
}

/** Props of {@link MeshIngress}. */
export interface MeshIngressProps {
  /** The workload to expose; requests are routed to its Service. */
  readonly destination: IWorkloadRef;
  /**
   * The Service port to route to.
   * @default - the workload's main Service port
   */
  readonly destinationPort?: number;
  /**
   * Which add-on gateway: `external` (public IP) or `internal` (private IP). It must be
   * enabled with `az aks mesh enable-ingress-gateway --ingress-gateway-type <kind>`.
   * @default 'external'
   */
  readonly gateway?: IngressGatewayKind;
  /**
   * Host names the gateway accepts, e.g. `store.example.com`; `*` accepts any, including
   * requests to the gateway's IP address.
   * @default ['*']
   */
  readonly hosts?: readonly string[];
  /**
   * The gateway port.
   * @default - 80, 'http', 'HTTP'
   */
  readonly port?: GatewayPort;
  /**
   * Only requests whose path starts with this prefix are routed.
   * @default '/'
   */
  readonly pathPrefix?: string;
  /**
   * The Gateway's name.
   * @default `<namespace>-gateway-<gateway>`
   */
  readonly gatewayName?: string;
  /**
   * The VirtualService's name.
   * @default `<destination>-<gateway>`
   */
  readonly virtualServiceName?: string;
  /**
   * Check at synth time that the destination, when this app defines it, is in the same chart
   * (the same bundle). Turn off when another bundle deploys it on purpose. A destination made
   * with `WorkloadRef.fromAttributes` (deployed elsewhere) is never checked.
   * @default true
   */
  readonly checkDestinationInChart?: boolean;
}

const MESH_INGRESS_PROPS: KnownKeys<MeshIngressProps> = {
  destination: true,
  destinationPort: true,
  gateway: true,
  hosts: true,
  port: true,
  pathPrefix: true,
  gatewayName: true,
  virtualServiceName: true,
  checkDestinationInChart: true,
};
const GATEWAY_PORT_KEYS: KnownKeys<GatewayPort> = { number: true, name: true, protocol: true };

const WILDCARD_HOST = /^\*(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Exposes a mesh workload through an AKS Istio add-on ingress gateway: a Gateway that selects
 * the add-on's gateway pods (`istio: aks-istio-ingressgateway-<kind>`) and a VirtualService in
 * the same namespace that references it as `<namespace>/<name>` and routes matching requests
 * to the workload's Service.
 */
export class MeshIngress extends Construct {
  /** The Gateway. */
  public readonly gateway: Gateway;
  /** The VirtualService. */
  public readonly virtualService: VirtualService;
  /** The workload the route sends requests to. */
  public readonly destination: IWorkloadRef;
  /** The add-on ingress gateway the Gateway selects. */
  public readonly gatewayKind: IngressGatewayKind;

  constructor(scope: Construct, id: string, props: MeshIngressProps) {
    super(scope, id);
    requireProps(this, props, '{ destination: store.storeFront }', MESH_INGRESS_PROPS);
    if (props.port !== undefined) requireKnownKeys(this, 'port', props.port, GATEWAY_PORT_KEYS, 'a field of the gateway port');
    const destination = requireWorkloadRef(this, 'destination', props.destination);
    this.destination = destination;
    const namespace = destination.namespace;
    if (destination.serviceName === undefined) {
      throw new InvalidPropError(this, 'destination', `${namespace}/${destination.name}`, 'must have a Service to route to');
    }
    const kind = requireOneOf(this, 'gateway', props.gateway ?? 'external', INGRESS_GATEWAY_KINDS);
    this.gatewayKind = kind;
    const hosts = this.validateHosts(props.hosts ?? ['*']);
    const servicePorts = destination.ports.map(servicePortOf);
    const destinationPort = props.destinationPort ?? servicePorts[0];
    if (!servicePorts.includes(destinationPort)) {
      throw new InvalidPropError(this, 'destinationPort', destinationPort,
        `must be a port of Service ${namespace}/${destination.serviceName}: ${servicePorts.join(', ') || 'it has none'}`);
    }
    const port = {
      number: requirePort(this, 'port.number', props.port?.number ?? 80),
      name: requireDns1123Label(this, 'port.name', props.port?.name ?? 'http'),
      protocol: requireOneOf(this, 'port.protocol', props.port?.protocol ?? 'HTTP', GATEWAY_PROTOCOLS),
    };
    const pathPrefix = props.pathPrefix ?? '/';
    if (typeof pathPrefix !== 'string' || !pathPrefix.startsWith('/') || /\s/.test(pathPrefix)) {
      throw new InvalidPropError(this, 'pathPrefix', pathPrefix, "must start with '/' and hold no white space");
    }
    const gatewayName = requireDns1123Subdomain(this, 'gatewayName', props.gatewayName ?? `${namespace}-gateway-${kind}`);

    this.gateway = new Gateway(this, 'gateway', {
      metadata: { name: gatewayName, namespace },
      spec: {
        selector: ingressGatewaySelector(kind),
        servers: [{ port, hosts: [...hosts] }],
      },
    });
    this.virtualService = new VirtualService(this, 'virtual-service', {
      metadata: {
        name: requireDns1123Subdomain(this, 'virtualServiceName', props.virtualServiceName ?? `${destination.name}-${kind}`),
        namespace,
      },
      spec: {
        hosts: [...hosts],
        gateways: [`${namespace}/${gatewayName}`],
        http: [{
          match: [{ uri: { prefix: pathPrefix } }],
          route: [{ destination: { host: serviceFqdn(destination), port: { number: destinationPort } } }],
        }],
      },
    });
    if (requireBoolean(this, 'checkDestinationInChart', props.checkDestinationInChart ?? true) && destination.definedBy !== undefined) {
      const definedBy = destination.definedBy;
      this.node.addValidation({ validate: () => this.destinationChartErrors(destination, definedBy) });
    }
  }

  private validateHosts(hosts: readonly string[]): readonly string[] {
    if (!Array.isArray(hosts) || hosts.length === 0) {
      throw new InvalidPropError(this, 'hosts', hosts, "must list at least one host ('*' for any)");
    }
    hosts.forEach((host, i) => {
      if (!(isDns1123Subdomain(host) || (typeof host === 'string' && WILDCARD_HOST.test(host)))) {
        throw new InvalidPropError(this, `hosts[${i}]`, host, "must be a DNS name (store.example.com), a '*.'-prefixed wildcard or '*'");
      }
    });
    return hosts;
  }

  private destinationChartErrors(destination: IWorkloadRef, definedBy: IConstruct): string[] {
    const ours = Chart.of(this);
    const theirs = Chart.of(definedBy);
    return ours === theirs ? [] : [
      `VirtualService routes to Service ${destination.namespace}/${destination.serviceName}, which is defined in chart '${theirs.node.path}', `
      + `not in this chart '${ours.node.path}' (add the app to this chart, or set checkDestinationInChart: false if the other bundle is applied first)`,
    ];
  }
}
