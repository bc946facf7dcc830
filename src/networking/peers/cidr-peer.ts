import { PeerContext, IPolicyPeer } from './peer';
import { CiliumNetworkPolicySpecEgress, CiliumNetworkPolicySpecIngress } from '../../../imports/cnp-cilium.io';
import { InvalidPropError } from '../../core/invalid-prop-error';

const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

/** Addresses outside the cluster by CIDR (`fromCIDR` / `toCIDR`), e.g. `10.0.0.0/8`. */
export class CidrPeer implements IPolicyPeer {
  public readonly peerKind = 'CIDRs';

  constructor(
    /** The block, in CIDR notation. */
    public readonly cidr: string,
  ) {}

  public renderIngress(context: PeerContext): CiliumNetworkPolicySpecIngress {
    return { fromCidr: [this.checked(context)] };
  }

  public renderEgress(context: PeerContext): CiliumNetworkPolicySpecEgress {
    return { toCidr: [this.checked(context)] };
  }

  private checked(context: PeerContext): string {
    if (typeof this.cidr !== 'string' || !(IPV4_CIDR.test(this.cidr) || IPV6_CIDR.test(this.cidr))) {
      throw new InvalidPropError(context.scope, context.prop, this.cidr, "must be an IPv4 or IPv6 block in CIDR notation, such as '10.0.0.0/8'");
    }
    return this.cidr;
  }
}
