import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { PlacementPolicy, RolloutStrategy } from './placement-policy';
import { ClusterResourcePlacement, ClusterResourcePlacementSpec, ClusterResourcePlacementV1Beta1 } from '../../imports/crp-placement.kubernetes-fleet.io';
import { InvalidPropError } from '../core/invalid-prop-error';
import { clusterScoped } from '../core/namespace-ref';
import { requirePodSecurityLabels } from '../core/profile';
import {
  isDns1123Subdomain,
  KnownKeys,
  requireBoolean,
  requireDns1123Label,
  requireDns1123Subdomain,
  requireKnownKeys,
  requireLabels,
  requireOneOf,
  requireProps,
} from '../core/validation';

/** The versions of `placement.kubernetes-fleet.io` a ClusterResourcePlacement can be written in. */
export const PLACEMENT_API_VERSIONS = ['v1beta1', 'v1'] as const;

/** A version of `placement.kubernetes-fleet.io`: `v1beta1` (as the workshops apply) or `v1` (GA). */
export type PlacementApiVersion = typeof PLACEMENT_API_VERSIONS[number];

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
  /**
   * The API version to write.
   * @default 'v1beta1'
   */
  readonly apiVersion?: PlacementApiVersion;
}

const RESOURCE_PLACEMENT_PROPS: KnownKeys<ResourcePlacementProps> = { name: true, resources: true, policy: true, strategy: true, apiVersion: true };
const PLACED_RESOURCE_KEYS: KnownKeys<PlacedResource> = { group: true, version: true, kind: true, name: true, labels: true };

/**
 * An Azure Kubernetes Fleet Manager ClusterResourcePlacement on the hub cluster, written as
 * `placement.kubernetes-fleet.io/v1beta1` (as the workshops apply it) or `v1`.
 */
export class ResourcePlacement extends Construct {
  /** The generated object. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: ResourcePlacementProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'my-crp', resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'my-ns' }] }", RESOURCE_PLACEMENT_PROPS);
    if (!Array.isArray(props.resources) || props.resources.length === 0) {
      throw new InvalidPropError(this, 'resources', props.resources, 'must select at least one resource');
    }
    props.resources.forEach((r, i) => this.checkResource(r, `resources[${i}]`));
    const policy = props.policy ?? PlacementPolicy.pickAll();
    if (!(policy instanceof PlacementPolicy)) {
      throw new InvalidPropError(this, 'policy', policy, 'must be PlacementPolicy.pickAll(), pickN(n) or pickFixed(names)');
    }
    if (props.strategy !== undefined && !(props.strategy instanceof RolloutStrategy)) {
      throw new InvalidPropError(this, 'strategy', props.strategy, 'must be RolloutStrategy.rollingUpdate({...}) or RolloutStrategy.external()');
    }
    const apiVersion = requireOneOf(this, 'apiVersion', props.apiVersion ?? 'v1beta1', PLACEMENT_API_VERSIONS);
    const metadata = { name: requireDns1123Subdomain(this, 'name', props.name) };
    const spec = {
      resourceSelectors: props.resources.map((r) => ({
        group: r.group,
        kind: r.kind,
        version: r.version,
        name: r.name,
        labelSelector: r.labels === undefined ? undefined : { matchLabels: { ...r.labels } },
      })),
      policy: policy.render(this, 'policy'),
      strategy: props.strategy?.render(this, 'strategy'),
    };
    // The v1 and v1beta1 specs have the same fields; the generated classes only name their enums apart.
    this.resource = clusterScoped(apiVersion === 'v1'
      ? new ClusterResourcePlacement(this, 'Resource', { metadata, spec: spec as unknown as ClusterResourcePlacementSpec })
      : new ClusterResourcePlacementV1Beta1(this, 'Resource', { metadata, spec }));
  }

  private checkResource(r: PlacedResource, prop: string): void {
    if (r === null || typeof r !== 'object') throw new InvalidPropError(this, prop, r, "must be { group, version, kind, name } such as { group: '', version: 'v1', kind: 'Namespace', name: 'x' }");
    requireKnownKeys(this, prop, r, PLACED_RESOURCE_KEYS, 'a field of a placed resource');
    if (typeof r.group !== 'string' || (r.group !== '' && !isDns1123Subdomain(r.group))) {
      throw new InvalidPropError(this, `${prop}.group`, r.group, "must be an API group ('' for the core group)");
    }
    if (typeof r.version !== 'string' || !/^v\d+((alpha|beta)\d+)?$/.test(r.version)) {
      throw new InvalidPropError(this, `${prop}.version`, r.version, "must be an API version such as 'v1' or 'v1beta1'");
    }
    if (typeof r.kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(r.kind)) {
      throw new InvalidPropError(this, `${prop}.kind`, r.kind, "must be a kind such as 'Namespace'");
    }
    if ((r.name === undefined) === (r.labels === undefined)) {
      throw new InvalidPropError(this, prop, r, 'must select by name or by labels (one of the two)');
    }
    if (r.name !== undefined) requireDns1123Subdomain(this, `${prop}.name`, r.name);
    if (r.labels !== undefined) requireLabels(this, `${prop}.labels`, r.labels, 1);
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
  /**
   * The API version of the ClusterResourcePlacement.
   * @default 'v1beta1'
   */
  readonly apiVersion?: PlacementApiVersion;
  /**
   * Labels of the Namespace the hub gets (and every member cluster, with it).
   * @default - none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

const NAMESPACE_PLACEMENT_PROPS: KnownKeys<NamespacePlacementProps> = {
  namespace: true, createNamespace: true, name: true, policy: true, strategy: true, apiVersion: true, namespaceLabels: true,
};

/**
 * Places a namespace, and everything the hub has in it, on member clusters: the way to run
 * any section's namespace (the store's `pets`, say) across a fleet.
 */
export class NamespacePlacement extends Construct {
  /** The placement. */
  public readonly placement: ResourcePlacement;

  constructor(scope: Construct, id: string, props: NamespacePlacementProps) {
    super(scope, id);
    requireProps(this, props, "{ namespace: 'my-fleet-ns' }", NAMESPACE_PLACEMENT_PROPS);
    const namespace = requireDns1123Label(this, 'namespace', props.namespace);
    const labels = props.namespaceLabels === undefined ? undefined : requireLabels(this, 'namespaceLabels', props.namespaceLabels);
    if (labels !== undefined) requirePodSecurityLabels(this, 'namespaceLabels', labels);
    if (requireBoolean(this, 'createNamespace', props.createNamespace ?? true)) {
      clusterScoped(new k8s.KubeNamespace(this, 'namespace', { metadata: { name: namespace, labels } }));
    } else if (labels !== undefined) {
      throw new InvalidPropError(this, 'namespaceLabels', labels, 'needs createNamespace: true; label the namespace where it is managed instead');
    }
    this.placement = new ResourcePlacement(this, 'placement', {
      name: props.name ?? `${namespace}-placement`,
      resources: [{ group: '', kind: 'Namespace', version: 'v1', name: namespace }],
      policy: props.policy,
      strategy: props.strategy,
      apiVersion: props.apiVersion,
    });
  }
}
