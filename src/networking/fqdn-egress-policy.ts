import { Construct } from 'constructs';
import { CiliumPolicy, PolicyDirection, PodSelector } from './cilium-policy';
import { dnsLookupRule } from './dns-lookup-rule';
import { PolicyPeer } from './policy-peer';
import { FqdnMatch, PolicyPort } from './policy-port';
import { InvalidPropError } from '../core/validation';
import { serviceFqdn, Workload } from '../core/workload';

/**
 * The names a pod's resolver may ask for when it looks up `match`: the name itself and the
 * name with each search domain of an AKS pod appended (`<ns>.svc.cluster.local`,
 * `svc.cluster.local`, `cluster.local` and the node's `*.*.internal.cloudapp.net`).
 * With `ndots:5`, a name such as `graph.microsoft.com` is tried with the search domains
 * first; a DNS rule that refused those would fail the lookup.
 */
export function dnsSearchVariants(match: FqdnMatch, namespace: string): FqdnMatch[] {
  const suffixes = ['cluster.local', `${namespace}.svc.cluster.local`, '*.*.internal.cloudapp.net', 'svc.cluster.local'];
  return [match, ...suffixes.map((suffix) => FqdnMatch.pattern(`${match.value}.${suffix}`))];
}

/** Props of {@link FqdnEgressPolicy}. */
export interface FqdnEgressPolicyProps {
  /** The workload whose pods may reach the names. */
  readonly workload: Workload;
  /** The DNS names (or patterns) the workload may reach, e.g. `FqdnMatch.pattern('*.microsoft.com')`. */
  readonly fqdns: readonly FqdnMatch[];
  /**
   * The ports it may reach them on.
   * @default - 443/TCP
   */
  readonly ports?: readonly PolicyPort[];
  /**
   * The policy's name. Give it a name of its own: a CiliumNetworkPolicy of the same name as
   * an existing one replaces it on `kubectl apply`.
   * @default `allow-<workload>-fqdn-egress`
   */
  readonly name?: string;
  /**
   * In-cluster workloads the pods look up by name, kept resolvable. Only needed when no other
   * policy of the workload allows those lookups.
   * @default - none
   */
  readonly resolvable?: readonly Workload[];
}

/**
 * Egress from a workload to the given DNS names only (Cilium FQDN filtering, part of ACNS):
 * a DNS rule that lets the pods look the names up through kube-dns (Cilium's DNS proxy then
 * learns their addresses), and an FQDN rule that allows connections to them on the given ports.
 * Adds to the workload's other policies; other egress stays as they allow.
 *
 * @example
 * new FqdnEgressPolicy(chart, 'fqdn', {
 *   workload: store.orderService,
 *   fqdns: [FqdnMatch.pattern('*.microsoft.com')],
 * });
 */
export class FqdnEgressPolicy extends Construct {
  /** The generated policy. */
  public readonly policy: CiliumPolicy;

  constructor(scope: Construct, id: string, props: FqdnEgressPolicyProps) {
    super(scope, id);
    const { workload } = props;
    if (!Array.isArray(props.fqdns) || props.fqdns.length === 0) {
      throw new InvalidPropError(this, 'fqdns', props.fqdns, 'must list at least one FqdnMatch');
    }
    const lookups = [
      ...(props.resolvable ?? []).map((w) => FqdnMatch.pattern(serviceFqdn(w))),
      ...props.fqdns.flatMap((match) => dnsSearchVariants(match, workload.namespace)),
    ];
    this.policy = new CiliumPolicy(this, 'policy', {
      name: props.name ?? `allow-${workload.name}-fqdn-egress`,
      selector: PodSelector.workload(workload),
      egress: PolicyDirection.allow(
        dnsLookupRule(lookups),
        { to: props.fqdns.map((match) => PolicyPeer.fqdn(match)), ports: props.ports ?? [{ port: 443, protocol: 'TCP' }] },
      ),
    });
  }
}
