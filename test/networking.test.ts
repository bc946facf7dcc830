import { App } from 'cdk8s';
import {
  AksStore,
  allowStoreFrontTraffic,
  CiliumPolicy,
  FqdnEgressPolicy,
  FqdnMatch,
  HubbleUi,
  InvalidPropError,
  NETWORKING_SECTION,
  NetworkingChart,
  PodSelector,
  PolicyDirection,
  PolicyPeer,
  StoreNetworkPolicies,
  synthesizeManifests,
} from '../src';
import { compareManifests, ManifestDifference } from './support/fidelity';
import { PolicyModel, pod, world } from './support/policy-model';
import { describeWithShared, loadUpstream } from './support/shared';
import { synthObjects, synthSection } from './support/synth';

const files = synthSection(NETWORKING_SECTION);
const file = (name: string) => {
  const found = files.find((f) => f.fileName === name);
  if (!found) throw new Error(`no ${name} among ${files.map((f) => f.fileName).join(', ')}`);
  return found.objects;
};
const store = AksStore.fromNamespace('pets');
const at = (w: { namespace: string; podLabels: Readonly<Record<string, string>> }) => pod(w.namespace, { ...w.podLabels });
const STORE_FRONT = at(store.storeFront);
const ORDER_SERVICE = at(store.orderService);
const PRODUCT_SERVICE = at(store.productService);
const RABBITMQ = at(store.rabbitmq);
/** The store's own objects (in `pets`), which the policies are applied beside. */
const STORE_OBJECTS = synthObjects((scope) => new AksStore(scope, 'store', {}));
const withStore = (objects: readonly any[]) => new PolicyModel([...STORE_OBJECTS, ...objects]);

describeWithShared('networking step files equal the workshop files', () => {
  test.each([
    ['steps/02-networking.step1-network-policy.k8s.yaml', 'acns-network-policy.yaml'],
    ['steps/02-networking.step2-fqdn-policy.k8s.yaml', 'acns-network-policy-fqdn.yaml'],
    ['steps/02-networking.step3-chaos.k8s.yaml', 'acns-network-policy-chaos.yaml'],
    ['steps/02-networking.step4-restore-store-front.k8s.yaml', 'acns-network-policy-allow-store-front-traffic.yaml'],
  ])('%s equals %s', (ours, upstream) => {
    expect(compareManifests(file(ours), loadUpstream(upstream), { namespace: 'pets' })).toEqual([]);
  });

  test('Hubble UI equals acns-hubble-ui.yaml but for the fixed serviceAccount typo', () => {
    const expected: ManifestDifference[] = [{
      object: 'apps/v1/Deployment/kube-system/hubble-ui',
      path: 'spec.template.spec.serviceAccount',
      type: 'changed',
      expected: 'hibble-ui',
      actual: 'hubble-ui',
    }];
    expect(compareManifests(file('steps/02-networking.step5-hubble-ui.k8s.yaml'), loadUpstream('acns-hubble-ui.yaml'))).toEqual(expected);
  });

  test('the end-state bundle differs from the workshop files only as the README lists', () => {
    const upstream = [
      ...loadUpstream('acns-network-policy.yaml'),
      ...loadUpstream('acns-hubble-ui.yaml'),
    ];
    const diffs = compareManifests(file('02-networking.k8s.yaml'), upstream, { namespace: 'pets' });
    const summary = diffs.map((d) => `${d.type} ${d.object.split('/').pop()} ${d.path}`);
    expect(summary).toEqual([
      'extra allow-rabbitmq-traffic spec.egress[0]',
      'extra allow-order-service-traffic spec.egress[1]',
      'extra allow-product-service-traffic spec.egress[1]',
      'extra allow-store-front-traffic spec.egress[2]',
      'changed hubble-ui spec.template.spec.serviceAccount',
      'extra allow-order-service-fqdn-egress ',
    ]);
  });
});

