import { describeFqdnSelector, FqdnSelector, fqdnSelectorMatches } from './fqdn-pattern';
import { describeSelector, Identity, selectorKeys, selectsIdentity, selectsLabels, WORLD_IDENTITY } from './selectors';
import { describeEndpoint, describeUnmodelled, Endpoint, podEndpoint, Reason } from './verdict';
import { cidrContains, isAllIpv4, parseIp } from '../model/cidr';
import { ClusterModel } from '../model/cluster';
import { LabelSelector, Labels } from '../model/field-reader';
import { plainRecord } from '../model/json';
import { and, every, maybe, NO, not, or, some, Tri, tri, UnmodelledField, YES } from '../model/outcome';
import { CidrRule, CiliumHttpRule, CiliumPortRule, CiliumRule, CiliumRuleSet, NetworkPolicyRecord, NetworkPolicyRule, Workload } from '../model/records';

/** How one DNS query of a pod fares: whether it passes, and whether Cilium's DNS proxy saw it. */
export interface DnsQuery {
  readonly reason: Reason;
  readonly value: Tri;
  readonly proxied: boolean;
}

/** The policies that select an endpoint: Cilium rule sets and Kubernetes NetworkPolicies. */
interface SelectingPolicies {
  readonly sets: readonly CiliumRuleSet[];
  readonly policies: readonly NetworkPolicyRecord[];
}

/** A direction of traffic as it is enforced at an endpoint. */
export type Direction = 'ingress' | 'egress';

/** An HTTP request a claim states: what L7 rules and Istio's authorization look at. */
export interface HttpRequest {
  readonly method: string;
  /** The path, with its query string. */
  readonly path: string;
  /** The Host (authority); undefined when the claim does not state it (a request to a pod's address). */
  readonly host?: string;
  /** Header names (lower case) to values. */
  readonly headers: Labels;
}

/** A request whose Host is known: what Istio's routing matches (requests to a Service or through a gateway). */
export interface HostedRequest extends HttpRequest {
  readonly host: string;
}

/** What crosses the wire: a port and protocol (an ICMP echo request has no port), and an HTTP request where a claim states one. */
export interface Traffic {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP' | 'ICMP';
  readonly request?: HttpRequest;
}

/** An allow rule (or port entry) that may let the traffic through, and how surely. */
export interface AllowMatch {
  readonly where: string;
  readonly value: Tri;
  /** The `toPorts` entry it matched with, when the rule has ports. */
  readonly entry?: CiliumPortRule;
  /** Whether it matched only through `toFQDNs` (which needs the address learned through Cilium's DNS proxy). */
  readonly viaFqdn: boolean;
}

/** What the network policies decide for one direction of a connection at one endpoint. */
export interface DirectionVerdict {
  readonly reason: Reason;
  readonly value: Tri;
  /** Whether the direction is default-deny for the endpoint (some selecting policy restricts it). */
  readonly enforced: boolean;
  /** The allow rules that may match. */
  readonly matches: readonly AllowMatch[];
}

const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';
const NO_ADDRESS_FIELD: UnmodelledField = { object: 'the claim', field: 'to.ip', why: 'the address is not stated, and a CIDR rule may cover it' };
/** Why a rule on the Host cannot be decided for a request to a pod's address whose claim states no Host. */
export const NO_HOST_FIELD: UnmodelledField = { object: 'the claim', field: 'to.host', why: 'a request to pods carries a Host the claim does not state, and a rule matches on it' };

function portText(traffic: Traffic): string {
  return traffic.protocol === 'ICMP' ? 'ICMP echo' : `${traffic.port}/${traffic.protocol}`;
}

/** Whether an HTTP rule lets a request through: `maybe` where it has fields the model does not read (headerMatches, ...). */
function httpRuleMatches(rule: CiliumHttpRule, request: HttpRequest): Tri {
  if (rule.method !== undefined && !rule.method.matches(request.method)) return NO;
  if (rule.path !== undefined && !rule.path.matches(request.path.split('?')[0])) return NO;
  if (rule.host !== undefined && request.host !== undefined && !rule.host.matches(request.host)) return NO;
  const headers = rule.headers.every((h) => Object.prototype.hasOwnProperty.call(request.headers, h.name)
    && (h.value === undefined || request.headers[h.name] === h.value));
  if (!headers) return NO;
  const undecided = rule.host !== undefined && request.host === undefined ? [NO_HOST_FIELD, ...rule.unmodelled] : rule.unmodelled;
  return undecided.length > 0 ? maybe(undecided) : YES;
}

