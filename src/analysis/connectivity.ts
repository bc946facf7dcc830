import { App } from 'cdk8s';
import { CiliumPolicies } from './cilium-policies';
import { ClusterModel, ClusterOptions, GatewayKind, ServiceModel, Workload } from './cluster-model';
import { DnsResolver } from './dns-resolver';
import { describeEndpoint, Endpoint, podEndpoint, Reason } from './endpoint';
import { IngressRouting } from './istio-routing';
import { IstioSecurity } from './istio-security';
import { Labels } from './label-selector';
import { ApplyOptions, ManifestSet } from './manifest-set';

/** Where a connection starts. */
export type ConnectionSource =
  /** A pod: one of the manifests' when its labels match, else a client pod like the workshop's test pods. */
  | { readonly namespace: string; readonly labels: Labels; readonly serviceAccount?: string }
  /** An address outside the cluster. */
  | 'world'
  /** A request from outside through one of the add-on's ingress gateways. */
  | { readonly ingressGateway: GatewayKind };

/** Where a connection goes. */
export type ConnectionTarget =
  /** A Service, by the name the client looks up (default: the short name in its own namespace, else `name.namespace`), on a Service port. */
  | { readonly service: string; readonly namespace: string; readonly port: number; readonly host?: string; readonly path?: string }
  /** A name outside the cluster. */
  | { readonly fqdn: string; readonly port: number }
  /** An IPv4 address outside the cluster. */
  | { readonly ip: string; readonly port: number }
  /** Pods by their labels, on a container port. */
  | { readonly namespace: string; readonly labels: Labels; readonly port: number }
  /** With an ingress gateway source: the request's Host, path and gateway port. */
  | { readonly host?: string; readonly path?: string; readonly port: number };

/** A connection to check. */
export interface ConnectionQuery {
  readonly from: ConnectionSource;
  readonly to: ConnectionTarget;
  /**
   * The transport protocol.
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Whether a connection is allowed, and every finding that decided it, in the order the traffic meets them. */
export interface ConnectionVerdict {
  readonly allowed: boolean;
  readonly reasons: readonly Reason[];
  /** Whether the connection is mutual TLS between proxies. */
  readonly mtls: boolean;
}

/** The Host an ingress gateway request carries when the claim names none: the gateway's IP address (a documentation address stands for it). */
export const GATEWAY_ADDRESS = '203.0.113.10';

/** What an HTTP request carries that Istio's authorization can look at. */
export interface HttpRequest {
  /**
   * The path.
   * @default - not HTTP, or unknown
   */
  readonly path?: string;
  /**
   * The Host.
   * @default - unknown
   */
  readonly host?: string;
}

/** Options of a connectivity model. */
export interface ConnectivityOptions extends ClusterOptions, ApplyOptions {}

function verdict(reasons: Reason[], mtls = false): ConnectionVerdict {
  return { allowed: reasons.every((r) => r.allowed), reasons, mtls };
}

/** Keeps the reasons up to the first that blocks: what comes after it is never reached. */
function upToFirstBlock(reasons: Reason[]): Reason[] {
  const index = reasons.findIndex((r) => !r.allowed);
  return index < 0 ? reasons : reasons.slice(0, index + 1);
}

/**
 * What a set of manifests lets through on an AKS cluster running Cilium (Azure CNI Powered
 * by Cilium, default enforcement) and the Istio add-on: Cilium network policies with DNS
 * and FQDN rules, Istio sidecars, mTLS, authorization and ingress routing. Answers whether a
 * connection is allowed, with the chain of reasons.
 */
export class ConnectivityModel {
  /** A model of manifest files and folders, read as `kubectl apply -f` reads them. */
  public static fromPaths(paths: readonly string[], options: ConnectivityOptions = {}): ConnectivityModel {
    return new ConnectivityModel(ManifestSet.fromPaths(paths, options), options);
  }

  /** A model of what a cdk8s app synthesizes. */
  public static fromApp(app: App, options: ConnectivityOptions = {}): ConnectivityModel {
    return new ConnectivityModel(ManifestSet.fromApp(app, options), options);
  }