describe('networking end state: what the policies allow', () => {
  const endState = withStore(file('02-networking.k8s.yaml'));

  test('the app flows work', () => {
    expect(endState.allows({ from: world(), to: STORE_FRONT, port: 8080 })).toBe(true);
    expect(endState.allows({ from: STORE_FRONT, to: ORDER_SERVICE, port: 3000 })).toBe(true);
    expect(endState.allows({ from: STORE_FRONT, to: PRODUCT_SERVICE, port: 3002 })).toBe(true);
    expect(endState.allows({ from: ORDER_SERVICE, to: RABBITMQ, port: 5672 })).toBe(true);
  });

  test('DNS works for the names each service calls', () => {
    expect(endState.lookup(ORDER_SERVICE, 'rabbitmq')).toBe(true);
    expect(endState.lookup(STORE_FRONT, 'order-service')).toBe(true);
    expect(endState.lookup(STORE_FRONT, 'product-service')).toBe(true);
    expect(endState.lookup(ORDER_SERVICE, 'graph.microsoft.com')).toBe(true);
  });

  test('order-service reaches only *.microsoft.com:443 outside the cluster', () => {
    expect(endState.allows({ from: ORDER_SERVICE, to: world('graph.microsoft.com'), port: 443 })).toBe(true);
    expect(endState.allows({ from: ORDER_SERVICE, to: world('graph.microsoft.com'), port: 80 })).toBe(false);
    expect(endState.allows({ from: ORDER_SERVICE, to: world('www.bing.com'), port: 443 })).toBe(false);
    expect(endState.allows({ from: ORDER_SERVICE, to: world(), port: 443 })).toBe(false);
    expect(endState.lookup(ORDER_SERVICE, 'www.bing.com')).toBe(false);
  });

  test('what the architecture does not need stays blocked', () => {
    expect(endState.allows({ from: ORDER_SERVICE, to: PRODUCT_SERVICE, port: 3002 })).toBe(false);
    expect(endState.allows({ from: STORE_FRONT, to: RABBITMQ, port: 5672 })).toBe(false);
    expect(endState.allows({ from: RABBITMQ, to: world('example.com'), port: 443 })).toBe(false);
    expect(endState.allows({ from: world(), to: ORDER_SERVICE, port: 3000 })).toBe(false);
    expect(endState.allows({ from: STORE_FRONT, to: world('www.bing.com'), port: 443 })).toBe(false);
  });
});

describe('networking workshop steps: what they allow', () => {
  test("step 1 (the workshop's base policies) leaves order-service unable to resolve rabbitmq", () => {
    const step1 = withStore(file('steps/02-networking.step1-network-policy.k8s.yaml'));
    expect(step1.allows({ from: ORDER_SERVICE, to: RABBITMQ, port: 5672 })).toBe(true);
    expect(step1.lookup(ORDER_SERVICE, 'rabbitmq')).toBe(false);
    expect(step1.allows({ from: RABBITMQ, to: world('example.com'), port: 443 })).toBe(true); // egress: [] restricts nothing
  });

  test('step 2 replaces allow-order-service-traffic: orders stop flowing and order-service ingress is left open', () => {
    // Applied in order, the step 2 file replaces allow-order-service-traffic, as kubectl apply does.
    const afterStep2 = withStore([
      ...file('steps/02-networking.step1-network-policy.k8s.yaml'),
      ...file('steps/02-networking.step2-fqdn-policy.k8s.yaml'),
    ]);
    expect(afterStep2.allows({ from: ORDER_SERVICE, to: RABBITMQ, port: 5672 })).toBe(false);
    // The replacing policy has no ingress section, so order-service's ingress is no longer restricted at all.
    expect(afterStep2.allows({ from: world(), to: ORDER_SERVICE, port: 3000 })).toBe(true);
    expect(afterStep2.allows({ from: PRODUCT_SERVICE, to: ORDER_SERVICE, port: 3000 })).toBe(false); // product-service's own egress still blocks it
    expect(afterStep2.allows({ from: ORDER_SERVICE, to: world('graph.microsoft.com'), port: 443 })).toBe(true);
  });

  test('step 3 drops outside traffic to the store front and step 4 lets it back in', () => {
    expect(withStore(file('steps/02-networking.step3-chaos.k8s.yaml')).allows({ from: world(), to: STORE_FRONT, port: 8080 })).toBe(false);
    expect(withStore(file('steps/02-networking.step4-restore-store-front.k8s.yaml')).allows({ from: world(), to: STORE_FRONT, port: 8080 })).toBe(true);
  });

  test('the chaos and restore steps differ only in the store front ingress', () => {
    const diffs = compareManifests(file('steps/02-networking.step3-chaos.k8s.yaml'), file('steps/02-networking.step4-restore-store-front.k8s.yaml'));
    expect(diffs.map((d) => `${d.type} ${d.path}`).sort()).toEqual([
      'extra spec.ingress[0].fromEndpoints', 'missing spec.ingress[0].fromEntities', 'missing spec.ingress[0].toPorts',
    ]);
  });
});

