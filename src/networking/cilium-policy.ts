import { Construct } from 'constructs';
import { FqdnMatch, requireFqdnMatch } from './fqdn-match';
import { IPolicyPeer, PeerContext } from './peers/peer';
import { PolicyPort, renderPort } from './policy-port';
import {
  CiliumNetworkPolicy as CiliumNetworkPolicyL1,
  CiliumNetworkPolicySpecEgress,
  CiliumNetworkPolicySpecEgressToPorts,
  CiliumNetworkPolicySpecEgressToPortsPortsProtocol,
  CiliumNetworkPolicySpecIngress,
  CiliumNetworkPolicySpecIngressToPorts,
} from '../../imports/cnp-cilium.io';
import { InvalidPropError } from '../core/invalid-prop-error';
import { KnownKeys, requireDns1123Label, requireDns1123Subdomain, requireKnownKeys, requireLabels, requireProps, requireSingleLine } from '../core/validation';
import { IWorkloadRef, requireWorkloadRef } from '../core/workload-ref';

/** Traffic a policy lets in: from these peers, on these ports. */
export interface IngressRule {
  /** Who may connect; all of one kind (pods, entities, CIDRs), or `PolicyPeer.nothing()`. */
  readonly from: readonly IPolicyPeer[];
  /**
   * The ports they may connect to.
   * @default - every port
   */
  readonly ports?: readonly PolicyPort[];
}

/** Traffic a policy lets out: to these peers, on these ports. */
export interface EgressRule {
  /** Where the pods may connect; all of one kind (pods, entities, FQDNs or CIDRs). */
  readonly to: readonly IPolicyPeer[];
  /**
   * The ports they may connect to.
   * @default - every port
   */
  readonly ports?: readonly PolicyPort[];
  /**
   * DNS lookups allowed through these ports (Cilium's DNS proxy); needed for FQDN peers to
   * learn addresses. Requires `ports` (normally 53/UDP to `PolicyPeer.kubeDns()`).
   * @default - no DNS rules: any lookup, not seen by the DNS proxy
   */
  readonly dns?: readonly FqdnMatch[];
}

/** How a policy direction is enforced. */
export const DIRECTION_MODES = ['allow', 'deny-all', 'no-rules'] as const;

/** How a policy direction is enforced: only what rules allow, nothing, or not restricted by this policy. */
export type DirectionMode = typeof DIRECTION_MODES[number];

/**
 * The rules of one direction (ingress or egress) of a policy, with the three meanings Cilium
 * gives them kept apart.
 */
export class PolicyDirection<R> {
  /**
   * Only what these rules allow gets through; everything else in this direction is dropped.
   * At least one rule.
   */
  public static allow<R>(...rules: R[]): PolicyDirection<R> {
    return new PolicyDirection<R>('allow', rules);
  }

  /** Everything in this direction is dropped. Renders `[{}]`: a rule that allows nothing. */
  public static denyAll(): PolicyDirection<never> {
    return new PolicyDirection<never>('deny-all', []);
  }

  /**
   * Renders an empty list (`egress: []`). Cilium reads it like an omitted direction: this
   * policy does not restrict that direction at all. Kept to reproduce manifests that write it.
   */
  public static noRules(): PolicyDirection<never> {
    return new PolicyDirection<never>('no-rules', []);
  }

  private constructor(
    /** How the direction is enforced. */
    public readonly mode: DirectionMode,
    /** The rules, for `allow`. */
    public readonly rules: readonly R[],
  ) {}
}

/** Which pods a policy applies to. */
export class PodSelector {
  /** The pods of a workload. */
  public static workload(workload: IWorkloadRef): PodSelector {
    return new PodSelector(workload?.podLabels, workload?.namespace, false, workload);
  }

  /** Pods carrying all of `labels` (at least one label). */
  public static labels(labels: Readonly<Record<string, string>>): PodSelector {
    return new PodSelector(labels);
  }

  /** Every pod of the policy's namespace. */
  public static allPods(): PodSelector {
    return new PodSelector({}, undefined, true);
  }

  private constructor(
    /** The labels selected pods carry. */
    public readonly labels: Readonly<Record<string, string>>,
    /**
     * The namespace of the selected workload.
     * @default - not known
     */
    public readonly namespace?: string,
    /** Whether an empty label set is meant (every pod). */
    public readonly everyPod: boolean = false,
    /**
     * The selected workload.
     * @default - pods selected by labels
     */
    public readonly workload?: IWorkloadRef,
  ) {}
}

