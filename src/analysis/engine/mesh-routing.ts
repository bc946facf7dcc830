import { MeshSecurity } from './mesh-security';
import { HostedRequest } from './network-policy';
import { describeUnmodelled, Reason } from './verdict';
import { INGRESS_GATEWAY_NAMESPACE, IngressGatewayKind, ingressGatewayName } from '../../core/aks-platform';
import { ClusterModel, matchesLabels } from '../model/cluster';
import { Labels } from '../model/field-reader';
import { and, maybe, some, Tri, tri, YES } from '../model/outcome';
import { GatewayRecord, GatewayServer, HttpMatch, HttpRoute, ServicePort, ServiceRecord, StringMatch, VirtualServiceRecord, Workload } from '../model/records';

/** Where a route sends a request: a Service port, and the subset when it names one. */
export interface RouteDestination {
  readonly service: ServiceRecord;
  readonly port: ServicePort;
  /** The subset's name and the labels of its pods. @default - every pod of the Service */
  readonly subset?: { readonly name: string; readonly labels: Labels };
  /** The path the destination sees (after a rewrite). */
  readonly path: string;
}

/** How a request is routed: the findings, and the destinations (one each for weighted splits) when it is routed. */
export interface RouteResult {
  readonly reasons: readonly Reason[];
  readonly destinations: readonly RouteDestination[];
}

/** Istio host matching: `*` matches all, `*.example.com` any name under it, otherwise the same name. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase().replace(/:\d+$/, '');
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1));
  return p === h;
}

function stringMatches(match: StringMatch, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if ('exact' in match) return (ignoreCase ? match.exact.toLowerCase() : match.exact) === v;
  if ('prefix' in match) return v.startsWith(ignoreCase ? match.prefix.toLowerCase() : match.prefix);
  return match.regex.matches(value);
}

function queryParams(path: string): Map<string, string> {
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  const params = new Map<string, string>();
  for (const pair of query.split('&').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    params.set(eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1));
  }
  return params;
}

/** Who sends a request into a route: the gateway's pods (and which Gateway), or a client's sidecar. */
interface RouteSource {
  readonly workload: Workload;
  /** `namespace/name` of the Gateway, or `mesh`. */
  readonly gateway: string;
  readonly port: number;
  readonly scheme: 'http' | 'https';
}

/** The Host a request to a gateway carries when none is named: the gateway's IP address (a documentation address stands for it). */
export const GATEWAY_ADDRESS = '203.0.113.10';

/** A Gateway server listening on a gateway's port, in the order the manifests define it. */
interface ListeningServer {
  readonly gw: GatewayRecord;
  readonly server: GatewayServer;
  readonly order: number;
}

/** The add-on's ingress gateways and the sidecars routing requests with Gateways and VirtualServices. */
export class MeshRouting {
  private readonly listeningCache = new Map<string, { all: ListeningServer[]; exact: Map<string, ListeningServer[]>; wildcard: ListeningServer[] }>();
  private readonly meshBound: readonly VirtualServiceRecord[];

  private exactHostSet?: ReadonlySet<string>;
  private routesByService?: ReadonlyMap<ServiceRecord, VirtualServiceRecord[]>;
  /** `security` finds the DestinationRule a client applies, which also defines the subsets its routes name. */
  constructor(private readonly cluster: ClusterModel, private readonly security: MeshSecurity) {
    this.meshBound = cluster.virtualServicesBoundTo('mesh');
  }

