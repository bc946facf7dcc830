import { App, Chart } from 'cdk8s';
import {
  AksStore,
  CurlClient,
  InvalidPropError,
  MESH_SECTION,
  MeshChart,
  MeshIngress,
  MeshMtls,
  NamespaceRef,
  enableSidecarInjection,
  synthesizeManifests,
  WorkloadRef,
} from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared } from './support/shared';
import { findObject, synthObjects, synthSection } from './support/synth';
import { inlineObject } from './support/workshop';

const [bundle] = synthSection(MESH_SECTION);
const objects = bundle.objects;

describeWithShared('mesh objects equal the workshop inline YAML', () => {
  test.each([
    ['aks-deep-dives.md', 'curl-deployment', 'default'],
    ['advanced-aks-day2-operations.md', 'curl-deployment', 'default'],
    ['aks-deep-dives.md', 'curl-pets-deployment', 'pets'],
  ] as const)('%s: Deployment %s', (text, name, namespace) => {
    const ours = objects.filter((o) => o.kind === 'Deployment' && o.metadata.name === name);
    expect(compareManifests(ours, [inlineObject(text, 'Deployment', name).object], { namespace })).toEqual([]);
  });

  test('PeerAuthentication pets-default (AKS Deep Dives)', () => {
    const ours = objects.filter((o) => o.kind === 'PeerAuthentication');
    expect(compareManifests(ours, [inlineObject('aks-deep-dives.md', 'PeerAuthentication', 'pets-default').object])).toEqual([]);
  });

  test('PeerAuthentication aks-store-default (Advanced AKS), applied with -n aks-store', () => {
    const ours = synthObjects((scope) => new MeshMtls(scope, 'mtls', { namespace: NamespaceRef.named('aks-store') }));
    const inline = inlineObject('advanced-aks-day2-operations.md', 'PeerAuthentication', 'aks-store-default');
    expect(compareManifests(ours, [inline.object], { namespace: inline.kubectlNamespace })).toEqual([]);
  });

  test('the ingress Gateway and VirtualService differ from the Advanced AKS YAML only as the README lists', () => {
    const ours = synthObjects((scope) => {
      new AksStore(scope, 'store', { namespace: 'aks-store' });
      new MeshIngress(scope, 'ingress', { destination: AksStore.fromNamespace('aks-store').storeFront });
    }).filter((o) => o.apiVersion.startsWith('networking.istio.io'));
    const inline = [
      inlineObject('advanced-aks-day2-operations.md', 'Gateway', 'aks-store-gateway-external').object,
      inlineObject('advanced-aks-day2-operations.md', 'VirtualService', 'store-front-external').object,
    ].map((o) => ({ ...o, apiVersion: 'networking.istio.io/v1' }));
    // The workshop applies the Gateway without a namespace (so to `default`); ours lives beside the VirtualService.
    const diffs = compareManifests(ours, inline, { namespace: 'default' });
    expect(diffs.map((d) => `${d.type} ${d.object} ${d.path}`)).toEqual([
      'missing networking.istio.io/v1/Gateway/default/aks-store-gateway-external ',
      'changed networking.istio.io/v1/VirtualService/aks-store/store-front-external spec.hosts[0]',
      'changed networking.istio.io/v1/VirtualService/aks-store/store-front-external spec.gateways[0]',
      'extra networking.istio.io/v1/Gateway/aks-store/aks-store-gateway-external ',
    ]);
    const gateway = ours.find((o) => o.kind === 'Gateway');
    const { metadata: _ours, ...gatewaySpec } = gateway;
    const { metadata: _theirs, ...inlineSpec } = inline[0];
    expect(gatewaySpec).toEqual(inlineSpec);
    const vs = ours.find((o) => o.kind === 'VirtualService');
    expect(vs.spec.hosts).toEqual(['*']);
    expect(vs.spec.gateways).toEqual(['aks-store/aks-store-gateway-external']);
  });
});