/** Props of {@link CiliumPolicy}. */
export interface CiliumPolicyProps {
  /** The policy's name (`kubectl get cnp`). */
  readonly name: string;
  /**
   * The policy's namespace.
   * @default - the namespace of the workload the selector names
   */
  readonly namespace?: string;
  /** The pods the policy applies to. */
  readonly selector: PodSelector;
  /**
   * Ingress rules.
   * @default - ingress is not restricted by this policy (no `ingress` field)
   */
  readonly ingress?: PolicyDirection<IngressRule>;
  /**
   * Egress rules.
   * @default - egress is not restricted by this policy (no `egress` field)
   */
  readonly egress?: PolicyDirection<EgressRule>;
  /**
   * A human-readable description, stored in the policy.
   * @default - none
   */
  readonly description?: string;
}

type RuleFields = Record<string, unknown[] | undefined>;

const CILIUM_POLICY_PROPS: KnownKeys<CiliumPolicyProps> = {
  name: true, namespace: true, selector: true, ingress: true, egress: true, description: true,
};
const INGRESS_RULE_KEYS: KnownKeys<IngressRule> = { from: true, ports: true };
const EGRESS_RULE_KEYS: KnownKeys<EgressRule> = { to: true, ports: true, dns: true };

/**
 * A `cilium.io/v2` CiliumNetworkPolicy written in terms of workloads, entities, ports and
 * DNS names, validated when it is created: ports in range, known protocols and entities,
 * DNS names Cilium accepts, and no rule that selects nothing by accident.
 *
 * @example
 * new CiliumPolicy(chart, 'order-service', {
 *   name: 'allow-order-service-traffic',
 *   selector: PodSelector.workload(store.orderService),
 *   ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: [{ port: 3000 }] }),
 *   egress: PolicyDirection.allow({ to: [PolicyPeer.workload(store.rabbitmq)], ports: [{ port: 5672 }] }),
 * });
 */
export class CiliumPolicy extends Construct {
  /** The policy's name. */
  public readonly name: string;
  /** The policy's namespace. */
  public readonly namespace: string;
  /** The generated L1 object. */
  public readonly resource: CiliumNetworkPolicyL1;

