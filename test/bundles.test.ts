import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { addSection, ADVANCED_AKS_SECTIONS, EDITIONS, Profile, synthesizeManifests, WORKSHOP_EDITIONS, WORKSHOP_SECTIONS, WorkshopSection } from '../src';
import { objectKey } from './support/fidelity';
import { validateObject } from './support/schema';
import { HAS_SHARED } from './support/shared';
import { SAMPLE_SETTINGS } from './support/synth';
import { clusterFolder } from '../src/workshop/section';

function synthAll(profile: Profile = 'workshop') {
  const app = new App({ outdir: 'unused' });
  for (const section of WORKSHOP_SECTIONS) addSection(app, section, { settings: SAMPLE_SETTINGS, profile });
  return synthesizeManifests(app);
}

const files = synthAll();

function synthAdvanced(profile: Profile) {
  const app = new App({ outdir: 'unused' });
  const settings = { ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/' };
  for (const section of ADVANCED_AKS_SECTIONS) addSection(app, section, { settings, profile }, EDITIONS['advanced-aks'].folder);
  return synthesizeManifests(app);
}

describe('the registry of editions and sections', () => {
  test.each(WORKSHOP_EDITIONS.map((e) => [e]))('%s: its sections hang together', (edition) => {
    const sections = EDITIONS[edition].sections;
    const ids = sections.map((s) => s.id);
    expect(ids).toEqual([...new Set(ids)]);
    const problems = sections.flatMap((section) => {
      const stepIds = (section.steps ?? []).map((step) => step.id);
      return [
        ...[...(section.leftOutWith ?? []), ...(section.claims?.after ?? [])]
          .filter((id) => id === section.id || !ids.includes(id)).map((id) => `${section.id} names ${id}, which is not another section of ${edition}`),
        ...stepIds.filter((id, i) => stepIds.indexOf(id) !== i).map((id) => `${section.id} has two steps ${id}`),
        ...Object.keys(section.claims?.steps ?? {}).filter((id) => !stepIds.includes(id)).map((id) => `${section.id} has claims for a step ${id} it does not have`),
      ];
    });
    expect(problems).toEqual([]);
  });

  test('each edition has a folder of its own', () => {
    const folders = WORKSHOP_EDITIONS.map((e) => EDITIONS[e].folder);
    expect(folders.filter((f) => f !== '' && !/^[a-z0-9-]+\/$/.test(f))).toEqual([]);
    expect(folders).toEqual([...new Set(folders)]);
    expect(WORKSHOP_EDITIONS.map((e) => EDITIONS[e].id)).toEqual(WORKSHOP_EDITIONS);
  });
});

describe('Advanced AKS bundles', () => {
  test.each(synthAdvanced('workshop').map((f) => [f.fileName, f] as const))('%s matches its reviewed snapshot', (_name, file) => {
    expect(file.yaml).toMatchSnapshot();
  });

  test.each(synthAdvanced('hardened').map((f) => [f.fileName, f] as const))('%s (hardened profile) matches its reviewed snapshot', (_name, file) => {
    expect(file.yaml).toMatchSnapshot();
  });

  test('docs/workshop.md lists every bundle file', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', 'docs', 'workshop.md'), 'utf8');
    for (const file of synthAdvanced('workshop')) expect(page).toContain(`\`dist/${file.fileName}\``);
  });
});

describe('workshop bundles', () => {
  test('every section writes its bundle, and step files are named after it', () => {
    const names = files.map((f) => f.fileName);
    const folder = (s: WorkshopSection) => clusterFolder(s.cluster ?? 'member');
    for (const section of WORKSHOP_SECTIONS) {
      expect(names).toContain(`${folder(section)}${section.id}.k8s.yaml`);
    }
    for (const name of names) {
      expect(WORKSHOP_SECTIONS.some((s) => name === `${folder(s)}${s.id}.k8s.yaml` || name.startsWith(`${folder(s)}steps/${s.id}.`))).toBe(true);
    }
  });

  test.each(files.map((f) => [f.fileName, f] as const))('%s matches its reviewed snapshot', (_name, file) => {
    expect(file.yaml).toMatchSnapshot();
  });

  test.each(synthAll('hardened').map((f) => [f.fileName, f] as const))('%s (hardened profile) matches its reviewed snapshot', (_name, file) => {
    expect(file.yaml).toMatchSnapshot();
  });

  test('synthesis is deterministic', () => {
    expect(synthAll().map((f) => f.yaml)).toEqual(files.map((f) => f.yaml));
  });

  test('no bundle holds the same object twice', () => {
    for (const file of files) {
      const keys = file.objects.map((o) => objectKey(o));
      expect(keys).toEqual([...new Set(keys)]);
    }
  });

  test('docs/workshop.md lists every bundle file', () => {
    const page = fs.readFileSync(path.join(__dirname, '..', 'docs', 'workshop.md'), 'utf8');
    for (const file of files) expect(page).toContain(`\`dist/${file.fileName}\``);
  });
});

describe('schema validation', () => {
  const objects = files.flatMap((f) => f.objects.map((o) => [`${f.fileName}: ${o.kind} ${o.metadata?.name}`, o] as const));
  const builtIn = objects.filter(([, o]) => !o.apiVersion.includes('.') || o.apiVersion.includes('.k8s.io/'));
  const custom = objects.filter((entry) => !builtIn.includes(entry));

  test.each(builtIn)('%s is a valid Kubernetes 1.30 object', (_name, object) => {
    expect(validateObject(object).errors).toEqual([]);
  });

  if (custom.length > 0) {
    (HAS_SHARED ? test.each(custom) : test.skip.each(custom))('%s validates against its CRD schema', (_name, object) => {
      const result = validateObject(object);
      expect(result.schema).toBeDefined();
      expect(result.errors).toEqual([]);
    });
  }

  test('the validator rejects a broken object', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } };
    expect(validateObject(broken).errors).toContainEqual(expect.stringContaining('/spec/replicas must be integer'));
  });
});