  /** A model of objects given as JSON. */
  public static fromObjects(objects: readonly unknown[], options: ConnectivityOptions = {}): ConnectivityModel {
    return new ConnectivityModel(ManifestSet.fromObjects(objects, options), options);
  }

  /** The pods, Services and namespaces. */
  public readonly cluster: ClusterModel;
  /** Cilium's policies. */
  public readonly cilium: CiliumPolicies;
  /** Name lookups. */
  public readonly dns: DnsResolver;
  /** Istio's mTLS and authorization. */
  public readonly security: IstioSecurity;
  /** Istio's ingress routing. */
  public readonly routing: IngressRouting;
  private readonly readiness = new Map<string, Reason[]>();

  constructor(manifests: ManifestSet, options: ClusterOptions = {}) {
    this.cluster = new ClusterModel(manifests, options);
    this.cilium = new CiliumPolicies(this.cluster);
    this.dns = new DnsResolver(this.cluster, this.cilium);
    this.security = new IstioSecurity(this.cluster);
    this.routing = new IngressRouting(this.cluster);
  }

  /** Whether the connection is allowed, and why. */
  public query(query: ConnectionQuery): ConnectionVerdict {
    const protocol = query.protocol ?? 'TCP';
    const { from, to } = query;
    if (typeof from === 'object' && 'ingressGateway' in from) return this.throughGateway(from.ingressGateway, to as { host?: string; path?: string; port: number });
    if ('fqdn' in to || 'ip' in to) {
      if (from === 'world') throw new Error('a connection from world must go to a Service or through an ingress gateway');
      return this.toOutside(this.cluster.clientPod(from.namespace, from.labels, from.serviceAccount), to, protocol);
    }
    if ('service' in to) {
      const service = this.cluster.service(to.namespace, to.service);
      if (service === undefined) return verdict([{ check: 'service', allowed: false, text: `there is no Service ${to.namespace}/${to.service}` }]);
      if (from === 'world') return this.fromWorldToService(service, to.port, protocol);
      const client = this.cluster.clientPod(from.namespace, from.labels, from.serviceAccount);
      return this.toService(client, service, to.port, protocol, to.host ?? (client.namespace === service.namespace ? service.name : `${service.name}.${service.namespace}`), to.path);
    }
    if ('labels' in to && 'namespace' in to) {
      if (from === 'world') throw new Error('a connection from world cannot address pods; name a Service');
      const client = this.cluster.clientPod(from.namespace, from.labels, from.serviceAccount);
      const server = this.cluster.workloadWithLabels(to.namespace, to.labels);
      if (server === undefined) return verdict([{ check: 'service', allowed: false, text: `no pods in ${to.namespace} have the labels ${JSON.stringify(to.labels)}` }]);
      return this.connect(podEndpoint(client), server, to.port, protocol, []);
    }
    throw new Error('the target must name a service, an fqdn, an ip, or pods by namespace and labels (a host alone needs an ingress gateway source)');
  }

  /** The checks between an endpoint and one workload's pods on a port: Cilium egress and ingress, then Istio mTLS and authorization. */
  public connect(
    client: Endpoint, server: Workload, port: number, protocol: string, before: readonly Reason[], request: HttpRequest = {},
  ): ConnectionVerdict {
    const reasons: Reason[] = [...before];
    if (client.kind === 'pod') {
      reasons.push(...this.proxyReady(client.workload));
      reasons.push(this.cilium.check('egress', client.workload, podEndpoint(server), port, protocol));
    }
    reasons.push(this.cilium.check('ingress', server, client, port, protocol));
    reasons.push(...this.proxyReady(server));
    const mesh = this.meshChecks(client, server, port, request);
    return verdict(upToFirstBlock([...reasons, ...mesh.reasons]), mesh.mtls);
  }

