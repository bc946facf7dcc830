import { ClaimResult } from './claims';
import { GATEWAY_KINDS, GatewayKind, Workload } from './cluster-model';
import { ConnectivityModel } from './connectivity';
import { podEndpoint } from './endpoint';

/** A box in the picture: a workload, the world, an ingress gateway, a name outside, or a service of the cluster. */
export interface FlowNode {
  readonly id: string;
  readonly label: string;
  /** The namespace it is drawn in; undefined for what is outside the cluster. */
  readonly namespace?: string;
  readonly kind: 'workload' | 'cluster' | 'gateway' | 'world' | 'fqdn' | 'client';
  /** Ports any pod may connect to, as `8080/TCP: any pod` notes. */
  readonly notes: readonly string[];
}

/** An arrow: an allowed flow, or a claim that does not hold. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly mtls: boolean;
  /** Set for a claim that does not hold: its id. */
  readonly failedClaim?: string;
}

/** The flows of a model, ready to draw. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

const WORLD = 'world';

/** A pod no policy names, in a namespace no policy names: what "any pod" means. */
function probe(proxy: boolean): Workload {
  return {
    id: proxy ? '(any pod with a sidecar)' : '(any pod)',
    name: 'probe',
    namespace: 'probe-namespace-7f3a',
    kind: 'Pod',
    labels: {},
    serviceAccount: 'default',
    ports: [],
    proxy: proxy ? 'sidecar' : undefined,
    proxyReason: 'a probe',
    source: 'probe',
    builtIn: false,
  };
}

function sampleName(selector: { matchName?: string; matchPattern?: string }): string {
  if (selector.matchName !== undefined) return selector.matchName.replace(/\.$/, '');
  const pattern = String(selector.matchPattern).replace(/\.$/, '');
  return pattern === '*' ? 'example.com' : pattern.replace(/\*/g, 'www');
}

/** Collects boxes, notes and arrows; a box is added once. */
class GraphBuilder {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly notes = new Map<string, string[]>();
  private readonly edges: FlowEdge[] = [];

  constructor(public readonly model: ConnectivityModel) {}

  public node(node: Omit<FlowNode, 'notes'>): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, { ...node, notes: [] });
    return node.id;
  }

  public world(): string {
    return this.node({ id: WORLD, label: 'world', kind: 'world' });
  }

  public gateway(kind: GatewayKind): string {
    const gateway = this.model.routing.gatewayWorkload(kind);
    return this.node({ id: gateway.id, label: `${kind} ingress gateway\n(the add-on's)`, namespace: gateway.namespace, kind: 'gateway' });
  }

  public note(id: string, text: string): void {
    this.notes.set(id, [...this.notes.get(id) ?? [], text]);
  }

  public edge(edge: FlowEdge): void {
    const same = (e: FlowEdge) => e.from === edge.from && e.to === edge.to && e.label === edge.label && e.failedClaim === edge.failedClaim;
    if (!this.edges.some(same)) this.edges.push(edge);
  }

  public build(): FlowGraph {
    return { nodes: [...this.nodes.values()].map((n) => ({ ...n, notes: this.notes.get(n.id) ?? [] })), edges: mergeParallel(this.edges) };
  }
}

/** Arrows between the manifests' workloads, or a note on the box for a port any pod may reach. */
function drawWorkloadFlows(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const probes = [probe(false), probe(true)];
  for (const server of workloads) {
    for (const port of server.ports) {
      const portText = `${port.port}/${port.protocol}`;
      const [plain, meshed] = probes.map((p) => graph.model.connect(podEndpoint(p), server, port.port, port.protocol, []).allowed);
      if (plain || meshed) {
        graph.note(server.id, `${portText}: any pod${plain ? '' : ' with a sidecar (mTLS)'}`);
        continue;
      }
      for (const client of workloads.filter((c) => c !== server)) {
        const result = graph.model.connect(podEndpoint(client), server, port.port, port.protocol, []);
        if (result.allowed) graph.edge({ from: client.id, to: server.id, label: portText, mtls: result.mtls });
      }
    }
  }
}

