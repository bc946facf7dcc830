import { INGRESS_GATEWAY_KINDS, IngressGatewayKind, ISTIOD_XDS_PORT, KUBE_DNS } from '../../../core/aks-platform';
import { ClaimResult } from '../../claims/claim';
import { GraphCanvas } from '../../claims/target-kind';
import { withTargetKind } from '../../claims/targets/registry';
import { ConnectivityModel } from '../../connectivity-model';
import { Traffic } from '../../engine/network-policy';
import { podEndpoint } from '../../engine/verdict';
import { Workload } from '../../model/records';

/** A box in the picture: a workload (or a namespace, when grouped), the world, an ingress gateway, a name outside, or a service of the cluster. */
export interface FlowNode {
  readonly id: string;
  readonly label: string;
  /** The namespace it is drawn in; undefined for what is outside the cluster (and for namespace boxes). */
  readonly namespace?: string;
  readonly kind: 'workload' | 'namespace' | 'cluster' | 'gateway' | 'world' | 'fqdn' | 'client';
  /** Ports any pod may connect to, as `8080/TCP: any pod` notes. */
  readonly notes: readonly string[];
}

/** An arrow: an allowed flow, or a claim that does not hold. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly mtls: boolean;
  /** Set for a claim that does not hold (or cannot be decided): its id. */
  readonly failedClaim?: string;
}

/** The flows of a model, ready to draw. */
export interface FlowGraph {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** Set when the picture draws namespaces instead of workloads, saying why. */
  readonly grouped?: string;
}

/** Beyond this many workloads the picture draws a box per namespace: a box per workload would not be readable, nor laid out in seconds. */
export const GRAPH_WORKLOAD_LIMIT = 250;

const WORLD = 'world';

/** Collects boxes, notes and arrows; a box is added once, an arrow once. */
class GraphBuilder implements GraphCanvas {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly notes = new Map<string, string[]>();
  private readonly edges = new Map<string, FlowEdge>();

  constructor(public readonly model: ConnectivityModel, public readonly groupByNamespace: boolean) {}

  public node(node: Omit<FlowNode, 'notes'>): string {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, { ...node, notes: [] });
    return node.id;
  }

  public workload(workload: Workload): string {
    if (this.groupByNamespace) return this.node({ id: `ns:${workload.namespace}`, label: `namespace ${workload.namespace}`, kind: 'namespace' });
    return this.node({ id: workload.id, label: `${workload.name}\n${workload.kind}${workload.proxy === 'sidecar' ? ' + sidecar' : ''}`, namespace: workload.namespace, kind: 'workload' });
  }

  public outside(id: string, label: string): string {
    return this.node({ id, label, kind: 'fqdn' });
  }

  public missing(id: string, label: string, namespace?: string): string {
    return this.node({ id, label, namespace: this.groupByNamespace ? undefined : namespace, kind: 'client' });
  }

  public world(): string {
    return this.node({ id: WORLD, label: 'world', kind: 'world' });
  }

  public gateway(kind: IngressGatewayKind): string {
    const gateway = this.model.cluster.gatewayWorkload(kind);
    return this.node({ id: gateway.id, label: `${kind} ingress gateway\n(the add-on's)`, namespace: this.groupByNamespace ? undefined : gateway.namespace, kind: 'gateway' });
  }

  public note(id: string, text: string): void {
    const list = this.notes.get(id) ?? [];
    if (!list.includes(text)) list.push(text);
    this.notes.set(id, list);
  }

  /** An arrow; parallel arrows of one kind between two boxes merge, their labels joined. */
  public edge(edge: FlowEdge): void {
    if (edge.from === edge.to && this.groupByNamespace && edge.failedClaim === undefined) return;
    const key = edge.failedClaim !== undefined ? `claim:${edge.failedClaim}` : `${edge.from}|${edge.to}|${edge.mtls}`;
    const earlier = this.edges.get(key);
    if (earlier === undefined) this.edges.set(key, edge);
    else if (!earlier.label.split(', ').includes(edge.label)) this.edges.set(key, { ...earlier, label: `${earlier.label}, ${edge.label}` });
  }

  public build(grouped?: string): FlowGraph {
    return { nodes: [...this.nodes.values()].map((n) => ({ ...n, notes: this.notes.get(n.id) ?? [] })), edges: [...this.edges.values()], grouped };
  }
}

