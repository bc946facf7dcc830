import { EgressRule } from './cilium-policy';
import { FqdnMatch } from './fqdn-match';
import { PolicyPeer } from './policy-peer';

/**
 * An egress rule to kube-dns (53/UDP and 53/TCP) that allows looking up only the names
 * `lookups` match. Naming the lookups routes them through Cilium's DNS proxy, which FQDN
 * peers need to learn addresses.
 */
export function dnsLookupRule(lookups: readonly FqdnMatch[]): EgressRule {
  return { to: [PolicyPeer.kubeDns()], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], dns: lookups };
}

/**
 * @internal The names a pod's resolver may ask for when it looks up `match`: the name itself and
 * the name with each search domain of an AKS pod appended (`<ns>.svc.cluster.local`,
 * `svc.cluster.local`, `cluster.local` and the node's `*.*.internal.cloudapp.net`).
 * With `ndots:5`, a name such as `graph.microsoft.com` is tried with the search domains
 * first; a DNS rule that refused those would fail the lookup.
 */
export function dnsSearchVariants(match: FqdnMatch, namespace: string): FqdnMatch[] {
  const suffixes = ['cluster.local', `${namespace}.svc.cluster.local`, '*.*.internal.cloudapp.net', 'svc.cluster.local'];
  return [match, ...suffixes.map((suffix) => FqdnMatch.pattern(`${match.value}.${suffix}`))];
}