/** Arrows to kube-dns and istiod from the workloads whose egress is restricted (the others reach them anyway). */
function drawClusterServices(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const { model } = graph;
  const restricted = workloads.filter((w) => model.cilium.check('egress', w, { kind: 'world' }, 443, 'TCP').enforced);
  for (const target of model.cluster.workloads.filter((w) => w.builtIn && (w.labels['k8s-app'] === 'kube-dns' || w.labels.app === 'istiod'))) {
    const dns = target.labels['k8s-app'] === 'kube-dns';
    const port = dns ? { port: 53, protocol: 'UDP' } : { port: 15012, protocol: 'TCP' };
    const clients = restricted.filter((c) => (dns || c.proxy === 'sidecar') && model.cilium.check('egress', c, podEndpoint(target), port.port, port.protocol).allowed);
    if (clients.length === 0) continue;
    graph.node({ id: target.id, label: `${target.name}\n(the cluster's)`, namespace: target.namespace, kind: 'cluster' });
    for (const client of clients) graph.edge({ from: client.id, to: target.id, label: `${port.port}/${port.protocol}${dns ? ' DNS' : ''}`, mtls: false });
  }
}

/** Arrows from the world to the pods behind LoadBalancer and NodePort Services that let it in. */
function drawLoadBalancers(graph: GraphBuilder): void {
  for (const service of graph.model.cluster.services.filter((s) => !s.builtIn && (s.type === 'LoadBalancer' || s.type === 'NodePort'))) {
    for (const port of service.ports) {
      const result = graph.model.query({ from: 'world', to: { service: service.name, namespace: service.namespace, port: port.port }, protocol: port.protocol as any });
      if (!result.allowed) continue;
      for (const backend of graph.model.cluster.backends(service)) {
        graph.edge({ from: graph.world(), to: backend.id, label: `${port.port}/${port.protocol} (LoadBalancer ${service.name})`, mtls: false });
      }
    }
  }
}

/** The world to each ingress gateway with a route, and the gateway to the pods its routes reach. */
function drawGatewayRoutes(graph: GraphBuilder): void {
  for (const kind of GATEWAY_KINDS) {
    for (const { request, route } of graph.model.routing.servedRequests(kind)) {
      const gatewayId = graph.gateway(kind);
      graph.edge({ from: graph.world(), to: gatewayId, label: `${request.port}/TCP`, mtls: false });
      const result = graph.model.query({ from: { ingressGateway: kind }, to: request });
      const backend = graph.model.cluster.backends(route.destination!.service)[0];
      if (backend !== undefined && result.allowed) {
        graph.edge({ from: gatewayId, to: backend.id, label: `Host ${request.host} → ${route.destination!.port.port}`, mtls: result.mtls });
      }
    }
  }
}

/** Arrows to the names outside the cluster that FQDN rules let a workload reach. */
function drawFqdnFlows(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const targets = graph.model.cilium.fqdnTargets();
  for (const client of workloads) {
    for (const { selector, ports } of targets) {
      for (const port of ports.length > 0 ? ports : [{ port: '443', protocol: 'TCP' }]) {
        const to = { fqdn: sampleName(selector), port: Number(port.port) };
        const result = graph.model.query({ from: { namespace: client.namespace, labels: client.labels }, to });
        // Drawn only where a rule lets it through, not where egress is simply open.
        const byRule = result.reasons.some((r) => r.check === 'cilium-egress' && r.allowed && !r.unrestricted);
        if (!result.allowed || !byRule) continue;
        const label = selector.matchName ?? selector.matchPattern;
        const id = graph.node({ id: `fqdn:${label}`, label: `${label}\n(outside)`, kind: 'fqdn' });
        graph.edge({ from: client.id, to: id, label: `${port.port}/${port.protocol ?? 'TCP'}`, mtls: false });
      }
    }
  }
}

