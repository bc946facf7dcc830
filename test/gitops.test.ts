import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EDITIONS, synthesizeWorkshop } from '../src';
import { parseYamlDocuments } from './support/shared';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';
import { runCli } from '../src/cli/run';
import { clusterFolder } from '../src/workshop/section';

const dist = path.join(tempDir('aks-labs-gitops-'), 'dist');
const result = synthesizeWorkshop({ outdir: dist, settings: SAMPLE_SETTINGS });
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const SECTIONS = EDITIONS['deep-dives'].sections;

describe('output other tools take as it is', () => {
  test('every file starts a YAML document, so files joined end to end (cdk8s synth --stdout) parse', () => {
    const joined = result.files.map((f) => f.yaml).join('');
    const objects = parseYamlDocuments(joined);
    expect(objects).toHaveLength(result.files.reduce((n, f) => n + f.objects.length, 0));
    for (const f of result.files) expect(f.yaml.startsWith('---\n')).toBe(true);
    const others = outputFiles(dist).filter((f) => f.endsWith('.yaml') && !result.files.some((m) => m.fileName === f));
    expect(others).toContain('kustomization.yaml');
    expect(others).toContain('claims/08-secure-store.claims.yaml');
    for (const f of others) expect({ f, start: fs.readFileSync(path.join(dist, f), 'utf8').slice(0, 4) }).toEqual({ f, start: '---\n' });
  });

  test('step files are in steps/ and the Fleet hub bundle in fleet-hub/, so kubectl apply -f dist/ is the member end state', () => {
    const files = outputFiles(dist);
    const top = files.filter((f) => !f.includes('/'));
    expect(top.filter((f) => f.includes('.step'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('steps/')).length).toBe(SECTIONS.reduce((n, s) => n + (s.steps ?? []).length, 0));
    expect(files).toContain('fleet-hub/07-fleet.k8s.yaml');
    expect(top).not.toContain('07-fleet.k8s.yaml');
  });

  test.each([['member'], ['fleet-hub']] as const)("the %s cluster's kustomization.yaml lists each of its bundles unless a bundle it lists holds or conflicts with it", (cluster) => {
    const folder = path.join(dist, clusterFolder(cluster));
    const text = fs.readFileSync(path.join(folder, 'kustomization.yaml'), 'utf8');
    expect(text).toContain('kind: Kustomization\nresources:\n');
    const listed: string[] = parseYamlDocuments(text)[0].resources;
    const isListed = (id: string) => listed.includes(`${id}.k8s.yaml`);
    const ofCluster = SECTIONS.filter((s) => (s.cluster ?? 'member') === cluster);
    expect(ofCluster.filter((s) => isListed(s.id) === (s.leftOutWith ?? []).some(isListed)).map((s) => s.id)).toEqual([]);
    expect(listed.filter((file) => !ofCluster.some((s) => file === `${s.id}.k8s.yaml`))).toEqual([]);
    const keys = listed.flatMap((file) => parseYamlDocuments(fs.readFileSync(path.join(folder, file), 'utf8')).map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...new Set(keys)]);
  });

  (kubectl ? test : test.skip).each([['.'], ['fleet-hub']])('kubectl kustomize %s builds, with no object twice', (folder) => {
    const built = spawnSync('kubectl', ['kustomize', path.join(dist, folder)], { encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const objects = parseYamlDocuments(built.stdout);
    const keys = objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual([...new Set(keys)]);
  });

  test.each([
    [['01-store', '03-mesh'], ['01-store.k8s.yaml']],
    [['01-store', '02-networking'], ['01-store.k8s.yaml', '02-networking.k8s.yaml']],
    [['03-mesh'], ['03-mesh.k8s.yaml']],
    [['01-store', '02-networking', '03-mesh', '08-secure-store'], ['08-secure-store.k8s.yaml']],
  ])('sections %j: the kustomization lists %j, each object once', (only, listed) => {
    const out = path.join(tempDir('aks-labs-gitops-'), 'dist');
    synthesizeWorkshop({ outdir: out, only });
    expect(parseYamlDocuments(fs.readFileSync(path.join(out, 'kustomization.yaml'), 'utf8'))[0].resources).toEqual(listed);
  });

  test('construct-metadata.json is written when the cdk8s CLI asks for it, in the command\'s environment', async () => {
    const out = path.join(tempDir('aks-labs-gitops-'), 'dist');
    const env = { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' };
    expect(await runCli(['synth', '--out', out, '--section', '01-store'], { out: () => undefined, err: () => undefined, env })).toBe(0);
    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'construct-metadata.json'), 'utf8'));
    expect(metadata.version).toBe('1.0.0');
    expect(metadata.resources['store-front']).toEqual({ path: '01-store/aks-store/store-front/service' });
    synthesizeWorkshop({ outdir: out, only: ['01-store'] });
    expect(fs.existsSync(path.join(out, 'construct-metadata.json'))).toBe(false);
    synthesizeWorkshop({ outdir: out, only: ['01-store'], recordConstructMetadata: true });
    expect(fs.existsSync(path.join(out, 'construct-metadata.json'))).toBe(true);
  });
});