/**
 * What Cilium enforces between endpoints: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy
 * and Kubernetes NetworkPolicy together. An endpoint's allowed traffic in a direction is the
 * union of every selecting policy's rules; the direction is default-deny once any of them
 * restricts it; a matching deny rule wins over every allow.
 */
export class NetworkPolicies {
  private readonly identities = new WeakMap<Workload, Identity>();
  private readonly selecting = new WeakMap<Workload, SelectingPolicies>();
  private readonly checks = new WeakMap<Workload, Map<string, DirectionVerdict>>();
  private readonly queries = new WeakMap<Workload, Map<string, DnsQuery>>();

  constructor(private readonly cluster: ClusterModel) {}

  /** A workload's Cilium identity: its labels, its namespace's, and its service account. */
  public identity(workload: Workload): Identity {
    let identity = this.identities.get(workload);
    if (identity === undefined) {
      const labels = plainRecord<string>(Object.entries(workload.labels));
      const namespaceLabels = this.cluster.namespaceLabels(workload.namespace);
      for (const key of Object.keys(namespaceLabels)) labels[`${NAMESPACE_LABELS_PREFIX}${key}`] = namespaceLabels[key];
      labels[NAMESPACE_LABEL] = workload.namespace;
      labels['io.cilium.k8s.policy.serviceaccount'] = workload.serviceAccount;
      labels['io.cilium.k8s.policy.cluster'] = 'default';
      identity = { k8s: labels, reserved: new Set() };
      this.identities.set(workload, identity);
    }
    return identity;
  }

  /** The rule sets and NetworkPolicies that select a workload's pods, computed once. */
  private policiesSelecting(workload: Workload) {
    let found = this.selecting.get(workload);
    if (found === undefined) {
      const identity = this.identity(workload);
      found = {
        sets: this.cluster.ciliumRuleSetsFor(workload.namespace).filter((set) => (set.namespace === undefined || set.namespace === workload.namespace)
          && selectsIdentity(set.endpointSelector, identity)),
        policies: this.cluster.networkPoliciesIn(workload.namespace).filter((p) => selectsIdentity(p.podSelector, identity)),
      };
      this.selecting.set(workload, found);
    }
    return found;
  }

  /** Whether a Cilium endpoint selector of a policy in `namespace` (undefined: clusterwide) selects `peer`. */
  private endpointSelects(selector: LabelSelector, peer: Endpoint, namespace: string | undefined, where: string): Tri {
    const keys = selectorKeys(selector);
    if (keys.some((k) => k.source === 'reserved')) return tri(selectsIdentity(selector, peer.kind === 'pod' ? this.identity(peer.workload) : WORLD_IDENTITY));
    // Every other selector is limited to pods: to the policy's namespace unless it names one, to any namespace in a clusterwide policy.
    if (peer.kind !== 'pod') return NO;
    const identity = this.identity(peer.workload);
    const selects = selectsIdentity(selector, identity);
    const namesNamespace = keys.some((k) => (k.source === 'k8s' || k.source === 'any') && k.name === NAMESPACE_LABEL);
    if (namesNamespace || namespace === undefined || peer.workload.namespace === namespace) return tri(selects);
    if (selects && keys.some((k) => k.name.startsWith(NAMESPACE_LABELS_PREFIX))) {
      return maybe([{ object: where, field: describeSelector(selector), why: 'whether namespace labels alone select pods of other namespaces in a CiliumNetworkPolicy depends on the Cilium version' }]);
    }
    return NO;
  }

  private entitySelects(entity: string, peer: Endpoint): Tri {
    switch (entity) {
      case 'all': return YES;
      case 'world': return tri(peer.kind === 'world');
      case 'cluster': return tri(peer.kind === 'pod');
      // host, remote-node, kube-apiserver, health, init, ingress, unmanaged, none: never one of the model's endpoints.
      default: return NO;
    }
  }

