import { IPolicyPeer } from './peer';
import { CiliumNetworkPolicySpecEgress, CiliumNetworkPolicySpecIngress } from '../../../imports/cnp-cilium.io';

/**
 * No peer at all, on purpose: renders `fromEndpoints: []` / `toEndpoints: []`, a rule that
 * matches nothing (the workshop's chaos step uses it to drop all ingress).
 */
export class NoPeer implements IPolicyPeer {
  public readonly peerKind = 'nothing';

  public renderIngress(): CiliumNetworkPolicySpecIngress {
    return { fromEndpoints: [] };
  }

  public renderEgress(): CiliumNetworkPolicySpecEgress {
    return { toEndpoints: [] };
  }
}
