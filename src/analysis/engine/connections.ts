import { DnsResolver } from './dns';
import { MeshEgress } from './mesh-egress';
import { MeshRouting, RouteDestination, RouteResult } from './mesh-routing';
import { MeshSecurity } from './mesh-security';
import { HostedRequest, HttpRequest, NetworkPolicies, Traffic } from './network-policy';
import { anyOf, chain, ConnectionVerdict, describeEndpoint, describeUnmodelled, Endpoint, podEndpoint, Reason, single } from './verdict';
import { IngressGatewayKind, ISTIOD_XDS_PORT, istiodHost } from '../../core/aks-platform';
import { ClusterModel, matchesLabels } from '../model/cluster';
import { Labels } from '../model/field-reader';
import { ContainerPort, ServicePort, ServiceRecord, Workload } from '../model/records';

/** Fields of a Sidecar resource that shape only what its workload's proxy takes in, and only what it sends out. */
const INBOUND_SIDECAR_FIELD = /^spec\.(ingress|inboundConnectionPool)\b/;
const OUTBOUND_SIDECAR_FIELD = /^spec\.(egress|outboundTrafficPolicy)\b/;

/** A pod's annotations that change what its sidecar intercepts (traffic.sidecar.istio.io/*, proxy.istio.io/config, ...). */
function trafficAnnotations(workload: Workload) {
  return workload.unmodelled.filter((f) => /^annotation (traffic\.sidecar|sidecar|proxy)\.istio\.io\//.test(f.field));
}

/** The cluster-local name of a Service as a client's sidecar asks for it. */
function serviceDescribe(service: ServiceRecord): string {
  return `Service ${service.namespace}/${service.name}`;
}

/**
 * The connection checks of an AKS cluster with Cilium and the Istio add-on, in the order traffic
 * meets them: name lookups, network policies at both ends, sidecars and istiod, mTLS and
 * DestinationRule TLS, authorization, and routing at the ingress gateways and in the mesh.
 */
export class Connections {
  /** Network policies (Cilium's and Kubernetes'). */
  public readonly policies: NetworkPolicies;
  /** Name lookups. */
  public readonly dns: DnsResolver;
  /** Istio's mTLS, DestinationRule TLS and authorization. */
  public readonly security: MeshSecurity;
  /** Istio's routing. */
  public readonly routing: MeshRouting;
  /** Istio's outbound traffic policy. */
  public readonly egress: MeshEgress;
  private readonly readiness = new WeakMap<Workload, Reason[]>();

  constructor(public readonly cluster: ClusterModel) {
    this.policies = new NetworkPolicies(cluster);
    this.dns = new DnsResolver(cluster, this.policies);
    this.security = new MeshSecurity(cluster);
    this.routing = new MeshRouting(cluster, this.security);
    this.egress = new MeshEgress(cluster);
  }

  /**
   * Whether a workload's sidecar can reach istiod (its name through kube-dns, then 15012/TCP):
   * without it the proxy gets no configuration or certificate and the pod never becomes ready.
   * Nothing is said when the pod's egress is not restricted.
   */
  public proxyReady(workload: Workload): Reason[] {
    if (workload.proxy !== 'sidecar') return [];
    const cached = this.readiness.get(workload);
    if (cached !== undefined) return cached;
    const lookup = this.dns.lookup(workload, istiodHost(this.cluster.istioRevision));
    const egress = this.policies.check('egress', workload, podEndpoint(this.cluster.istiod), { port: ISTIOD_XDS_PORT, protocol: 'TCP' });
    let reasons: Reason[] = [];
    const failed = [lookup.reason, egress.reason].find((r) => r.outcome === 'blocked');
    const unsure = [lookup.reason, egress.reason].find((r) => r.outcome === 'unknown');
    if (failed !== undefined) {
      reasons = [{ check: 'mesh', outcome: 'blocked', text: `${workload.id}'s sidecar cannot reach istiod (${failed.text}): it gets no configuration or certificate, so the pod never becomes ready` }];
    } else if (unsure !== undefined) {
      reasons = [{ ...unsure, check: 'mesh', text: `whether ${workload.id}'s sidecar reaches istiod: ${unsure.text}` }];
    } else if (egress.enforced) {
      reasons = [{ check: 'mesh', outcome: 'allowed', text: `${workload.id}'s sidecar reaches istiod: ${egress.reason.text}` }];
    }
    this.readiness.set(workload, reasons);
    return reasons;
  }

  /** The checks between an endpoint and one workload's pods: network policies at both ends, then Istio's. */
  public connect(
    client: Endpoint, server: Workload, traffic: Traffic, before: readonly Reason[], service?: ServiceRecord, subset?: string,
  ): ConnectionVerdict {
    const reasons: Reason[] = [...before];
    if (client.kind === 'pod') {
      reasons.push(...this.proxyReady(client.workload));
      reasons.push(this.policies.check('egress', client.workload, podEndpoint(server), traffic).reason);
    }
    reasons.push(this.policies.check('ingress', server, client, traffic).reason);
    reasons.push(...this.proxyReady(server));
    const mesh = this.meshChecks(client, server, traffic, service, subset);
    return chain([...reasons, ...mesh.reasons], mesh.mtls);
  }

  private meshChecks(
    client: Endpoint, server: Workload, traffic: Traffic, service: ServiceRecord | undefined, subset: string | undefined,
  ): { reasons: Reason[]; mtls: boolean } {
    if (traffic.protocol === 'ICMP') return { mtls: false, reasons: [] };
    const clientProxy = client.kind === 'pod' ? client.workload.proxy : undefined;
    const clientName = describeEndpoint(client);
    const reasons: Reason[] = [];
    const meshSettings = this.cluster.meshConfig.unmodelled;
    if (meshSettings.length > 0 && (clientProxy !== undefined || server.proxy !== undefined)) {
      reasons.push({ check: 'mesh', outcome: 'unknown', text: `the mesh configuration cannot be fully read: ${describeUnmodelled(meshSettings)}`, unmodelled: meshSettings });
    }
    const clientSidecar = client.kind === 'pod' && clientProxy === 'sidecar' ? this.egress.sidecarFor(client.workload) : undefined;
    const outboundFields = clientSidecar?.unmodelled.filter((f) => !INBOUND_SIDECAR_FIELD.test(f.field)) ?? [];
    if (outboundFields.length > 0) {
      reasons.push({ check: 'mesh', outcome: 'unknown', text: `${clientSidecar!.describe} shapes what ${clientName}'s sidecar sends: ${describeUnmodelled(outboundFields)}`, unmodelled: outboundFields });
    }
    const intercepted = [
      ...client.kind === 'pod' && clientProxy === 'sidecar' ? trafficAnnotations(client.workload) : [],
      ...server.proxy === 'sidecar' ? trafficAnnotations(server) : [],
    ];
    if (intercepted.length > 0) {
      // Traffic a sidecar does not intercept meets none of its checks, and traffic it does meets all: neither answer is sure.
      return { mtls: false, reasons: [...reasons, { check: 'mesh', outcome: 'unknown', text: `which traffic the sidecars intercept cannot be decided: ${describeUnmodelled(intercepted)}`, unmodelled: intercepted }] };
    }
    const serverSidecar = server.proxy === 'sidecar' ? this.egress.sidecarFor(server) : undefined;
    const inboundFields = serverSidecar?.unmodelled.filter((f) => !OUTBOUND_SIDECAR_FIELD.test(f.field)) ?? [];
    if (inboundFields.length > 0) {
      reasons.push({ check: 'mesh', outcome: 'unknown', text: `${serverSidecar!.describe} shapes what ${server.id}'s sidecar takes in: ${describeUnmodelled(inboundFields)}`, unmodelled: inboundFields });
    }
    const tls = client.kind === 'pod' && clientProxy !== undefined && service !== undefined ? this.security.clientTls(client.workload, service, traffic.port, subset) : { unmodelled: [] };
    const ruleName = tls.rule === undefined ? undefined : `DestinationRule ${tls.rule.namespace}/${tls.rule.name}`;
    if (tls.rule !== undefined && tls.unmodelled.length > 0) {
      reasons.push({ check: 'mtls', outcome: 'unknown', text: `${ruleName} has settings the model does not read: ${describeUnmodelled(tls.unmodelled)}`, unmodelled: tls.unmodelled });
    }
    if (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') {
      const field = { object: ruleName!, field: 'trafficPolicy.tls.mode', why: `${tls.mode} originates TLS of its own` };
      return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'unknown', text: `${clientName}'s sidecar: ${describeUnmodelled([field])}`, unmodelled: [field] }] };
    }
    if (server.proxy === undefined) {
      if (tls.mode === 'ISTIO_MUTUAL') {
        return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'blocked', text: `${ruleName} makes ${clientName}'s sidecar use Istio mTLS, but ${server.id} has no sidecar (${server.proxyReason}) to answer it: 503 (upstream connect error)` }] };
      }
      return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'allowed', unrestricted: true, text: `${server.id} has no sidecar (${server.proxyReason}): plaintext, no Istio policy applies` }] };
    }
    if (server.proxy === 'gateway') {
      return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'allowed', text: `${server.id} is an ingress gateway: it takes plaintext (or its own TLS) from clients` }] };
    }
    const { mode, setBy } = this.security.mtlsMode(server, traffic.port);
    const sendsMtls = clientProxy !== undefined && (tls.mode === 'ISTIO_MUTUAL' || (tls.mode === undefined && mode !== 'DISABLE'));
    let principal: string | undefined;
    if (sendsMtls && mode === 'DISABLE') {
      return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'blocked', text: `${ruleName ?? 'auto mTLS'} makes ${clientName}'s sidecar use mTLS, but ${server.id}'s sidecar takes only plaintext on port ${traffic.port} (DISABLE by ${setBy}): connection reset` }] };
    }
    if (sendsMtls && client.kind === 'pod') {
      principal = `cluster.local/ns/${client.workload.namespace}/sa/${client.workload.serviceAccount}`;
      reasons.push({ check: 'mtls', outcome: 'allowed', text: `mTLS from ${clientName}'s ${clientProxy === 'gateway' ? 'gateway proxy' : 'sidecar'} to ${server.id}'s sidecar (${mode} by ${setBy}${ruleName === undefined ? '' : `; ${ruleName}`})` });
    } else if (mode === 'STRICT') {
      const why = client.kind === 'pod' ? (clientProxy === undefined ? `no sidecar: ${client.workload.proxyReason}` : `its sidecar sends plaintext: ${ruleName} sets tls.mode DISABLE`) : 'outside the mesh';
      return { mtls: false, reasons: [...reasons, { check: 'mtls', outcome: 'blocked', text: `plaintext from ${clientName} (${why}) is refused by ${server.id}'s sidecar: STRICT by ${setBy} (connection reset by peer)` }] };
    } else {
      reasons.push({ check: 'mtls', outcome: 'allowed', text: `plaintext from ${clientName} accepted by ${server.id}'s sidecar (${mode} by ${setBy})` });
    }
    reasons.push(this.security.authorize(server, {
      principal, port: traffic.port, http: traffic.request, sourceIp: client.kind === 'world' ? client.ip : undefined,
    }));
    return { mtls: principal !== undefined, reasons };
  }

  /** The container port a Service port reaches on a workload's pods (a named target port is looked up), if it has one. */
  public targetPort(port: ServicePort, workload: Workload): ContainerPort | undefined {
    if (typeof port.targetPort === 'string') return workload.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol);
    const numbered = workload.ports.find((p) => p.port === port.targetPort && p.protocol === port.protocol);
    return numbered ?? { port: port.targetPort, protocol: port.protocol };
  }

  /** Connects to the pods behind a Service port (a subset's, when a route names one): allowed when one of them lets the client in. */
  public toBackends(
    client: Endpoint, service: ServiceRecord, servicePort: ServicePort, before: readonly Reason[], request?: HttpRequest, subset?: RouteDestination['subset'],
  ): ConnectionVerdict {
    if (service.selector === undefined) {
      const field = { object: serviceDescribe(service), field: 'spec.selector', why: 'a Service without a selector sends to the addresses of its Endpoints, which the model does not read' };
      return chain([...before, { check: 'service', outcome: 'unknown', text: `where ${serviceDescribe(service)} sends cannot be decided: ${describeUnmodelled([field])}`, unmodelled: [field] }]);
    }
    const backends = this.cluster.backends(service).filter((b) => subset === undefined || matchesLabels(subset.labels, b.labels));
    if (backends.length === 0) {
      return chain([...before, { check: 'service', outcome: 'blocked', text: `${serviceDescribe(service)} selects no pods of the manifests${subset === undefined ? '' : ' in that subset'} (no endpoints)` }]);
    }
    const verdicts: ConnectionVerdict[] = [];
    for (const backend of backends) {
      const target = this.targetPort(servicePort, backend);
      if (target === undefined) continue;
      const via: Reason = { check: 'service', outcome: 'allowed', text: `${serviceDescribe(service)} port ${servicePort.port} sends to ${backend.id} port ${target.port}/${target.protocol}` };
      const traffic = { port: target.port, protocol: target.protocol, request };
      verdicts.push(this.connect(client, backend, traffic, [...before, via], service, subset?.name));
    }
    return anyOf(verdicts, () => chain([...before, { check: 'service', outcome: 'blocked', text: `no pod of ${serviceDescribe(service)} has its target port ${servicePort.targetPort}` }]));
  }

  /** A request (or connection) that a route sends to one or more destinations: every destination must agree for a definite verdict. */
  private toDestinations(client: Endpoint, route: RouteResult, before: readonly Reason[], request: HttpRequest): ConnectionVerdict {
    const prefix = [...before, ...route.reasons];
    if (route.destinations.length === 0) {
      // Every way the request was tried is shown: each Gateway and VirtualService that did not route it.
      const head = chain(before);
      if (head.outcome === 'blocked') return head;
      return { outcome: route.reasons.some((r) => r.outcome === 'unknown') ? 'unknown' : 'blocked', reasons: prefix, mtls: false };
    }
    const verdicts = route.destinations.map((d: RouteDestination) => this.toBackends(
      client, d.service, d.port, prefix, { ...request, path: d.path }, d.subset));
    if (verdicts.every((v) => v.outcome === verdicts[0].outcome)) return verdicts[0];
    return chain([...prefix, { check: 'route', outcome: 'unknown', text: 'the route splits requests between destinations that do not all let them through' }]);
  }

  /** From a pod to a Service port, by the name the client looks up. */
  public toService(client: Workload, service: ServiceRecord, servicePort: ServicePort, host: string, request?: HostedRequest): ConnectionVerdict {
    const lookup = this.dns.lookup(client, host);
    if (lookup.reason.outcome === 'blocked') return single(lookup.reason);
    const routes = client.proxy === 'sidecar' ? this.routing.meshRoutes(client, service) : [];
    if (routes.length > 0) {
      if (request === undefined) {
        const fields = routes.flatMap((vs) => [
          ...vs.http.length > 0 ? [{ object: vs.describe, field: 'spec.http', why: 'the sidecar routes HTTP requests by it; the claim states no HTTP request' }] : [],
          ...vs.unmodelled,
        ]);
        return chain([lookup.reason, { check: 'route', outcome: 'unknown', text: `${client.id}'s sidecar routes by ${describeUnmodelled(fields)}`, unmodelled: fields }]);
      }
      const route = this.routing.throughMesh(client, service, request, servicePort.port)!;
      return this.toDestinations(podEndpoint(client), route, [lookup.reason], request);
    }
    return this.toBackends(podEndpoint(client), service, servicePort, [lookup.reason], request);
  }

  /** From outside the cluster to a LoadBalancer or NodePort Service. */
  public fromOutside(client: Endpoint, service: ServiceRecord, servicePort: ServicePort, request?: HttpRequest): ConnectionVerdict {
    if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') {
      const external = service.unmodelled.filter((f) => f.field.endsWith('externalIPs'));
      if (external.length > 0) {
        return single({ check: 'service', outcome: 'unknown', text: `whether outside clients reach ${serviceDescribe(service)} (${service.type}): ${describeUnmodelled(external)}`, unmodelled: external });
      }
      return single({ check: 'service', outcome: 'blocked', text: `${serviceDescribe(service)} is ${service.type}: nothing outside the cluster reaches it` });
    }
    const exposed: Reason[] = [{ check: 'service', outcome: 'allowed', text: `${serviceDescribe(service)} (${service.type}) takes ${servicePort.port}/${servicePort.protocol} from outside` }];
    if (service.unmodelled.length > 0) {
      exposed.push({ check: 'service', outcome: 'unknown', text: `which outside clients reach ${serviceDescribe(service)}: ${describeUnmodelled(service.unmodelled)}`, unmodelled: service.unmodelled });
    }
    return this.toBackends(client, service, servicePort, exposed, request);
  }

  /** From a pod to a name or address outside the cluster. */
  public toOutside(client: Workload, to: { readonly fqdn?: string; readonly ip?: string; readonly port: number }, protocol: Traffic['protocol']): ConnectionVerdict {
    const reasons: Reason[] = [...this.proxyReady(client)];
    let learned = false;
    if (to.fqdn !== undefined) {
      const lookup = this.dns.lookup(client, to.fqdn);
      reasons.push(lookup.reason);
      if (lookup.reason.outcome === 'blocked') return chain(reasons);
      learned = lookup.learned;
    }
    const peer: Endpoint = { kind: 'world', fqdn: to.fqdn, ip: to.ip };
    const egress = this.policies.check('egress', client, peer, { port: to.port, protocol });
    const definite = egress.matches.filter((m) => m.value.value === 'yes');
    if (egress.value.value === 'yes' && egress.enforced && !learned && definite.length > 0 && definite.every((m) => m.viaFqdn)) {
      reasons.push({
        check: 'cilium-egress',
        outcome: 'blocked',
        text: `${egress.reason.text}, but Cilium learns the addresses of ${to.fqdn} only from lookups through its DNS proxy, and no DNS rule of ${client.id} covers it`,
      });
      return chain(reasons);
    }
    reasons.push(egress.reason);
    if (client.proxy === 'sidecar' && protocol !== 'ICMP') {
      const intercepted = trafficAnnotations(client);
      if (intercepted.length > 0) {
        reasons.push({ check: 'mesh-egress', outcome: 'unknown', text: `which traffic ${client.id}'s sidecar intercepts cannot be decided: ${describeUnmodelled(intercepted)}`, unmodelled: intercepted });
      }
      reasons.push(this.egress.outbound(client, to));
    }
    return chain(reasons);
  }

  /** A request from outside through the add-on's `kind` ingress gateway. */
  public throughGateway(kind: IngressGatewayKind, request: HostedRequest, port: number, clientIp?: string, keepsClientIp = false): ConnectionVerdict {
    const gateway = this.cluster.gatewayWorkload(kind);
    const reasons: Reason[] = [this.policies.check('ingress', gateway, { kind: 'world', ip: clientIp }, { port, protocol: 'TCP' }).reason];
    if (reasons[0].outcome === 'blocked') return chain(reasons);
    if (this.security.policiesFor(gateway).length > 0) {
      // The gateway sees the client's address only where its Service keeps it (externalTrafficPolicy: Local).
      const seen = keepsClientIp ? clientIp : undefined;
      reasons.push(this.security.authorize(gateway, { port, http: request, sourceIp: seen, remoteIp: seen }));
    }
    const route = this.routing.throughGateway(kind, request, port);
    return this.toDestinations(podEndpoint(gateway), route, reasons, request);
  }

  /** A client pod that need not exist in the manifests: one of theirs when its labels match, else one made up in `namespace`. */
  public clientPod(namespace: string, labels: Labels, serviceAccount?: string): Workload {
    const existing = this.cluster.workloadsIn(namespace).find((w) => !w.builtIn && matchesLabels(labels, w.labels));
    if (existing !== undefined && (serviceAccount === undefined || existing.serviceAccount === serviceAccount)) return existing;
    return this.cluster.madeUpPod(namespace, labels, serviceAccount);
  }
}
