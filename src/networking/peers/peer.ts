import { IConstruct } from 'constructs';
import { CiliumNetworkPolicySpecEgress, CiliumNetworkPolicySpecIngress } from '../../../imports/cnp-cilium.io';

/** Where a peer is rendered: for error messages and namespace-relative selectors. */
export interface PeerContext {
  /** The policy construct, named in errors. */
  readonly scope: IConstruct;
  /** The prop path of the peer, e.g. `egress[0].to[1]`. */
  readonly prop: string;
  /** The namespace of the policy; endpoint selectors are relative to it. */
  readonly policyNamespace: string;
}

/**
 * Who a rule allows traffic from (ingress) or to (egress). Each kind of peer renders itself
 * into the fields of a Cilium rule, so a new kind of peer is one class. Peers of one rule
 * must be of one kind: Cilium rejects a rule that mixes, say, endpoints and entities.
 */
export interface IPolicyPeer {
  /** The kind of peer ('endpoints', 'entities', 'FQDNs', 'CIDRs', 'nothing'); peers of one rule share it. */
  readonly peerKind: string;
  /**
   * The fields of a Cilium ingress rule that allow traffic from this peer (one-element lists,
   * merged with the rule's other peers), or undefined when it cannot be an ingress peer.
   */
  renderIngress(context: PeerContext): CiliumNetworkPolicySpecIngress | undefined;
  /** The fields of a Cilium egress rule that allow traffic to this peer, or undefined when it cannot be an egress peer. */
  renderEgress(context: PeerContext): CiliumNetworkPolicySpecEgress | undefined;
}