  private matchOf(match: HttpMatch, request: HostedRequest, source: RouteSource): Tri {
    const pseudo: Readonly<Record<string, string>> = { ':method': request.method, ':path': request.path, ':authority': request.host, ':scheme': source.scheme };
    const header = (name: string) => (Object.prototype.hasOwnProperty.call(pseudo, name) ? pseudo[name]
      : Object.prototype.hasOwnProperty.call(request.headers, name) ? request.headers[name] : undefined);
    const params = queryParams(request.path);
    const path = request.path.split('?')[0];
    return and(
      tri(match.uri === undefined || stringMatches(match.uri, path, match.ignoreUriCase)),
      tri(match.method === undefined || stringMatches(match.method, request.method)),
      tri(match.authority === undefined || stringMatches(match.authority, request.host)),
      tri(match.scheme === undefined || stringMatches(match.scheme, source.scheme)),
      tri([...match.headers].every(([name, m]) => stringMatches(m, header(name)))),
      tri([...match.withoutHeaders].every(([name, m]) => !stringMatches(m, header(name)))),
      tri([...match.queryParams].every(([name, m]) => stringMatches(m, params.get(name)))),
      tri(match.port === undefined || match.port === source.port),
      tri(match.gateways === undefined || match.gateways.includes(source.gateway)),
      tri(match.sourceLabels === undefined || matchesLabels(match.sourceLabels, source.workload.labels)),
      tri(match.sourceNamespace === undefined || match.sourceNamespace === source.workload.namespace),
      match.unmodelled.length > 0 ? maybe(match.unmodelled) : YES,
    );
  }

  private routeMatches(route: HttpRoute, request: HostedRequest, source: RouteSource): Tri {
    return route.matches === undefined ? YES : some(route.matches, (m) => this.matchOf(m, request, source));
  }

  /** The Service a destination host names: a short name in the VirtualService's namespace, `name.ns`, or `name.ns.svc.cluster.local`. */
  public destinationService(host: string, namespace: string): ServiceRecord | undefined {
    const parts = host.toLowerCase().replace(/\.$/, '').split('.');
    if (parts.length === 1) return this.cluster.service(namespace, parts[0]);
    if (parts.length === 2 || (parts.length >= 3 && parts[2] === 'svc')) return this.cluster.service(parts[1], parts[0]);
    return undefined;
  }

  /** Follows a request through the routes of `virtualService` in order: the first route whose match holds decides. */
  private httpRoute(vs: VirtualServiceRecord, request: HostedRequest, source: RouteSource): RouteResult | undefined {
    for (const route of vs.http) {
      const match = this.routeMatches(route, request, source);
      if (match.value === 'no') continue;
      if (match.value === 'maybe') {
        return { destinations: [], reasons: [{ check: 'route', outcome: 'unknown', text: `whether ${route.where} matches cannot be decided: ${describeUnmodelled(match.fields)}`, unmodelled: match.fields }] };
      }
      return this.follow(vs, route, request, source);
    }
    return undefined;
  }

  private follow(vs: VirtualServiceRecord, route: HttpRoute, request: HostedRequest, source: RouteSource): RouteResult {
    const fail = (text: string): RouteResult => ({ destinations: [], reasons: [{ check: 'route', outcome: 'blocked', text }] });
    if (route.answers !== undefined) return fail(`${route.where} ${route.answers}: the request reaches no Service`);
    if (route.unmodelled.length > 0 || route.partialAbort) {
      const fields = [...route.unmodelled, ...(route.partialAbort ? [{ object: vs.describe, field: `${route.where.split(' ').pop()}.fault.abort`, why: 'aborts a share of the requests' }] : [])];
      return { destinations: [], reasons: [{ check: 'route', outcome: 'unknown', text: `${route.where} cannot be followed: ${describeUnmodelled(fields)}`, unmodelled: fields }] };
    }
    const weighted = route.destinations.filter((d) => d.weight > 0);
    if (weighted.length === 0) return fail(`${route.where} sends the request to no destination`);
    const destinations: RouteDestination[] = [];
    for (const d of weighted) {
      const service = this.destinationService(d.host, vs.namespace);
      if (service === undefined) return fail(`${route.where} sends the request to ${d.host}, which is no Service here: 503 (no healthy upstream)`);
      // Without a port, a sidecar keeps the port the request was sent to; a gateway needs a Service of one port.
      const port = d.port !== undefined ? service.ports.find((p) => p.port === d.port)
        : source.gateway === 'mesh' ? service.ports.find((p) => p.port === source.port) : service.ports.length === 1 ? service.ports[0] : undefined;
      if (port === undefined) {
        return fail(d.port === undefined && source.gateway !== 'mesh'
          ? `${route.where} sends the request to ${service.namespace}/${service.name} without a port, and the Service has ${service.ports.length}: name one (destination.port.number)`
          : `${route.where} sends the request to ${service.namespace}/${service.name} port ${d.port ?? source.port}, which the Service does not have: 503`);
      }
      let subset: RouteDestination['subset'];
      if (d.subset !== undefined) {
        // The subset comes from the DestinationRule the client applies to the host (the one that also sets its TLS).
        const rule = this.security.destinationRule(source.workload, service);
        const defined = rule?.subsets.find((s) => s.name === d.subset);
        if (defined === undefined) {
          return fail(`${route.where} names subset ${d.subset} of ${service.name}, which ${rule === undefined ? 'no DestinationRule the client applies' : `DestinationRule ${rule.namespace}/${rule.name}`} does not define: 503`);
        }
        subset = { name: defined.name, labels: defined.labels };
      }
      const path = route.rewriteUri === undefined ? request.path : this.rewritten(route, request);
      destinations.push({ service, port, subset, path });
    }
    const names = destinations.map((d) => `Service ${d.service.namespace}/${d.service.name} port ${d.port.port}${d.subset === undefined ? '' : ` (subset ${d.subset.name})`}`);
    return {
      destinations,
      reasons: [{ check: 'route', outcome: 'allowed', text: `${route.where} routes Host ${request.host} path ${request.path} to ${names.join(' and ')}` }],
    };
  }