/** A pod no policy names, in a namespace no policy names: what "any pod" means. */
function probe(model: ConnectivityModel, sidecar: boolean): Workload {
  const pod = model.cluster.madeUpPod('probe-namespace-7f3a', { 'probe.aks-labs.io/sidecar': String(sidecar) });
  return sidecar ? { ...pod, id: '(any pod with a sidecar)', proxy: 'sidecar' } : { ...pod, id: '(any pod)', proxy: undefined };
}

/** Arrows between the manifests' workloads, or a note on the box for a port any pod may reach. */
function drawWorkloadFlows(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const { model } = graph;
  const connections = model.connections;
  const probes = [probe(model, false), probe(model, true)];
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) byNamespace.set(w.namespace, [...byNamespace.get(w.namespace) ?? [], w]);
  for (const server of workloads) {
    const namespaces = connections.policies.ingressPeerNamespaces(server);
    const clients = namespaces === 'all' ? workloads : [...namespaces].flatMap((ns) => byNamespace.get(ns) ?? []);
    for (const port of server.ports) {
      const traffic: Traffic = { port: port.port, protocol: port.protocol };
      const portText = `${port.port}/${port.protocol}`;
      const [plain, meshed] = probes.map((p) => connections.connect(podEndpoint(p), server, traffic, []).outcome === 'allowed');
      if (plain || meshed) {
        const box = graph.workload(server);
        graph.note(box, `${box === server.id ? '' : `${server.name} `}${portText}: any pod${plain ? '' : ' with a sidecar (mTLS)'}`);
        continue;
      }
      for (const client of clients) {
        if (client === server) continue;
        const result = connections.connect(podEndpoint(client), server, traffic, []);
        if (result.outcome === 'allowed') graph.edge({ from: graph.workload(client), to: graph.workload(server), label: portText, mtls: result.mtls });
      }
    }
  }
}

/** Arrows to kube-dns and istiod from the workloads whose egress is restricted (the others reach them anyway). */
function drawClusterServices(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const { model } = graph;
  const policies = model.connections.policies;
  const restricted = workloads.filter((w) => policies.check('egress', w, { kind: 'world' }, { port: 443, protocol: 'TCP' }).enforced);
  for (const target of [model.cluster.kubeDns, model.cluster.istiod]) {
    const dns = target === model.cluster.kubeDns;
    const traffic: Traffic = dns ? { port: KUBE_DNS.port, protocol: 'UDP' } : { port: ISTIOD_XDS_PORT, protocol: 'TCP' };
    const clients = restricted.filter((c) => (dns || c.proxy === 'sidecar') && policies.check('egress', c, podEndpoint(target), traffic).value.value === 'yes');
    if (clients.length === 0) continue;
    const id = graph.node({ id: target.id, label: `${target.name}\n(the cluster's)`, namespace: graph.groupByNamespace ? undefined : target.namespace, kind: 'cluster' });
    for (const client of clients) graph.edge({ from: graph.workload(client), to: id, label: `${traffic.port}/${traffic.protocol}${dns ? ' DNS' : ''}`, mtls: false });
  }
}

/** Arrows from the world to the pods behind LoadBalancer and NodePort Services that let it in. */
function drawLoadBalancers(graph: GraphBuilder): void {
  const { cluster, connections } = graph.model;
  for (const service of cluster.services.filter((s) => !s.builtIn && (s.type === 'LoadBalancer' || s.type === 'NodePort'))) {
    for (const port of service.ports) {
      if (connections.fromOutside({ kind: 'world' }, service, port).outcome !== 'allowed') continue;
      for (const backend of cluster.backends(service)) {
        graph.edge({ from: graph.world(), to: graph.workload(backend), label: `${port.port}/${port.protocol} (${service.type} ${service.name})`, mtls: false });
      }
    }
  }
}

/** The world to each ingress gateway with a route, and the gateway to the pods its routes reach. */
function drawGatewayRoutes(graph: GraphBuilder): void {
  const { cluster, connections } = graph.model;
  for (const kind of INGRESS_GATEWAY_KINDS) {
    for (const { host, port, route } of connections.routing.servedRequests(kind)) {
      const gatewayId = graph.gateway(kind);
      graph.edge({ from: graph.world(), to: gatewayId, label: `${port}/TCP`, mtls: false });
      const result = connections.throughGateway(kind, { host, path: '/', method: 'GET', headers: Object.create(null) }, port);
      const backend = cluster.backends(route.destinations[0].service)[0];
      if (backend !== undefined && result.outcome === 'allowed') {
        graph.edge({ from: gatewayId, to: graph.workload(backend), label: `Host ${host} → ${route.destinations[0].port.port}`, mtls: result.mtls });
      }
    }
  }
}

