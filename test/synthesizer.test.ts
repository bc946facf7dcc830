import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { addSection, AksStore, CurlClient, synthesizeCharts, synthesizeManifests, synthesizeWorkshop, WORKSHOP_SECTIONS, WorkshopSection, writeManifests } from '../src';
import { parseYamlDocuments } from './support/shared';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';


function configMapSection(id: string, names: string[]): WorkshopSection {
  return {
    id,
    title: id,
    build: (scope, chartId) => {
      const chart = new Chart(scope, chartId);
      for (const name of names) new ApiObject(chart, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
      return chart;
    },
  };
}

describe('synthesizeManifests', () => {
  test('renders the same objects as cdk8s App.synthYaml, chart by chart', () => {
    const app = new App({ outdir: 'unused' });
    for (const section of WORKSHOP_SECTIONS) addSection(app, section, { settings: SAMPLE_SETTINGS, profile: 'workshop' });
    const nested = new Chart(app, 'outer');
    new ApiObject(nested, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    new ApiObject(new Chart(nested, 'inner'), 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });

    const ours = synthesizeManifests(app);
    const stock = parseYamlDocuments(app.synthYaml());
    expect(ours.flatMap((f) => f.objects)).toEqual(expect.arrayContaining(stock));
    expect(ours.flatMap((f) => f.objects)).toHaveLength(stock.length);
    expect(ours.find((f) => f.fileName === 'outer.k8s.yaml')!.objects.map((o) => o.metadata.name)).toEqual(['a']);
    expect(ours.find((f) => f.fileName === 'inner.k8s.yaml')!.objects.map((o) => o.metadata.name)).toEqual(['b']);
  });

  test('reports construct validation errors with their paths', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    chart.node.addValidation({ validate: () => ['something is off'] });
    expect(() => synthesizeManifests(app)).toThrow('[c] something is off');
  });

  test('refuses two charts that would write the same file', () => {
    const app = new App({ outdir: 'unused' });
    new Chart(new Chart(app, 'a'), 'x');
    new Chart(new Chart(app, 'b'), 'x');
    expect(() => synthesizeManifests(app)).toThrow('two charts would be written to x.k8s.yaml');
  });
});

describe('synthesizeCharts, chart by chart', () => {
  const storesApp = (count: number) => {
    const app = new App({ outdir: 'unused' });
    for (let i = 0; i < count; i++) new AksStore(new Chart(app, `tenant-${i}`), 'store', { namespace: `tenant-${i}` });
    return app;
  };

  test('gives the files of synthesizeManifests, one chart at a time, and writeManifests writes them as they come', () => {
    const expected = synthesizeManifests(storesApp(3));
    const charts = synthesizeCharts(storesApp(3));
    const first = charts.next();
    expect(first.done).toBe(false);
    expect((first.value as any).yaml).toBe(expected[0].yaml);
    const dir = path.join(tempDir(), 'dist');
    writeManifests(dir, synthesizeCharts(storesApp(3)));
    expect(outputFiles(dir)).toEqual(expected.map((f) => f.fileName));
    expect(fs.readFileSync(path.join(dir, 'tenant-2.k8s.yaml'), 'utf8')).toBe(expected[2].yaml);
  });

  test('a schema problem in the last chart fails the write after staging, leaving the old folder as it was', () => {
    const dir = path.join(tempDir(), 'dist');
    writeManifests(dir, synthesizeManifests(storesApp(2)));
    const before = outputFiles(dir);
    const app = storesApp(2);
    new ApiObject(new Chart(app, 'zz-bad'), 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, data: { n: 1 } as any });
    expect(() => writeManifests(dir, synthesizeCharts(app))).toThrow(/left as it was: 1 problem where synthesized objects do not match their schemas:\n  \[zz-bad\/bad\] ConfigMap bad: \/data\/n must be string/);
    expect(outputFiles(dir)).toEqual(before);
  });
});

describe('synthesizeWorkshop', () => {
  test('writes one file per chart and replaces what was there', () => {
    const outdir = path.join(tempDir(), 'dist');
    synthesizeWorkshop({ outdir, sections: [configMapSection('00-stale', ['old'])] });
    expect(outputFiles(outdir)).toEqual(['00-stale.k8s.yaml', 'kustomization.yaml']);
    synthesizeWorkshop({ outdir, sections: [configMapSection('01-a', ['one', 'two'])] });
    expect(outputFiles(outdir)).toEqual(['01-a.k8s.yaml', 'kustomization.yaml']);
    expect(fs.readFileSync(path.join(outdir, '01-a.k8s.yaml'), 'utf8')).toBe(
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n');
  });

  test.each([
    ['a construct throws', { id: '02-bad', title: '', build: () => { throw new Error('bad prop'); } } as WorkshopSection, 'bad prop'],
    ['validation fails', {
      id: '02-bad',
      title: '',
      build: (scope, id) => {
        const chart = new Chart(scope, id);
        chart.node.addValidation({ validate: () => ['invalid'] });
        return chart;
      },
    } as WorkshopSection, 'invalid'],
  ])('leaves the previous output untouched when %s', (_what, bad, message) => {
    const outdir = path.join(tempDir(), 'dist');
    synthesizeWorkshop({ outdir, sections: [configMapSection('01-a', ['one'])] });
    const before = fs.readFileSync(path.join(outdir, '01-a.k8s.yaml'), 'utf8');
    expect(() => synthesizeWorkshop({ outdir, sections: [configMapSection('01-a', ['changed']), bad] })).toThrow(message);
    expect(outputFiles(outdir)).toEqual(['01-a.k8s.yaml', 'kustomization.yaml']);
    expect(fs.readFileSync(path.join(outdir, '01-a.k8s.yaml'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['dist']);
  });
});

describe('synthesizeManifests refuses objects that would replace each other', () => {
  test('two AksStores in one chart: the same objects twice, naming both construct paths', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new AksStore(chart, 'one');
    new AksStore(chart, 'two');
    expect(() => synthesizeManifests(app)).toThrow("chart 'c' defines Namespace pets twice: at c/one/namespace and at c/two/namespace; the second would replace the first");
  });

  test('the same name in another namespace, or of another kind, is fine', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'a' } });
    new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'b' } });
    new ApiObject(chart, 'c', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'a' } });
    expect(synthesizeManifests(app)[0].objects).toHaveLength(3);
  });

  test('two versions of one kind are the same object', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'a', { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g', namespace: 'a' }, spec: {} });
    new ApiObject(chart, 'b', { apiVersion: 'networking.istio.io/v1beta1', kind: 'Gateway', metadata: { name: 'g', namespace: 'a' }, spec: {} });
    expect(() => synthesizeManifests(app)).toThrow("chart 'c' defines Gateway a/g twice: at c/a and at c/b");
  });

  test("two curl clients in one namespace select each other's pods", () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new CurlClient(chart, 'one', { name: 'curl-one' });
    new CurlClient(chart, 'two', { name: 'curl-two' });
    expect(() => synthesizeManifests(app)).toThrow(
      "chart 'c': Deployment curl-one (c/one/deployment) selects the pods of Deployment curl-two (c/two/deployment) with {\"app\":\"curl\"}; the two would take over each other's pods");
  });

  test('with pod labels of their own, or in other namespaces, they are fine', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new CurlClient(chart, 'one', { name: 'curl-one' });
    new CurlClient(chart, 'two', { name: 'curl-two', podLabels: { app: 'curl-two' } });
    new CurlClient(chart, 'three', { name: 'curl-one', namespace: 'other' });
    expect(synthesizeManifests(app)[0].objects).toHaveLength(3);
  });
});
