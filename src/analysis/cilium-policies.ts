import { ipInCidr } from './cidr';
import { ClusterModel, Workload } from './cluster-model';
import { describeFqdnSelector, fqdnSelectorMatches } from './dns-name';
import { describeEndpoint, Endpoint, Reason } from './endpoint';
import { describeObject } from './kube-object';
import { LabelSelector, Labels, selectorKeys, selectorMatches } from './label-selector';

/** A direction of traffic as Cilium enforces it at an endpoint. */
export type Direction = 'ingress' | 'egress';

const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** One rule set of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (`spec`, or one of `specs`). */
interface RuleSet {
  /** `CiliumNetworkPolicy pets/name` (with `specs[i]`). */
  readonly name: string;
  /** The policy's namespace; undefined for a clusterwide policy. */
  readonly namespace?: string;
  readonly spec: any;
}

/** A rule that matched, and the `toPorts` entry it matched with (undefined: the rule has no ports). */
export interface RuleMatch {
  /** `CiliumNetworkPolicy ns/name egress[1]`. */
  readonly where: string;
  /** The `toPorts` entry that matched. */
  readonly portEntry?: any;
  /** The rule. */
  readonly rule: any;
}

/** What Cilium decides for one direction of a connection at one endpoint, and the allow rules that matched. */
export interface DirectionVerdict extends Reason {
  /** The allow rules that matched (empty when the connection is denied or the direction is not enforced). */
  readonly matches: readonly RuleMatch[];
  /** Whether the direction is default-deny for the endpoint (some selecting policy has rules for it). */
  readonly enforced: boolean;
}

const PEER_FIELDS: Readonly<Record<Direction, readonly string[]>> = {
  ingress: ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromRequires', 'fromGroups'],
  egress: ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toServices', 'toNodes', 'toRequires', 'toGroups'],
};

/** Cilium writes label keys with a source (`k8s:app`, `any:app`); the label is the part after it. */
function labelKey(key: string): string {
  return key.replace(/^(k8s|any):/, '');
}

/** The labels Cilium gives a workload's pods: its own, its namespace's and its service account. */
function identityLabels(cluster: ClusterModel, workload: Workload): Labels {
  const namespaceLabels = Object.entries(cluster.namespaceLabels(workload.namespace))
    .map(([k, v]) => [`io.cilium.k8s.namespace.labels.${k}`, v]);
  return {
    ...workload.labels,
    ...Object.fromEntries(namespaceLabels),
    [NAMESPACE_LABEL]: workload.namespace,
    'io.cilium.k8s.policy.serviceaccount': workload.serviceAccount,
    'io.cilium.k8s.policy.cluster': 'default',
  };
}

function entityMatches(entity: unknown, peer: Endpoint): boolean {
  switch (entity) {
    case 'all': return true;
    case 'world': case 'world-ipv4': case 'world-ipv6': return peer.kind === 'world';
    case 'cluster': return peer.kind === 'pod';
    default: return false;
  }
}

function portText(port: number, protocol: string): string {
  return `${port}/${protocol}`;
}

/** What Cilium's network policies allow between endpoints, read from the manifests' CiliumNetworkPolicies and CiliumClusterwideNetworkPolicies. */
export class CiliumPolicies {
  private readonly ruleSets: readonly RuleSet[];
  private readonly identities = new WeakMap<Workload, Labels>();

  constructor(private readonly cluster: ClusterModel) {
    this.ruleSets = [
      ...cluster.manifests.ofKind('CiliumNetworkPolicy', 'cilium.io'),
      ...cluster.manifests.ofKind('CiliumClusterwideNetworkPolicy', 'cilium.io'),
    ].flatMap(({ object }) => {
      const specs: any[] = [object.spec, ...(Array.isArray(object.specs) ? object.specs : [])].filter((s) => s !== undefined && s !== null);
      const namespace = object.kind === 'CiliumNetworkPolicy' ? object.metadata.namespace : undefined;
      return specs.map((spec, index) => ({
        name: describeObject(object) + (specs.length > 1 || object.spec === undefined ? ` specs[${object.spec === undefined ? index : index - 1}]` : ''),
        namespace,
        spec,
      }));
    });
  }

  /** Whether any policy exists at all. */
  public get empty(): boolean {
    return this.ruleSets.length === 0;
  }