  private rewritten(route: HttpRoute, request: HostedRequest): string {
    const prefix = route.matches?.map((m) => (m.uri !== undefined && 'prefix' in m.uri ? m.uri.prefix : undefined)).find((p) => p !== undefined && request.path.startsWith(p));
    return prefix === undefined ? route.rewriteUri! : `${route.rewriteUri}${request.path.slice(prefix.length)}`;
  }

  private visibleFrom(vs: VirtualServiceRecord, namespace: string): boolean {
    return vs.exportTo.includes('*') || vs.exportTo.includes(namespace) || (vs.exportTo.includes('.') && vs.namespace === namespace);
  }

  /** Follows a request from outside through the `kind` ingress gateway to the Service a route sends it to. */
  public throughGateway(kind: IngressGatewayKind, request: HostedRequest, port: number): RouteResult & { readonly server?: GatewayServer } {
    const gateway = this.cluster.gatewayWorkload(kind);
    const service = this.cluster.service(gateway.namespace, ingressGatewayName(kind))!;
    const fail = (text: string, outcome: 'blocked' | 'unknown' = 'blocked', extra: Partial<Reason> = {}): RouteResult => ({
      destinations: [], reasons: [{ check: 'route', outcome, text, ...extra }],
    });
    if (!service.ports.some((p) => p.port === port)) {
      return fail(`the ${kind} gateway's Service ${service.namespace}/${service.name} has no port ${port} (it has ${service.ports.map((p) => p.port).join(', ')})`);
    }
    const listening = this.listening(kind, port);
    if (listening.all.length === 0) {
      return fail(`no Gateway selects the ${kind} gateway's pods (istio=${ingressGatewayName(kind)}) with a server on port ${port}: the connection is refused`);
    }
    const host = request.host.toLowerCase().replace(/:\d+$/, '');
    const candidates = [...listening.exact.get(host) ?? [], ...listening.wildcard].sort((a, b) => a.order - b.order);
    if (candidates.length === 0) {
      const shown = listening.all.slice(0, 3).map(({ gw, server }) => `${gw.describe} serves ${server.hosts.map((h) => h.host).join(', ')}`);
      const more = listening.all.length > 3 ? ` and ${listening.all.length - 3} more` : '';
      return fail(`no Gateway on port ${port} of the ${kind} gateway serves Host ${request.host} (${shown.join('; ')}${more}): 404`);
    }
    const reasons: Reason[] = [];
    for (const { gw, server } of candidates) {
      const serving = server.hosts.filter((h) => hostMatches(h.host, request.host));
      if (serving.length === 0) continue;
      if (server.unmodelled.length > 0) return { ...fail(`${server.where} cannot be followed: ${describeUnmodelled(server.unmodelled)}`, 'unknown', { unmodelled: server.unmodelled }), server };
      if (server.tls?.httpsRedirect === true && server.protocol === 'HTTP') {
        return { ...fail(`${server.where} redirects plain HTTP to HTTPS (tls.httpsRedirect): 301, the request reaches no Service`), server };
      }
      const tlsNote: Reason[] = [];
      if (server.protocol === 'HTTPS') {
        const credential = server.tls?.credentialName;
        const held = credential !== undefined && this.cluster.hasSecret(INGRESS_GATEWAY_NAMESPACE, credential);
        if (!held) {
          const field = { object: gw.describe, field: `${server.where.split(' ').pop()}.tls.credentialName`, why: `its Secret${credential === undefined ? '' : ` ${credential}`} is not in the manifests (in ${INGRESS_GATEWAY_NAMESPACE})` };
          tlsNote.push({ check: 'route', outcome: 'unknown', text: `whether ${server.where} can terminate TLS: ${describeUnmodelled([field])}`, unmodelled: [field] });
        }
      }
      const gatewayId = `${gw.namespace}/${gw.name}`;
      const bound = this.cluster.virtualServicesBoundTo(gatewayId).filter((vs) => serving.some((h) => h.namespace === '*' || h.namespace === vs.namespace));
      const visible = bound.filter((vs) => this.visibleFrom(vs, gateway.namespace));
      if (visible.length === 0) {
        const hidden = bound.length > 0 ? ` (${bound.map((vs) => vs.describe).join(', ')} ${bound.length === 1 ? 'is' : 'are'} not exported to ${gateway.namespace}: exportTo)` : this.misboundHint(gw);
        reasons.push({ check: 'route', outcome: 'blocked', text: `no VirtualService is bound to ${gw.describe}${hidden}: 404` });
        continue;
      }
      const source: RouteSource = { workload: gateway, gateway: gatewayId, port, scheme: server.protocol === 'HTTPS' ? 'https' : 'http' };
      for (const vs of visible) {
        if (!vs.hosts.some((h) => hostMatches(h, request.host))) {
          reasons.push({ check: 'route', outcome: 'blocked', text: `${vs.describe} is bound to ${gw.describe} but its hosts (${vs.hosts.join(', ')}) do not match Host ${request.host}: 404` });
          continue;
        }
        if (vs.unmodelled.length > 0) return { ...fail(`${vs.describe} cannot be followed: ${describeUnmodelled(vs.unmodelled)}`, 'unknown', { unmodelled: vs.unmodelled }), server };
        const routed = this.httpRoute(vs, request, source);
        if (routed !== undefined) return { destinations: routed.destinations, reasons: [...tlsNote, ...routed.reasons], server };
        reasons.push({ check: 'route', outcome: 'blocked', text: `no http route of ${vs.describe} matches ${request.method} ${request.path}: 404` });
      }
    }
    return { destinations: [], reasons: reasons.length > 0 ? reasons : [{ check: 'route', outcome: 'blocked', text: 'no route' }] };
  }

