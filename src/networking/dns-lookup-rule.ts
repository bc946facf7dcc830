import { EgressRule } from './cilium-policy';
import { PolicyPeer } from './policy-peer';
import { FqdnMatch } from './policy-port';

/**
 * An egress rule to kube-dns (53/UDP and 53/TCP) that allows looking up only the names
 * `lookups` match. Naming the lookups routes them through Cilium's DNS proxy, which FQDN
 * peers need to learn addresses.
 */
export function dnsLookupRule(lookups: readonly FqdnMatch[]): EgressRule {
  return { to: [PolicyPeer.kubeDns()], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], dns: lookups };
}
