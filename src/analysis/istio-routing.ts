import { ClusterModel, GatewayKind, gatewayName, ServiceModel, ServicePort, Workload } from './cluster-model';
import { Reason } from './endpoint';
import { AppliedObject, describeObject } from './kube-object';
import { selectorMatches } from './label-selector';

/** A request that reaches an ingress gateway from outside. */
export interface GatewayRequest {
  /** The Host header: a domain, or the gateway's IP when the client uses the address. */
  readonly host: string;
  /** The path. */
  readonly path: string;
  /** The port of the gateway's Service. */
  readonly port: number;
}

/** Where a gateway sends a request. */
export interface Route {
  readonly reasons: readonly Reason[];
  readonly gateway: Workload;
  readonly destination?: { readonly service: ServiceModel; readonly port: ServicePort };
}

const NETWORKING_GROUP = 'networking.istio.io';

/** Istio host matching: `*` matches all, `*.example.com` any name under it, otherwise the same name. */
function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return p === h;
}

/** A Gateway server's host `[namespace/]host`: which VirtualService namespaces may bind, and the host. */
function serverHost(entry: string, gatewayNamespace: string): { namespace: string; host: string } {
  const slash = entry.indexOf('/');
  if (slash < 0) return { namespace: '*', host: entry };
  const namespace = entry.slice(0, slash);
  return { namespace: namespace === '.' ? gatewayNamespace : namespace, host: entry.slice(slash + 1) };
}

/** `namespace/name` of a VirtualService's gateway reference. */
function gatewayReference(reference: string, virtualServiceNamespace: string): string {
  return reference.includes('/') ? reference : `${virtualServiceNamespace}/${reference}`;
}

function uriMatches(uri: any, path: string): boolean {
  if (uri === undefined) return true;
  if (typeof uri.exact === 'string') return path === uri.exact;
  if (typeof uri.prefix === 'string') return path.startsWith(uri.prefix);
  if (typeof uri.regex === 'string') return new RegExp(`^(?:${uri.regex})$`).test(path);
  return false;
}

/** The add-on's ingress gateways routing requests with Gateways and VirtualServices. */
export class IngressRouting {
  private readonly gateways: readonly AppliedObject[];
  private readonly virtualServices: readonly AppliedObject[];

  constructor(private readonly cluster: ClusterModel) {
    this.gateways = cluster.manifests.ofKind('Gateway', NETWORKING_GROUP);
    this.virtualServices = cluster.manifests.ofKind('VirtualService', NETWORKING_GROUP);
  }

  /** Whether the manifests configure any Gateway. */
  public get configured(): boolean {
    return this.gateways.length > 0;
  }

  /** The add-on gateway's pods. */
  public gatewayWorkload(kind: GatewayKind): Workload {
    return this.cluster.workloads.find((w) => w.builtIn && w.labels.istio === gatewayName(kind))!;
  }

  /** Follows a request through the `kind` ingress gateway to the Service a route sends it to. */
  public route(kind: GatewayKind, request: GatewayRequest): Route {
    const gateway = this.gatewayWorkload(kind);
    const service = this.cluster.service(gateway.namespace, gatewayName(kind))!;
    const fail = (text: string, reasons: Reason[] = []): Route => ({ gateway, reasons: [...reasons, { check: 'route', allowed: false, text }] });
    if (!service.ports.some((p) => p.port === request.port)) {
      return fail(`the ${kind} gateway's Service ${service.namespace}/${service.name} has no port ${request.port} (it has ${service.ports.map((p) => p.port).join(', ')})`);
    }
    const listening = this.gateways.filter(({ object }) => object.spec?.selector !== undefined
      && selectorMatches({ matchLabels: object.spec.selector }, gateway.labels)
      && (object.spec.servers ?? []).some((s: any) => Number(s?.port?.number) === request.port));
    if (listening.length === 0) {
      return fail(`no Gateway selects the ${kind} gateway's pods (istio=${gatewayName(kind)}) with a server on port ${request.port}: the connection is refused`);
    }
    const reasons: Reason[] = [];
    for (const { object: gw } of listening) {
      const servers = (gw.spec.servers as any[]).filter((s) => Number(s?.port?.number) === request.port);
      const hosts = servers.flatMap((s) => (s.hosts ?? []) as string[]).map((h) => serverHost(h, gw.metadata.namespace!));
      const serving = hosts.filter((h) => hostMatches(h.host, request.host));
      if (serving.length === 0) {
        reasons.push({ check: 'route', allowed: false, text: `${describeObject(gw)} on port ${request.port} serves hosts ${hosts.map((h) => h.host).join(', ')}, not ${request.host}` });
        continue;
      }
      const gatewayId = `${gw.metadata.namespace}/${gw.metadata.name}`;
      const bindsHere = (vs: any) => (vs.spec?.gateways ?? []).some((g: string) => gatewayReference(g, vs.metadata.namespace!) === gatewayId);
      const bound = this.virtualServices.filter(({ object: vs }) => bindsHere(vs)
        && serving.some((h) => h.namespace === '*' || h.namespace === vs.metadata.namespace));
      if (bound.length === 0) {
        reasons.push({ check: 'route', allowed: false, text: `no VirtualService is bound to ${describeObject(gw)}${this.misboundHint(gw)}: 404` });
        continue;
      }
      for (const { object: vs } of bound) {
        const vsHosts: string[] = vs.spec?.hosts ?? [];
        if (!vsHosts.some((h) => hostMatches(h, request.host))) {
          reasons.push({ check: 'route', allowed: false, text: `${describeObject(vs)} is bound to ${describeObject(gw)} but its hosts (${vsHosts.join(', ')}) do not match Host ${request.host}: 404` });
          continue;
        }
        const routed = this.httpRoute(vs, request);
        if (routed !== undefined) {
          return { gateway, reasons: [...reasons.filter((r) => r.allowed), ...routed.reasons], destination: routed.destination };
        }
        reasons.push({ check: 'route', allowed: false, text: `no http route of ${describeObject(vs)} matches path ${request.path}: 404` });
      }
    }
    return { gateway, reasons };
  }

