import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-30';
import { AksStore, InvalidPropError, STORE_SECTION } from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared, loadUpstream } from './support/shared';
import { findObject, synthObjects, synthSection } from './support/synth';

const WORKSHOP_ERA = 'aks-store-quickstart.workshop-era-afe11f4.yaml';
const CURRENT = 'aks-store-quickstart.yaml';

function withoutNamespaceObject(objects: readonly any[]): any[] {
  return objects.filter((o) => o.kind !== 'Namespace');
}

describeWithShared('AKS Store fidelity', () => {
  test('the store section equals the workshop-era quickstart in namespace pets', () => {
    const [bundle] = synthSection(STORE_SECTION);
    const diffs = compareManifests(withoutNamespaceObject(bundle.objects), loadUpstream(WORKSHOP_ERA), { namespace: 'pets' });
    expect(diffs).toEqual([]);
  });

  test('the section adds exactly the pets Namespace to the quickstart', () => {
    const [bundle] = synthSection(STORE_SECTION);
    const diffs = compareManifests(bundle.objects, loadUpstream(WORKSHOP_ERA), { namespace: 'pets' });
    expect(diffs).toEqual([{ object: 'v1/Namespace//pets', path: '', type: 'extra', actual: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pets' } } }]);
  });

  test("release 'current' equals the quickstart on aks-store-demo main", () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', { release: 'current', namespace: 'aks-store' }));
    expect(compareManifests(withoutNamespaceObject(objects), loadUpstream(CURRENT), { namespace: 'aks-store' })).toEqual([]);
  });

  test('the comparison notices a changed field', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', { replicas: { storeFront: 2 } }));
    const diffs = compareManifests(withoutNamespaceObject(objects), loadUpstream(WORKSHOP_ERA), { namespace: 'pets' });
    expect(diffs).toEqual([{ object: 'apps/v1/Deployment/pets/store-front', path: 'spec.replicas', type: 'changed', expected: 1, actual: 2 }]);
  });
});

describe('AksStore props', () => {
  test('namespace flows to every object and to the exposed workloads', () => {
    let store!: AksStore;
    const objects = synthObjects((scope) => { store = new AksStore(scope, 'store', { namespace: 'aks-store' }); });
    expect(findObject(objects, 'Namespace', 'aks-store')).toBeDefined();
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) expect(object.metadata.namespace).toBe('aks-store');
    expect([store.rabbitmq, store.orderService, store.productService, store.storeFront].map((w) => `${w.namespace}/${w.name}`))
      .toEqual(['aks-store/rabbitmq', 'aks-store/order-service', 'aks-store/product-service', 'aks-store/store-front']);
  });

  test('workloads describe labels and ports that match the manifests', () => {
    let store!: AksStore;
    const objects = synthObjects((scope) => { store = new AksStore(scope, 'store'); });
    for (const workload of [store.rabbitmq, store.orderService, store.productService, store.storeFront]) {
      const service = findObject(objects, 'Service', workload.name);
      expect(service.spec.selector).toEqual(workload.podLabels);
      expect(service.spec.ports.map((p: any) => [p.port, p.targetPort])).toEqual(workload.ports.map((p) => [p.servicePort, p.containerPort]));
      const controller = objects.find((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === workload.name);
      expect(controller.spec.template.metadata.labels).toEqual(workload.podLabels);
      expect(controller.spec.template.spec.containers[0].ports.map((p: any) => p.containerPort)).toEqual(workload.ports.map((p) => p.containerPort));
    }
    expect(store.storeFront.ports[0]).toEqual({ name: 'store-front', containerPort: 8080, servicePort: 80, protocol: 'TCP' });
  });

  test('createNamespace: false leaves the Namespace out', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', { createNamespace: false }));
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
  });

  test('imageRegistry and imageTag retarget the three service images only', () => {
    let store!: AksStore;
    synthObjects((scope) => { store = new AksStore(scope, 'store', { imageRegistry: 'myacr.azurecr.io/aks-store', imageTag: '2.1.0' }); });
    expect(store.images).toEqual({
      rabbitmq: 'mcr.microsoft.com/mirror/docker/library/rabbitmq:3.10-management-alpine',
      orderService: 'myacr.azurecr.io/aks-store/order-service:2.1.0',
      productService: 'myacr.azurecr.io/aks-store/product-service:2.1.0',
      storeFront: 'myacr.azurecr.io/aks-store/store-front:2.1.0',
      waitForRabbitmq: 'busybox',
    });
  });

  test('images override single containers and land in the manifests', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', { imageTag: '2.2.0', images: { waitForRabbitmq: 'busybox:1.36', storeFront: 'example.io/sf:1' } }));
    const orderService = findObject(objects, 'Deployment', 'order-service');
    expect(orderService.spec.template.spec.initContainers[0].image).toBe('busybox:1.36');
    expect(orderService.spec.template.spec.containers[0].image).toBe('ghcr.io/azure-samples/aks-store-demo/order-service:2.2.0');
    expect(findObject(objects, 'Deployment', 'store-front').spec.template.spec.containers[0].image).toBe('example.io/sf:1');
  });

  test('replicas, resources and the store-front Service type are applied', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', {
      replicas: { orderService: 3, productService: 0, storeFront: 2 },
      resources: { productService: { cpu: { request: Cpu.millis(5) }, memory: { request: Size.mebibytes(8) } } },
      storeFrontServiceType: 'ClusterIP',
    }));
    expect(findObject(objects, 'Deployment', 'order-service').spec.replicas).toBe(3);
    expect(findObject(objects, 'Deployment', 'product-service').spec.replicas).toBe(0);
    expect(findObject(objects, 'Deployment', 'store-front').spec.replicas).toBe(2);
    expect(findObject(objects, 'Deployment', 'product-service').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '5m', memory: '8Mi' } });
    expect(findObject(objects, 'Service', 'store-front').spec.type).toBe('ClusterIP');
  });

  test('addNamespaceLabel labels the one Namespace object', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store').addNamespaceLabel('istio.io/rev', 'asm-1-22'));
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pets', labels: { 'istio.io/rev': 'asm-1-22' } } },
    ]);
  });
});

