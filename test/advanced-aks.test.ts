import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import {
  addSection,
  ADVANCED_AKS_FLEET_SECTION,
  ADVANCED_AKS_IDENTITY_SECTION,
  ADVANCED_AKS_MESH_SECTION,
  ADVANCED_AKS_SECTIONS,
  ADVANCED_AKS_STORE_SECTION,
  checkClaims,
  ConnectivityModel,
  EDITIONS,
  InvalidSettingError,
  readWorkshopSettings,
  synthesizeManifests,
  synthesizeWorkshop,
} from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared, loadUpstream } from './support/shared';
import { SAMPLE_SETTINGS, synthSection } from './support/synth';
import { outputFiles, tempDir } from './support/temp';
import { inlineObject, workshopInlineManifests } from './support/workshop';
import { runCli } from '../src/cli/run';
import { ADVANCED_AKS_PERMISSIVE_CLAIMS } from '../src/workshop/advanced-aks/02-mesh/claims';
import { clusterFolder } from '../src/workshop/section';

const TEXT = 'advanced-aks-day2-operations.md';
const SETTINGS = { ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/', keyVaultSecretName: 'my-secret' };
const file = (section: typeof ADVANCED_AKS_STORE_SECTION, name = `${section.id}.k8s.yaml`) => {
  const found = synthSection(section, SETTINGS).find((f) => f.fileName.endsWith(name));
  if (!found) throw new Error(`no ${name}`);
  return found.objects;
};
/** An object the text applies inline, in the namespace kubectl puts it in (`-n`, else `default`). */
const inline = (kind: string, name: string) => {
  const { object, kubectlNamespace } = inlineObject(TEXT, kind, name);
  if (kind === 'ClusterResourcePlacement' || object.metadata.namespace !== undefined) return object;
  return { ...object, metadata: { ...object.metadata, namespace: kubectlNamespace ?? 'default' } };
};

describeWithShared('the Advanced AKS bundles equal that workshop text and its files', () => {
  test('the store equals the quickstart applied with -n aks-store, plus the namespace', () => {
    const diffs = compareManifests(file(ADVANCED_AKS_STORE_SECTION), loadUpstream('aks-store-quickstart.workshop-era-afe11f4.yaml'), { namespace: 'aks-store' });
    expect(diffs.map((d) => `${d.type} ${d.object}`)).toEqual(['extra v1/Namespace//aks-store']);
  });

  test('the mesh bundle holds the curl client and the PeerAuthentication as the text writes them', () => {
    const mesh = file(ADVANCED_AKS_MESH_SECTION);
    const expected = [
      inline('Deployment', 'curl-deployment'),
      inline('PeerAuthentication', 'aks-store-default'),
    ];
    const ours = mesh.filter((o) => expected.some((e) => e.kind === o.kind && e.metadata.name === o.metadata.name));
    expect(compareManifests(ours, expected)).toEqual([]);
    expect(mesh.find((o) => o.kind === 'Namespace').metadata.labels).toEqual({ 'istio.io/rev': 'asm-1-22' });
    expect(mesh.filter((o) => o.kind === 'Deployment' && o.metadata.name.startsWith('curl'))).toHaveLength(1);
  });

  test("the step file is the text's Gateway and VirtualService exactly, the Gateway placed in default where kubectl puts it", () => {
    const step = file(ADVANCED_AKS_MESH_SECTION, 'steps/02-mesh.step1-workshop-ingress.k8s.yaml');
    const theirs = [inline('Gateway', 'aks-store-gateway-external'), inline('VirtualService', 'store-front-external')];
    expect(compareManifests(step, theirs)).toEqual([]);
  });

  test('the working ingress differs from the text only as the README lists', () => {
    const mesh = file(ADVANCED_AKS_MESH_SECTION).filter((o) => o.kind === 'Gateway' || o.kind === 'VirtualService');
    const theirs = [inline('Gateway', 'aks-store-gateway-external'), inline('VirtualService', 'store-front-external')]
      .map((o) => ({ ...o, apiVersion: 'networking.istio.io/v1', metadata: { ...o.metadata, namespace: 'aks-store' } }));
    expect(compareManifests(mesh, theirs).map((d) => `${d.type} ${d.object.split('/').pop()} ${d.path}`)).toEqual([
      'changed store-front-external spec.hosts[0]',
      'changed store-front-external spec.gateways[0]',
    ]);
    const vs = mesh.find((o) => o.kind === 'VirtualService');
    expect([vs.spec.hosts, vs.spec.gateways]).toEqual([['*'], ['aks-store/aks-store-gateway-external']]);
  });

  test('identity: the ServiceAccount and the two pods of the text, with KEYVAULT_URL and KEYVAULT_SECRET_NAME', () => {
    const vars: Record<string, string> = {
      USER_ASSIGNED_CLIENT_ID: SETTINGS.userAssignedClientId!,
      SERVICE_ACCOUNT_NAMESPACE: 'default',
      SERVICE_ACCOUNT_NAME: 'workload-identity-sa',
      KEYVAULT_URL: SETTINGS.advancedAksKeyVaultUrl,
      KEYVAULT_SECRET_NAME: 'my-secret',
    };
    const theirs = workshopInlineManifests(TEXT).map((m) => m.object)
      .filter((o) => o.kind === 'ServiceAccount' || (o.kind === 'Pod' && String(o.metadata.name).startsWith('sample-workload-identity')))
      .map((o) => JSON.parse(JSON.stringify(o).replace(/\$\{([A-Z_]+)\}/g, (whole, name) => vars[name] ?? whole)));
    expect(theirs).toHaveLength(3);
    expect(compareManifests(file(ADVANCED_AKS_IDENTITY_SECTION), theirs)).toEqual([]);
  });

  test('fleet: namespace my-fleet-ns-example placed by my-lab-crp', () => {
    const objects = file(ADVANCED_AKS_FLEET_SECTION, 'fleet-hub/04-fleet.k8s.yaml');
    expect(compareManifests(objects, [inline('ClusterResourcePlacement', 'my-lab-crp')]).map((d) => `${d.type} ${d.object}`))
      .toEqual(['extra v1/Namespace//my-fleet-ns-example']);
  });
});

describe("the Advanced AKS edition's claims", () => {
  const mesh = file(ADVANCED_AKS_MESH_SECTION);
  const step = file(ADVANCED_AKS_MESH_SECTION, 'steps/02-mesh.step1-workshop-ingress.k8s.yaml');

  test("fail on the text's own ingress, for both of its defects", () => {
    const [result] = checkClaims(ConnectivityModel.fromObjects([...mesh, ...step]), ADVANCED_AKS_MESH_SECTION.claims!.steps!['step1-workshop-ingress']);
    expect(result.holds).toBe(false);
    const texts = result.reasons.map((r) => r.text).join('\n');
    expect(texts).toContain('do not match Host 203.0.113.10: 404');
    expect(texts).toContain('write default/aks-store-gateway-external');
  });

  test('before the PeerAuthentication, the plaintext client is served', () => {
    const withoutStrict = mesh.filter((o) => o.kind !== 'PeerAuthentication');
    expect(checkClaims(ConnectivityModel.fromObjects(withoutStrict), ADVANCED_AKS_PERMISSIVE_CLAIMS).every((r) => r.holds)).toBe(true);
  });
});

describe('two editions in one output folder', () => {
  test("each run replaces only its own workshop's files", () => {
    const dist = path.join(tempDir('aks-labs-editions-'), 'dist');
    const inFolder = (folder: string) => outputFiles(dist).filter((f) => f.startsWith(folder));
    const notIn = (folder: string) => outputFiles(dist).filter((f) => !f.startsWith(folder));
    const advancedFolder = EDITIONS['advanced-aks'].folder;
    synthesizeWorkshop({ outdir: dist, settings: SETTINGS });
    const deep = notIn(advancedFolder);
    const deepBundle = fs.readFileSync(path.join(dist, '08-secure-store.k8s.yaml'), 'utf8');
    synthesizeWorkshop({ outdir: dist, settings: SETTINGS, workshop: 'advanced-aks' });
    const advanced = inFolder(advancedFolder);
    for (const section of ADVANCED_AKS_SECTIONS) expect(advanced).toContain(`${advancedFolder}${clusterFolder(section.cluster ?? 'member')}${section.id}.k8s.yaml`);
    expect(advanced).toEqual(expect.arrayContaining([`${advancedFolder}kustomization.yaml`, `${advancedFolder}claims/02-mesh.claims.yaml`]));
    expect(notIn(advancedFolder)).toEqual(deep);
    expect(fs.readFileSync(path.join(dist, '08-secure-store.k8s.yaml'), 'utf8')).toBe(deepBundle);
    synthesizeWorkshop({ outdir: dist, settings: SETTINGS, only: ['01-store'] });
    expect(notIn(advancedFolder)).toEqual(['01-store.k8s.yaml', 'claims/01-store.claims.yaml', 'kustomization.yaml']);
    expect(inFolder(advancedFolder)).toEqual(advanced);
    expect(fs.readFileSync(path.join(dist, 'advanced-aks', 'kustomization.yaml'), 'utf8')).toContain('  - 02-mesh.k8s.yaml\n');
  });

  test('the command takes --workshop and AKS_LABS_WORKSHOP, and refuses other names', async () => {
    const dist = path.join(tempDir('aks-labs-editions-'), 'dist');
    const run = (args: string[], env: Record<string, string> = {}) => {
      const err: string[] = [];
      return runCli(['synth', '--out', dist, ...args], { out: () => undefined, err: (t) => err.push(t), env }).then((status) => ({ status, stderr: err.join('') }));
    };
    expect((await run(['--workshop', 'advanced-aks', '--section', '02-mesh'])).status).toBe(0);
    expect(outputFiles(dist)).toContain('advanced-aks/02-mesh.k8s.yaml');
    expect((await run(['--section', '04-fleet'], { AKS_LABS_WORKSHOP: 'advanced-aks' })).status).toBe(0);
    expect(outputFiles(dist)).toContain('advanced-aks/fleet-hub/04-fleet.k8s.yaml');
    const bad = await run(['--workshop', 'advanced']);
    expect(bad).toEqual({ status: 2, stderr: expect.stringContaining('synth: --workshop must be one of deep-dives, advanced-aks, not "advanced"') });
  });
});

describe('Advanced AKS settings', () => {
  test('identity is skipped without KEYVAULT_URL, and needs it when asked for', () => {
    const dist = path.join(tempDir('aks-labs-editions-'), 'dist');
    const { skipped } = synthesizeWorkshop({ outdir: dist, workshop: 'advanced-aks', settings: { userAssignedClientId: SETTINGS.userAssignedClientId } });
    expect(skipped.map((s) => [s.section.id, s.missing.map((m) => m.variable)])).toEqual([['03-identity', ['KEYVAULT_URL']]]);
    expect(() => synthesizeWorkshop({ outdir: dist, workshop: 'advanced-aks', only: ['03-identity'], settings: {} }))
      .toThrow('section 03-identity (Workload Identity) needs settings that are not set:\n  USER_ASSIGNED_CLIENT_ID');
  });

  test.each([
    ['KEYVAULT_URL', 'https://example.com/'],
    ['KEYVAULT_SECRET_NAME', 'my_secret'],
    ['FLEET_PLACEMENT_API_VERSION', 'v2'],
  ])('%s=%s is refused', (variable, value) => {
    expect(() => readWorkshopSettings({ env: { [variable]: value } })).toThrow(InvalidSettingError);
    expect(() => readWorkshopSettings({ env: { [variable]: value } })).toThrow(`${variable}="${value}" (from the environment) is not valid`);
  });

  test('KEYVAULT_SECRET_NAME reaches the key-vault pod, FLEET_PLACEMENT_API_VERSION the placement', () => {
    const settings = { ...readWorkshopSettings({ env: { KEYVAULT_SECRET_NAME: 'db-password', FLEET_PLACEMENT_API_VERSION: 'v1' } }), ...SETTINGS, keyVaultSecretName: 'db-password' };
    const app = new App({ outdir: 'unused' });
    for (const section of ADVANCED_AKS_SECTIONS) addSection(app, section, { settings, profile: 'workshop' }, EDITIONS['advanced-aks'].folder);
    const objects = synthesizeManifests(app).flatMap((f) => f.objects);
    const pod = objects.find((o) => o.metadata.name === 'sample-workload-identity-key-vault');
    expect(pod.spec.containers[0].env).toContainEqual({ name: 'SECRET_NAME', value: 'db-password' });
    expect(objects.find((o) => o.kind === 'ClusterResourcePlacement').apiVersion).toBe('placement.kubernetes-fleet.io/v1');
  });
});
