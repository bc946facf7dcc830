import { normalizeName } from './fqdn-pattern';
import { NetworkPolicies } from './network-policy';
import { describeUnmodelled, Reason } from './verdict';
import { CLUSTER_DOMAIN } from '../../core/aks-platform';
import { ClusterModel } from '../model/cluster';
import { Workload } from '../model/records';

/** How a lookup ended. */
export interface Lookup {
  /** Whether Cilium's DNS proxy saw the answer, so that `toFQDNs` rules know the addresses. */
  readonly learned: boolean;
  readonly reason: Reason;
}

/**
 * Name lookups of pods through kube-dns, as an AKS pod's resolver makes them: `ndots:5` with
 * the search path `<ns>.svc.cluster.local svc.cluster.local cluster.local <node domain>`.
 * Each query passes the network policies (and Cilium's DNS rules) on its own; a refused query
 * ends the lookup, as musl's resolver (Alpine images) and busybox's `wget`/`nc` do.
 */
export class DnsResolver {
  constructor(private readonly cluster: ClusterModel, private readonly policies: NetworkPolicies) {}

  /** The names a pod in `namespace` asks for, in order, when it looks up `name`. */
  public candidates(name: string, namespace: string): string[] {
    if (name.endsWith('.')) return [normalizeName(name)];
    const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, this.cluster.nodeSearchDomain]
      .map((domain) => `${normalizeName(name)}.${domain}`);
    return name.split('.').length - 1 >= 5 ? [normalizeName(name), ...search] : [...search, normalizeName(name)];
  }

  /** Whether a name has an answer: a Service of the manifests or the cluster, a pod behind a headless Service, or any name outside the cluster. */
  public exists(fqdn: string): boolean {
    const name = normalizeName(fqdn);
    if (name.endsWith(`.${this.cluster.nodeSearchDomain}`)) return false;
    if (!name.endsWith(`.${CLUSTER_DOMAIN}`)) return name.includes('.');
    const parts = name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split('.');
    if (parts.length === 3 && parts[2] === 'svc') return this.cluster.service(parts[1], parts[0]) !== undefined;
    if (parts.length === 4 && parts[3] === 'svc') return this.cluster.service(parts[2], parts[1])?.headless ?? false;
    return false;
  }

  /** Looks `name` up from `client`'s pods. */
  public lookup(client: Workload, name: string): Lookup {
    const dnsSettings = client.unmodelled.filter((f) => f.field === 'dnsPolicy' || f.field === 'dnsConfig');
    if (dnsSettings.length > 0) {
      return { learned: false, reason: { check: 'dns', outcome: 'unknown', text: `lookup of ${name} by ${client.id}: ${describeUnmodelled(dnsSettings)}`, unmodelled: dnsSettings } };
    }
    const tried: string[] = [];
    for (const candidate of this.candidates(name, client.namespace)) {
      const query = this.policies.dnsQuery(client, candidate);
      if (query.value.value === 'no') {
        const before = tried.length > 0 ? ` (after ${tried.length} name${tried.length === 1 ? '' : 's'} not found)` : '';
        return { learned: false, reason: { check: 'dns', outcome: 'blocked', text: `lookup of ${name} fails at ${candidate}${before} ("bad address"): ${query.reason.text}` } };
      }
      if (query.value.value === 'maybe') return { learned: false, reason: query.reason };
      if (this.exists(candidate)) {
        return { learned: query.proxied, reason: { check: 'dns', outcome: 'allowed', text: `${client.id} resolves ${name} as ${candidate}: ${query.reason.text}` } };
      }
      tried.push(candidate);
    }
    return { learned: false, reason: { check: 'dns', outcome: 'blocked', text: `lookup of ${name} finds nothing (tried ${tried.join(', ')})` } };
  }
}
