import { App, Chart } from 'cdk8s';
import * as plus from 'cdk8s-plus-30';
import {
  AksStore,
  AzurePodMonitor,
  cilium,
  CiliumPolicy,
  HubbleUi,
  InvalidPropError,
  IPolicyPeer,
  MeshIngress,
  NamespacePlacement,
  PeerContext,
  PodSelector,
  PolicyDirection,
  PolicyPeer,
  synthesizeManifests,
  WorkloadRef,
} from '../src';
import { findObject } from './support/synth';

/** A user's own app written with cdk8s-plus: a Deployment with a named port and its Service. */
function plusApp(chart: Chart) {
  const deployment = new plus.Deployment(chart, 'orders', {
    metadata: { name: 'orders', namespace: 'shop' },
    containers: [{ image: 'example.io/orders:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }],
  });
  const service = new plus.Service(chart, 'orders-svc', {
    metadata: { name: 'orders', namespace: 'shop' },
    selector: deployment,
    ports: [{ port: 80, targetPort: 8080 }],
  });
  return { deployment, service };
}

describe('a cdk8s-plus app as a workload', () => {
  const app = new App({ outdir: 'unused' });
  const chart = new Chart(app, 'shop');
  const { deployment, service } = plusApp(chart);
  const orders = WorkloadRef.fromDeployment(deployment, { service });
  const client = WorkloadRef.fromAttributes({ name: 'web', namespace: 'shop', podLabels: { app: 'web' } });
  new CiliumPolicy(chart, 'policy', {
    name: 'allow-orders',
    selector: PodSelector.workload(orders),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(client)], ports: [{ port: orders.ports[0].containerPort }] }),
  });
  new MeshIngress(chart, 'ingress', { destination: orders });
  new AzurePodMonitor(chart, 'monitor', { name: 'orders-job', workload: orders, endpoints: [{ port: 'http' }] });
  const objects = synthesizeManifests(app)[0].objects;
  const podLabels = findObject(objects, 'Deployment', 'orders').spec.template.metadata.labels;

  test('a CiliumPolicy selects its pods by the labels cdk8s-plus gives them', () => {
    const policy = findObject(objects, 'CiliumNetworkPolicy', 'allow-orders');
    expect(policy.metadata.namespace).toBe('shop');
    expect(Object.entries(policy.spec.endpointSelector.matchLabels).every(([k, v]) => podLabels[k] === v)).toBe(true);
    expect(policy.spec.ingress[0].toPorts[0].ports[0].port).toBe('8080');
  });

  test('a MeshIngress routes to its Service port', () => {
    const vs = findObject(objects, 'VirtualService', 'orders-external');
    expect(vs.spec.http[0].route[0].destination).toEqual({ host: 'orders.shop.svc.cluster.local', port: { number: 80 } });
  });

  test('a monitor scrapes its named port', () => {
    const monitor = findObject(objects, 'PodMonitor', 'orders-job');
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ port: 'http' }]);
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => podLabels[k] === v)).toBe(true);
  });

  test('a Service alone is a workload too: its selector and ports', () => {
    const ref = WorkloadRef.fromService(service);
    expect(ref.ports).toEqual([{ name: undefined, containerPort: 8080, servicePort: 80, protocol: undefined }]);
    expect(ref.podLabels).toEqual(deployment.matchLabels);
    expect(ref.serviceName).toBe('orders');
  });

  test('a StatefulSet too', () => {
    const ss = new plus.StatefulSet(new Chart(new App(), 'c'), 'db', {
      metadata: { namespace: 'data' },
      service: new plus.Service(new Chart(new App(), 'd'), 'db-svc', { ports: [{ port: 5432 }] }),
      containers: [{ image: 'postgres:16', ports: [{ number: 5432 }] }],
    });
    const ref = WorkloadRef.fromStatefulSet(ss);
    expect(ref.namespace).toBe('data');
    expect(ref.ports.map((p) => p.containerPort)).toEqual([5432]);
  });

  test('a workload without a namespace names its construct path', () => {
    const bare = new plus.Deployment(new Chart(new App(), 'c'), 'bare', { containers: [{ image: 'nginx:1.27' }] });
    expect(() => WorkloadRef.fromDeployment(bare).namespace).toThrow(InvalidPropError);
    expect(() => WorkloadRef.fromDeployment(bare).namespace).toThrow('c/bare: invalid metadata.namespace (missing): must be set');
    expect(WorkloadRef.fromDeployment(bare, { namespace: 'web' }).namespace).toBe('web');
  });
});