describe('policies follow the store', () => {
  test('a different namespace flows into every policy and DNS name', () => {
    const objects = synthObjects((scope) => {
      const shop = new AksStore(scope, 'store', { namespace: 'aks-store' });
      new StoreNetworkPolicies(scope, 'policies', { store: shop });
      new FqdnEgressPolicy(scope, 'fqdn', { workload: shop.orderService, fqdns: [FqdnMatch.pattern('*.microsoft.com')] });
    });
    const policies = objects.filter((o) => o.kind === 'CiliumNetworkPolicy');
    expect(policies.map((p) => p.metadata.namespace)).toEqual(Array(5).fill('aks-store'));
    const set = new PolicyModel(objects);
    const orders = pod('aks-store', { app: 'order-service' });
    expect(set.lookup(orders, 'rabbitmq')).toBe(true);
    expect(set.allows({ from: orders, to: pod('aks-store', { app: 'rabbitmq' }), port: 5672 })).toBe(true);
    expect(JSON.stringify(policies)).not.toContain('pets');
  });

  test('FQDN egress can name other hosts and ports', () => {
    const objects = synthObjects((scope) => new FqdnEgressPolicy(scope, 'fqdn', {
      workload: store.orderService,
      fqdns: [FqdnMatch.exactName('api.github.com')],
      ports: [{ port: 8443 }],
      name: 'orders-to-github',
    }));
    const set = withStore(objects);
    expect(objects[0].metadata.name).toBe('orders-to-github');
    expect(set.allows({ from: ORDER_SERVICE, to: world('api.github.com'), port: 8443 })).toBe(true);
    expect(set.allows({ from: ORDER_SERVICE, to: world('api.github.com'), port: 443 })).toBe(false);
    expect(set.lookup(ORDER_SERVICE, 'api.github.com')).toBe(true);
  });

  test('the policy model tells "no rules" from "deny all"', () => {
    const objects = synthObjects((scope) => {
      new CiliumPolicy(scope, 'open', { name: 'open', selector: PodSelector.workload(store.rabbitmq), egress: PolicyDirection.noRules() });
      new CiliumPolicy(scope, 'closed', { name: 'closed', selector: PodSelector.workload(store.orderService), egress: PolicyDirection.denyAll() });
    });
    expect(objects.map((o) => o.spec.egress)).toEqual([[], [{}]]);
    const set = withStore(objects);
    expect(set.allows({ from: RABBITMQ, to: world('x.example'), port: 443 })).toBe(true);
    expect(set.lookup(ORDER_SERVICE, 'x.example')).toBe(false);
  });
});

