import { Construct } from 'constructs';
import { CiliumPolicy, PolicyDirection, PodSelector } from './cilium-policy';
import { dnsLookupRule, dnsSearchVariants } from './dns-lookup-rule';
import { FqdnMatch, requireFqdnMatch } from './fqdn-match';
import { PolicyPeer } from './policy-peer';
import { PolicyPort } from './policy-port';
import { KnownKeys, requireNonEmptyArray, requireProps } from '../core/validation';
import { IWorkloadRef, requireWorkloadRef, serviceFqdn } from '../core/workload-ref';

/** Props of {@link FqdnEgressPolicy}. */
export interface FqdnEgressPolicyProps {
  /** The workload whose pods may reach the names. */
  readonly workload: IWorkloadRef;
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
  readonly resolvable?: readonly IWorkloadRef[];
}

const FQDN_EGRESS_POLICY_PROPS: KnownKeys<FqdnEgressPolicyProps> = { workload: true, fqdns: true, ports: true, name: true, resolvable: true };

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
    requireProps(this, props, "{ workload: store.orderService, fqdns: [FqdnMatch.pattern('*.microsoft.com')] }", FQDN_EGRESS_POLICY_PROPS);
    const workload = requireWorkloadRef(this, 'workload', props.workload);
    const fqdns = requireNonEmptyArray(this, 'fqdns', props.fqdns, 'FqdnMatch').map((f, i) => requireFqdnMatch(this, `fqdns[${i}]`, f));
    const resolvable = (props.resolvable ?? []).map((w, i) => requireWorkloadRef(this, `resolvable[${i}]`, w));
    const lookups = [
      ...resolvable.map((w) => FqdnMatch.pattern(serviceFqdn(w))),
      ...fqdns.flatMap((match) => dnsSearchVariants(match, workload.namespace)),
    ];
    this.policy = new CiliumPolicy(this, 'policy', {
      name: props.name ?? `allow-${workload.name}-fqdn-egress`,
      selector: PodSelector.workload(workload),
      egress: PolicyDirection.allow(
        dnsLookupRule(lookups),
        { to: fqdns.map((match) => PolicyPeer.fqdn(match)), ports: props.ports ?? [{ port: 443, protocol: 'TCP' }] },
      ),
    });
  }
}