/** A peer kind this library does not ship: Cilium's `toServices`. Adding it is this one class. */
class ServicePeer implements IPolicyPeer {
  public readonly peerKind = 'services';
  constructor(private readonly name: string, private readonly namespace: string) {}
  public renderIngress(): undefined {
    return undefined;
  }
  public renderEgress(_context: PeerContext): cilium.CiliumNetworkPolicySpecEgress {
    // Typed against the generated spec: the L1 class spells the field `k8SService` and renders `k8sService`.
    return { toServices: [{ k8SService: { serviceName: this.name, namespace: this.namespace } }] };
  }
}

describe('peers render themselves', () => {
  test('a new peer kind is one class, and the policy checks it like the built-in ones', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    const store = AksStore.fromNamespace('pets');
    new CiliumPolicy(chart, 'p', {
      name: 'to-api',
      selector: PodSelector.workload(store.orderService),
      egress: PolicyDirection.allow({ to: [new ServicePeer('kubernetes', 'default')], ports: [{ port: 443 }] }),
    });
    expect(synthesizeManifests(app)[0].objects[0].spec.egress).toEqual([{
      toServices: [{ k8sService: { serviceName: 'kubernetes', namespace: 'default' } }],
      toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }],
    }]);
    expect(() => new CiliumPolicy(new Chart(new App(), 'd'), 'p', {
      name: 'mixed',
      selector: PodSelector.workload(store.orderService),
      egress: PolicyDirection.allow({ to: [new ServicePeer('kubernetes', 'default'), PolicyPeer.entity('world')] }),
    })).toThrow('d/p: invalid egress[0].to ["services","entities"]: must name peers of one kind');
    expect(() => new CiliumPolicy(new Chart(new App(), 'd'), 'p', {
      name: 'in',
      selector: PodSelector.workload(store.orderService),
      ingress: PolicyDirection.allow({ from: [new ServicePeer('kubernetes', 'default')] }),
    })).toThrow('d/p: invalid ingress[0].from[0] "services": cannot be an ingress peer');
  });

  test('CIDR peers', () => {
    const app = new App({ outdir: 'unused' });
    new CiliumPolicy(new Chart(app, 'c'), 'p', {
      name: 'to-vnet',
      selector: PodSelector.workload(AksStore.fromNamespace('pets').orderService),
      egress: PolicyDirection.allow({ to: [PolicyPeer.cidr('10.0.0.0/8'), PolicyPeer.cidr('fd00::/8')] }),
    });
    expect(synthesizeManifests(app)[0].objects[0].spec.egress).toEqual([{ toCIDR: ['10.0.0.0/8', 'fd00::/8'] }]);
    expect(() => new CiliumPolicy(new Chart(new App(), 'd'), 'p', {
      name: 'x',
      selector: PodSelector.workload(AksStore.fromNamespace('pets').orderService),
      egress: PolicyDirection.allow({ to: [PolicyPeer.cidr('10.0.0.0/33')] }),
    })).toThrow('d/p: invalid egress[0].to[0] "10.0.0.0/33": must be an IPv4 or IPv6 block in CIDR notation');
  });
});

describe('charts with a namespace', () => {
  test('cluster-scoped objects get no namespace from the chart', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c', { namespace: 'team-a' });
    new AksStore(chart, 'store', { namespace: 'team-a' });
    new HubbleUi(chart, 'hubble', { namespace: 'team-a' });
    new NamespacePlacement(chart, 'placement', { namespace: 'team-b' });
    const objects = synthesizeManifests(app)[0].objects;
    const clusterScoped = objects.filter((o) => ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ClusterResourcePlacement'].includes(o.kind));
    expect(clusterScoped.map((o) => o.kind)).toEqual(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'Namespace', 'ClusterResourcePlacement']);
    for (const object of clusterScoped) expect(object.metadata.namespace).toBeUndefined();
    expect(findObject(objects, 'Deployment', 'store-front').metadata.namespace).toBe('team-a');
  });

  test('a MeshIngress in a chart without a namespace finds its destination in the chart', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    const store = new AksStore(chart, 'store');
    new MeshIngress(chart, 'ingress', { destination: store.storeFront });
    expect(synthesizeManifests(app)[0].objects.some((o) => o.kind === 'VirtualService')).toBe(true);
  });
});