function sampleName(selector: { matchName: string } | { matchPattern: string }): string {
  if ('matchName' in selector) return selector.matchName.replace(/\.$/, '');
  const pattern = selector.matchPattern.replace(/\.$/, '');
  return pattern === '*' ? 'example.com' : pattern.replace(/\*/g, 'www');
}

/** Arrows to the names outside the cluster that FQDN rules let a workload reach. */
function drawFqdnFlows(graph: GraphBuilder, workloads: readonly Workload[]): void {
  const { connections } = graph.model;
  const targets = connections.policies.fqdnTargets();
  if (targets.length === 0) return;
  const restricted = workloads.filter((w) => connections.policies.check('egress', w, { kind: 'world' }, { port: 443, protocol: 'TCP' }).enforced);
  for (const client of restricted) {
    for (const { selector, ports } of targets) {
      for (const port of ports.length > 0 ? ports : [{ port: 443, protocol: 'TCP' }]) {
        const result = connections.toOutside(client, { fqdn: sampleName(selector), port: port.port }, port.protocol as Traffic['protocol']);
        // Drawn only where a rule lets it through, not where egress is simply open.
        const byRule = result.reasons.some((r) => r.check === 'cilium-egress' && r.outcome === 'allowed' && !r.unrestricted);
        if (result.outcome !== 'allowed' || !byRule) continue;
        const label = 'matchName' in selector ? selector.matchName : selector.matchPattern;
        const id = graph.outside(`fqdn:${label}`, `${label}\n(outside)`);
        graph.edge({ from: graph.workload(client), to: id, label: `${port.port}/${port.protocol}`, mtls: false });
      }
    }
  }
}

/** A red arrow for each claim that does not hold or cannot be decided. */
function drawFailedClaims(graph: GraphBuilder, results: readonly ClaimResult[]): void {
  const context = graph.model.queryContext;
  for (const result of results.filter((r) => !r.holds)) {
    const { claim } = result;
    let from: string;
    if (claim.source.kind === 'world') {from = graph.world();} else if (claim.source.kind === 'ingressGateway') {from = graph.gateway(claim.source.gateway);} else {
      const client = graph.model.connections.clientPod(claim.source.namespace, claim.source.labels, claim.source.serviceAccount);
      from = client.source === 'the claim'
        ? graph.missing(`client:${client.id}`, `${client.name}\n(client of a claim)`, client.namespace)
        : graph.workload(client);
    }
    const to = withTargetKind(claim.target, (kind, target) => kind.draw(target, graph, context));
    graph.edge({ from, to, label: `${claim.id}: expected ${claim.expect}, ${result.actual}`, mtls: false, failedClaim: claim.id });
  }
}

/**
 * The flows the model allows, for a picture: workloads grouped by namespace (or, beyond
 * {@link GRAPH_WORKLOAD_LIMIT} workloads, one box per namespace); an arrow for each port a
 * workload may reach on another (ports open to any pod are a note on the box instead); the
 * world reaching LoadBalancer Services and the ingress gateways; the gateways' routes; names
 * outside the cluster that FQDN rules allow; and, in red, each claim that does not hold.
 */
export function buildFlowGraph(model: ConnectivityModel, results: readonly ClaimResult[] = []): FlowGraph {
  const workloads = model.cluster.workloads.filter((w) => !w.builtIn);
  const grouped = workloads.length > GRAPH_WORKLOAD_LIMIT;
  const graph = new GraphBuilder(model, grouped);
  for (const w of workloads) graph.workload(w);
  drawWorkloadFlows(graph, workloads);
  drawClusterServices(graph, workloads);
  drawLoadBalancers(graph);
  drawGatewayRoutes(graph);
  drawFqdnFlows(graph, workloads);
  drawFailedClaims(graph, results);
  return graph.build(grouped ? `${workloads.length} workloads, more than ${GRAPH_WORKLOAD_LIMIT}: one box per namespace` : undefined);
}
