import { App, Chart, Duration } from 'cdk8s';
import {
  AksStore,
  FLEET_SECTION,
  FleetChart,
  FleetChartProps,
  InvalidPropError,
  NamespacePlacement,
  PlacementPolicy,
  ResourcePlacement,
  RolloutStrategy,
  synthesizeManifests,
} from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared } from './support/shared';
import { synthObjects, synthSection } from './support/synth';
import { inlineObject } from './support/workshop';

const [bundle] = synthSection(FLEET_SECTION);

function fleetObjects(props: FleetChartProps): any[] {
  const app = new App({ outdir: 'unused' });
  new FleetChart(app, 'fleet', props);
  return synthesizeManifests(app)[0].objects as any[];
}

describeWithShared('fleet objects equal the workshop', () => {
  test.each([
    ['aks-deep-dives.md', bundle.objects, 'my-fleet-ns'],
    // The Advanced AKS text places a namespace named my-fleet-ns-example.
    ['advanced-aks-day2-operations.md', fleetObjects({ placedNamespace: 'my-fleet-ns-example' }), 'my-fleet-ns-example'],
  ] as const)('ClusterResourcePlacement my-lab-crp (%s) and the namespace it places', (text, objects, namespace) => {
    const expected = [
      inlineObject(text, 'ClusterResourcePlacement', 'my-lab-crp').object,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, // `kubectl create namespace ...`
    ];
    expect(compareManifests(objects, expected)).toEqual([]);
  });
});

describe('placement policies and strategies', () => {
  const placement = (props: Partial<ConstructorParameters<typeof ResourcePlacement>[2]>) => synthObjects((scope) => new ResourcePlacement(scope, 'p', {
    name: 'p', resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'pets' }], ...props,
  }))[0].spec;

  test('PickN with cluster labels', () => {
    expect(placement({ policy: PlacementPolicy.pickN(2, { requiredClusterLabels: { env: 'prod' } }) }).policy).toEqual({
      placementType: 'PickN',
      numberOfClusters: 2,
      affinity: { clusterAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { clusterSelectorTerms: [{ labelSelector: { matchLabels: { env: 'prod' } } }] } } },
    });
  });

  test('PickFixed', () => {
    expect(placement({ policy: PlacementPolicy.pickFixed(['member-1', 'member-2']) }).policy).toEqual({ placementType: 'PickFixed', clusterNames: ['member-1', 'member-2'] });
    expect(() => placement({ policy: PlacementPolicy.pickFixed(['member-1', 'member-2', 'member-1']) }))
      .toThrow('test/p: invalid policy.clusterNames[2] "member-1": must not name a member cluster twice (it is clusterNames[0] too)');
  });

  test('rolling update and external strategies', () => {
    expect(placement({ strategy: RolloutStrategy.rollingUpdate({ maxUnavailable: 1, maxSurge: '50%', unavailablePeriod: Duration.seconds(30) }) }).strategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '50%', unavailablePeriodSeconds: 30 } });
    expect(placement({ strategy: RolloutStrategy.external() }).strategy).toEqual({ type: 'External' });
  });

  test('any section\'s namespace can be placed on member clusters', () => {
    const objects = synthObjects((scope) => {
      const store = new AksStore(scope, 'store');
      new NamespacePlacement(scope, 'place-store', { namespace: store.namespace.namespaceName, createNamespace: false, policy: PlacementPolicy.pickN(3) });
    });
    const crp = objects.find((o) => o.kind === 'ClusterResourcePlacement');
    expect(crp.metadata.name).toBe('pets-placement');
    expect(crp.spec.resourceSelectors).toEqual([{ group: '', kind: 'Namespace', version: 'v1', name: 'pets' }]);
    expect(objects.filter((o) => o.kind === 'Namespace')).toHaveLength(1);
  });
});

describe('fleet bad input', () => {
  const build = (props: any) => () => new ResourcePlacement(new Chart(new App(), 'c'), 'p', {
    name: 'p', resources: [{ group: '', version: 'v1', kind: 'Namespace', name: 'pets' }], ...props,
  });
  test.each([
    ['PickN without a cluster count', { policy: PlacementPolicy.pickN(undefined as any) }, 'c/p: invalid policy.numberOfClusters (missing): is required for PickN'],
    ['PickN with zero clusters', { policy: PlacementPolicy.pickN(0) }, 'invalid policy.numberOfClusters 0'],
    ['PickFixed without names', { policy: PlacementPolicy.pickFixed([]) }, 'invalid policy.clusterNames []: must name at least one member cluster for PickFixed'],
    ['PickFixed with a bad name', { policy: PlacementPolicy.pickFixed(['Member_1']) }, 'invalid policy.clusterNames[0] "Member_1"'],
    ['a bad surge', { strategy: RolloutStrategy.rollingUpdate({ maxSurge: '150%' }) }, "invalid strategy.maxSurge \"150%\": must be a whole number or a percentage such as '25%'"],
    ['no resources', { resources: [] }, 'invalid resources []: must select at least one resource'],
    ['a selector with neither name nor labels', { resources: [{ group: '', version: 'v1', kind: 'Namespace' }] }, 'must select by name or by labels'],
    ['a policy that is not one', { policy: { placementType: 'PickAll' } }, 'must be PlacementPolicy.pickAll(), pickN(n) or pickFixed(names)'],
    ['a strategy that is not one', { strategy: { type: 'RollingUpdate' } }, 'c/p: invalid strategy {"type":"RollingUpdate"}: must be RolloutStrategy.rollingUpdate({...}) or RolloutStrategy.external()'],
    ['an unavailable period with a fraction of a second', { strategy: RolloutStrategy.rollingUpdate({ unavailablePeriod: Duration.millis(1500) }) }, 'invalid strategy.unavailablePeriod "1 second 500 millis": must be a whole number of seconds from 0 to 86400'],
    ['an unknown API version', { apiVersion: 'v2' }, "c/p: invalid apiVersion \"v2\": must be one of 'v1beta1', 'v1'"],
    ['cluster labels that are not labels', { policy: PlacementPolicy.pickAll({ requiredClusterLabels: { 'env type': 'prod' } }) }, 'invalid policy.requiredClusterLabels key "env type"'],
  ])('%s', (_what, props, message) => {
    expect(build(props)).toThrow(InvalidPropError);
    expect(build(props)).toThrow(message);
  });
});