  constructor(scope: Construct, id: string, props: CiliumPolicyProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'allow-x', selector: PodSelector.workload(x), ingress: PolicyDirection.allow(...) }", CILIUM_POLICY_PROPS);
    this.name = requireDns1123Subdomain(this, 'name', props.name);
    const matchLabels = this.renderSelector(props.selector);
    const namespace = props.namespace ?? props.selector.namespace;
    if (namespace === undefined) {
      throw new InvalidPropError(this, 'namespace', namespace, 'is required when the selector names no workload');
    }
    this.namespace = requireDns1123Label(this, 'namespace', namespace);
    if (props.selector.namespace !== undefined && props.selector.namespace !== this.namespace) {
      throw new InvalidPropError(this, 'namespace', this.namespace, `must be the selected workload's namespace '${props.selector.namespace}'`);
    }
    const description = props.description === undefined ? undefined : requireSingleLine(this, 'description', props.description, 4096);
    this.resource = new CiliumNetworkPolicyL1(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        endpointSelector: { matchLabels },
        description,
        ingress: props.ingress === undefined ? undefined
          : this.renderDirection('ingress', props.ingress, (rule: IngressRule, prop) => this.renderIngressRule(rule, prop)),
        egress: props.egress === undefined ? undefined
          : this.renderDirection('egress', props.egress, (rule: EgressRule, prop) => this.renderEgressRule(rule, prop)),
      },
    });
  }

  private renderSelector(selector: PodSelector): Record<string, string> {
    if (!(selector instanceof PodSelector)) {
      throw new InvalidPropError(this, 'selector', selector, 'must be a PodSelector (PodSelector.workload, .labels or .allPods)');
    }
    if (selector.workload !== undefined) return requireLabels(this, 'selector.podLabels', requireWorkloadRef(this, 'selector', selector.workload).podLabels, 1);
    return requireLabels(this, 'selector', selector.labels, selector.everyPod ? 0 : 1);
  }

  private renderDirection<R, T>(prop: string, direction: PolicyDirection<R>, renderRule: (rule: R, prop: string) => T): T[] {
    if (!(direction instanceof PolicyDirection)) {
      throw new InvalidPropError(this, prop, direction, 'must be a PolicyDirection (allow, denyAll or noRules)');
    }
    switch (direction.mode) {
      case 'deny-all': return [{} as T];
      case 'no-rules': return [];
      default:
        if (direction.rules.length === 0) {
          throw new InvalidPropError(this, prop, [], 'must allow at least one rule; use PolicyDirection.denyAll() to drop everything');
        }
        return direction.rules.map((rule, i) => {
          if (rule === null || typeof rule !== 'object') throw new InvalidPropError(this, `${prop}[${i}]`, rule, 'must be a rule object');
          return renderRule(rule, `${prop}[${i}]`);
        });
    }
  }

  /** Renders each peer and merges their fields; all peers must be of one kind. */
  private renderPeers(
    prop: string,
    peers: readonly IPolicyPeer[],
    render: (peer: IPolicyPeer, context: PeerContext) => RuleFields | undefined,
    direction: string,
  ): RuleFields {
    if (!Array.isArray(peers) || peers.length === 0) {
      throw new InvalidPropError(this, prop, peers,
        'must name at least one peer; a rule without peers selects nothing (use PolicyPeer.nothing() to match nothing on purpose)');
    }
    const kinds = [...new Set(peers.map((p, i) => {
      if (p === null || typeof p !== 'object' || typeof p.peerKind !== 'string') {
        throw new InvalidPropError(this, `${prop}[${i}]`, p, 'must be a peer: PolicyPeer.workload, .pods, .kubeDns, .entity, .fqdn, .cidr or .nothing');
      }
      return p.peerKind;
    }))];
    if (kinds.length > 1) {
      throw new InvalidPropError(this, prop, kinds, 'must name peers of one kind (pods, entities, FQDNs or CIDRs); Cilium rejects a rule that combines them: split it into one rule per kind');
    }
    const merged: RuleFields = {};
    peers.forEach((peer, i) => {
      const fields = render(peer, { scope: this, prop: `${prop}[${i}]`, policyNamespace: this.namespace });
      if (fields === undefined) throw new InvalidPropError(this, `${prop}[${i}]`, peer.peerKind, `cannot be an ${direction} peer (FQDN peers are egress only)`);
      for (const [field, values] of Object.entries(fields)) merged[field] = [...merged[field] ?? [], ...values ?? []];
    });
    return merged;
  }

  private renderPorts(
    prop: string,
    ports: readonly PolicyPort[] | undefined,
    dns: readonly FqdnMatch[] | undefined,
  ): CiliumNetworkPolicySpecEgressToPorts[] | undefined {
    if (ports === undefined) {
      if (dns !== undefined) throw new InvalidPropError(this, `${prop}.dns`, dns, 'needs ports (the DNS port, e.g. { port: 53, protocol: \'UDP\' })');
      return undefined;
    }
    if (!Array.isArray(ports) || ports.length === 0) {
      throw new InvalidPropError(this, `${prop}.ports`, ports, 'must list at least one port; leave it out to allow every port');
    }
    const rendered = ports.map((p, i) => renderPort(this, `${prop}.ports[${i}]`, p));
    const portRule = { ports: rendered.map((p) => ({ ...p, protocol: p.protocol as CiliumNetworkPolicySpecEgressToPortsPortsProtocol })) };
    if (dns === undefined) return [portRule];
    if (!Array.isArray(dns) || dns.length === 0) throw new InvalidPropError(this, `${prop}.dns`, dns, 'must list at least one name or pattern; leave it out for no DNS rules');
    return [{ ports: portRule.ports, rules: { dns: dns.map((d, i) => requireFqdnMatch(this, `${prop}.dns[${i}]`, d).render(this, `${prop}.dns[${i}]`)) } }];
  }

  private renderIngressRule(rule: IngressRule, prop: string): CiliumNetworkPolicySpecIngress {
    requireKnownKeys(this, prop, rule, INGRESS_RULE_KEYS, 'a field of an ingress rule');
    const peers = this.renderPeers(`${prop}.from`, rule.from, (peer, context) => peer.renderIngress(context) as RuleFields | undefined, 'ingress');
    const toPorts = this.renderPorts(prop, rule.ports, undefined) as CiliumNetworkPolicySpecIngressToPorts[] | undefined;
    return withPorts(peers, toPorts);
  }

  private renderEgressRule(rule: EgressRule, prop: string): CiliumNetworkPolicySpecEgress {
    requireKnownKeys(this, prop, rule, EGRESS_RULE_KEYS, 'a field of an egress rule');
    const peers = this.renderPeers(`${prop}.to`, rule.to, (peer, context) => peer.renderEgress(context) as RuleFields | undefined, 'egress');
    const toPorts = this.renderPorts(prop, rule.ports, rule.dns);
    return withPorts(peers, toPorts);
  }
}

/**
 * The rule: its peers' fields (a map of its own) with `toPorts` set when there are ports. Set in
 * place rather than spread into a copy, which V8 would give a hidden class of its own per rule.
 */
function withPorts<T>(peers: RuleFields, toPorts: T[] | undefined): RuleFields & { toPorts?: T[] } {
  const rule: RuleFields & { toPorts?: T[] } = peers;
  if (toPorts !== undefined) rule.toPorts = toPorts;
  return rule;
}
