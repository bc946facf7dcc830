import { PeerContext, IPolicyPeer } from './peer';
import {
  CiliumNetworkPolicySpecEgress,
  CiliumNetworkPolicySpecEgressToEntities,
  CiliumNetworkPolicySpecIngress,
  CiliumNetworkPolicySpecIngressFromEntities,
} from '../../../imports/cnp-cilium.io';
import { requireOneOf } from '../../core/validation';

/** Cilium's reserved entities: peers that have no pod labels. */
export const CILIUM_ENTITIES = ['world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'init', 'health', 'unmanaged', 'none', 'all'] as const;

/** A reserved entity of Cilium 1.16. */
export type CiliumEntity = typeof CILIUM_ENTITIES[number];

/** A reserved entity such as `world` (outside the cluster) or `kube-apiserver` (`fromEntities` / `toEntities`). */
export class EntityPeer implements IPolicyPeer {
  public readonly peerKind = 'entities';

  constructor(
    /** The entity. */
    public readonly entity: CiliumEntity,
  ) {}

  public renderIngress(context: PeerContext): CiliumNetworkPolicySpecIngress {
    return { fromEntities: [this.checked(context) as CiliumNetworkPolicySpecIngressFromEntities] };
  }

  public renderEgress(context: PeerContext): CiliumNetworkPolicySpecEgress {
    return { toEntities: [this.checked(context) as CiliumNetworkPolicySpecEgressToEntities] };
  }

  private checked(context: PeerContext): CiliumEntity {
    return requireOneOf(context.scope, context.prop, this.entity, CILIUM_ENTITIES);
  }
}