  /**
   * Whether a workload's sidecar can reach istiod (its name through kube-dns, then 15012/TCP):
   * without it the proxy gets no configuration or certificate and the pod never becomes ready.
   * Nothing is said when the pod's egress is not restricted.
   */
  public proxyReady(workload: Workload): Reason[] {
    if (workload.proxy !== 'sidecar') return [];
    const cached = this.readiness.get(workload.id);
    if (cached !== undefined) return cached;
    const istiod = this.cluster.workloads.find((w) => w.builtIn && w.labels.app === 'istiod')!;
    const name = `${istiod.name}.${istiod.namespace}.svc`;
    const lookup = this.dns.lookup(workload, name);
    const egress = this.cilium.check('egress', workload, podEndpoint(istiod), 15012, 'TCP');
    let reasons: Reason[] = [];
    if (!lookup.reason.allowed || !egress.allowed) {
      const why = lookup.reason.allowed ? egress.text : lookup.reason.text;
      reasons = [{ check: 'mesh', allowed: false, text: `${workload.id}'s sidecar cannot reach istiod (${why}): it gets no configuration or certificate, so the pod never becomes ready` }];
    } else if (egress.enforced) {
      reasons = [{ check: 'mesh', allowed: true, text: `${workload.id}'s sidecar reaches istiod: ${egress.text}` }];
    }
    this.readiness.set(workload.id, reasons);
    return reasons;
  }

  private meshChecks(client: Endpoint, server: Workload, port: number, request: HttpRequest): { reasons: Reason[]; mtls: boolean } {
    if (server.proxy === undefined) {
      return { mtls: false, reasons: [{ check: 'mtls', allowed: true, unrestricted: true, text: `${server.id} has no sidecar (${server.proxyReason}): plaintext, no Istio policy applies` }] };
    }
    const clientProxy = client.kind === 'pod' ? client.workload.proxy : undefined;
    const clientName = describeEndpoint(client);
    let principal: string | undefined;
    const reasons: Reason[] = [];
    if (server.proxy === 'gateway') {
      reasons.push({ check: 'mtls', allowed: true, text: `${server.id} is an ingress gateway: it takes plaintext (or its own TLS) from clients` });
    } else {
      const { mode, setBy } = this.security.mtlsMode(server, port);
      if (clientProxy !== undefined && mode !== 'DISABLE') {
        principal = `cluster.local/ns/${client.kind === 'pod' ? client.workload.namespace : ''}/sa/${client.kind === 'pod' ? client.workload.serviceAccount : ''}`;
        reasons.push({ check: 'mtls', allowed: true, text: `mTLS from ${clientName}'s ${clientProxy === 'gateway' ? 'gateway proxy' : 'sidecar'} to ${server.id}'s sidecar (${mode} by ${setBy})` });
      } else if (mode === 'STRICT') {
        const why = client.kind === 'pod' ? `no sidecar: ${client.workload.proxyReason}` : 'outside the mesh';
        return {
          mtls: false,
          reasons: [{ check: 'mtls', allowed: false, text: `plaintext from ${clientName} (${why}) is refused by ${server.id}'s sidecar: STRICT by ${setBy} (connection reset by peer)` }],
        };
      } else {
        reasons.push({ check: 'mtls', allowed: true, text: `plaintext from ${clientName} accepted by ${server.id}'s sidecar (${mode} by ${setBy})` });
      }
    }
    const http = request.path !== undefined;
    reasons.push(this.security.authorize(server, { principal, port, path: request.path, host: request.host, method: http ? 'GET' : undefined }));
    return { mtls: principal !== undefined, reasons };
  }

  private toService(client: Workload, service: ServiceModel, port: number, protocol: string, host: string, path?: string): ConnectionVerdict {
    const servicePort = service.ports.find((p) => p.port === port && p.protocol === protocol);
    if (servicePort === undefined) {
      return verdict([{ check: 'service', allowed: false, text: `Service ${service.namespace}/${service.name} has no port ${port}/${protocol} (it has ${service.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')})` }]);
    }
    const lookup = this.dns.lookup(client, host);
    if (!lookup.reason.allowed) return verdict([lookup.reason]);
    return this.toBackends(podEndpoint(client), service, servicePort, [lookup.reason], { path, host });
  }

