import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { PlacementPolicy, RolloutStrategy } from './placement-policy';
import { InvalidPropError, requireDns1123Label, requireDns1123Subdomain } from '../core/validation';
import { ClusterResourcePlacementV1Beta1 } from '../imports/placement.kubernetes-fleet.io';

/** Cluster-scoped resources of the hub to place (a Namespace places everything in it). */
export interface PlacedResource {
  /** API group (`''` for core). */
  readonly group: string;
  /** API version. */
  readonly version: string;
  /** Kind. */
  readonly kind: string;
  /**
   * Name of the one resource.
   * @default - select by labels
   */
  readonly name?: string;
  /**
   * Labels of the resources.
   * @default - select by name
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Props of {@link ResourcePlacement}. */
export interface ResourcePlacementProps {
  /** The ClusterResourcePlacement's name. */
  readonly name: string;
  /** What to place. */
  readonly resources: readonly PlacedResource[];
  /**
   * Which member clusters.
   * @default PlacementPolicy.pickAll()
   */
  readonly policy?: PlacementPolicy;
  /**
   * How changes roll out.
   * @default - Fleet's default rolling update
   */
  readonly strategy?: RolloutStrategy;
}

/**
 * An Azure Kubernetes Fleet Manager ClusterResourcePlacement
 * (`placement.kubernetes-fleet.io/v1beta1`, as the workshop applies it) on the hub cluster.
 */
export class ResourcePlacement extends Construct {
  /** The generated object. */
  public readonly resource: ClusterResourcePlacementV1Beta1;

  constructor(scope: Construct, id: string, props: ResourcePlacementProps) {
    super(scope, id);
    if (!Array.isArray(props.resources) || props.resources.length === 0) {
      throw new InvalidPropError(this, 'resources', props.resources, 'must select at least one resource');
    }
    props.resources.forEach((r, i) => {
      if ((r.name === undefined) === (r.labels === undefined)) {
        throw new InvalidPropError(this, `resources[${i}]`, r, 'must select by name or by labels (one of the two)');
      }
    });
    const policy = props.policy ?? PlacementPolicy.pickAll();
    if (!(policy instanceof PlacementPolicy)) {
      throw new InvalidPropError(this, 'policy', policy, 'must be PlacementPolicy.pickAll(), pickN(n) or pickFixed(names)');
    }
    this.resource = new ClusterResourcePlacementV1Beta1(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', props.name) },
      spec: {
        resourceSelectors: props.resources.map((r) => ({
          group: r.group,
          kind: r.kind,
          version: r.version,
          name: r.name,
          labelSelector: r.labels === undefined ? undefined : { matchLabels: { ...r.labels } },
        })),
        policy: policy.render(this, 'policy'),
        strategy: props.strategy?.render(this, 'strategy'),
      },
    });
  }
}

/** Props of {@link NamespacePlacement}. */
export interface NamespacePlacementProps {
  /** The namespace to place, with everything in it. */
  readonly namespace: string;
  /**
   * Also create the Namespace on the hub (the workshop does with `kubectl create namespace`).
   * Turn off when the hub already has it (e.g. a section bundle applied to the hub).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * The ClusterResourcePlacement's name.
   * @default `<namespace>-placement`
   */
  readonly name?: string;
  /**
   * Which member clusters.
   * @default PlacementPolicy.pickAll()
   */
  readonly policy?: PlacementPolicy;
  /**
   * How changes roll out.
   * @default - Fleet's default rolling update
   */
  readonly strategy?: RolloutStrategy;
}

/**
 * Places a namespace, and everything the hub has in it, on member clusters: the way to run
 * any section's namespace (the store's `pets`, say) across a fleet.
 */
export class NamespacePlacement extends Construct {
  /** The placement. */
  public readonly placement: ResourcePlacement;

  constructor(scope: Construct, id: string, props: NamespacePlacementProps) {
    super(scope, id);
    const namespace = requireDns1123Label(this, 'namespace', props.namespace);
    if (props.createNamespace ?? true) new k8s.KubeNamespace(this, 'namespace', { metadata: { name: namespace } });
    this.placement = new ResourcePlacement(this, 'placement', {
      name: props.name ?? `${namespace}-placement`,
      resources: [{ group: '', kind: 'Namespace', version: 'v1', name: namespace }],
      policy: props.policy,
      strategy: props.strategy,
    });
  }
}
