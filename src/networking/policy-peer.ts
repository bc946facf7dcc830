import { FqdnMatch } from './fqdn-match';
import { CidrPeer } from './peers/cidr-peer';
import { EndpointsPeer } from './peers/endpoints-peer';
import { CiliumEntity, EntityPeer } from './peers/entity-peer';
import { FqdnPeer } from './peers/fqdn-peer';
import { NoPeer } from './peers/no-peer';
import { IPolicyPeer } from './peers/peer';
import { IWorkloadRef } from '../core/workload-ref';

/** Options of {@link PolicyPeer.workload}. */
export interface WorkloadPeerOptions {
  /**
   * Name the workload's namespace in the selector even when it is the policy's own.
   * @default false
   */
  readonly pinNamespace?: boolean;
}

/** The kinds of peer a rule can name: pods, a workload, an entity, DNS names, CIDRs or nothing. */
export class PolicyPeer {
  /**
   * The pods of a workload, selected by their labels. The selector names the workload's
   * namespace when it differs from the policy's, or always with `pinNamespace`.
   */
  public static workload(workload: IWorkloadRef, options: WorkloadPeerOptions = {}): IPolicyPeer {
    return new EndpointsPeer(workload?.podLabels, workload?.namespace, options.pinNamespace ?? false);
  }

  /** Pods with all of `labels`, in `namespace` (default: the policy's namespace). */
  public static pods(labels: Readonly<Record<string, string>>, namespace?: string): IPolicyPeer {
    return new EndpointsPeer(labels, namespace, namespace !== undefined);
  }

  /** The cluster DNS (CoreDNS pods labelled `k8s-app: kube-dns` in `kube-system`). */
  public static kubeDns(): IPolicyPeer {
    return PolicyPeer.pods({ 'k8s-app': 'kube-dns' }, 'kube-system');
  }

  /** A reserved entity, e.g. `world` (outside the cluster) or `kube-apiserver`. */
  public static entity(entity: CiliumEntity): IPolicyPeer {
    return new EntityPeer(entity);
  }

  /** Hosts whose DNS names match (egress only); the pod must also be allowed to look them up. */
  public static fqdn(match: FqdnMatch): IPolicyPeer {
    return new FqdnPeer(match);
  }

  /** Addresses outside the cluster in a CIDR block, e.g. `10.0.0.0/8`. */
  public static cidr(cidr: string): IPolicyPeer {
    return new CidrPeer(cidr);
  }

  /**
   * No peer at all, on purpose: renders `fromEndpoints: []` / `toEndpoints: []`, a rule that
   * matches nothing (the workshop's chaos step uses it to drop all ingress).
   */
  public static nothing(): IPolicyPeer {
    return new NoPeer();
  }

  private constructor() {}
}