  private cidrSelects(rule: CidrRule, peer: Endpoint): Tri {
    if (peer.kind === 'pod') return NO;
    if (peer.ip === undefined) {
      if (isAllIpv4(rule.cidr) && rule.except.length === 0) return YES;
      return rule.cidr.family === 4 ? maybe([NO_ADDRESS_FIELD]) : NO;
    }
    const ip = parseIp(peer.ip)!;
    return tri(cidrContains(rule.cidr, ip) && !rule.except.some((e) => cidrContains(e, ip)));
  }

  private fqdnSelects(selectors: readonly FqdnSelector[], peer: Endpoint): Tri {
    return tri(peer.kind === 'world' && peer.fqdn !== undefined && selectors.some((s) => fqdnSelectorMatches(s, peer.fqdn!)));
  }

  private portsMatch(rule: CiliumRule, traffic: Traffic, destination: Workload | undefined): { value: Tri; entry?: CiliumPortRule }[] {
    const icmp = traffic.protocol === 'ICMP';
    if (rule.toPorts === undefined) {
      if (rule.icmps === undefined) return [{ value: YES }];
      return [{ value: tri(icmp && rule.icmps.some((i) => i.family === 4 && i.type === 8)) }];
    }
    const results: { value: Tri; entry?: CiliumPortRule }[] = rule.toPorts
      .map((entry) => ({ entry, value: icmp ? NO : this.entryMatches(entry, traffic, destination) }));
    if (rule.icmps !== undefined) results.push({ value: tri(icmp && rule.icmps.some((i) => i.family === 4 && i.type === 8)) });
    return results;
  }

  private entryMatches(entry: CiliumPortRule, traffic: Traffic, destination: Workload | undefined): Tri {
    const l4 = entry.ports.length === 0 || entry.ports.some((p) => {
      if (p.protocol !== 'ANY' && p.protocol !== traffic.protocol) return false;
      if (typeof p.port === 'string') {
        return destination?.ports.some((c) => c.name === p.port && c.port === traffic.port && (p.protocol === 'ANY' || c.protocol === traffic.protocol)) ?? false;
      }
      if (p.port === 0) return true;
      return p.endPort !== undefined ? traffic.port >= p.port && traffic.port <= p.endPort : traffic.port === p.port;
    });
    if (!l4) return NO;
    const l7: Tri[] = [];
    if (entry.unmodelled.length > 0) l7.push(maybe(entry.unmodelled));
    if (entry.http !== undefined && entry.http.length > 0) {
      l7.push(traffic.request === undefined
        ? maybe([{ object: entry.where, field: 'rules.http', why: 'HTTP rules decide each request; the claim states no HTTP request (give path, method or headers)' }])
        : some(entry.http, (h) => httpRuleMatches(h, traffic.request!)));
    }
    return and(YES, ...l7);
  }

  /** Each allow (or deny) rule of a rule list that may match, with how surely. */
  private ruleMatches(
    rules: readonly CiliumRule[], set: CiliumRuleSet, peer: Endpoint, traffic: Traffic, destination: Workload | undefined,
    requirements: readonly { selector: LabelSelector; namespace?: string; where: string }[],
  ): AllowMatch[] {
    const matches: AllowMatch[] = [];
    for (const rule of rules) {
      const l3Parts: Tri[] = [];
      // A rule without peers allows its ports from (to) anywhere; without ports either, it allows nothing (`ingress: [{}]`).
      if (!rule.hasPeer) l3Parts.push(tri(rule.toPorts !== undefined || rule.icmps !== undefined));
      for (const selector of rule.endpoints ?? []) l3Parts.push(this.endpointSelects(selector, peer, set.namespace, rule.where));
      for (const entity of rule.entities ?? []) l3Parts.push(this.entitySelects(entity, peer));
      for (const cidr of rule.cidrs ?? []) l3Parts.push(this.cidrSelects(cidr, peer));
      const viaOther = or(...l3Parts);
      const viaFqdn = rule.fqdns === undefined ? NO : this.fqdnSelects(rule.fqdns, peer);
      let l3 = or(viaOther, viaFqdn);
      if (rule.unmodelled.length > 0) l3 = or(l3, maybe(rule.unmodelled));
      if (l3.value === 'no') continue;
      const required = every(requirements, (r) => this.endpointSelects(r.selector, peer, r.namespace, r.where));
      for (const { value, entry } of this.portsMatch(rule, traffic, destination)) {
        const total = and(l3, required, value, rule.unmodelled.length > 0 ? maybe(rule.unmodelled) : YES);
        if (total.value !== 'no') matches.push({ where: entry?.where ?? rule.where, value: total, entry, viaFqdn: viaOther.value === 'no' && viaFqdn.value === 'yes' });
      }
    }
    return matches;
  }

