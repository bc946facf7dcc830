import { FqdnMatch } from './policy-port';
import { Workload } from '../core/workload';

/** Cilium's reserved entities: peers that have no pod labels. */
export type CiliumEntity =
  | 'world' | 'cluster' | 'host' | 'remote-node' | 'kube-apiserver'
  | 'ingress' | 'init' | 'health' | 'unmanaged' | 'none' | 'all';

/** The entities Cilium 1.16 accepts. */
export const CILIUM_ENTITIES: readonly CiliumEntity[] = [
  'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'init', 'health', 'unmanaged', 'none', 'all',
];

/** The label Cilium gives every pod for its namespace. */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** The kinds of peer a rule can name; one rule names peers of one kind only. */
export type PeerKind = 'endpoints' | 'entities' | 'fqdns' | 'none';

/**
 * Who a rule allows traffic from (ingress) or to (egress): pods by labels, a workload,
 * a reserved entity such as `world`, or DNS names (egress only).
 */
export class PolicyPeer {
  /**
   * The pods of a workload, selected by their labels. The selector names the workload's
   * namespace when it differs from the policy's, or always with `pinNamespace`.
   */
  public static workload(workload: Workload, options: { readonly pinNamespace?: boolean } = {}): PolicyPeer {
    return new PolicyPeer('endpoints', { labels: workload.podLabels, namespace: workload.namespace, pinNamespace: options.pinNamespace ?? false });
  }

  /** Pods with all of `labels`, in `namespace` (default: the policy's namespace). */
  public static pods(labels: Readonly<Record<string, string>>, namespace?: string): PolicyPeer {
    return new PolicyPeer('endpoints', { labels, namespace, pinNamespace: namespace !== undefined });
  }

  /** The cluster DNS (CoreDNS pods labelled `k8s-app: kube-dns` in `kube-system`). */
  public static kubeDns(): PolicyPeer {
    return PolicyPeer.pods({ 'k8s-app': 'kube-dns' }, 'kube-system');
  }

  /** A reserved entity, e.g. `world` (outside the cluster) or `kube-apiserver`. */
  public static entity(entity: CiliumEntity): PolicyPeer {
    return new PolicyPeer('entities', entity);
  }

  /** Hosts whose DNS names match (egress only); the pod must also be allowed to look them up. */
  public static fqdn(match: FqdnMatch): PolicyPeer {
    return new PolicyPeer('fqdns', match);
  }

  /**
   * No peer at all, on purpose: renders `fromEndpoints: []` / `toEndpoints: []`, a rule that
   * matches nothing (the workshop's chaos step uses it to drop all ingress).
   */
  public static nothing(): PolicyPeer {
    return new PolicyPeer('none', undefined);
  }

  private constructor(
    /** Which kind of peer this is; it decides the Cilium field it renders to. */
    public readonly kind: PeerKind,
    /** The pod selection, entity or FQDN match. */
    public readonly value: PodSelection | CiliumEntity | FqdnMatch | undefined,
  ) {}
}

/** Pods selected by labels. */
export interface PodSelection {
  /** Labels the pods carry. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The pods' namespace.
   * @default - the policy's namespace
   */
  readonly namespace?: string;
  /** Whether the selector names the namespace even when it is the policy's own. */
  readonly pinNamespace: boolean;
}
