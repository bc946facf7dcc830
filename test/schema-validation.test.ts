import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import {
  AcstorStoragePool,
  cilium,
  PoolType,
  SchemaValidationError,
  synthesizeManifests,
  validateAgainstSchema,
  validateManifest,
  ADVANCED_AKS_SECTIONS,
  PROFILES,
  WORKSHOP_SECTIONS,
} from '../src';
import { SAMPLE_SETTINGS, synthSection } from './support/synth';
import { BUNDLED_MODEL_KINDS } from '../src/core/schema/built-in-models';

describe('validateAgainstSchema reads structural schemas as the API server does', () => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
      port: { 'x-kubernetes-int-or-string': true },
      replicas: { type: 'integer', minimum: 0, maximum: 10 },
      mode: { type: 'string', enum: ['A', 'B'] },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      free: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
      choice: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      maybe: { type: 'string', nullable: true },
    },
  };
  const issues = (value: unknown) => validateAgainstSchema(schema, value).map((i) => `${i.path} ${i.message}`);

  test('a valid value has no issues', () => {
    expect(issues({ name: 'abc', port: 'http', replicas: 3, mode: 'A', tags: ['x'], labels: { a: 'b' }, free: { anything: [1] }, choice: { a: 'x' }, maybe: null })).toEqual([]);
  });

  test.each([
    [{}, '/name is required'],
    [{ name: 'ABC' }, '/name must match ^[a-z]+$, not "ABC"'],
    [{ name: 'abcdef' }, '/name must be at most 5 characters long'],
    [{ name: 'a', port: 1.5 }, '/port must be an integer or a string, not number 1.5'],
    [{ name: 'a', replicas: -1 }, '/replicas must be at least 0, not -1'],
    [{ name: 'a', replicas: 'two' }, '/replicas must be integer, not string "two"'],
    [{ name: 'a', mode: 'C' }, '/mode must be one of "A", "B", not "C"'],
    [{ name: 'a', tags: ['x', 'y', 'z'] }, '/tags must have at most 2 items'],
    [{ name: 'a', tags: [1] }, '/tags/0 must be string, not integer 1'],
    [{ name: 'a', labels: { a: 1 } }, '/labels/a must be string, not integer 1'],
    [{ name: 'a', extra: true }, '/extra is not a field the schema knows (known: name, port, replicas, mode, tags, labels, free, choice, maybe)'],
    [{ name: 'a', choice: { a: 'x', b: 'y' } }, "/choice must match exactly one of the schema's alternatives (oneOf), matches 2"],
    [{ name: 'a', choice: {} }, "/choice must match exactly one of the schema's alternatives (oneOf), matches 0"],
    // Names that every JavaScript object inherits are fields like any other.
    [{ name: 'a', constructor: 1 }, '/constructor is not a field the schema knows (known: name, port, replicas, mode, tags, labels, free, choice, maybe)'],
    [JSON.parse('{"name":"a","__proto__":{}}'), '/__proto__ is not a field the schema knows (known: name, port, replicas, mode, tags, labels, free, choice, maybe)'],
  ])('%j: %s', (value, issue) => {
    expect(issues(value)).toEqual([issue]);
  });

  test('a required field named like an inherited property must be the object\'s own', () => {
    expect(validateAgainstSchema({ type: 'object', required: ['toString'] }, {}).map((i) => `${i.path} ${i.message}`)).toEqual(['/toString is required']);
  });
});