  /**
   * Whether `direction` traffic of `subject` with `peer` on `port` is allowed, as one reason.
   * For ingress the port is the subject's; for egress, the peer's (after Service translation).
   */
  public check(direction: Direction, subject: Workload, peer: Endpoint, port: number, protocol: string): DirectionVerdict {
    const check = direction === 'ingress' ? 'cilium-ingress' : 'cilium-egress';
    const what = `${direction} of ${subject.id} ${direction === 'ingress' ? 'from' : 'to'} ${describeEndpoint(peer)} on ${portText(port, protocol)}`;
    const selecting = this.selecting(subject);
    const destination = direction === 'ingress' ? subject : peer.kind === 'pod' ? peer.workload : undefined;
    const denied = this.matchingRules(selecting, `${direction}Deny`, direction, peer, port, protocol, destination);
    const enforcing = selecting.filter((r) => this.enforces(r, direction));
    const enforced = enforcing.length > 0;
    if (denied.length > 0) return { check, allowed: false, matches: [], enforced, text: `${what}: denied by ${denied[0].where}` };
    if (!enforced) {
      const text = `${what}: not restricted (no policy with ${direction} rules selects ${subject.id})`;
      return { check, allowed: true, matches: [], enforced, unrestricted: true, text };
    }
    const matches = this.matchingRules(selecting, direction, direction, peer, port, protocol, destination);
    if (matches.length > 0) return { check, allowed: true, matches, enforced, text: `${what}: allowed by ${matches[0].where}` };
    return {
      check,
      allowed: false,
      matches: [],
      enforced,
      text: `${what}: default-deny (${enforcing.map((r) => r.name).join(', ')} ${enforcing.length === 1 ? 'selects' : 'select'} it) and no rule allows it`,
    };
  }

  /** The DNS rules that apply to `subject`'s queries to `dnsServer` on 53/UDP: undefined when any name may be asked (no rule restricts names). */
  public dnsVerdict(subject: Workload, dnsServer: Workload, name: string): Reason & { readonly proxied: boolean } {
    const l4 = this.check('egress', subject, { kind: 'pod', workload: dnsServer }, 53, 'UDP');
    const query = `DNS query of ${subject.id} for ${name}`;
    if (!l4.allowed) return { ...l4, check: 'dns', proxied: false, text: `${query} is dropped: ${l4.text}` };
    const withDnsRules = l4.matches.filter((m) => Array.isArray(m.portEntry?.rules?.dns));
    if (withDnsRules.length === 0) return { check: 'dns', allowed: true, proxied: false, text: `${query}: allowed (${l4.text})` };
    const proxied = true;
    const anyName = l4.matches.find((m) => !Array.isArray(m.portEntry?.rules?.dns));
    if (anyName !== undefined) return { check: 'dns', allowed: true, proxied, text: `${query}: allowed by ${anyName.where} (no DNS rule limits the names)` };
    for (const match of withDnsRules) {
      const selector = (match.portEntry.rules.dns as any[]).find((s) => fqdnSelectorMatches(s, name));
      if (selector !== undefined) return { check: 'dns', allowed: true, proxied, text: `${query}: allowed by ${match.where} (${describeFqdnSelector(selector)})` };
    }
    return {
      check: 'dns',
      allowed: false,
      proxied,
      text: `${query} is refused by Cilium's DNS proxy: the DNS rules of ${[...new Set(withDnsRules.map((m) => m.where))].join(', ')} do not match it`,
    };
  }

  /** A workload's Cilium identity labels, computed once. */
  private identity(workload: Workload): Labels {
    let labels = this.identities.get(workload);
    if (labels === undefined) {
      labels = identityLabels(this.cluster, workload);
      this.identities.set(workload, labels);
    }
    return labels;
  }

  /** Every `toFQDNs` selector of the egress rules, with the ports of its rule. */
  public fqdnTargets(): { readonly selector: { matchName?: string; matchPattern?: string }; readonly ports: readonly any[] }[] {
    return this.ruleSets
      .flatMap((r) => (Array.isArray(r.spec.egress) ? r.spec.egress : []) as any[])
      .flatMap((rule) => (Array.isArray(rule?.toFQDNs) ? rule.toFQDNs : [])
        .map((selector: any) => ({ selector, ports: (rule.toPorts ?? []).flatMap((p: any) => p?.ports ?? []) })));
  }

  private selecting(subject: Workload): RuleSet[] {
    const labels = this.identity(subject);
    return this.ruleSets.filter((r) => r.spec.nodeSelector === undefined
      && (r.namespace === undefined || r.namespace === subject.namespace)
      && r.spec.endpointSelector !== undefined
      && selectorMatches(r.spec.endpointSelector, labels, labelKey));
  }