  private misboundHint(gateway: any): string {
    const misbound = this.virtualServices.filter(({ object: vs }) => (vs.spec?.gateways ?? [])
      .some((g: string) => !g.includes('/') && g === gateway.metadata.name && vs.metadata.namespace !== gateway.metadata.namespace));
    if (misbound.length === 0) return '';
    const vs = misbound[0].object;
    return ` (${describeObject(vs)} names gateway ${gateway.metadata.name}, which means ${vs.metadata.namespace}/${gateway.metadata.name}; write ${gateway.metadata.namespace}/${gateway.metadata.name})`;
  }

  private httpRoute(vs: any, request: GatewayRequest): Pick<Route, 'reasons' | 'destination'> | undefined {
    const routes: any[] = Array.isArray(vs.spec?.http) ? vs.spec.http : [];
    const index = routes.findIndex((route) => {
      const matches: any[] | undefined = Array.isArray(route?.match) ? route.match : undefined;
      const portMatches = (m: any) => m?.port === undefined || Number(m.port) === request.port;
      return matches === undefined || matches.some((m) => uriMatches(m?.uri, request.path) && portMatches(m));
    });
    if (index < 0) return undefined;
    const where = `${describeObject(vs)} http[${index}]`;
    const route = routes[index];
    const destination = (route.route ?? []).find((d: any) => d?.weight === undefined || d.weight > 0)?.destination;
    if (destination === undefined) {
      return { reasons: [{ check: 'route', allowed: false, text: `${where} answers itself (redirect or direct response), it sends the request to no Service` }] };
    }
    const target = this.destinationService(String(destination.host), vs.metadata.namespace);
    if (target === undefined) {
      return { reasons: [{ check: 'route', allowed: false, text: `${where} sends the request to ${destination.host}, which is no Service here: 503 (no healthy upstream)` }] };
    }
    const port = destination.port?.number !== undefined
      ? target.ports.find((p) => p.port === Number(destination.port.number))
      : target.ports.length === 1 ? target.ports[0] : undefined;
    if (port === undefined) {
      const text = `${where} sends the request to ${target.namespace}/${target.name} port ${destination.port?.number ?? '(none)'}, which the Service does not have: 503`;
      return { reasons: [{ check: 'route', allowed: false, text }] };
    }
    return {
      reasons: [{ check: 'route', allowed: true, text: `${where} routes Host ${request.host} path ${request.path} to Service ${target.namespace}/${target.name} port ${port.port}` }],
      destination: { service: target, port },
    };
  }

  /** The Service a destination host names: a short name in the VirtualService's namespace, `name.ns`, or `name.ns.svc.cluster.local`. */
  public destinationService(host: string, namespace: string): ServiceModel | undefined {
    const parts = host.toLowerCase().replace(/\.$/, '').split('.');
    if (parts.length === 1) return this.cluster.service(namespace, parts[0]);
    if (parts.length === 2 || (parts.length >= 3 && parts[2] === 'svc')) return this.cluster.service(parts[1], parts[0]);
    return undefined;
  }

  /** A request per host of every Gateway server of a gateway kind that a route sends to a Service: what the graph draws. */
  public servedRequests(kind: GatewayKind): { readonly request: GatewayRequest; readonly route: Route }[] {
    const gateway = this.gatewayWorkload(kind);
    const served: { request: GatewayRequest; route: Route }[] = [];
    for (const { object: gw } of this.gateways) {
      if (gw.spec?.selector === undefined || !selectorMatches({ matchLabels: gw.spec.selector }, gateway.labels)) continue;
      for (const server of (gw.spec?.servers ?? []) as any[]) {
        for (const entry of (server?.hosts ?? []) as string[]) {
          const pattern = serverHost(entry, gw.metadata.namespace!).host;
          const bound = this.virtualServices.flatMap(({ object }) => (object.spec?.hosts ?? []) as string[]).filter((h) => !h.includes('*') && hostMatches(pattern, h));
          const hosts = bound.length > 0 ? bound : [pattern === '*' ? '203.0.113.10' : pattern.replace(/^\*\./, 'www.')];
          for (const host of hosts) {
            const request = { host, path: '/', port: Number(server?.port?.number) };
            const route = this.route(kind, request);
            if (route.destination !== undefined && route.reasons.every((r) => r.allowed)) served.push({ request, route });
          }
        }
      }
    }
    return served;
  }
}
