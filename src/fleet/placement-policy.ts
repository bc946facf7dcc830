import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  ClusterResourcePlacementV1Beta1SpecPolicy,
  ClusterResourcePlacementV1Beta1SpecPolicyPlacementType,
  ClusterResourcePlacementV1Beta1SpecStrategy,
  ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxSurge,
  ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxUnavailable,
  ClusterResourcePlacementV1Beta1SpecStrategyType,
} from '../../imports/crp-placement.kubernetes-fleet.io';
import { InvalidPropError } from '../core/invalid-prop-error';
import { wholeSeconds } from '../core/quantities';
import { isDns1123Subdomain, KnownKeys, requireKnownKeys, requireLabels, requireNonNegativeInteger } from '../core/validation';

/** Options that narrow which member clusters a policy may pick. */
export interface ClusterAffinityOptions {
  /**
   * Only clusters carrying all of these labels.
   * @default - any cluster
   */
  readonly requiredClusterLabels?: Readonly<Record<string, string>>;
}

const CLUSTER_AFFINITY_KEYS: KnownKeys<ClusterAffinityOptions> = { requiredClusterLabels: true };

/** Which member clusters get the resources. */
export class PlacementPolicy {
  /** Every member cluster (that matches the affinity). */
  public static pickAll(options: ClusterAffinityOptions = {}): PlacementPolicy {
    return new PlacementPolicy('PickAll', options);
  }

  /** `numberOfClusters` member clusters chosen by the scheduler (1 or more). */
  public static pickN(numberOfClusters: number, options: ClusterAffinityOptions = {}): PlacementPolicy {
    return new PlacementPolicy('PickN', options, numberOfClusters);
  }

  /** Exactly the named member clusters. */
  public static pickFixed(clusterNames: readonly string[]): PlacementPolicy {
    return new PlacementPolicy('PickFixed', {}, undefined, clusterNames);
  }

  private constructor(
    /** The placement type. */
    public readonly placementType: 'PickAll' | 'PickN' | 'PickFixed',
    /** Cluster affinity. */
    public readonly affinity: ClusterAffinityOptions,
    /**
     * Clusters to pick (PickN).
     * @default - not PickN
     */
    public readonly numberOfClusters?: number,
    /**
     * Cluster names (PickFixed).
     * @default - not PickFixed
     */
    public readonly clusterNames?: readonly string[],
  ) {}

  /** Validates the policy (errors name `scope` and `prop`) and renders it. */
  public render(scope: IConstruct, prop: string): ClusterResourcePlacementV1Beta1SpecPolicy {
    const { placementType } = this;
    const count = this.numberOfClusters;
    if (placementType === 'PickN' && (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 2147483647)) {
      throw new InvalidPropError(scope, `${prop}.numberOfClusters`, this.numberOfClusters, 'is required for PickN: a whole number of clusters, 1 or more');
    }
    if (placementType === 'PickFixed') {
      const names = this.clusterNames;
      if (!Array.isArray(names) || names.length === 0) {
        throw new InvalidPropError(scope, `${prop}.clusterNames`, names, 'must name at least one member cluster for PickFixed');
      }
      names.forEach((name, i) => {
        if (!isDns1123Subdomain(name)) throw new InvalidPropError(scope, `${prop}.clusterNames[${i}]`, name, 'must be a member cluster name (DNS-1123 subdomain)');
        if (names.indexOf(name) !== i) {
          throw new InvalidPropError(scope, `${prop}.clusterNames[${i}]`, name, `must not name a member cluster twice (it is clusterNames[${names.indexOf(name)}] too)`);
        }
      });
    }
    if (this.affinity === null || typeof this.affinity !== 'object') {
      throw new InvalidPropError(scope, `${prop}.affinity`, this.affinity, 'must be an object such as { requiredClusterLabels: { env: \'prod\' } }');
    }
    requireKnownKeys(scope, `${prop}.affinity`, this.affinity, CLUSTER_AFFINITY_KEYS, 'an option of the cluster affinity');
    const labels = this.affinity.requiredClusterLabels === undefined ? undefined
      : requireLabels(scope, `${prop}.requiredClusterLabels`, this.affinity.requiredClusterLabels, 1);
    return {
      placementType: placementType as ClusterResourcePlacementV1Beta1SpecPolicyPlacementType,
      numberOfClusters: this.numberOfClusters,
      clusterNames: this.clusterNames ? [...this.clusterNames] : undefined,
      affinity: labels === undefined ? undefined : {
        clusterAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { ...labels } } }] },
        },
      },
    };
  }
}