  private enforces(ruleSet: RuleSet, direction: Direction): boolean {
    const hasRules = (Array.isArray(ruleSet.spec[direction]) && ruleSet.spec[direction].length > 0)
      || (Array.isArray(ruleSet.spec[`${direction}Deny`]) && ruleSet.spec[`${direction}Deny`].length > 0);
    return hasRules && ruleSet.spec.enableDefaultDeny?.[direction] !== false;
  }

  private matchingRules(
    selecting: readonly RuleSet[], field: string, direction: Direction, peer: Endpoint,
    port: number, protocol: string, destination: Workload | undefined,
  ): RuleMatch[] {
    const matches: RuleMatch[] = [];
    for (const ruleSet of selecting) {
      const rules: any[] = Array.isArray(ruleSet.spec[field]) ? ruleSet.spec[field] : [];
      rules.forEach((rule, index) => {
        if (rule === null || typeof rule !== 'object' || !this.peerMatches(rule, direction, peer, ruleSet.namespace)) return;
        const where = `${ruleSet.name} ${field}[${index}]`;
        if (rule.toPorts === undefined) {
          matches.push({ where, rule });
          return;
        }
        for (const entry of rule.toPorts as any[]) {
          if (portEntryMatches(entry, port, protocol, destination)) matches.push({ where, rule, portEntry: entry });
        }
      });
    }
    return matches;
  }

  private peerMatches(rule: any, direction: Direction, peer: Endpoint, policyNamespace: string | undefined): boolean {
    const fields = PEER_FIELDS[direction];
    if (!fields.some((f) => rule[f] !== undefined)) return rule.toPorts !== undefined;
    const prefix = direction === 'ingress' ? 'from' : 'to';
    const selectors: LabelSelector[] = Array.isArray(rule[`${prefix}Endpoints`]) ? rule[`${prefix}Endpoints`] : [];
    if (peer.kind === 'pod' && selectors.some((s) => this.endpointSelectorMatches(s, peer.workload, policyNamespace))) return true;
    const entities: unknown[] = Array.isArray(rule[`${prefix}Entities`]) ? rule[`${prefix}Entities`] : [];
    if (entities.some((e) => entityMatches(e, peer))) return true;
    if (peer.kind === 'world' && peer.ip !== undefined) {
      const cidrs: string[] = Array.isArray(rule[`${prefix}CIDR`]) ? rule[`${prefix}CIDR`] : [];
      if (cidrs.some((c) => ipInCidr(peer.ip!, c))) return true;
      const sets: any[] = Array.isArray(rule[`${prefix}CIDRSet`]) ? rule[`${prefix}CIDRSet`] : [];
      if (sets.some((s) => typeof s?.cidr === 'string' && ipInCidr(peer.ip!, s.cidr) && !(s.except ?? []).some((e: string) => ipInCidr(peer.ip!, e)))) return true;
    }
    if (direction === 'egress' && peer.kind === 'world' && peer.fqdn !== undefined && Array.isArray(rule.toFQDNs)) {
      return rule.toFQDNs.some((s: any) => fqdnSelectorMatches(s, peer.fqdn!));
    }
    return false;
  }

  private endpointSelectorMatches(selector: LabelSelector, workload: Workload, policyNamespace: string | undefined): boolean {
    if (selector === null || typeof selector !== 'object') return false;
    const namesNamespace = selectorKeys(selector, labelKey).includes(NAMESPACE_LABEL);
    if (policyNamespace !== undefined && !namesNamespace && workload.namespace !== policyNamespace) return false;
    return selectorMatches(selector, this.identity(workload), labelKey);
  }
}

function portEntryMatches(entry: any, port: number, protocol: string, destination: Workload | undefined): boolean {
  if (!Array.isArray(entry?.ports) || entry.ports.length === 0) return true;
  return entry.ports.some((p: any) => {
    const wanted = p.protocol ?? 'ANY';
    if (wanted !== 'ANY' && wanted !== protocol) return false;
    const text = String(p.port ?? '0');
    if (!/^\d+$/.test(text)) {
      return destination?.ports.some((c) => c.name === text && c.port === port && (wanted === 'ANY' || c.protocol === protocol)) ?? false;
    }
    const first = Number(text);
    if (first === 0) return true;
    return p.endPort !== undefined ? port >= first && port <= Number(p.endPort) : port === first;
  });
}
