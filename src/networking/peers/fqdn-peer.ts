import { PeerContext, IPolicyPeer } from './peer';
import { CiliumNetworkPolicySpecEgress } from '../../../imports/cnp-cilium.io';
import { FqdnMatch, requireFqdnMatch } from '../fqdn-match';

/** Hosts whose DNS names match (`toFQDNs`, egress only); the pod must also be allowed to look them up. */
export class FqdnPeer implements IPolicyPeer {
  public readonly peerKind = 'FQDNs';

  constructor(
    /** The names that match. */
    public readonly match: FqdnMatch,
  ) {}

  public renderIngress(): undefined {
    return undefined;
  }

  public renderEgress(context: PeerContext): CiliumNetworkPolicySpecEgress {
    // The generated L1 class spells the field `toFqdNs` and renders it as `toFQDNs`.
    return { toFqdNs: [requireFqdnMatch(context.scope, context.prop, this.match).render(context.scope, context.prop)] };
  }
}