describe('networking bad input', () => {
  const policy = (props: any) => () => synthObjects((scope) => new CiliumPolicy(scope, 'p', {
    name: 'p', selector: PodSelector.workload(store.orderService), ...props,
  }));
  const egressTo = (rule: any) => policy({ egress: PolicyDirection.allow(rule) });

  test.each([
    ['port 0', egressTo({ to: [PolicyPeer.entity('world')], ports: [{ port: 0 }] }), 'test/p: invalid egress[0].ports[0].port 0: must be a whole number from 1 to 65535'],
    ['port 65536', egressTo({ to: [PolicyPeer.entity('world')], ports: [{ port: 65536 }] }), 'invalid egress[0].ports[0].port 65536'],
    ['port as text', egressTo({ to: [PolicyPeer.entity('world')], ports: [{ port: '443' }] }), 'invalid egress[0].ports[0].port "443"'],
    ['unknown protocol', egressTo({ to: [PolicyPeer.entity('world')], ports: [{ port: 443, protocol: 'HTTP' }] }), "invalid egress[0].ports[0].protocol \"HTTP\": must be one of 'TCP', 'UDP', 'SCTP', 'ANY'"],
    ['FQDN with a bad character', egressTo({ to: [PolicyPeer.fqdn(FqdnMatch.pattern('*.micro soft.com'))], ports: [{ port: 443 }] }), 'invalid egress[0].to[0].matchPattern "*.micro soft.com"'],
    ['empty FQDN', egressTo({ to: [PolicyPeer.fqdn(FqdnMatch.pattern(''))], ports: [{ port: 443 }] }), 'invalid egress[0].to[0].matchPattern ""'],
    ['matchName with a wildcard', egressTo({ to: [PolicyPeer.fqdn(FqdnMatch.exactName('*.microsoft.com'))], ports: [{ port: 443 }] }), "invalid egress[0].to[0].matchName \"*.microsoft.com\": must not contain '*'"],
    ['unknown entity', egressTo({ to: [PolicyPeer.entity('internet' as any)] }), 'invalid egress[0].to[0] "internet": must be one of \'world\', \'cluster\''],
    ['a rule without peers', egressTo({ to: [], ports: [{ port: 443 }] }), 'invalid egress[0].to []: must name at least one peer'],
    ['mixed peer kinds', egressTo({ to: [PolicyPeer.entity('world'), PolicyPeer.workload(store.rabbitmq)] }), 'must name peers of one kind'],
    ['FQDN peers on ingress', policy({ ingress: PolicyDirection.allow({ from: [PolicyPeer.fqdn(FqdnMatch.pattern('*.x.io'))] }) }), 'FQDN peers are egress only'],
    ['DNS rules without ports', egressTo({ to: [PolicyPeer.kubeDns()], dns: [FqdnMatch.pattern('*')] }), 'invalid egress[0].dns [{"field":"matchPattern","value":"*"}]: needs ports'],
    ['allow with no rules', policy({ egress: PolicyDirection.allow() }), 'must allow at least one rule; use PolicyDirection.denyAll()'],
    ['a selector without labels', policy({ selector: PodSelector.labels({}) }), 'test/p: invalid selector {}: must name at least one label: an empty selector selects every pod'],
    ['a bad name', policy({ name: 'Allow_All' }), 'test/p: invalid name "Allow_All"'],
    ['labels without a namespace', policy({ selector: PodSelector.labels({ app: 'x' }) }), 'test/p: invalid namespace (missing): is required when the selector names no workload'],
    ['a namespace other than the workload\'s', policy({ namespace: 'other' }), "invalid namespace \"other\": must be the selected workload's namespace 'pets'"],
  ])('%s', (_what, build, message) => {
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  test('FQDN egress needs at least one name', () => {
    expect(() => synthObjects((scope) => new FqdnEgressPolicy(scope, 'fqdn', { workload: store.orderService, fqdns: [] })))
      .toThrow('test/fqdn: invalid fqdns []: must list at least one FqdnMatch');
  });

  test('an unknown store-front ingress mode is refused', () => {
    expect(() => synthObjects((scope) => allowStoreFrontTraffic(scope, store, { ingress: 'open' as any })))
      .toThrow("test: invalid storeFrontIngress \"open\": must be one of 'world', 'external-gateway', 'internal-gateway', 'blocked'");
  });

  test('StoreNetworkPolicies refuse a prop they do not take, naming the ones they take', () => {
    expect(() => synthObjects((scope) => new StoreNetworkPolicies(scope, 'policies', { store, istioRevison: 'asm-1-22' } as any)))
      .toThrow("test/policies: invalid props \"istioRevison\": must name a prop it takes: store, allowDns, istioRevision, rabbitmqEgress, storeFrontIngress (did you mean 'istioRevision'?)");
  });

  test('Hubble UI props are validated', () => {
    expect(() => synthObjects((scope) => new HubbleUi(scope, 'hubble', { imageTag: '' }))).toThrow('test/hubble: invalid imageTag ""');
    expect(() => synthObjects((scope) => new HubbleUi(scope, 'hubble', { namespace: 'Kube_System' }))).toThrow('invalid namespace "Kube_System"');
  });

  test('Hubble UI props reach the manifests', () => {
    const objects = synthObjects((scope) => new HubbleUi(scope, 'hubble', {
      namespace: 'observability', imageTag: 'v0.13.1', relayAddress: 'hubble-relay.kube-system:443', relayTls: false,
    }));
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const env = Object.fromEntries(deployment.spec.template.spec.containers[1].env.map((e: any) => [e.name, e.value]));
    expect(deployment.spec.template.spec.containers.map((c: any) => c.image)).toEqual([
      'mcr.microsoft.com/oss/cilium/hubble-ui:v0.13.1', 'mcr.microsoft.com/oss/cilium/hubble-ui-backend:v0.13.1',
    ]);
    expect(env).toMatchObject({ FLOWS_API_ADDR: 'hubble-relay.kube-system:443', TLS_TO_RELAY_ENABLED: 'false' });
    expect(objects.find((o) => o.kind === 'ClusterRoleBinding').subjects[0].namespace).toBe('observability');
  });
});

test('the networking chart can be built on its own for another namespace', () => {
  const app = new App({ outdir: 'unused' });
  new NetworkingChart(app, 'net', { store: AksStore.fromNamespace('team-a'), hubbleUi: false });
  const objects = synthesizeManifests(app)[0].objects;
  expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
    'CiliumNetworkPolicy/team-a/allow-rabbitmq-traffic',
    'CiliumNetworkPolicy/team-a/allow-order-service-traffic',
    'CiliumNetworkPolicy/team-a/allow-product-service-traffic',
    'CiliumNetworkPolicy/team-a/allow-store-front-traffic',
    'CiliumNetworkPolicy/team-a/allow-order-service-fqdn-egress',
  ]);
});