  private networkPolicyMatches(
    policy: NetworkPolicyRecord, rules: readonly NetworkPolicyRule[], peer: Endpoint, traffic: Traffic, destination: Workload | undefined,
  ): AllowMatch[] {
    const matches: AllowMatch[] = [];
    for (const rule of rules) {
      const peerMatch = rule.peers === undefined ? YES : some(rule.peers, (p) => {
        if (p.kind === 'addresses') return this.cidrSelects(p.block, peer);
        if (peer.kind !== 'pod') return NO;
        const namespaceOk = p.namespaceSelector === undefined
          ? peer.workload.namespace === policy.namespace
          : selectsLabels(p.namespaceSelector, this.cluster.namespaceLabels(peer.workload.namespace));
        // Cilium matches a NetworkPolicy's pod selector against the pod's Cilium identity, so its
        // io.cilium.k8s.* and io.kubernetes.pod.namespace labels count as labels too.
        return tri(namespaceOk && (p.podSelector === undefined || selectsIdentity(p.podSelector, this.identity(peer.workload))));
      });
      const portMatch = rule.ports === undefined ? YES : tri(traffic.protocol !== 'ICMP' && rule.ports.some((p) => {
        if (p.protocol !== traffic.protocol) return false;
        if (p.port === undefined) return true;
        if (typeof p.port === 'string') return destination?.ports.some((c) => c.name === p.port && c.port === traffic.port && c.protocol === traffic.protocol) ?? false;
        return p.endPort !== undefined ? traffic.port >= p.port && traffic.port <= p.endPort : traffic.port === p.port;
      }));
      const value = and(peerMatch, portMatch);
      if (value.value !== 'no') matches.push({ where: rule.where, value, viaFqdn: false });
    }
    return matches;
  }

  /**
   * What the policies decide for `direction` traffic of `subject` with `peer`. For ingress the
   * port is the subject's; for egress, the peer's (after a Service's translation).
   */
  public check(direction: Direction, subject: Workload, peer: Endpoint, traffic: Traffic): DirectionVerdict {
    // Checks without an HTTP request repeat (every lookup asks kube-dns on 53/UDP): each is computed once.
    if (traffic.request !== undefined) return this.decide(direction, subject, peer, traffic);
    let cache = this.checks.get(subject);
    if (cache === undefined) this.checks.set(subject, cache = new Map());
    const peerKey = peer.kind === 'pod' ? `pod ${peer.workload.id} ${peer.workload.serviceAccount}` : `world ${peer.fqdn ?? ''} ${peer.ip ?? ''}`;
    const key = `${direction} ${peerKey} ${traffic.port}/${traffic.protocol}`;
    let verdict = cache.get(key);
    if (verdict === undefined) cache.set(key, verdict = this.decide(direction, subject, peer, traffic));
    return verdict;
  }