describe('Pod Security labels of the store namespace', () => {
  const PSA = 'pod-security.kubernetes.io';
  const namespaceLabels = (objects: readonly any[]) => objects.find((o) => o.kind === 'Namespace').metadata.labels;

  test('the hardened store enforces restricted; asking for privileged by name lets namespaceLabels lower it', () => {
    expect(namespaceLabels(synthObjects((scope) => new AksStore(scope, 'store', { profile: 'hardened' })))[`${PSA}/enforce`]).toBe('restricted');
    const labels = namespaceLabels(synthObjects((scope) => new AksStore(scope, 'store', {
      profile: 'hardened', allowWeakerPodSecurity: 'privileged', namespaceLabels: { [`${PSA}/enforce`]: 'privileged' },
    })));
    expect(labels).toMatchObject({ [`${PSA}/enforce`]: 'privileged', [`${PSA}/warn`]: 'restricted', [`${PSA}/audit`]: 'restricted' });
  });

  test("asking for 'privileged' allows 'baseline' too; raising the level or warning lower needs no asking", () => {
    expect(namespaceLabels(synthObjects((scope) => new AksStore(scope, 'store', {
      profile: 'hardened', allowWeakerPodSecurity: 'privileged', namespaceLabels: { [`${PSA}/enforce`]: 'baseline' },
    })))[`${PSA}/enforce`]).toBe('baseline');
    expect(namespaceLabels(synthObjects((scope) => new AksStore(scope, 'store', {
      profile: 'hardened', namespaceLabels: { [`${PSA}/warn`]: 'baseline', [`${PSA}/enforce-version`]: 'latest' },
    })))).toMatchObject({ [`${PSA}/enforce`]: 'restricted', [`${PSA}/warn`]: 'baseline', [`${PSA}/enforce-version`]: 'latest' });
  });

  test('addNamespaceLabel lowers the level only when its option (or the store) names it', () => {
    const objects = synthObjects((scope) => {
      const store = new AksStore(scope, 'store', { profile: 'hardened' });
      expect(() => store.addNamespaceLabel(`${PSA}/enforce`, 'privileged')).toThrow("ask for the level by name: addNamespaceLabel option allowWeakerPodSecurity: 'privileged'");
      store.addNamespaceLabel(`${PSA}/enforce`, 'privileged', { allowWeakerPodSecurity: 'privileged' });
    });
    expect(namespaceLabels(objects)[`${PSA}/enforce`]).toBe('privileged');
    const allowedByProp = synthObjects((scope) => new AksStore(scope, 'store', { profile: 'hardened', allowWeakerPodSecurity: 'baseline' })
      .addNamespaceLabel(`${PSA}/enforce`, 'baseline'));
    expect(namespaceLabels(allowedByProp)[`${PSA}/enforce`]).toBe('baseline');
  });

  test('the workshop profile enforces nothing, so any level may be set', () => {
    expect(namespaceLabels(synthObjects((scope) => new AksStore(scope, 'store', { namespaceLabels: { [`${PSA}/enforce`]: 'privileged' } }))))
      .toEqual({ [`${PSA}/enforce`]: 'privileged' });
  });
});

