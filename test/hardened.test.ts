import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import {
  addSection,
  AksStore,
  checkClaims,
  ConnectivityModel,
  CurlClient,
  describeUnheldSecret,
  EDITIONS,
  endStateClaims,
  HubbleUi,
  InvalidPropError,
  KeyVaultSecretSync,
  ManifestFile,
  Profile,
  PrometheusReferenceApp,
  ReplicatedMysql,
  SECURE_STORE_SECTION,
  STORAGE_SECTION,
  synthesizeManifests,
  synthesizeWorkshop,
  unheldSecrets,
  WORKSHOP_EDITIONS,
  WORKSHOP_SECTIONS,
  WorkshopSettings,
} from '../src';
import { levelOf, meets, podTemplates } from './support/pod-security';
import { findObject, SAMPLE_SETTINGS, synthObjects } from './support/synth';
import { tempDir } from './support/temp';

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
  test('every pod template meets restricted, MySQL included', () => {
    expect(levels(hardened)).toEqual({
      'StatefulSet pets/rabbitmq': 'restricted',
      'Deployment pets/order-service': 'restricted',
      'Deployment pets/product-service': 'restricted',
      'Deployment pets/store-front': 'restricted',
      'Deployment kube-system/hubble-ui': 'restricted',
      'Deployment default/curl-deployment': 'restricted',
      'Deployment pets/curl-pets-deployment': 'restricted',
      'StatefulSet default/mysql': 'restricted',
      'Pod default/sample-workload-identity': 'restricted',
      'Pod default/sample-workload-identity-key-vault': 'restricted',
      'Deployment default/prometheus-reference-app': 'restricted',
    });
  });

  test('MySQL runs as one user of its own, and every mysql client names root, which it would otherwise take from that user', () => {
    const mysql = findObject(allObjects(hardened), 'StatefulSet', 'mysql').spec.template.spec;
    expect(mysql.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10010, runAsGroup: 10010, fsGroup: 10010, seccompProfile: { type: 'RuntimeDefault' } });
    const scripts = [...mysql.initContainers, ...mysql.containers].flatMap((c: any) => [...c.command ?? [], ...c.readinessProbe?.exec?.command ?? []]).join('\n');
    const clients = scripts.split('\n').filter((line: string) => /(^|[\s"])mysql -h/.test(line));
    expect(clients.length).toBeGreaterThanOrEqual(3);
    for (const line of clients) expect(line).toMatch(/mysql -h 127\.0\.0\.1 -u ?root/);
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

  test('every container has requests and limits for CPU, memory and ephemeral storage', () => {
    for (const c of containers) {
      expect([c.owner, c.name, Object.keys(c.resources?.requests ?? {}).sort(), Object.keys(c.resources?.limits ?? {}).sort()])
        .toEqual([c.owner, c.name, ['cpu', 'ephemeral-storage', 'memory'], ['cpu', 'ephemeral-storage', 'memory']]);
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
    expect(findObject(objects, 'Deployment', 'curl-deployment').spec.template.spec.containers[0].image).toBe(`curlimages/curl@${digest}`);
  });
});

const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const KEY_VAULT_SETTINGS: WorkshopSettings = { ...SAMPLE_SETTINGS, tenantId: TENANT_ID, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/' };

describe('the hardened profile: credentials from Azure Key Vault', () => {
  const files = synthAll('hardened', KEY_VAULT_SETTINGS);

  test('with AZURE_TENANT_ID, USER_ASSIGNED_CLIENT_ID and AKV_URL, each workload that reads credentials gets a SecretProviderClass of its own, synced with its ServiceAccount', () => {
    const store = files.find((f) => f.fileName === '01-store.k8s.yaml')!.objects;
    expect(findObject(store, 'SecretProviderClass', 'rabbitmq-key-vault')).toEqual({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1',
      kind: 'SecretProviderClass',
      metadata: { name: 'rabbitmq-key-vault', namespace: 'pets' },
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: SAMPLE_SETTINGS.userAssignedClientId,
          keyvaultName: 'kv-akslabs-42',
          tenantID: TENANT_ID,
          objects: 'array:\n  - |\n    objectName: "rabbitmq-username"\n    objectType: secret\n    objectAlias: "username"\n'
            + '  - |\n    objectName: "rabbitmq-password"\n    objectType: secret\n    objectAlias: "password"\n',
        },
        secretObjects: [{ secretName: 'rabbitmq-credentials', type: 'Opaque', data: [{ objectName: 'username', key: 'username' }, { objectName: 'password', key: 'password' }] }],
      },
    });
    const orders = findObject(store, 'Deployment', 'order-service').spec.template.spec;
    expect(orders.serviceAccountName).toBe('order-service');
    expect(orders.volumes).toContainEqual({ name: 'key-vault-secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'order-service-key-vault' } } });
    expect(orders.containers[0].volumeMounts).toContainEqual({ name: 'key-vault-secrets', mountPath: '/mnt/secrets-store', readOnly: true });
    const mysql = files.find((f) => f.fileName === '04-storage.k8s.yaml')!.objects;
    expect(findObject(mysql, 'SecretProviderClass', 'mysql-key-vault').spec.secretObjects).toEqual([{ secretName: 'mysql-root', type: 'Opaque', data: [{ objectName: 'password', key: 'password' }] }]);
    expect(allObjects(files).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('the Advanced AKS store reads its own vault (KEYVAULT_URL)', () => {
    const app = new App({ outdir: 'unused' });
    for (const section of EDITIONS['advanced-aks'].sections) addSection(app, section, { settings: KEY_VAULT_SETTINGS, profile: 'hardened' }, EDITIONS['advanced-aks'].folder);
    const store = synthesizeManifests(app).find((f) => f.fileName === 'advanced-aks/01-store.k8s.yaml')!.objects;
    expect(findObject(store, 'SecretProviderClass', 'rabbitmq-key-vault').spec.parameters.keyvaultName).toBe('kv-advanced-7');
  });

  test('values given (RABBITMQ_*, MYSQL_ROOT_PASSWORD) are the explicit request for a plain Secret, and win over Key Vault', () => {
    const plain = synthAll('hardened', { ...KEY_VAULT_SETTINGS, mysqlRootPassword: 'r00t-pw' });
    const storage = plain.find((f) => f.fileName === '04-storage.k8s.yaml')!.objects;
    expect(storage.filter((o: any) => ['Secret', 'SecretProviderClass'].includes(o.kind)).map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/mysql-root']);
  });

  test.each([
    ['a tenant that is not a GUID', { tenantId: 'contoso' }, 'c/s: invalid rabbitmqCredentials.keyVault.tenantId "contoso": must be a GUID'],
    ['a vault URL of another domain', { keyVaultUrl: 'https://kv.example.com/' }, 'c/s: invalid rabbitmqCredentials.keyVault.keyVaultUrl "https://kv.example.com/": must be https://<vault-name>.vault.azure.net/'],
    ['a secret name for a key the Secret does not have', { secretNames: { pass: 'x' } }, 'c/s: invalid rabbitmqCredentials.keyVault.secretNames "pass": must name a key of the Secret: username, password'],
    ['a Key Vault secret name with a dot', { secretNames: { password: 'rabbit.pw' } }, 'invalid rabbitmqCredentials.keyVault.secretNames.password "rabbit.pw": must be a Key Vault secret name'],
    ['a misspelt field', { tenantID: TENANT_ID }, 'c/s: invalid rabbitmqCredentials.keyVault "tenantID": must name a field of a Key Vault source'],
  ])('refuses %s', (_what, change, message) => {
    const keyVault = { keyVaultUrl: 'https://kv-akslabs-42.vault.azure.net/', tenantId: TENANT_ID, clientId: SAMPLE_SETTINGS.userAssignedClientId!, ...change } as any;
    const build = () => new AksStore(new Chart(new App(), 'c'), 's', { profile: 'hardened', rabbitmqCredentials: { keyVault } });
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  test('refuses values and keyVault together, showing no value', () => {
    const keyVault = { keyVaultUrl: 'https://kv-akslabs-42.vault.azure.net/', tenantId: TENANT_ID, clientId: SAMPLE_SETTINGS.userAssignedClientId! };
    const build = () => new ReplicatedMysql(new Chart(new App(), 'c'), 'm', { profile: 'hardened', rootPassword: { keyVault, values: { password: 'hunter2-secret' } } });
    expect(build).toThrow('invalid rootPassword "(hidden)": must give keyVault or values, not both');
    expect(() => build()).not.toThrow(/hunter2/);
  });

  test('KeyVaultSecretSync refuses a Secret key that cannot be a file name', () => {
    const keyVault = { keyVaultUrl: 'https://kv-akslabs-42.vault.azure.net/', tenantId: TENANT_ID, clientId: SAMPLE_SETTINGS.userAssignedClientId!, secretNames: {} };
    expect(() => new KeyVaultSecretSync(new Chart(new App(), 'c'), 'k', { name: 'app-key-vault', namespace: 'shop', secretName: 'app', keys: ['a/b'], keyVault }))
      .toThrow('c/k: invalid keys ["a/b"]: must list the Secret\'s keys');
  });

  // Kubernetes' IsConfigMapKey (k8s.io/apimachinery/pkg/util/validation, hasChDirPrefix) refuses '.' and keys starting with '..'.
  test.each(['.', '..data'])('KeyVaultSecretSync refuses the Secret key %j, as the API server does', (key) => {
    const keyVault = { keyVaultUrl: 'https://kv-akslabs-42.vault.azure.net/', tenantId: TENANT_ID, clientId: SAMPLE_SETTINGS.userAssignedClientId!, secretNames: { [key]: 'x' } };
    expect(() => new KeyVaultSecretSync(new Chart(new App(), 'c'), 'k', { name: 'app-key-vault', namespace: 'shop', secretName: 'app', keys: [key], keyVault }))
      .toThrow(`c/k: invalid keys ["${key}"]: must list the Secret's keys`);
  });
});

describe('the hardened synth names every Secret a bundle reads and does not hold, with the command that creates it', () => {
  const run = (settings: WorkshopSettings, edition: 'deep-dives' | 'advanced-aks' = 'deep-dives') => synthesizeWorkshop({
    outdir: path.join(tempDir('aks-labs-hardened-'), 'dist'), profile: 'hardened', settings, workshop: edition,
  }).warnings;

  test('without Key Vault settings: the store\'s and MySQL\'s Secrets, and the Hubble Relay certificates ACNS creates', () => {
    expect(run(SAMPLE_SETTINGS)).toEqual([
      '01-store.k8s.yaml, 03-mesh.k8s.yaml, 08-secure-store.k8s.yaml read Secret pets/rabbitmq-credentials (keys password, username), which they do not hold: create it before applying: '
      + 'kubectl create secret generic rabbitmq-credentials -n pets --from-literal=password=<password> --from-literal=username=<username> '
      + '(or, in the hardened profile, have it synced from Azure Key Vault: set AZURE_TENANT_ID with USER_ASSIGNED_CLIENT_ID and the vault URI, AKV_URL or KEYVAULT_URL)',
      '02-networking.k8s.yaml, steps/02-networking.step5-hubble-ui.k8s.yaml, 08-secure-store.k8s.yaml read Secret kube-system/hubble-relay-client-certs (keys ca.crt, tls.crt, tls.key), '
      + 'which they do not hold: Advanced Container Networking Services creates it when Hubble is enabled (kubectl get secret -n kube-system hubble-relay-client-certs); '
      + 'without it, create it: kubectl create secret generic hubble-relay-client-certs -n kube-system --from-file=ca.crt=<file> --from-file=tls.crt=<file> --from-file=tls.key=<file>',
      '04-storage.k8s.yaml, steps/04-storage.step3-mysql-statefulset.k8s.yaml read Secret default/mysql-root (keys password), which they do not hold: create it before applying: '
      + 'kubectl create secret generic mysql-root -n default --from-literal=password=<password> '
      + '(or, in the hardened profile, have it synced from Azure Key Vault: set AZURE_TENANT_ID with USER_ASSIGNED_CLIENT_ID and the vault URI, AKV_URL or KEYVAULT_URL)',
    ]);
  });

  test('with Key Vault settings, or the values given, only the platform\'s Secret is left; never a value', () => {
    const platformOnly = (warnings: readonly string[]) => warnings.map((w) => w.replace(/ read Secret .*/, ''));
    expect(platformOnly(run(KEY_VAULT_SETTINGS))).toEqual(['02-networking.k8s.yaml, steps/02-networking.step5-hubble-ui.k8s.yaml, 08-secure-store.k8s.yaml']);
    const withValues = run({ ...SAMPLE_SETTINGS, rabbitmqUsername: 'shop', rabbitmqPassword: 'p4ss-w0rd-x', mysqlRootPassword: 'r00t-pw-x' });
    expect(platformOnly(withValues)).toEqual(['02-networking.k8s.yaml, steps/02-networking.step5-hubble-ui.k8s.yaml, 08-secure-store.k8s.yaml']);
    expect(withValues.join('\n')).not.toMatch(/p4ss|r00t/);
    expect(run(SAMPLE_SETTINGS, 'advanced-aks').map((w) => w.replace(/ \(keys.*/, ''))).toEqual([
      'advanced-aks/01-store.k8s.yaml, advanced-aks/02-mesh.k8s.yaml read Secret aks-store/rabbitmq-credentials',
    ]);
  });

  test('the workshop profile warns of none', () => {
    expect(synthesizeWorkshop({ outdir: path.join(tempDir('aks-labs-hardened-'), 'dist'), settings: SAMPLE_SETTINGS }).warnings).toEqual([]);
  });

  test('a whole-Secret reference and an image pull Secret get commands too', () => {
    const file = (objects: any[]): ManifestFile => ({ fileName: 'x.k8s.yaml', objects, yaml: '' });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: { imagePullSecrets: [{ name: 'acr' }], containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'app' } }] }] } };
    expect(unheldSecrets([file([pod])]).map(describeUnheldSecret).map((w) => w.replace(/ \(or, in .*/, ''))).toEqual([
      'x.k8s.yaml reads Secret shop/app, which it does not hold: create it before applying: kubectl create secret generic app -n shop --from-literal=<key>=<key>',
      'x.k8s.yaml reads Secret shop/acr (keys .dockerconfigjson), which it does not hold: create it before applying: kubectl create secret docker-registry acr -n shop --docker-server=<registry> --docker-username=<user> --docker-password=<password>',
    ]);
    expect(unheldSecrets([file([pod, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app', namespace: 'shop' } }])]).map((s) => s.name)).toEqual(['acr']);
  });
});

describe('the hardened bundles keep the claims the workshop ships', () => {
  test('every section\'s hardened claims hold on its hardened bundle (the store section\'s open-network checks come out blocked, as its hardened claims say)', () => {
    const failed: string[] = [];
    for (const edition of WORKSHOP_EDITIONS) {
      const app = new App({ outdir: 'unused' });
      for (const section of EDITIONS[edition].sections) addSection(app, section, { settings: KEY_VAULT_SETTINGS, profile: 'hardened' }, EDITIONS[edition].folder);
      const built = synthesizeManifests(app);
      const bundle = (id: string) => built.find((f) => f.fileName === `${EDITIONS[edition].folder}${id}.k8s.yaml`)!.objects;
      for (const section of EDITIONS[edition].sections.filter((s) => s.claims !== undefined)) {
        const objects = [...(section.claims!.after ?? []).flatMap(bundle), ...bundle(section.id)];
        for (const result of checkClaims(ConnectivityModel.fromObjects(objects), endStateClaims(section.claims!, 'hardened'))) {
          if (!result.holds) failed.push(`${edition} ${section.id}: ${result.claim.id}`);
        }
      }
    }
    expect(failed).toEqual([]);
  });

  test("the member cluster's hardened end state (dist/ through its kustomization.yaml) keeps the secure store's and the storage section's claims", () => {
    const outdir = path.join(tempDir('aks-labs-hardened-'), 'dist');
    synthesizeWorkshop({ outdir, profile: 'hardened', settings: KEY_VAULT_SETTINGS });
    const claims = [...SECURE_STORE_SECTION.claims!.endState, ...STORAGE_SECTION.claims!.endState];
    const results = checkClaims(ConnectivityModel.fromPaths([outdir]), claims);
    expect(results.filter((r) => !r.holds).map((r) => r.claim.id)).toEqual([]);
  });
});

describe('hardened read-only root file systems', () => {
  test('MySQL can be told its images write elsewhere: readOnlyRootFilesystem false drops the scratch folders', () => {
    const objects = synthObjects((scope) => new ReplicatedMysql(scope, 'm', { profile: 'hardened', readOnlyRootFilesystem: false }));
    const spec = findObject(objects, 'StatefulSet', 'mysql').spec.template.spec;
    expect(spec.containers.map((c: any) => c.securityContext.readOnlyRootFilesystem)).toEqual([false, false]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['conf', 'config-map']);
    expect(() => new ReplicatedMysql(new Chart(new App(), 'c'), 'm', { readOnlyRootFilesystem: true }))
      .toThrow("c/m/statefulset: invalid readOnlyRootFilesystem true: needs profile 'hardened'");
  });

  test('an ephemeral-storage limit too small for the folders a container writes is refused', () => {
    const build = () => new AksStore(new Chart(new App(), 'c'), 's', {
      profile: 'hardened', resources: { rabbitmq: { ephemeralStorage: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } } },
    });
    expect(build).toThrow('c/s: invalid resources.rabbitmq.ephemeralStorage.limit "256Mi": must be at least 562Mi: the container\'s emptyDir folders (/var/lib/rabbitmq 512Mi) and 50Mi of logs count towards it');
  });
});