  private fromWorldToService(service: ServiceModel, port: number, protocol: string): ConnectionVerdict {
    if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') {
      return verdict([{ check: 'service', allowed: false, text: `Service ${service.namespace}/${service.name} is ${service.type}: nothing outside the cluster reaches it` }]);
    }
    const servicePort = service.ports.find((p) => p.port === port && p.protocol === protocol);
    if (servicePort === undefined) {
      return verdict([{ check: 'service', allowed: false, text: `Service ${service.namespace}/${service.name} has no port ${port}/${protocol}` }]);
    }
    const exposed: Reason = { check: 'service', allowed: true, text: `Service ${service.namespace}/${service.name} (${service.type}) takes ${port}/${protocol} from outside` };
    return this.toBackends({ kind: 'world' }, service, servicePort, [exposed], {});
  }

  private toBackends(client: Endpoint, service: ServiceModel, servicePort: ServiceModel['ports'][number], before: Reason[], request: HttpRequest): ConnectionVerdict {
    const backends = this.cluster.backends(service);
    if (backends.length === 0) {
      return verdict([...before, { check: 'service', allowed: false, text: `Service ${service.namespace}/${service.name} selects no pods of the manifests (no endpoints)` }]);
    }
    let first: ConnectionVerdict | undefined;
    for (const backend of backends) {
      const target = this.cluster.targetPort(servicePort, backend);
      if (target === undefined) continue;
      const via: Reason = { check: 'service', allowed: true, text: `Service ${service.namespace}/${service.name} port ${servicePort.port} sends to ${backend.id} port ${target.port}/${target.protocol}` };
      const result = this.connect(client, backend, target.port, target.protocol, [...before, via], request);
      if (result.allowed) return result;
      first ??= result;
    }
    return first ?? verdict([...before, { check: 'service', allowed: false, text: `no pod of Service ${service.namespace}/${service.name} has its target port ${servicePort.targetPort}` }]);
  }

  private toOutside(client: Workload, to: { fqdn: string; port: number } | { ip: string; port: number }, protocol: string): ConnectionVerdict {
    const reasons: Reason[] = [...this.proxyReady(client)];
    if (reasons.some((r) => !r.allowed)) return verdict(reasons);
    let learned = false;
    if ('fqdn' in to) {
      const lookup = this.dns.lookup(client, to.fqdn);
      reasons.push(lookup.reason);
      if (!lookup.reason.allowed) return verdict(reasons);
      learned = lookup.learned;
    }
    const peer: Endpoint = 'fqdn' in to ? { kind: 'world', fqdn: to.fqdn } : { kind: 'world', ip: to.ip };
    const egress = this.cilium.check('egress', client, peer, to.port, protocol);
    if (egress.allowed && 'fqdn' in to && egress.matches.length > 0 && egress.matches.every((m) => m.rule.toFQDNs !== undefined) && !learned) {
      reasons.push({
        check: 'cilium-egress',
        allowed: false,
        text: `${egress.text}, but Cilium learns the addresses of ${to.fqdn} only from lookups through its DNS proxy, and no DNS rule of ${client.id} covers it`,
      });
      return verdict(reasons);
    }
    reasons.push(egress);
    if (client.proxy !== undefined) {
      reasons.push({ check: 'mesh', allowed: true, text: `${client.id}'s sidecar passes traffic to hosts outside the mesh (outboundTrafficPolicy ALLOW_ANY, the add-on's default)` });
    }
    return verdict(upToFirstBlock(reasons));
  }

  private throughGateway(kind: GatewayKind, to: { host?: string; path?: string; port: number }): ConnectionVerdict {
    const request = { host: to.host ?? GATEWAY_ADDRESS, path: to.path ?? '/', port: to.port };
    const gateway = this.routing.gatewayWorkload(kind);
    const reasons: Reason[] = [this.cilium.check('ingress', gateway, { kind: 'world' }, request.port, 'TCP')];
    if (!reasons[0].allowed) return verdict(reasons);
    const route = this.routing.route(kind, request);
    if (route.destination === undefined) {
      const failures = route.reasons.filter((r) => !r.allowed);
      return verdict([...reasons, ...(failures.length > 0 ? failures : [{ check: 'route' as const, allowed: false, text: 'no route' }])]);
    }
    const { service, port } = route.destination;
    return this.toBackends(podEndpoint(gateway), service, port, [...reasons, ...route.reasons], { path: request.path, host: request.host });
  }
}