/** A red arrow for each claim that does not hold. */
function drawFailedClaims(graph: GraphBuilder, results: readonly ClaimResult[]): void {
  for (const result of results.filter((r) => !r.holds)) {
    const { claim } = result;
    let from: string;
    if (claim.from === 'world') {from = graph.world();} else if ('ingressGateway' in claim.from) {from = graph.gateway(claim.from.ingressGateway);} else {
      const client = graph.model.cluster.clientPod(claim.from.namespace, claim.from.labels, claim.from.serviceAccount);
      from = graph.node({ id: client.id, label: `${client.name}\n(client of a claim)`, namespace: client.namespace, kind: 'client' });
    }
    graph.edge({ from, to: claimTarget(graph, result), label: `${claim.id}: expected ${claim.expect}, ${result.actual}`, mtls: false, failedClaim: claim.id });
  }
}

/**
 * The flows the model allows, for a picture: workloads grouped by namespace; an arrow for each
 * port a workload may reach on another (ports open to any pod are a note on the box instead);
 * the world reaching LoadBalancer Services and the ingress gateways; the gateways' routes;
 * names outside the cluster that FQDN rules allow; and, in red, each claim that does not hold.
 */
export function buildFlowGraph(model: ConnectivityModel, results: readonly ClaimResult[] = []): FlowGraph {
  const graph = new GraphBuilder(model);
  const workloads = model.cluster.workloads.filter((w) => !w.builtIn);
  for (const w of workloads) graph.node({ id: w.id, label: `${w.name}\n${w.kind}${w.proxy ? ' + sidecar' : ''}`, namespace: w.namespace, kind: 'workload' });
  drawWorkloadFlows(graph, workloads);
  drawClusterServices(graph, workloads);
  drawLoadBalancers(graph);
  drawGatewayRoutes(graph);
  drawFqdnFlows(graph, workloads);
  drawFailedClaims(graph, results);
  return graph.build();
}

/** One arrow per pair of boxes and kind of flow, its ports joined: `5672/TCP, 15672/TCP`. */
function mergeParallel(edges: readonly FlowEdge[]): FlowEdge[] {
  const merged = new Map<string, FlowEdge>();
  for (const edge of edges) {
    if (edge.failedClaim !== undefined) {
      merged.set(`claim:${edge.failedClaim}`, edge);
      continue;
    }
    const key = `${edge.from}|${edge.to}|${edge.mtls}`;
    const earlier = merged.get(key);
    merged.set(key, earlier === undefined ? edge : { ...earlier, label: `${earlier.label}, ${edge.label}` });
  }
  return [...merged.values()];
}

function claimTarget(graph: GraphBuilder, result: ClaimResult): string {
  const to = result.claim.to as any;
  const { cluster } = graph.model;
  if (to.fqdn !== undefined || to.ip !== undefined) return graph.node({ id: `fqdn:${to.fqdn ?? to.ip}`, label: `${to.fqdn ?? to.ip}\n(outside)`, kind: 'fqdn' });
  if (to.service !== undefined) {
    const service = cluster.service(to.namespace, to.service);
    const backend = service === undefined ? undefined : cluster.backends(service)[0];
    if (backend !== undefined) return graph.node({ id: backend.id, label: backend.name, namespace: backend.namespace, kind: 'workload' });
    return graph.node({ id: `missing:${to.namespace}/${to.service}`, label: `Service ${to.service}\n(missing)`, namespace: to.namespace, kind: 'client' });
  }
  if (to.labels !== undefined) {
    const server = cluster.workloadWithLabels(to.namespace, to.labels);
    if (server !== undefined) return graph.node({ id: server.id, label: server.name, namespace: server.namespace, kind: 'workload' });
    return graph.node({ id: `missing:${to.namespace}/${JSON.stringify(to.labels)}`, label: 'pods (missing)', namespace: to.namespace, kind: 'client' });
  }
  return graph.node({ id: `request:${to.host ?? 'gateway'}${to.path ?? '/'}`, label: `Host ${to.host ?? 'gateway IP'} ${to.path ?? '/'}\n(no route)`, kind: 'fqdn' });
}