describe('the connectivity model on single policies', () => {
  const fqdnPolicy = (pattern: string) => withStore(synthObjects((scope) => new CiliumPolicy(scope, 'p', {
    name: 'p',
    selector: PodSelector.workload(store.orderService),
    egress: PolicyDirection.allow(
      { to: [PolicyPeer.kubeDns()], ports: [{ port: 53, protocol: 'UDP' }], dns: [FqdnMatch.pattern('*')] },
      { to: [PolicyPeer.fqdn(FqdnMatch.pattern(pattern))], ports: [{ port: 443 }] },
    ),
  })));

  test.each([
    ['*.microsoft.com', 'graph.microsoft.com', true],
    ['*.microsoft.com', 'a.b.microsoft.com', false],
    ['*.microsoft.com', 'microsoft.com', false],
    ['*microsoft.com', 'microsoft.com', true],
    ['sub*.cilium.io', 'subdomain.cilium.io', true],
    ['sub*.cilium.io', 'www.cilium.io', false],
  ])('matchPattern %s and %s: %s', (pattern, name, allowed) => {
    expect(fqdnPolicy(pattern).allows({ from: ORDER_SERVICE, to: world(name), port: 443 })).toBe(allowed);
  });

  test('an L4-only rule admits any peer on its ports; `{}` admits none', () => {
    const objects = [{
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'x', namespace: 'pets' },
      spec: {
        endpointSelector: { matchLabels: { app: 'order-service' } },
        ingress: [{ toPorts: [{ ports: [{ port: '3000', protocol: 'TCP' }] }] }, {}],
      },
    }];
    const set = withStore(objects);
    expect(set.allows({ from: world(), to: ORDER_SERVICE, port: 3000 })).toBe(true);
    expect(set.allows({ from: world(), to: ORDER_SERVICE, port: 3001 })).toBe(false);
  });
});