  /** The Gateway servers on `port` that configure the `kind` gateway's pods, by exact host (and those with a wildcard host), computed once. */
  private listening(kind: IngressGatewayKind, port: number) {
    const key = `${kind}:${port}`;
    let found = this.listeningCache.get(key);
    if (found === undefined) {
      const gateway = this.cluster.gatewayWorkload(kind);
      const all: ListeningServer[] = [];
      for (const gw of this.cluster.gateways) {
        if (Object.keys(gw.selector).length === 0 || !matchesLabels(gw.selector, gateway.labels)) continue;
        for (const server of gw.servers) if (server.port === port) all.push({ gw, server, order: all.length });
      }
      const exact = new Map<string, ListeningServer[]>();
      const wildcard: ListeningServer[] = [];
      for (const entry of all) {
        const hosts = entry.server.hosts.map((h) => h.host.toLowerCase());
        if (hosts.some((h) => h.includes('*'))) wildcard.push(entry);
        for (const h of new Set(hosts.filter((x) => !x.includes('*')))) exact.set(h, [...exact.get(h) ?? [], entry]);
      }
      found = { all, exact, wildcard };
      this.listeningCache.set(key, found);
    }
    return found;
  }

  private misboundHint(gateway: GatewayRecord): string {
    const vs = this.cluster.virtualServices.find((v) => v.gateways.includes(`${v.namespace}/${gateway.name}`) && v.namespace !== gateway.namespace);
    if (vs === undefined) return '';
    return ` (${vs.describe} names gateway ${gateway.name}, which means ${vs.namespace}/${gateway.name}; write ${gateway.namespace}/${gateway.name})`;
  }