describe('mesh section', () => {
  test('the app namespace carries the revision label, on the one Namespace object', () => {
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pets', labels: { 'istio.io/rev': 'asm-1-22' } } },
    ]);
  });

  test('the Namespace comes first so new pods are injected', () => {
    expect(objects[0].kind).toBe('Namespace');
  });

  test('the Gateway and VirtualService reference each other and store-front', () => {
    const gateway = findObject(objects, 'Gateway', 'pets-gateway-external');
    const vs = findObject(objects, 'VirtualService', 'store-front-external');
    expect(vs.spec.gateways).toEqual([`${gateway.metadata.namespace}/${gateway.metadata.name}`]);
    expect(gateway.spec.servers[0].hosts).toEqual(vs.spec.hosts);
    const route = vs.spec.http[0].route[0].destination;
    const service = findObject(objects, 'Service', 'store-front');
    expect(route.host).toBe(`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`);
    expect(service.spec.ports.map((p: any) => p.port)).toContain(route.port.number);
    expect(gateway.spec.selector).toEqual({ istio: 'aks-istio-ingressgateway-external' });
  });

  test('props flow: revision, namespace, internal gateway, hosts, mTLS mode', () => {
    const app = new App({ outdir: 'unused' });
    new MeshChart(app, 'mesh', {
      store: { namespace: 'aks-store' }, istioRevision: 'asm-1-23', mtlsMode: 'PERMISSIVE', ingressGateway: 'internal', ingressHosts: ['store.contoso.com'],
    });
    const out = synthesizeManifests(app)[0].objects;
    expect(findObject(out, 'Namespace', 'aks-store').metadata.labels).toEqual({ 'istio.io/rev': 'asm-1-23' });
    expect(findObject(out, 'PeerAuthentication', 'aks-store-default').spec.mtls.mode).toBe('PERMISSIVE');
    expect(findObject(out, 'Gateway', 'aks-store-gateway-internal').spec.selector.istio).toBe('aks-istio-ingressgateway-internal');
    expect(findObject(out, 'VirtualService', 'store-front-internal').spec.hosts).toEqual(['store.contoso.com']);
    expect(findObject(out, 'Deployment', 'curl-aks-store-deployment').metadata.namespace).toBe('aks-store');
  });

  test('per-workload mTLS with port overrides', () => {
    const store = AksStore.fromNamespace('pets');
    const [policy] = synthObjects((scope) => new MeshMtls(scope, 'mtls', {
      workload: store.rabbitmq, mode: 'STRICT', portModes: { 15672: 'PERMISSIVE' },
    }));
    expect(policy).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'rabbitmq-mtls', namespace: 'pets' },
      spec: { mtls: { mode: 'STRICT' }, portLevelMtls: { 15672: { mode: 'PERMISSIVE' } }, selector: { matchLabels: { app: 'rabbitmq' } } },
    });
  });

  test('enableSidecarInjection labels the namespace of a store this app creates', () => {
    const out = synthObjects((scope) => enableSidecarInjection(scope, new AksStore(scope, 'store').namespace));
    expect(findObject(out, 'Namespace', 'pets').metadata.labels).toEqual({ 'istio.io/rev': 'asm-1-22' });
  });

  test('enableSidecarInjection refuses a namespace managed elsewhere', () => {
    expect(() => synthObjects((scope) => enableSidecarInjection(scope, AksStore.fromNamespace('pets').namespace)))
      .toThrow('test: invalid namespace "pets": must be a namespace this app creates to label it istio.io/rev=asm-1-22');
  });
});

