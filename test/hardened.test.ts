import { App, Chart } from 'cdk8s';
import {
  addSection,
  AksStore,
  CurlClient,
  HubbleUi,
  InvalidPropError,
  ManifestFile,
  Profile,
  PrometheusReferenceApp,
  ReplicatedMysql,
  synthesizeManifests,
  WORKSHOP_SECTIONS,
} from '../src';
import { baselineViolations, levelOf, meets, podTemplates, restrictedViolations } from './support/pod-security';
import { findObject, SAMPLE_SETTINGS, synthObjects } from './support/synth';

function synthAll(profile: Profile, settings = SAMPLE_SETTINGS): ManifestFile[] {
  const app = new App({ outdir: 'unused' });
  for (const section of WORKSHOP_SECTIONS) addSection(app, section, { settings, profile });
  return synthesizeManifests(app);
}

const hardened = synthAll('hardened');
const workshop = synthAll('workshop');
const allObjects = (files: ManifestFile[]) => files.flatMap((f) => f.objects);

/** The Pod Security level each pod template meets, by `Kind namespace/name`, over all bundles. */
function levels(files: ManifestFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const template of podTemplates(allObjects(files))) out[template.owner] = levelOf(template);
  return out;
}

describe('the hardened profile: Pod Security Standards', () => {
  test('every pod template meets restricted, except MySQL, which meets baseline', () => {
    expect(levels(hardened)).toEqual({
      'StatefulSet pets/rabbitmq': 'restricted',
      'Deployment pets/order-service': 'restricted',
      'Deployment pets/product-service': 'restricted',
      'Deployment pets/store-front': 'restricted',
      'Deployment kube-system/hubble-ui': 'restricted',
      'Deployment default/curl-deployment': 'restricted',
      'Deployment pets/curl-pets-deployment': 'restricted',
      'StatefulSet default/mysql': 'baseline',
      'Pod default/sample-workload-identity': 'restricted',
      'Pod default/sample-workload-identity-key-vault': 'restricted',
      'Deployment default/prometheus-reference-app': 'restricted',
    });
  });

  test('MySQL falls short of restricted only on running as root', () => {
    const mysql = podTemplates(allObjects(hardened)).find((t) => t.owner === 'StatefulSet default/mysql')!;
    expect(baselineViolations(mysql)).toEqual([]);
    expect([...new Set(restrictedViolations(mysql).map((v) => v.replace(/^container [a-z-]+: /, '')))]).toEqual([
      'runAsNonRoot is not true', 'does not drop ALL capabilities',
    ]);
  });

  test('the workshop profile is what the workshop ships: every pod meets baseline, none restricted', () => {
    const found = Object.values(levels(workshop));
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(['baseline']));
  });

  test('each namespace a bundle creates enforces a level all its pods in that bundle meet', () => {
    for (const file of hardened) {
      for (const ns of file.objects.filter((o) => o.kind === 'Namespace')) {
        const labels = ns.metadata.labels ?? {};
        const enforce = labels['pod-security.kubernetes.io/enforce'];
        expect([ns.metadata.name, enforce]).toEqual([ns.metadata.name, expect.stringMatching(/^(restricted|baseline|privileged)$/)]);
        expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.30');
        for (const template of podTemplates(file.objects).filter((t) => t.namespace === ns.metadata.name)) {
          expect([template.owner, meets(levelOf(template), enforce)]).toEqual([template.owner, true]);
        }
      }
    }
  });

  test('the store namespace enforces restricted; with sidecar injection only privileged, warning at restricted', () => {
    const ns = (file: string) => findObject(hardened.find((f) => f.fileName === file)!.objects, 'Namespace', 'pets').metadata.labels;
    expect(ns('01-store.k8s.yaml')).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' });
    expect(ns('03-mesh.k8s.yaml')).toMatchObject({
      'istio.io/rev': 'asm-1-22', 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(findObject(hardened.find((f) => f.fileName === 'fleet-hub/07-fleet.k8s.yaml')!.objects, 'Namespace', 'my-fleet-ns').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

describe('the hardened profile: images, resources, tokens, credentials', () => {
  const templates = podTemplates(allObjects(hardened));
  const containers = templates.flatMap((t) => [...t.spec.initContainers ?? [], ...t.spec.containers].map((c: any) => ({ owner: t.owner, ...c })));

  test('every image names a fixed version', () => {
    for (const c of containers) expect([c.owner, c.image]).toEqual([c.owner, expect.stringMatching(/^[^@]+(:(?!latest$)[\w.-]+)(@sha256:[a-f0-9]{64})?$|@sha256:[a-f0-9]{64}$/)]);
  });

  test('every container has requests and limits for CPU and memory', () => {
    for (const c of containers) {
      expect([c.owner, c.name, Object.keys(c.resources?.requests ?? {}).sort(), Object.keys(c.resources?.limits ?? {}).sort()])
        .toEqual([c.owner, c.name, ['cpu', 'memory'], ['cpu', 'memory']]);
    }
  });

  test('no pod mounts a Kubernetes API token but Hubble UI, whose backend reads the API', () => {
    const withToken = [...new Set(templates.filter((t) => t.spec.automountServiceAccountToken !== false).map((t) => t.owner))];
    expect(withToken).toEqual(['Deployment kube-system/hubble-ui']);
  });

  test('no credential is a literal: they come from Secrets', () => {
    const credentialEnv = containers.flatMap((c) => (c.env ?? []).filter((e: any) => /USER|PASS|PWD/.test(e.name)).map((e: any) => ({ owner: c.owner, ...e })));
    expect(credentialEnv.length).toBeGreaterThanOrEqual(8);
    for (const e of credentialEnv) expect([e.owner, e.name, e.value]).toEqual([e.owner, e.name, undefined]);
    expect(new Set(credentialEnv.map((e) => e.valueFrom.secretKeyRef.name))).toEqual(new Set(['rabbitmq-credentials', 'mysql-root']));
    expect(allObjects(hardened).filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(allObjects(hardened).filter((o) => o.kind === 'ConfigMap').map((o) => JSON.stringify(o.data))).not.toContainEqual(expect.stringMatching(/password/i));
  });

  test('given as settings, the credentials are Secrets in the bundles, and the output stays the same run to run', () => {
    const settings = { ...SAMPLE_SETTINGS, rabbitmqUsername: 'shop', rabbitmqPassword: 'p4ss-w0rd', mysqlRootPassword: 'r00t-pw' };
    const files = synthAll('hardened', settings);
    const secrets = allObjects(files).filter((o) => o.kind === 'Secret').map((o) => `${o.metadata.namespace}/${o.metadata.name}:${Object.keys(o.stringData).join(',')}`);
    expect(secrets).toEqual([
      'pets/rabbitmq-credentials:password,username', 'pets/rabbitmq-credentials:password,username', 'default/mysql-root:password', 'default/mysql-root:password',
      'pets/rabbitmq-credentials:password,username',
    ]);
    expect(synthAll('hardened', settings).map((f) => f.yaml)).toEqual(files.map((f) => f.yaml));
  });

  test('the workshop profile keeps the quickstart literal credentials (fidelity)', () => {
    const env = findObject(workshop[0].objects, 'StatefulSet', 'rabbitmq').spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: 'RABBITMQ_DEFAULT_USER', value: 'username' }, { name: 'RABBITMQ_DEFAULT_PASS', value: 'password' }]);
  });
});

describe('hardened constructs refuse what would undo it', () => {
  const chart = () => new Chart(new App(), 'c');
  test.each([
    ['a latest store image', () => new AksStore(chart(), 's', { profile: 'hardened', images: { storeFront: 'ghcr.io/azure-samples/aks-store-demo/store-front:latest' } }),
      'c/s: invalid images.storeFront "ghcr.io/azure-samples/aks-store-demo/store-front:latest": must name a fixed version in the hardened profile'],
    ['the workshop-era release', () => new AksStore(chart(), 's', { profile: 'hardened', release: 'workshop-era' }), 'c/s: invalid images.orderService'],
    ['a bare curl image', () => new CurlClient(chart(), 'c', { profile: 'hardened', image: 'curlimages/curl' }), 'c/c: invalid image "curlimages/curl": must name a fixed version'],
    ['credentials in the workshop profile', () => new AksStore(chart(), 's', { rabbitmqCredentials: { values: { username: 'a', password: 'b' } } }),
      "c/s: invalid rabbitmqCredentials \"(given)\": needs profile 'hardened'"],
    ['credentials with a missing key', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: 'a' } } }),
      'c/s: invalid rabbitmqCredentials.values ["username"]: must set exactly these keys: username, password'],
    ['a password on two lines', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: 'a', password: 'b\nc' } } }),
      'c/s: invalid rabbitmqCredentials.values.password "(hidden)": must be a non-empty string on one line'],
    ['a MySQL password the scripts cannot pass', () => new ReplicatedMysql(chart(), 'm', { profile: 'hardened', rootPassword: { values: { password: "it's" } } }),
      'c/m/statefulset: invalid rootPassword.values.password "(hidden)": must not hold quotes'],
    ['an unknown profile', () => new HubbleUi(chart(), 'h', { profile: 'strict' as any }), "c/h: invalid profile \"strict\": must be one of 'workshop', 'hardened'"],
    ['a reference app image by tag prefix latest', () => new PrometheusReferenceApp(chart(), 'r', { profile: 'hardened', images: { golang: 'example.io/ref:latest' } }),
      'c/r: invalid images.golang "example.io/ref:latest"'],
  ])('%s', (_what, build, message) => {
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  test('pinned by digest is fine', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const objects = synthObjects((scope) => new CurlClient(scope, 'c', { profile: 'hardened', image: `curlimages/curl@${digest}` }));
    expect(objects[0].spec.template.spec.containers[0].image).toBe(`curlimages/curl@${digest}`);
  });
});
