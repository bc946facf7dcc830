/**
 * A small model of how Cilium (default enforcement mode) decides whether a connection is
 * allowed by a set of CiliumNetworkPolicy objects, for testing what synthesized policies
 * permit. It covers what the workshop uses: endpoint selectors (namespace-scoped unless
 * they name `io.kubernetes.pod.namespace`), entities, L4 ports, DNS rules and toFQDNs.
 *
 * Semantics modelled:
 * - a direction is enforced for a pod when a policy selecting it has a non-empty rule list
 *   for that direction (an empty list or a missing field does not enforce it);
 * - once enforced, only connections matched by a rule are allowed; a rule with no peer field
 *   and no ports (`{}`) matches nothing, a rule with ports but no peer field matches any peer;
 * - DNS queries: if a rule matching the DNS server and port carries `rules.dns`, the name
 *   must match one of its names or patterns; a matching rule without L7 rules allows any name;
 * - toFQDNs: the name must match, and the pod must have looked it up through a DNS rule
 *   (Cilium learns the addresses from its DNS proxy).
 */

export type Peer =
  | { readonly pod: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> } }
  | { readonly world: { readonly fqdn?: string } };

export interface Connection {
  readonly from: Peer;
  readonly to: Peer;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
  /** For DNS queries (to kube-dns on 53): the name asked for. */
  readonly dnsQuery?: string;
}

const NS_LABEL = 'io.kubernetes.pod.namespace';

/** A pod in `namespace` with `labels`. */
export function pod(namespace: string, labels: Record<string, string>): Peer {
  return { pod: { namespace, labels } };
}

/** An address outside the cluster, optionally known by a DNS name. */
export function world(fqdn?: string): Peer {
  return { world: { fqdn } };
}

/** A CoreDNS pod. */
export const KUBE_DNS = pod('kube-system', { 'k8s-app': 'kube-dns' });

function selectorMatches(selector: any, target: Peer, policyNamespace: string): boolean {
  if (!('pod' in target)) return false;
  const labels: Record<string, string> = { ...selector?.matchLabels };
  const namespace = labels[NS_LABEL] ?? policyNamespace;
  delete labels[NS_LABEL];
  if (target.pod.namespace !== namespace) return false;
  return Object.entries(labels).every(([k, v]) => target.pod.labels[k] === v);
}

function entityMatches(entity: string, target: Peer): boolean {
  switch (entity) {
    case 'all': return true;
    case 'world': return 'world' in target;
    case 'cluster': return 'pod' in target;
    default: return false;
  }
}

