import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { InvalidPropError, isDns1123Subdomain, requireDns1123Label, requireDns1123Subdomain, requireIntegerInRange, requireOneOf } from '../core/validation';
import { serviceFqdn, serviceNameOf, Workload } from '../core/workload';
import { Gateway, VirtualService } from '../imports/networking.istio.io';

/** Which AKS Istio add-on ingress gateway serves the traffic. */
export type IngressGatewayKind = 'external' | 'internal';

/** Protocols the gateway server can speak without TLS settings. */
export type GatewayProtocol = 'HTTP' | 'HTTP2' | 'GRPC';

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
  readonly destination: Workload;
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
   * Check at synth time that the destination's Service is defined in the same chart.
   * Turn off when the Service is deployed by another bundle.
   * @default true
   */
  readonly checkDestinationInChart?: boolean;
}

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

  constructor(scope: Construct, id: string, props: MeshIngressProps) {
    super(scope, id);
    const { destination } = props;
    const namespace = requireDns1123Label(this, 'destination.namespace', destination?.namespace);
    const kind = requireOneOf(this, 'gateway', props.gateway ?? 'external', ['external', 'internal'] as const);
    const hosts = this.validateHosts(props.hosts ?? ['*']);
    const servicePorts = destination.ports.map((p) => p.servicePort);
    const destinationPort = props.destinationPort ?? servicePorts[0];
    if (!servicePorts.includes(destinationPort)) {
      throw new InvalidPropError(this, 'destinationPort', destinationPort,
        `must be a port of Service ${namespace}/${serviceNameOf(destination)}: ${servicePorts.join(', ') || 'it has none'}`);
    }
    const port = {
      number: requireIntegerInRange(this, 'port.number', props.port?.number ?? 80, 1, 65535),
      name: requireDns1123Label(this, 'port.name', props.port?.name ?? 'http'),
      protocol: requireOneOf(this, 'port.protocol', props.port?.protocol ?? 'HTTP', ['HTTP', 'HTTP2', 'GRPC'] as const),
    };
    const pathPrefix = props.pathPrefix ?? '/';
    if (typeof pathPrefix !== 'string' || !pathPrefix.startsWith('/')) {
      throw new InvalidPropError(this, 'pathPrefix', pathPrefix, "must start with '/'");
    }
    const gatewayName = requireDns1123Subdomain(this, 'gatewayName', props.gatewayName ?? `${namespace}-gateway-${kind}`);

    this.gateway = new Gateway(this, 'gateway', {
      metadata: { name: gatewayName, namespace },
      spec: {
        selector: { istio: `aks-istio-ingressgateway-${kind}` },
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
    if (props.checkDestinationInChart ?? true) {
      this.node.addValidation({ validate: () => this.destinationServiceErrors(destination) });
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

  private destinationServiceErrors(destination: Workload): string[] {
    const chart = Chart.of(this);
    const serviceName = serviceNameOf(destination);
    const found = chart.node.findAll().some((c) => c instanceof ApiObject && c.kind === 'Service'
      && c.metadata.name === serviceName && c.metadata.namespace === destination.namespace);
    return found ? [] : [
      `VirtualService routes to Service ${destination.namespace}/${serviceName}, which chart '${chart.node.id}' does not define `
      + '(add the app to the chart, or set checkDestinationInChart: false if another bundle deploys it)',
    ];
  }
}
