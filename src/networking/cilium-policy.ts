import { Construct } from 'constructs';
import { CILIUM_ENTITIES, PeerKind, PodSelection, POD_NAMESPACE_LABEL, PolicyPeer } from './policy-peer';
import { FqdnMatch, PolicyPort, renderPort } from './policy-port';
import { InvalidPropError, requireDns1123Label, requireDns1123Subdomain } from '../core/validation';
import { Workload } from '../core/workload';
import { CiliumNetworkPolicy as CiliumNetworkPolicyL1, CiliumNetworkPolicySpec } from '../imports/cilium.io';

/** Traffic a policy lets in: from these peers, on these ports. */
export interface IngressRule {
  /** Who may connect; all of one kind (pods, entities), or `PolicyPeer.nothing()`. */
  readonly from: readonly PolicyPeer[];
  /**
   * The ports they may connect to.
   * @default - every port
   */
  readonly ports?: readonly PolicyPort[];
}

/** Traffic a policy lets out: to these peers, on these ports. */
export interface EgressRule {
  /** Where the pods may connect; all of one kind (pods, entities or FQDNs). */
  readonly to: readonly PolicyPeer[];
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
    public readonly mode: 'allow' | 'deny-all' | 'no-rules',
    /** The rules, for `allow`. */
    public readonly rules: readonly R[],
  ) {}
}

