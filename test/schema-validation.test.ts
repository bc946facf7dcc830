import * as fs from 'fs';
import * as path from 'path';
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
import { BUNDLED_MODEL_KINDS, FIELDS_VALIDATORS_SKIP } from '../src/core/schema/built-in-models';

/**
 * The fields kubernetes-models declares (its `.d.ts` interfaces, from the Kubernetes OpenAPI) that
 * its compiled validator for the type never reads, keyed by the fields it does read (sorted).
 */
function fieldsValidatorsSkip(): Record<string, string[]> {
  const roots = [path.dirname(require.resolve('kubernetes-models/package.json')), path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json'))];
  const declared = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '_schemas') walk(file);
        continue;
      }
      if (!entry.name.endsWith('.d.ts')) continue;
      const text = fs.readFileSync(file, 'utf8');
      const alias = /export \{ I(\w+) as I(IoK8s\w+)/.exec(text);
      const body = alias && new RegExp(`export interface I${alias[1]} [^{]*\\{([\\s\\S]*?)\\n\\}`).exec(text);
      if (alias && body) declared.set(alias[2], [...body[1].matchAll(/^ {4}"([^"]+)"\??:/gm)].map((m) => m[1]));
    }
  };
  roots.forEach(walk);
  const table: Record<string, string[]> = {};
  for (const root of roots) {
    for (const file of fs.readdirSync(path.join(root, '_schemas')).filter((f) => f.endsWith('.js'))) {
      const fields = declared.get(file.slice(0, -'.js'.length));
      if (fields === undefined) continue;
      const code = fs.readFileSync(path.join(root, '_schemas', file), 'utf8');
      const reads = (field: string) => code.includes(`data.${field}`) || code.includes(`data[${JSON.stringify(field)}]`);
      const skipped = fields.filter((field) => !reads(field));
      if (skipped.length === 0) continue;
      const key = fields.filter(reads).sort().join(',');
      table[key] = [...new Set([...(table[key] ?? []), ...skipped])];
    }
  }
  return table;
}

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
    [{ name: 'a', extra: true }, '/extra is not a field here (the fields are name, port, replicas, mode, tags, labels, free, choice, maybe)'],
    [{ name: 'a', choice: { a: 'x', b: 'y' } }, '/choice must set exactly one of a or b (it sets both)'],
    [{ name: 'a', choice: {} }, '/choice must set exactly one of a or b (it sets none of them)'],
    // Names that every JavaScript object inherits are fields like any other.
    [{ name: 'a', constructor: 1 }, '/constructor is not a field here (the fields are name, port, replicas, mode, tags, labels, free, choice, maybe)'],
    [JSON.parse('{"name":"a","__proto__":{}}'), '/__proto__ is not a field here (the fields are name, port, replicas, mode, tags, labels, free, choice, maybe)'],
  ])('%j: %s', (value, issue) => {
    expect(issues(value)).toEqual([issue]);
  });

  test('oneOf and anyOf say what each alternative requires and which the value matches', () => {
    const issuesOf = (s: object, value: unknown) => validateAgainstSchema(s, value).map((i) => `${i.path} ${i.message}`);
    // Istio's StringMatch: at most one of exact, prefix and regex (the first alternative sets none).
    const stringMatch = {
      type: 'object',
      properties: { exact: { type: 'string' }, prefix: { type: 'string' }, regex: { type: 'string' } },
      oneOf: [{ not: { anyOf: [{ required: ['exact'] }, { required: ['prefix'] }, { required: ['regex'] }] } }, { required: ['exact'] }, { required: ['prefix'] }, { required: ['regex'] }],
    };
    expect(issuesOf(stringMatch, { exact: '/a', prefix: '/b' })).toEqual([' must set at most one of exact, prefix or regex (it sets exact and prefix)']);
    expect(issuesOf(stringMatch, {})).toEqual([]);
    // Cilium's spec: exactly one of endpointSelector and nodeSelector.
    const selectors = { type: 'object', oneOf: [{ properties: { endpointSelector: {} }, required: ['endpointSelector'] }, { properties: { nodeSelector: {} }, required: ['nodeSelector'] }] };
    expect(issuesOf(selectors, {})).toEqual([' must set exactly one of endpointSelector or nodeSelector (it sets none of them)']);
    expect(issuesOf(selectors, { endpointSelector: {}, nodeSelector: {} })).toEqual([' must set exactly one of endpointSelector or nodeSelector (it sets both)']);
    expect(issuesOf({ anyOf: [{ type: 'integer' }, { type: 'string' }] }, true)).toEqual([' must be integer or string']);
    expect(issuesOf({ oneOf: [{ type: 'string' }, { maxLength: 3 }] }, 'ab')).toEqual([
      " must match exactly one of its schema's alternatives (oneOf): (1) be string; (2) match its schema; it matches (1) and (2)",
    ]);
  });

  test('patterns are RE2: linear in the value, matched anywhere unless anchored, and a pattern RE2 refuses is reported', () => {
    const issuesOf = (pattern: string, value: string) => validateAgainstSchema({ type: 'string', pattern }, value).map((i) => i.message);
    // Cilium's FQDN and port patterns, which take a backtracking engine exponential (or cubic) time on these values.
    const started = Date.now();
    expect(issuesOf('^([-a-zA-Z0-9_*]+[.]?)+$', `${'*'.repeat(40)}!`)).toHaveLength(1);
    expect(issuesOf('^([-a-zA-Z0-9_]+[.]?)+$', `${'a'.repeat(40)}!`)).toHaveLength(1);
    const port = '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$';
    expect(issuesOf(port, `${'a'.repeat(5000)}!`)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(issuesOf(port, 'http')).toEqual([]);
    expect(issuesOf('b', 'abc')).toEqual([]);
    expect(issuesOf('^b', 'abc')).toEqual(['must match ^b, not "abc"']);
    // RE2 refuses lookahead and repeats over 1000, which JavaScript accepts: the value cannot be checked, and the message says why.
    expect(issuesOf('^(?=a)a$', 'a')).toEqual([expect.stringMatching(/^cannot be checked: its schema's pattern \^\(\?=a\)a\$ is not a regular expression RE2 accepts \(.+\)$/)]);
    expect(issuesOf('^a{1001}$', 'a')).toEqual([expect.stringContaining('is not a regular expression RE2 accepts')]);
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

  test('an enumeration of a built-in kind names its values, in their usual order', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'Internal', ports: [{ port: 80, protocol: 'HTTP' }] } };
    expect(validateManifest(service).issues.map((i) => `${i.path} ${i.message}`)).toEqual([
      '/spec/ports/0/protocol must be one of "TCP", "UDP", "SCTP", not "HTTP"',
      '/spec/type must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName", not "Internal"',
    ]);
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: {}, policyTypes: ['Inbound'] } };
    expect(validateManifest(policy).issues.map((i) => `${i.path} ${i.message}`)).toEqual(['/spec/policyTypes/0 must be one of "Ingress", "Egress", not "Inbound"']);
  });

  describe('a field the Kubernetes schema does not declare is refused, as kubectl apply refuses it (strict field validation)', () => {
    const deployment = (container: object) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' }, annotations: { 'example.com/any': 'x' } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...container }] } } },
    });
    const issuesOf = (object: object) => validateManifest(object as any).issues.map((i) => `${i.path} ${i.message}`);

    test('a misspelt container field, the first time the kind is checked and every time after', () => {
      for (let i = 0; i < 3; i++) {
        expect(issuesOf(deployment({ portz: [{ containerPort: 80 }] }))).toEqual([expect.stringMatching(/^\/spec\/template\/spec\/containers\/0\/portz is not a field here \(the fields are args, command, .*ports, .*\)$/)]);
        expect(issuesOf(deployment({ ports: [{ containerPort: 80, hostPortz: 1 }] }))).toEqual(['/spec/template/spec/containers/0/ports/0/hostPortz is not a field here (the fields are containerPort, hostIP, hostPort, name, protocol)']);
        expect(issuesOf(deployment({ ports: [{ containerPort: 80 }], resources: { limits: { 'cpu': '1', 'example.com/gpu': 1 } } }))).toEqual([]);
      }
    });

    test('names every object inherits are fields like any other', () => {
      expect(issuesOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', constructor: 'x' }, data: { constructor: 'x', __proto__: 'y' } })).toEqual([
        '/metadata/constructor is not a field here (the fields are annotations, creationTimestamp, deletionGracePeriodSeconds, deletionTimestamp, finalizers, generateName, '
        + 'generation, labels, managedFields, name, namespace, ownerReferences, resourceVersion, selfLink, uid)',
      ]);
    });

    test('maps (additionalProperties) and free-form objects (RawExtension) take any key', () => {
      const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: { anything: [{ at: 'all' }] } } };
      expect(issuesOf(revision)).toEqual([]);
      expect(issuesOf({ ...revision, data: { other: { keys: true } } })).toEqual([]);
      expect(issuesOf({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { 'any.key': 'x' } })).toEqual([]);
    });

    test('fields whose names kubernetes-models drops from its validators (description, x-kubernetes-*) are still fields', () => {
      expect(issuesOf({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1, description: 'why' })).toEqual([]);
      expect(issuesOf({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1, descriptionz: 'why' }))
        .toEqual(['/descriptionz is not a field here (the fields are apiVersion, description, globalDefault, kind, metadata, preemptionPolicy, value)']);
      const crd = (schema: object) => ({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
      });
      const schema = { 'type': 'object', 'description': 'a widget', 'x-kubernetes-preserve-unknown-fields': true, 'properties': { spec: { type: 'object', default: { a: { b: 1 } } } } };
      expect(issuesOf(crd(schema))).toEqual([]);
      expect(issuesOf(crd({ ...schema, properties: { spec: { type: 'object', typo: true } } }))).toEqual([
        expect.stringMatching(/^\/spec\/versions\/0\/schema\/openAPIV3Schema\/properties\/spec\/typo is not a field here/),
      ]);
    });

    test('the table of fields the validators skip is what kubernetes-models declares and its validators do not read', () => {
      expect(fieldsValidatorsSkip()).toEqual(FIELDS_VALIDATORS_SKIP);
    });
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
    expect(() => synthesizeManifests(app)).toThrow('[c/gw] Gateway gw: /spec/server is not a field here (the fields are selector, servers)');
  });

  test('an unknown field of a built-in kind is refused, as kubectl apply refuses it', () => {
    // An ApiObject: cdk8s-plus's KubeDeployment writes only the fields it knows.
    const app = appWith((chart) => new ApiObject(chart, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', portz: [{ containerPort: 80 }] }] } } },
    }));
    expect(() => synthesizeManifests(app)).toThrow(/\[c\/web\] Deployment web: \/spec\/template\/spec\/containers\/0\/portz is not a field here \(the fields are args, /);
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