describe('AksStore resources of any cdk8s-plus major', () => {
  test('a Cpu is read by its amount, so any object with one (another major\'s Cpu) is taken', () => {
    const objects = synthObjects((scope) => new AksStore(scope, 'store', {
      resources: { storeFront: { cpu: { request: { amount: '20m' }, limit: Cpu.units(2) }, memory: { limit: Size.mebibytes(300) } } },
    }));
    expect(findObject(objects, 'Deployment', 'store-front').spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '20m' }, limits: { cpu: '2', memory: '300Mi' } });
  });
});

describe('AksStore bad input', () => {
  const build = (props: any) => () => synthObjects((scope) => new AksStore(scope, 'store', props));

  test.each([
    ['namespace', { namespace: 'Pets' }, 'test/store: invalid namespace "Pets": must be a DNS-1123 label'],
    ['namespace', { namespace: 'a'.repeat(64) }, 'must be a DNS-1123 label'],
    ['namespace', { namespace: '' }, 'invalid namespace "": must be a DNS-1123 label'],
    ['replicas', { replicas: { storeFront: -1 } }, 'test/store: invalid replicas.storeFront -1: must be a whole number from 0 to 2147483647'],
    ['replicas', { replicas: { orderService: 1.5 } }, 'invalid replicas.orderService 1.5'],
    ['image', { images: { rabbitmq: '' } }, 'test/store: invalid images.rabbitmq "": must be a container image reference'],
    ['image', { imageTag: '' }, 'invalid imageTag ""'],
    ['preset', { release: 'nightly' }, "test/store: invalid release \"nightly\": must be one of 'workshop-era', 'current'"],
    ['service type', { storeFrontServiceType: 'External' }, "must be one of 'LoadBalancer', 'ClusterIP', 'NodePort'"],
    ['resources', { resources: { storeFront: { memory: { limit: '512MB' } } } }, 'invalid resources.storeFront.memory.limit "512MB": must be a Size'],
  ])('%s: %j', (_what, props, message) => {
    expect(build(props)).toThrow(InvalidPropError);
    expect(build(props)).toThrow(message);
  });

  test('the error carries the construct path, prop, value and what is allowed', () => {
    try {
      build({ replicas: { storeFront: -2 } })();
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPropError);
      expect(error).toMatchObject({ constructPath: 'test/store', prop: 'replicas.storeFront', value: -2, allowed: 'must be a whole number from 0 to 2147483647' });
    }
  });

  test('labelling a namespace the store does not own is an error', () => {
    expect(() => synthObjects((scope) => new AksStore(scope, 'store', { createNamespace: false }).addNamespaceLabel('a', 'b')))
      .toThrow('test/store: invalid createNamespace false');
  });
});