  /**
   * The VirtualServices a client's sidecar applies to requests for a Service (bound to `mesh`,
   * exported to the client's namespace, with a host that names the Service).
   */
  public meshRoutes(client: Workload, service: ServiceRecord): VirtualServiceRecord[] {
    return (this.meshBoundByService().get(service) ?? []).filter((vs) => this.visibleFrom(vs, client.namespace));
  }

  /** The mesh-bound VirtualServices by the Services their hosts name, in the manifests' order (made on first use). */
  private meshBoundByService(): ReadonlyMap<ServiceRecord, VirtualServiceRecord[]> {
    if (this.routesByService === undefined) {
      const byService = new Map<ServiceRecord, VirtualServiceRecord[]>();
      for (const vs of this.meshBound) {
        for (const host of vs.hosts) {
          const service = this.destinationService(host, vs.namespace);
          if (service === undefined) continue;
          const routes = byService.get(service);
          if (routes === undefined) byService.set(service, [vs]);
          else if (routes[routes.length - 1] !== vs) routes.push(vs);
        }
      }
      this.routesByService = byService;
    }
    return this.routesByService;
  }

  /** Follows an HTTP request of a client's sidecar through the mesh VirtualServices of a Service. */
  public throughMesh(client: Workload, service: ServiceRecord, request: HostedRequest, port: number): RouteResult | undefined {
    const routes = this.meshRoutes(client, service);
    if (routes.length === 0) return undefined;
    const source: RouteSource = { workload: client, gateway: 'mesh', port, scheme: 'http' };
    // tcp and tls routes apply by the port's protocol, which the model does not decide.
    const unreadable = routes.flatMap((vs) => vs.unmodelled);
    if (unreadable.length > 0) {
      return { destinations: [], reasons: [{ check: 'route', outcome: 'unknown', text: `how ${client.id}'s sidecar routes the request cannot be decided: ${describeUnmodelled(unreadable)}`, unmodelled: unreadable }] };
    }
    for (const vs of routes) {
      const routed = this.httpRoute(vs, request, source);
      if (routed !== undefined) return routed;
    }
    return { destinations: [], reasons: [{ check: 'route', outcome: 'blocked', text: `no http route of ${routes.map((v) => v.describe).join(', ')} matches ${request.method} ${request.path}: 404 (the sidecar routes by them)` }] };
  }

  /** The VirtualServices' hosts without wildcards (only `host` itself, when given and one of them). */
  private exactHosts(host?: string): string[] {
    this.exactHostSet ??= new Set(this.cluster.virtualServices.flatMap((vs) => vs.hosts).filter((h) => !h.includes('*')));
    if (host !== undefined) return this.exactHostSet.has(host) ? [host] : [];
    return [...this.exactHostSet];
  }

  /** A request per host of every Gateway server of a gateway kind that a route sends to a Service: what the picture draws. */
  public servedRequests(kind: IngressGatewayKind): { readonly host: string; readonly port: number; readonly route: RouteResult }[] {
    const gateway = this.cluster.gatewayWorkload(kind);
    const served: { host: string; port: number; route: RouteResult }[] = [];
    for (const gw of this.cluster.gateways) {
      if (Object.keys(gw.selector).length === 0 || !matchesLabels(gw.selector, gateway.labels)) continue;
      for (const server of gw.servers) {
        for (const entry of server.hosts) {
          const bound = entry.host.includes('*') ? this.exactHosts().filter((h) => hostMatches(entry.host, h)) : this.exactHosts(entry.host);
          const hosts = bound.length > 0 ? bound : [entry.host === '*' ? GATEWAY_ADDRESS : entry.host.replace(/^\*\./, 'www.')];
          for (const host of hosts) {
            const route = this.throughGateway(kind, { host, path: '/', method: 'GET', headers: Object.create(null) }, server.port);
            if (route.destinations.length > 0 && route.reasons.every((r) => r.outcome === 'allowed')) served.push({ host, port: server.port, route });
          }
        }
      }
    }
    return served;
  }
}

