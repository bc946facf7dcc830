import { PeerContext, IPolicyPeer } from './peer';
import { CiliumNetworkPolicySpecEgress, CiliumNetworkPolicySpecIngress } from '../../../imports/cnp-cilium.io';
import { requireDns1123Label, requireLabels } from '../../core/validation';

/** The label Cilium gives every pod for its namespace. */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/**
 * Pods by labels, in the policy's namespace or another (`fromEndpoints` / `toEndpoints`). The
 * selector names the namespace (`io.kubernetes.pod.namespace`) when it is not the policy's, or
 * always with `pinNamespace`.
 */
export class EndpointsPeer implements IPolicyPeer {
  public readonly peerKind = 'endpoints';

  constructor(
    /** Labels the pods carry. */
    public readonly labels: Readonly<Record<string, string>>,
    /**
     * The pods' namespace.
     * @default - the policy's namespace
     */
    public readonly namespace?: string,
    /** Whether the selector names the namespace even when it is the policy's own. */
    public readonly pinNamespace: boolean = false,
  ) {}

  public renderIngress(context: PeerContext): CiliumNetworkPolicySpecIngress {
    return { fromEndpoints: [this.selector(context)] };
  }

  public renderEgress(context: PeerContext): CiliumNetworkPolicySpecEgress {
    return { toEndpoints: [this.selector(context)] };
  }

  private selector(context: PeerContext): { matchLabels: Record<string, string> } {
    const labels = requireLabels(context.scope, `${context.prop}.labels`, this.labels, 1);
    if (this.namespace !== undefined) requireDns1123Label(context.scope, `${context.prop}.namespace`, this.namespace);
    const withNamespace = this.pinNamespace || (this.namespace !== undefined && this.namespace !== context.policyNamespace);
    return { matchLabels: withNamespace ? { [POD_NAMESPACE_LABEL]: this.namespace ?? context.policyNamespace, ...labels } : labels };
  }
}