  private decide(direction: Direction, subject: Workload, peer: Endpoint, traffic: Traffic): DirectionVerdict {
    const check = direction === 'ingress' ? 'cilium-ingress' : 'cilium-egress';
    const what = `${direction} of ${subject.id} ${direction === 'ingress' ? 'from' : 'to'} ${describeEndpoint(peer)} on ${portText(traffic)}`;
    const hostNetwork = subject.unmodelled.filter((f) => f.field === 'hostNetwork');
    if (hostNetwork.length > 0) {
      return { value: maybe(hostNetwork), enforced: false, matches: [], reason: { check, outcome: 'unknown', text: `${what}: ${describeUnmodelled(hostNetwork)}`, unmodelled: hostNetwork } };
    }
    const { sets, policies } = this.policiesSelecting(subject);
    const destination = direction === 'ingress' ? subject : peer.kind === 'pod' ? peer.workload : undefined;
    const denyList = direction === 'ingress' ? 'ingressDeny' : 'egressDeny';
    const requirementsOf = (list: Direction | typeof denyList) => sets.flatMap((set) => (set[list] ?? [])
      .flatMap((rule) => (rule.requires ?? []).map((selector) => ({ selector, namespace: set.namespace, where: rule.where }))));
    const denies = sets.flatMap((set) => this.ruleMatches(set[denyList] ?? [], set, peer, traffic, destination, requirementsOf(denyList)));
    const enforcing = [
      ...sets.filter((set) => set.defaultDeny[direction] && ((set[direction]?.length ?? 0) > 0 || (set[denyList]?.length ?? 0) > 0))
        .map((s) => s.name),
      ...policies.filter((p) => p[direction] !== undefined).map((p) => p.name),
    ];
    const enforced = enforcing.length > 0;
    const allowRequirements = requirementsOf(direction);
    const matches = [
      ...sets.flatMap((set) => this.ruleMatches(set[direction] ?? [], set, peer, traffic, destination, allowRequirements)),
      ...policies.flatMap((p) => this.networkPolicyMatches(p, p[direction] ?? [], peer, traffic, destination)),
    ];
    const denied = or(...denies.map((d) => d.value));
    const allowed = or(...matches.map((m) => m.value));
    const value = and(not(denied), enforced ? allowed : YES);
    const firstDeny = denies.find((d) => d.value.value === 'yes');
    const firstAllow = matches.find((m) => m.value.value === 'yes');
    let reason: Reason;
    if (value.value === 'no') {
      reason = firstDeny !== undefined
        ? { check, outcome: 'blocked', text: `${what}: denied by ${firstDeny.where}` }
        : { check, outcome: 'blocked', text: `${what}: default-deny (${enforcing.join(', ')} ${enforcing.length === 1 ? 'selects' : 'select'} it) and no rule allows it` };
    } else if (value.value === 'yes') {
      reason = enforced
        ? { check, outcome: 'allowed', text: `${what}: allowed by ${firstAllow!.where}` }
        : { check, outcome: 'allowed', unrestricted: true, text: `${what}: not restricted (no policy with ${direction} rules selects ${subject.id})` };
    } else {
      reason = { check, outcome: 'unknown', text: `${what}: cannot be decided: ${describeUnmodelled(value.fields)}`, unmodelled: value.fields };
    }
    return { reason, value, enforced, matches };
  }

  /**
   * Whether `client`'s DNS query for `name` to kube-dns passes: its egress on 53/UDP, and the
   * DNS rules of the rules that allow it (Cilium's DNS proxy refuses names they do not match).
   * `proxied` says whether the proxy saw the answer, so that `toFQDNs` rules learn the addresses.
   */
  public dnsQuery(client: Workload, name: string): DnsQuery {
    let cache = this.queries.get(client);
    if (cache === undefined) this.queries.set(client, cache = new Map());
    let query = cache.get(name);
    if (query === undefined) cache.set(name, query = this.decideQuery(client, name));
    return query;
  }

  private decideQuery(client: Workload, name: string): DnsQuery {
    const dnsServer = this.cluster.kubeDns;
    const egress = this.check('egress', client, podEndpoint(dnsServer), { port: 53, protocol: 'UDP' });
    const query = `DNS query of ${client.id} for ${name}`;
    if (egress.value.value === 'no') return { value: NO, proxied: false, reason: { ...egress.reason, check: 'dns', text: `${query} is dropped: ${egress.reason.text}` } };
    const ingress = this.check('ingress', dnsServer, podEndpoint(client), { port: 53, protocol: 'UDP' });
    if (ingress.value.value === 'no') return { value: NO, proxied: false, reason: { ...ingress.reason, check: 'dns', text: `${query} is dropped: ${ingress.reason.text}` } };
    const withDns = egress.matches.filter((m) => m.entry?.dns !== undefined);
    if (!egress.enforced || withDns.length === 0) {
      const value = and(egress.value, ingress.value);
      const text = value.value === 'maybe' ? `${query} cannot be decided: ${describeUnmodelled(value.fields)}` : `${query}: allowed (${egress.reason.text})`;
      return { value, proxied: false, reason: { check: 'dns', outcome: value.value === 'maybe' ? 'unknown' : 'allowed', text, ...(value.value === 'maybe' ? { unmodelled: value.fields } : {}) } };
    }
    const allowsName = (m: AllowMatch) => (m.entry?.dns === undefined ? YES : tri(m.entry.dns.some((s) => fqdnSelectorMatches(s, name))));
    const nameAllowed = or(...egress.matches.map((m) => and(m.value, allowsName(m))));
    const value = and(nameAllowed, ingress.value);
    const proxied = withDns.some((m) => m.value.value === 'yes');
    if (value.value === 'yes') {
      const by = egress.matches.find((m) => m.value.value === 'yes' && (m.entry?.dns === undefined || m.entry.dns.some((s) => fqdnSelectorMatches(s, name))))!;
      const selector = by.entry?.dns?.find((s) => fqdnSelectorMatches(s, name));
      return { value, proxied, reason: { check: 'dns', outcome: 'allowed', text: `${query}: allowed by ${by.where} (${selector === undefined ? 'no DNS rule limits the names' : describeFqdnSelector(selector)})` } };
    }
    if (value.value === 'no') {
      return {
        value,
        proxied,
        reason: { check: 'dns', outcome: 'blocked', text: `${query} is refused by Cilium's DNS proxy: the DNS rules of ${[...new Set(withDns.map((m) => m.where))].join(', ')} do not match it` },
      };
    }
    return { value, proxied, reason: { check: 'dns', outcome: 'unknown', text: `${query} cannot be decided: ${describeUnmodelled(value.fields)}`, unmodelled: value.fields } };
  }