describe('validateManifest finds the schema of an object', () => {
  test('built-in kinds are checked against the Kubernetes OpenAPI (kubernetes-models)', () => {
    const result = validateManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } } as any);
    expect(result.source).toBe('kubernetes');
    expect(result.issues).toContainEqual({ path: '/spec/replicas', message: 'must be integer' });
  });

  test('custom resources are checked against the imported CRD schema', () => {
    const result = validateManifest({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'x' }, spec: { mtls: { mode: 'strict' } } } as any);
    expect(result.source).toBe('crd');
    expect(result.issues.map((i) => `${i.path} ${i.message}`)).toEqual(['/spec/mtls/mode must be one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT", not "strict"']);
  });

  test("a CRD property named description is a field, not the schema's prose (Cilium's spec.description)", () => {
    const policy = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'x' }, spec: { description: 'why', endpointSelector: {} } };
    expect(validateManifest(policy as any).issues).toEqual([]);
  });

  test('the StoragePool is checked against its hand-written schema', () => {
    new AcstorStoragePool(new Chart(new App(), 'c'), 'p', { name: 'p', poolType: PoolType.ephemeralDisk() });
    const result = validateManifest({ apiVersion: 'containerstorage.azure.com/v1', kind: 'StoragePool', metadata: { name: 'p' }, spec: { poolType: { azureDisk: { iopsReadWrite: -5 } } } } as any);
    expect(result.source).toBe('registered');
    expect(result.issues.map((i) => `${i.path} ${i.message}`)).toEqual(['/spec/poolType/azureDisk/iopsReadWrite must be at least 1, not -5']);
  });

  test('kinds without a known schema are not checked', () => {
    expect(validateManifest({ apiVersion: 'example.com/v1', kind: 'Widget' })).toEqual({ source: 'none', issues: [] });
    expect(validateManifest({ kind: 'Widget' })).toEqual({ source: 'none', issues: [{ path: '', message: 'must have an apiVersion and a kind' }] });
  });
});

describe('synthesizeManifests validates every object', () => {
  function appWith(build: (chart: Chart) => void): App {
    const app = new App({ outdir: 'unused' });
    build(new Chart(app, 'c'));
    return app;
  }

  test('a problem names the construct path, the object and the field', () => {
    const app = appWith((chart) => {
      new k8s.KubeDeployment(chart, 'web', {
        metadata: { name: 'web' },
        spec: { replicas: 'two' as any, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
      });
      new cilium.CiliumNetworkPolicy(chart, 'policy', {
        metadata: { name: 'p', namespace: 'ns' },
        spec: { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'DNS' as any }] }] }] },
      });
    });
    const synth = () => synthesizeManifests(app);
    expect(synth).toThrow(SchemaValidationError);
    expect(synth).toThrow('2 problems where synthesized objects do not match their schemas:\n'
      + '  [c/web] Deployment web: /spec/replicas must be integer\n'
      + '  [c/policy] CiliumNetworkPolicy ns/p: /spec/egress/0/toPorts/0/ports/0/protocol must be one of "TCP", "UDP", "SCTP", "ANY", not "DNS"');
  });

  test('an unknown field of a custom resource is refused, as kubectl apply refuses it', () => {
    const app = appWith((chart) => new ApiObject(chart, 'gw', {
      apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { selector: { istio: 'x' }, server: [] },
    }));
    expect(() => synthesizeManifests(app)).toThrow('[c/gw] Gateway gw: /spec/server is not a field the schema knows (known: selector, servers)');
  });

  test('validation can be turned off', () => {
    const app = appWith((chart) => new ApiObject(chart, 'gw', {
      apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { server: [] },
    }));
    expect(synthesizeManifests(app, { validate: false })[0].objects).toHaveLength(1);
  });
});

describe('the schemas of the kinds the library writes', () => {
  test('every built-in kind of every section, in both profiles, loads by a static require (so bundles hold its schema)', () => {
    const kinds = new Set<string>();
    const settings = { ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/' };
    for (const profile of PROFILES) {
      for (const section of [...WORKSHOP_SECTIONS, ...ADVANCED_AKS_SECTIONS]) {
        for (const file of synthSection(section, settings, profile)) {
          for (const object of file.objects as { apiVersion: string; kind: string }[]) {
            if (validateManifest(object).source === 'kubernetes') kinds.add(`${object.apiVersion}/${object.kind}`);
          }
        }
      }
    }
    expect(kinds.size).toBeGreaterThan(5);
    expect([...kinds].filter((kind) => !BUNDLED_MODEL_KINDS.includes(kind))).toEqual([]);
  });
});