/** Options of a rolling update across member clusters. */
export interface RollingUpdateOptions {
  /**
   * Clusters that may be unavailable at once: a number or a percentage (`'25%'`).
   * @default - Fleet's default (25%)
   */
  readonly maxUnavailable?: number | string;
  /**
   * Clusters that may get the resources above the target: a number or a percentage.
   * @default - Fleet's default (25%)
   */
  readonly maxSurge?: number | string;
  /**
   * How long to wait before a cluster counts as available after an update (whole seconds).
   * @default - Fleet's default (60 seconds)
   */
  readonly unavailablePeriod?: Duration;
}

const PERCENT = /^(100|[1-9]?[0-9])%$/;
const ROLLING_UPDATE_KEYS: KnownKeys<RollingUpdateOptions> = { maxUnavailable: true, maxSurge: true, unavailablePeriod: true };

/** How changes roll out to member clusters. */
export class RolloutStrategy {
  /** Roll out cluster by cluster, within the given bounds. */
  public static rollingUpdate(options: RollingUpdateOptions = {}): RolloutStrategy {
    return new RolloutStrategy('RollingUpdate', options);
  }

  /** Leave the rollout to an external controller (staged update runs). */
  public static external(): RolloutStrategy {
    return new RolloutStrategy('External', {});
  }

  private constructor(
    /** The strategy type. */
    public readonly type: 'RollingUpdate' | 'External',
    /** Rolling update bounds. */
    public readonly rollingUpdate: RollingUpdateOptions,
  ) {}

  /** Validates the strategy and renders it. */
  public render(scope: IConstruct, prop: string): ClusterResourcePlacementV1Beta1SpecStrategy {
    if (this.rollingUpdate === null || typeof this.rollingUpdate !== 'object') {
      throw new InvalidPropError(scope, `${prop}.rollingUpdate`, this.rollingUpdate, 'must be an object such as { maxUnavailable: 1 }');
    }
    requireKnownKeys(scope, `${prop}.rollingUpdate`, this.rollingUpdate, ROLLING_UPDATE_KEYS, 'an option of a rolling update');
    const { maxUnavailable, maxSurge, unavailablePeriod } = this.rollingUpdate;
    const unavailablePeriodSeconds = unavailablePeriod === undefined ? undefined : wholeSeconds(scope, `${prop}.unavailablePeriod`, unavailablePeriod, 0, 86400);
    const bound = (name: string, value: number | string | undefined) => {
      if (value === undefined) return undefined;
      if (typeof value === 'number') return requireNonNegativeInteger(scope, `${prop}.${name}`, value);
      if (typeof value === 'string' && PERCENT.test(value)) return value;
      throw new InvalidPropError(scope, `${prop}.${name}`, value, "must be a whole number or a percentage such as '25%'");
    };
    const unavailable = bound('maxUnavailable', maxUnavailable);
    const surge = bound('maxSurge', maxSurge);
    const hasRollingUpdate = unavailable !== undefined || surge !== undefined || unavailablePeriodSeconds !== undefined;
    return {
      type: this.type as ClusterResourcePlacementV1Beta1SpecStrategyType,
      rollingUpdate: !hasRollingUpdate ? undefined : {
        maxUnavailable: unavailable === undefined ? undefined : typeof unavailable === 'number'
          ? ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxUnavailable.fromNumber(unavailable)
          : ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxUnavailable.fromString(unavailable),
        maxSurge: surge === undefined ? undefined : typeof surge === 'number'
          ? ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxSurge.fromNumber(surge)
          : ClusterResourcePlacementV1Beta1SpecStrategyRollingUpdateMaxSurge.fromString(surge),
        unavailablePeriodSeconds,
      },
    };
  }
}
