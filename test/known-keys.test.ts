import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AcstorStoragePool,
  AksStore,
  AmaMetricsSettings,
  AzurePodMonitor,
  AzureServiceMonitor,
  CiliumPolicy,
  CurlClient,
  FqdnEgressPolicy,
  HubbleUi,
  InvalidPropError,
  MeshIngress,
  MeshMtls,
  MysqlConfigAndServices,
  MysqlStatefulSet,
  NamespacePlacement,
  PrometheusReferenceApp,
  ReplicatedMysql,
  ResourcePlacement,
  WorkloadIdentityPod,
  WorkloadIdentitySamples,
  WorkloadIdentityServiceAccount,
} from '../src';
import { KnownKeys, requireKnownKeys } from '../src/core/validation';

interface Sample {
  readonly name: string;
  readonly replicas?: number;
  readonly storageClass?: string;
}

const scope = () => new Chart(new App(), 'c');

describe('KnownKeys: a list of keys that cannot drift from its interface', () => {
  test('the compiler refuses a missing key and a key the interface lacks (checked by tsc -p test)', () => {
    const all: KnownKeys<Sample> = { name: true, replicas: true, storageClass: true };
    // @ts-expect-error an optional key of the interface is missing
    const missing: KnownKeys<Sample> = { name: true, replicas: true };
    // @ts-expect-error a key the interface does not have
    const extra: KnownKeys<Sample> = { name: true, replicas: true, storageClass: true, storageSize: true };
    expect(Object.keys(all)).toEqual(['name', 'replicas', 'storageClass']);
    expect([missing, extra]).toHaveLength(2);
  });
});

describe('requireKnownKeys', () => {
  const keys: KnownKeys<Sample> = { name: true, replicas: true, storageClass: true };
  const check = (value: unknown) => () => requireKnownKeys(scope(), 'props', value as Sample, keys, 'a prop it takes');

  test('passes an object of known keys (undefined values included) through', () => {
    const value = { name: 'x', replicas: undefined };
    expect(check(value)()).toBe(value);
  });

  test.each([
    ['a misspelling', { name: 'x', replica: 2 }, 'c: invalid props "replica": must name a prop it takes: name, replicas, storageClass (did you mean \'replicas\'?)'],
    ['another case', { name: 'x', StorageClass: 'y' }, "(did you mean 'storageClass'?)"],
    ['a key far from every known one', { name: 'x', volumeMode: 'Block' }, 'c: invalid props "volumeMode": must name a prop it takes: name, replicas, storageClass'],
    ['an unknown key set to undefined', { name: 'x', extra: undefined }, 'invalid props "extra"'],
    ['a prototype member name', JSON.parse('{"name": "x", "toString": 1}'), 'invalid props "toString"'],
  ])('refuses %s', (_what, value, message) => {
    expect(check(value)).toThrow(InvalidPropError);
    expect(check(value)).toThrow(message);
  });

  test('names the key, never its value', () => {
    try {
      check({ name: 'x', password: 'hunter2-secret' })();
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPropError);
      expect((error as Error).message).not.toContain('hunter2');
      expect((error as InvalidPropError).value).toBe('password');
    }
  });

  test('refuses what is not an object, listing the keys', () => {
    expect(check([])).toThrow('c: invalid props []: must be an object whose keys name a prop it takes: name, replicas, storageClass');
  });
});

/** Every construct of the generic areas, each with a prop it does not take. */
const CONSTRUCTS: readonly (readonly [string, (scope: Construct, props: any) => unknown])[] = [
  ['AksStore', (s, p) => new AksStore(s, 'x', p)],
  ['CiliumPolicy', (s, p) => new CiliumPolicy(s, 'x', p)],
  ['FqdnEgressPolicy', (s, p) => new FqdnEgressPolicy(s, 'x', p)],
  ['HubbleUi', (s, p) => new HubbleUi(s, 'x', p)],
  ['CurlClient', (s, p) => new CurlClient(s, 'x', p)],
  ['MeshMtls', (s, p) => new MeshMtls(s, 'x', p)],
  ['MeshIngress', (s, p) => new MeshIngress(s, 'x', p)],
  ['AcstorStoragePool', (s, p) => new AcstorStoragePool(s, 'x', p)],
  ['ReplicatedMysql', (s, p) => new ReplicatedMysql(s, 'x', p)],
  ['MysqlConfigAndServices', (s, p) => new MysqlConfigAndServices(s, 'x', p)],
  ['MysqlStatefulSet', (s, p) => new MysqlStatefulSet(s, 'x', p)],
  ['WorkloadIdentityServiceAccount', (s, p) => new WorkloadIdentityServiceAccount(s, 'x', p)],
  ['WorkloadIdentityPod', (s, p) => new WorkloadIdentityPod(s, 'x', p)],
  ['WorkloadIdentitySamples', (s, p) => new WorkloadIdentitySamples(s, 'x', p)],
  ['AmaMetricsSettings', (s, p) => new AmaMetricsSettings(s, 'x', p)],
  ['AzurePodMonitor', (s, p) => new AzurePodMonitor(s, 'x', p)],
  ['AzureServiceMonitor', (s, p) => new AzureServiceMonitor(s, 'x', p)],
  ['PrometheusReferenceApp', (s, p) => new PrometheusReferenceApp(s, 'x', p)],
  ['ResourcePlacement', (s, p) => new ResourcePlacement(s, 'x', p)],
  ['NamespacePlacement', (s, p) => new NamespacePlacement(s, 'x', p)],
];

describe('every construct refuses a prop it does not take, before reading the others', () => {
  test.each(CONSTRUCTS)('%s', (_name, build) => {
    expect(() => build(scope(), { metadata: { name: 'x' } })).toThrow('c/x: invalid props "metadata": must name a prop it takes: ');
  });
});
