import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { podSecurityLabels, Profile, requireProfile } from '../../core/profile';
import { PlacementPolicy, RolloutStrategy } from '../../fleet/placement-policy';
import { NamespacePlacement, PlacementApiVersion } from '../../fleet/resource-placement';
import { addKubernetesDefaultDeny } from '../hardened-policies';
import { WorkshopSettings } from '../settings/workshop-settings';

/** Props of {@link FleetChart}. */
export interface FleetChartProps extends ChartProps {
  /**
   * The namespace to place (not `namespace`, which cdk8s charts use as every object's namespace).
   * @default 'my-fleet-ns'
   */
  readonly placedNamespace?: string;
  /**
   * The placement's name.
   * @default 'my-lab-crp'
   */
  readonly placementName?: string;
  /**
   * Which member clusters.
   * @default PlacementPolicy.pickAll()
   */
  readonly policy?: PlacementPolicy;
  /**
   * How changes roll out.
   * @default - Fleet's default
   */
  readonly strategy?: RolloutStrategy;
  /**
   * The ClusterResourcePlacement's API version.
   * @default 'v1beta1'
   */
  readonly placementApiVersion?: PlacementApiVersion;
  /**
   * In the hardened profile the placed namespace enforces the `restricted` Pod Security
   * Standard (it holds no pods of its own) and holds a default-deny NetworkPolicy, placed with
   * it (a Kubernetes NetworkPolicy, which the hub cluster takes without Cilium's CRDs).
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/** The workshop's Fleet objects, applied to the hub cluster: a namespace and its placement on every member. */
export class FleetChart extends Chart {
  constructor(scope: Construct, id: string, props: FleetChartProps = {}) {
    super(scope, id, props);
    const hardened = requireProfile(this, 'profile', props.profile) === 'hardened';
    const namespace = props.placedNamespace ?? 'my-fleet-ns';
    new NamespacePlacement(this, 'placement', {
      namespace,
      name: props.placementName ?? 'my-lab-crp',
      policy: props.policy,
      strategy: props.strategy,
      apiVersion: props.placementApiVersion,
      namespaceLabels: hardened ? podSecurityLabels('restricted') : undefined,
    });
    if (hardened) addKubernetesDefaultDeny(this, 'default-deny', namespace);
  }
}

/** The ClusterResourcePlacement's API version from the settings (`FLEET_PLACEMENT_API_VERSION`). */
export function placementApiVersion(settings: WorkshopSettings): PlacementApiVersion {
  return (settings.placementApiVersion ?? 'v1beta1') as PlacementApiVersion;
}