/** Which pods a policy applies to. */
export class PodSelector {
  /** The pods of a workload. */
  public static workload(workload: Workload): PodSelector {
    return new PodSelector(workload.podLabels, workload.namespace);
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

type Rendered = Record<string, unknown>;

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
    this.name = requireDns1123Subdomain(this, 'name', props.name);
    const endpointSelector = this.renderSelector(props.selector);
    const namespace = props.namespace ?? props.selector.namespace;
    if (namespace === undefined) {
      throw new InvalidPropError(this, 'namespace', namespace, 'is required when the selector names no workload');
    }
    this.namespace = requireDns1123Label(this, 'namespace', namespace);
    if (props.selector.namespace !== undefined && props.selector.namespace !== this.namespace) {
      throw new InvalidPropError(this, 'namespace', this.namespace, `must be the selected workload's namespace '${props.selector.namespace}'`);
    }
    const spec: Rendered = { endpointSelector };
    if (props.description !== undefined) spec.description = props.description;
    if (props.ingress !== undefined) spec.ingress = this.renderDirection('ingress', props.ingress, (rule, prop) => this.renderIngressRule(rule, prop));
    if (props.egress !== undefined) spec.egress = this.renderDirection('egress', props.egress, (rule, prop) => this.renderEgressRule(rule, prop));
    this.resource = new CiliumNetworkPolicyL1(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: spec as CiliumNetworkPolicySpec,
    });
  }

  private renderSelector(selector: PodSelector): Rendered {
    if (!(selector instanceof PodSelector)) {
      throw new InvalidPropError(this, 'selector', selector, 'must be a PodSelector (PodSelector.workload, .labels or .allPods)');
    }
    if (Object.keys(selector.labels).length === 0 && !selector.everyPod) {
      throw new InvalidPropError(this, 'selector', selector.labels, 'must name at least one label; use PodSelector.allPods() to select every pod on purpose');
    }
    return { matchLabels: { ...selector.labels } };
  }

  private renderDirection<R>(prop: string, direction: PolicyDirection<R>, renderRule: (rule: R, prop: string) => Rendered): Rendered[] {
    if (!(direction instanceof PolicyDirection)) {
      throw new InvalidPropError(this, prop, direction, 'must be a PolicyDirection (allow, denyAll or noRules)');
    }
    switch (direction.mode) {
      case 'deny-all': return [{}];
      case 'no-rules': return [];
      default:
        if (direction.rules.length === 0) {
          throw new InvalidPropError(this, prop, [], 'must allow at least one rule; use PolicyDirection.denyAll() to drop everything');
        }
        return direction.rules.map((rule, i) => renderRule(rule, `${prop}[${i}]`));
    }
  }

  private peerKind(prop: string, peers: readonly PolicyPeer[], allowed: readonly PeerKind[]): PeerKind {
    if (!Array.isArray(peers) || peers.length === 0) {
      throw new InvalidPropError(this, prop, peers,
        'must name at least one peer; a rule without peers selects nothing (use PolicyPeer.nothing() to match nothing on purpose)');
    }
    const kinds = [...new Set(peers.map((p) => p.kind))];
    if (kinds.length > 1) {
      throw new InvalidPropError(this, prop, kinds, 'must name peers of one kind (pods, entities or FQDNs); Cilium rejects a rule that combines them: split it into one rule per kind');
    }
    if (!allowed.includes(kinds[0])) {
      throw new InvalidPropError(this, prop, kinds[0], `must be one of ${allowed.join(', ')} here (FQDN peers are egress only)`);
    }
    if (kinds[0] === 'none' && peers.length > 1) {
      throw new InvalidPropError(this, prop, peers.length, 'must hold PolicyPeer.nothing() alone');
    }
    return kinds[0];
  }

  private renderPeers(prop: string, peers: readonly PolicyPeer[], direction: 'from' | 'to', allowed: readonly PeerKind[]): Rendered {
    const kind = this.peerKind(prop, peers, allowed);
    switch (kind) {
      case 'none': return { [`${direction}Endpoints`]: [] };
      case 'entities': return {
        [`${direction}Entities`]: peers.map((p, i) => {
          if (!(CILIUM_ENTITIES as readonly unknown[]).includes(p.value)) {
            throw new InvalidPropError(this, `${prop}[${i}]`, p.value, `must be a Cilium entity: ${CILIUM_ENTITIES.join(', ')}`);
          }
          return p.value;
        }),
      };
      // The generated L1 class spells the field `toFqdNs` and renders it as `toFQDNs`.
      case 'fqdns': return { toFqdNs: peers.map((p, i) => (p.value as FqdnMatch).render(this, `${prop}[${i}]`)) };
      default: return { [`${direction}Endpoints`]: peers.map((p) => this.renderPods(p.value as PodSelection)) };
    }
  }

  private renderPods(pods: PodSelection): Rendered {
    const withNamespace = pods.pinNamespace || (pods.namespace !== undefined && pods.namespace !== this.namespace);
    return { matchLabels: withNamespace ? { [POD_NAMESPACE_LABEL]: pods.namespace, ...pods.labels } : { ...pods.labels } };
  }

  private renderPorts(prop: string, ports: readonly PolicyPort[] | undefined, dns: readonly FqdnMatch[] | undefined): Rendered {
    if (ports === undefined) {
      if (dns !== undefined) throw new InvalidPropError(this, `${prop}.dns`, dns.length, 'needs ports (the DNS port, e.g. { port: 53, protocol: \'UDP\' })');
      return {};
    }
    if (ports.length === 0) throw new InvalidPropError(this, `${prop}.ports`, [], 'must list at least one port; leave it out to allow every port');
    const portRule: Rendered = { ports: ports.map((p, i) => renderPort(this, `${prop}.ports[${i}]`, p)) };
    if (dns !== undefined) {
      if (dns.length === 0) throw new InvalidPropError(this, `${prop}.dns`, [], 'must list at least one name or pattern; leave it out for no DNS rules');
      portRule.rules = { dns: dns.map((d, i) => d.render(this, `${prop}.dns[${i}]`)) };
    }
    return { toPorts: [portRule] };
  }

  private renderIngressRule(rule: IngressRule, prop: string): Rendered {
    return { ...this.renderPeers(`${prop}.from`, rule.from, 'from', ['endpoints', 'entities', 'none']), ...this.renderPorts(prop, rule.ports, undefined) };
  }

  private renderEgressRule(rule: EgressRule, prop: string): Rendered {
    return { ...this.renderPeers(`${prop}.to`, rule.to, 'to', ['endpoints', 'entities', 'fqdns', 'none']), ...this.renderPorts(prop, rule.ports, rule.dns) };
  }
}