  /**
   * The namespaces whose pods the ingress rules selecting `server` can let in, or `all`: every
   * other pod is refused at `server`'s ingress. Lets the picture skip pairs that cannot connect.
   */
  public ingressPeerNamespaces(server: Workload): ReadonlySet<string> | 'all' {
    const { sets, policies } = this.policiesSelecting(server);
    const enforced = sets.some((s) => s.defaultDeny.ingress && ((s.ingress?.length ?? 0) > 0 || (s.ingressDeny?.length ?? 0) > 0))
      || policies.some((p) => p.ingress !== undefined);
    if (!enforced) return 'all';
    const namespaces = new Set<string>();
    const known = [...this.cluster.workloadNamespaces()];
    for (const set of sets) {
      for (const rule of set.ingress ?? []) {
        if (!rule.hasPeer || rule.unmodelled.length > 0 || (rule.entities ?? []).some((e) => e === 'cluster' || e === 'all')) return 'all';
        for (const selector of rule.endpoints ?? []) {
          const keys = selectorKeys(selector);
          if (keys.some((k) => k.source === 'reserved')) continue;
          const named = Object.keys(selector.matchLabels).find((k) => k.replace(/^(k8s|any):/, '') === NAMESPACE_LABEL);
          const expression = selector.matchExpressions.find((e) => e.key.replace(/^(k8s|any):/, '') === NAMESPACE_LABEL);
          if (named !== undefined) namespaces.add(selector.matchLabels[named]);
          else if (expression !== undefined && expression.operator === 'In') expression.values.forEach((v) => namespaces.add(v));
          else if (expression !== undefined || set.namespace === undefined || keys.some((k) => k.name.startsWith(NAMESPACE_LABELS_PREFIX))) return 'all';
          else namespaces.add(set.namespace);
        }
      }
    }
    for (const policy of policies) {
      for (const rule of policy.ingress ?? []) {
        if (rule.peers === undefined) return 'all';
        for (const peer of rule.peers) {
          if (peer.kind !== 'pods') continue;
          if (peer.namespaceSelector === undefined) namespaces.add(policy.namespace);
          else known.filter((ns) => selectsLabels(peer.namespaceSelector!, this.cluster.namespaceLabels(ns))).forEach((ns) => namespaces.add(ns));
        }
      }
    }
    return namespaces;
  }

  /** Every `toFQDNs` selector of the allow rules, with the ports of its rule: what the picture draws. */
  public fqdnTargets(): { readonly selector: FqdnSelector; readonly ports: readonly { readonly port: number; readonly protocol: string }[] }[] {
    return this.cluster.ciliumRuleSets.flatMap((set) => (set.egress ?? []).flatMap((rule) => (rule.fqdns ?? []).map((selector) => ({
      selector,
      ports: (rule.toPorts ?? []).flatMap((e) => e.ports).filter((p) => typeof p.port === 'number' && p.port > 0)
        .map((p) => ({ port: p.port as number, protocol: p.protocol === 'ANY' ? 'TCP' : p.protocol })),
    }))));
  }
}