/** Cilium's matchPattern: `*` alone matches every name; elsewhere it matches DNS characters other than '.'. */
function patternMatches(pattern: string, name: string): boolean {
  const normalize = (value: string) => value.toLowerCase().replace(/\.$/, '');
  if (normalize(pattern) === '*') return true;
  const body = normalize(pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[-a-z0-9_]*');
  return new RegExp(`^${body}$`).test(normalize(name));
}

function fqdnMatches(match: any, name: string | undefined): boolean {
  if (name === undefined) return false;
  if (match.matchName !== undefined) return match.matchName.toLowerCase().replace(/\.$/, '') === name.toLowerCase();
  return patternMatches(match.matchPattern, name);
}

function portsMatch(toPorts: any[] | undefined, port: number, protocol: string): any[] | undefined {
  if (toPorts === undefined) return [undefined];
  return toPorts.filter((entry) => (entry.ports ?? []).some((p: any) =>
    (Number(p.port) === port || (p.endPort !== undefined && port >= Number(p.port) && port <= p.endPort))
    && (p.protocol === undefined || p.protocol === 'ANY' || p.protocol === protocol)));
}

const PEER_FIELDS = { egress: ['toEndpoints', 'toEntities', 'toFQDNs'], ingress: ['fromEndpoints', 'fromEntities'] } as const;

function peerMatches(rule: any, direction: 'egress' | 'ingress', peer: Peer, policyNamespace: string): boolean {
  const [endpoints, entities, fqdns] = direction === 'egress'
    ? ['toEndpoints', 'toEntities', 'toFQDNs'] : ['fromEndpoints', 'fromEntities', undefined];
  const hasPeerField = PEER_FIELDS[direction].some((f) => rule[f] !== undefined);
  if (!hasPeerField) return rule.toPorts !== undefined; // L4-only rule: any peer; `{}` matches nothing
  if (rule[endpoints]?.some((s: any) => selectorMatches(s, peer, policyNamespace))) return true;
  if (rule[entities]?.some((e: string) => entityMatches(e, peer))) return true;
  if (fqdns && 'world' in peer) return rule[fqdns]?.some((m: any) => fqdnMatches(m, peer.world.fqdn)) ?? false;
  return false;
}

/** Evaluates connections against a set of policies. */
export class CiliumPolicySet {
  private readonly policies: any[];

  constructor(objects: readonly any[]) {
    this.policies = objects.filter((o) => o.kind === 'CiliumNetworkPolicy');
  }

  /** Whether the connection is allowed at the sender's egress and the receiver's ingress. */
  public allows(connection: Connection): boolean {
    const protocol = connection.protocol ?? 'TCP';
    if ('pod' in connection.from && !this.directionAllows('egress', connection.from, connection.to, connection.port, protocol, connection.dnsQuery)) {
      return false;
    }
    if ('pod' in connection.to && !this.directionAllows('ingress', connection.to, connection.from, connection.port, protocol, undefined)) {
      return false;
    }
    if ('world' in connection.to && connection.to.world.fqdn !== undefined && 'pod' in connection.from && this.enforced('egress', connection.from)) {
      // An address reached by name is only known to the policy when the pod resolved it through the DNS proxy.
      const allowedByFqdn = this.matchingRules('egress', connection.from, connection.to, connection.port, protocol).some(({ rule }) => rule.toFQDNs !== undefined);
      if (allowedByFqdn && !this.resolvesThroughProxy(connection.from, connection.to.world.fqdn)) return false;
    }
    return true;
  }

  /** Whether `from` may look up `name` through kube-dns. */
  public resolves(from: Peer, name: string): boolean {
    return this.allows({ from, to: KUBE_DNS, port: 53, protocol: 'UDP', dnsQuery: name });
  }

  /**
   * Whether a pod in `namespace` gets an answer when it resolves `name` the way its resolver
   * does (ndots:5 and the AKS search path): every name it tries before one that `exists`
   * must be allowed, since a refused query ends the lookup.
   */
  public lookup(from: Peer, name: string, namespace: string, exists: (fqdn: string) => boolean): boolean {
    const searchPath = [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local', 'vm0.bx.internal.cloudapp.net'];
    const candidates = name.split('.').length > 5 ? [name] : [...searchPath.map((domain) => `${name}.${domain}`), name];
    for (const candidate of candidates) {
      if (!this.resolves(from, candidate)) return false;
      if (exists(candidate)) return true;
    }
    return false;
  }

  private selecting(subject: Peer): any[] {
    if (!('pod' in subject)) return [];
    return this.policies.filter((p) => p.metadata.namespace === subject.pod.namespace
      && selectorMatches(p.spec.endpointSelector, subject, p.metadata.namespace));
  }

  private enforced(direction: 'egress' | 'ingress', subject: Peer): boolean {
    return this.selecting(subject).some((p) => Array.isArray(p.spec[direction]) && p.spec[direction].length > 0);
  }

  private matchingRules(direction: 'egress' | 'ingress', subject: Peer, peer: Peer, port: number, protocol: string): { rule: any; ports: any[] }[] {
    const matches: { rule: any; ports: any[] }[] = [];
    for (const policy of this.selecting(subject)) {
      for (const rule of policy.spec[direction] ?? []) {
        if (!peerMatches(rule, direction, peer, policy.metadata.namespace)) continue;
        const ports = portsMatch(rule.toPorts, port, protocol);
        if (ports && ports.length > 0) matches.push({ rule, ports });
      }
    }
    return matches;
  }

  private directionAllows(direction: 'egress' | 'ingress', subject: Peer, peer: Peer, port: number, protocol: string, dnsQuery: string | undefined): boolean {
    if (!this.enforced(direction, subject)) return true;
    const matches = this.matchingRules(direction, subject, peer, port, protocol);
    if (dnsQuery === undefined) return matches.length > 0;
    return matches.some(({ ports }) => ports.some((entry) => {
      const dns = entry?.rules?.dns;
      return dns === undefined || dns.some((m: any) => fqdnMatches(m, dnsQuery));
    }));
  }

  private resolvesThroughProxy(from: Peer, name: string): boolean {
    return this.matchingRules('egress', from, KUBE_DNS, 53, 'UDP')
      .some(({ ports }) => ports.some((entry) => entry?.rules?.dns?.some((m: any) => fqdnMatches(m, name))));
  }
}