describe('mesh bad input', () => {
  const store = AksStore.fromNamespace('pets');
  const pets = NamespaceRef.named('pets');
  const meshChart = () => new Chart(new App(), 'c');
  test.each([
    ['revision', () => new MeshChart(new App(), 'c', { istioRevision: '1.22' }), "c: invalid istioRevision \"1.22\": must be an AKS Istio add-on revision 'asm-<major>-<minor>'"],
    ['revision with a patch', () => enableSidecarInjection(meshChart(), pets, 'asm-1-22-1'), 'invalid istioRevision "asm-1-22-1"'],
    ['mTLS mode', () => new MeshMtls(meshChart(), 'mtls', { namespace: pets, mode: 'strict' as any }), "c/mtls: invalid mode \"strict\": must be one of 'STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'"],
    ['mTLS without namespace or workload', () => new MeshMtls(meshChart(), 'mtls', {} as any), 'c/mtls: invalid namespace (missing): is required without a workload'],
    ['mTLS without props', () => new MeshMtls(meshChart(), 'mtls', undefined as any), 'c/mtls: invalid props (missing): must be an object'],
    ['mTLS namespace as a string', () => new MeshMtls(meshChart(), 'mtls', { namespace: 'pets' as any }), 'c/mtls: invalid namespace "pets": must be a namespace reference'],
    ['port mode without a workload', () => new MeshMtls(meshChart(), 'mtls', { namespace: pets, portModes: { 80: 'DISABLE' } }), 'invalid portModes {"80":"DISABLE"}: needs a workload'],
    ['port mode port', () => new MeshMtls(meshChart(), 'mtls', { workload: store.rabbitmq, portModes: { 70000: 'DISABLE' } }), 'invalid portModes 70000: must be a whole number from 1 to 65535'],
    ['ingress to a workload without a Service', () => new MeshIngress(meshChart(), 'in', { destination: WorkloadRef.fromAttributes({ name: 'w', namespace: 'pets', podLabels: { app: 'w' } }) }), 'c/in: invalid destination "pets/w": must have a Service to route to'],
    ['host', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, hosts: ['store_front.example.com'] }), "c/in: invalid hosts[0] \"store_front.example.com\": must be a DNS name (store.example.com), a '*.'-prefixed wildcard or '*'"],
    ['wildcard in the middle', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, hosts: ['store.*.com'] }), 'invalid hosts[0] "store.*.com"'],
    ['no hosts', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, hosts: [] }), 'invalid hosts []'],
    ['gateway port', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, port: { number: 0 } }), 'invalid port.number 0: must be a whole number from 1 to 65535'],
    ['destination port', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, destinationPort: 8080 }), 'invalid destinationPort 8080: must be a port of Service pets/store-front: 80'],
    ['gateway kind', () => new MeshIngress(new Chart(new App(), 'c'), 'in', { destination: store.storeFront, gateway: 'public' as any }), "invalid gateway \"public\": must be one of 'external', 'internal'"],
    ['curl namespace', () => new CurlClient(new Chart(new App(), 'c'), 'curl', { namespace: 'Default' }), 'c/curl: invalid namespace "Default"'],
  ])('%s', (_what, build, message) => {
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  test('a VirtualService whose destination this app defines in another chart fails at synth', () => {
    const app = new App({ outdir: 'unused' });
    const shop = new AksStore(new Chart(app, 'store'), 'store');
    new MeshIngress(new Chart(app, 'lonely'), 'ingress', { destination: shop.storeFront });
    expect(() => synthesizeManifests(app)).toThrow("[lonely/ingress] VirtualService routes to Service pets/store-front, which is defined in chart 'store', not in this chart 'lonely'");
  });

  test('the check can be turned off, and a destination deployed elsewhere is not checked', () => {
    const app = new App({ outdir: 'unused' });
    const shop = new AksStore(new Chart(app, 'store'), 'store');
    new MeshIngress(new Chart(app, 'split'), 'ingress', { destination: shop.storeFront, checkDestinationInChart: false });
    new MeshIngress(new Chart(app, 'elsewhere'), 'ingress', { destination: store.storeFront });
    expect(synthesizeManifests(app).slice(1).map((f) => f.objects.map((o) => o.kind))).toEqual([['Gateway', 'VirtualService'], ['Gateway', 'VirtualService']]);
  });
});
