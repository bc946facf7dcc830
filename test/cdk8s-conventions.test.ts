import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import {
  AksStore, CurlClient, exitCodeOf, HubbleUi, InputError, PrometheusReferenceApp, ReplicatedMysql, setManifestFile, SUPPORTED_YAML_OUTPUT_TYPES,
  synthesizeCharts, synthesizeManifests, WorkloadIdentityServiceAccount, writeManifests,
} from '../src';
import { parseYamlDocuments } from './support/shared';
import { outputFiles, tempDir } from './support/temp';
import * as manifestValidation from '../src/core/schema/manifest-validation';

/** A ConfigMap whose data holds a number: the schema wants strings. */
function badConfigMap(chart: Chart): ApiObject {
  return new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad', namespace: 'pets' }, data: { replicas: 2 } as any });
}

const SCHEMA_PROBLEM = '[c] ConfigMap pets/bad (c/bad) does not match its schema: /data/replicas must be string';
const DUPLICATE = "[c] chart 'c' defines Namespace pets twice: at c/one/namespace and at c/two/namespace; the second would replace the first when applied";

/** The files `App.synth()` writes into `outdir`. */
function stockFiles(app: App): string[] {
  app.synth();
  return outputFiles(app.outdir);
}

describe('App.synth() and Testing.synth() run the library\'s checks through cdk8s construct validation', () => {
  test('App.synth() refuses an object its schema refuses in a chart that holds a library construct, naming the construct, the field and what is allowed', () => {
    const app = new App({ outdir: path.join(tempDir(), 'dist') });
    const chart = new Chart(app, 'c');
    new AksStore(chart, 'store');
    badConfigMap(chart);
    expect(() => app.synth()).toThrow(`Validation failed with the following errors:\n  ${SCHEMA_PROBLEM}`);
    expect(outputFiles(app.outdir)).toEqual([]);
  });

  test('Testing.synth(chart) refuses it too', () => {
    const chart = new Chart(Testing.app(), 'c');
    new AksStore(chart, 'store');
    badConfigMap(chart);
    expect(() => Testing.synth(chart)).toThrow(SCHEMA_PROBLEM);
    expect(() => chart.toJson()).toThrow(SCHEMA_PROBLEM);
  });

  test('App.synth() and Testing.synth() refuse two library constructs that define the same object', () => {
    const build = (app: App) => {
      const chart = new Chart(app, 'c');
      new AksStore(chart, 'one');
      new AksStore(chart, 'two');
      return chart;
    };
    const app = new App({ outdir: path.join(tempDir(), 'dist') });
    build(app);
    expect(() => app.synth()).toThrow(DUPLICATE);
    expect(() => Testing.synth(build(Testing.app()))).toThrow(DUPLICATE);
  });

  test("Testing.synth() refuses two workloads where one selects the other's pods", () => {
    const chart = new Chart(Testing.app(), 'c');
    new CurlClient(chart, 'one', { name: 'curl-one' });
    new CurlClient(chart, 'two', { name: 'curl-two' });
    expect(() => Testing.synth(chart)).toThrow("[c] chart 'c': Deployment curl-one (c/one/deployment) selects the pods of Deployment curl-two (c/two/deployment)");
  });

  test('a valid chart synthesizes as before, with the same objects as synthesizeManifests', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new AksStore(chart, 'store', { namespace: 'team-a' });
    const stock = Testing.synth(chart);
    expect(stock.length).toBeGreaterThan(5);
    expect(synthesizeManifests(app)[0].objects).toEqual(stock);
  });

  test('every problem of every chart is listed at once, each chart checked once', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) {
      const chart = new Chart(app, id);
      new AksStore(chart, 'store');
      badConfigMap(chart);
    }
    let message = '';
    try {
      app.synthYaml();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n').filter((line) => line.includes('does not match its schema'))).toEqual([
      '  [a] ConfigMap pets/bad (a/bad) does not match its schema: /data/replicas must be string',
      '  [b] ConfigMap pets/bad (b/bad) does not match its schema: /data/replicas must be string',
    ]);
  });

  test('synthesizeManifests checks each object against its schema once, not again through the registered checks', () => {
    const app = new App({ outdir: 'unused' });
    new AksStore(new Chart(app, 'c'), 'store');
    const spy = jest.spyOn(manifestValidation, 'validateManifest');
    try {
      const objects = synthesizeManifests(app, { validationThread: 'main' })[0].objects.length;
      expect(spy).toHaveBeenCalledTimes(objects);
      spy.mockClear();
      Testing.synth(Chart.of(app.node.findChild('c')));
      expect(spy).toHaveBeenCalledTimes(objects);
      spy.mockClear();
      synthesizeManifests(app, { validate: false });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  test('App.synth() and synthYaml(), which validate the app again for every chart they render, check each object once', () => {
    const app = new App({ outdir: path.join(tempDir(), 'dist') });
    for (const id of ['a', 'b', 'c']) new AksStore(new Chart(app, id), 'store', { namespace: id });
    const objects = synthesizeManifests(app).reduce((count, file) => count + file.objects.length, 0);
    const spy = jest.spyOn(manifestValidation, 'validateManifest');
    try {
      app.synth();
      expect(spy).toHaveBeenCalledTimes(objects);
      spy.mockClear();
      app.synthYaml();
      expect(spy).toHaveBeenCalledTimes(objects);
    } finally {
      spy.mockRestore();
    }
  });

  test('synthesizeManifests reports the problem in its own words, once', () => {
    const app = new App({ outdir: 'unused' });
    const chart = new Chart(app, 'c');
    new AksStore(chart, 'store');
    badConfigMap(chart);
    expect(() => synthesizeManifests(app)).toThrow(/^1 problem where synthesized objects do not match their schemas:\n {2}\[c\/bad\] ConfigMap pets\/bad: \/data\/replicas must be string$/);
  });
});

describe('yamlOutputType is honoured by synthesizeManifests, synthesizeCharts and writeManifests', () => {
  /**
   * Two charts with a store each and one plain object, in an app of `type`; one chart for
   * `FILE_PER_RESOURCE`, whose file names (`<Kind>.<name>`) leave the namespace out.
   */
  function twoCharts(type: YamlOutputType, outdir = path.join(tempDir(), 'dist')): App {
    const app = new App({ outdir, yamlOutputType: type });
    for (const team of type === YamlOutputType.FILE_PER_RESOURCE ? ['team-a'] : ['team-a', 'team-b']) {
      const chart = new Chart(app, team);
      new AksStore(chart, 'store', { namespace: team });
      new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${team}-settings`, namespace: team }, data: { a: 'b' } });
    }
    return app;
  }

  test('the supported values are the four of cdk8s', () => {
    expect([...SUPPORTED_YAML_OUTPUT_TYPES].sort()).toEqual([
      YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
    ].sort());
  });

  test.each([
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('%s: writeManifests writes the files App.synth() writes, with the same objects', (_name, type) => {
    const stockApp = twoCharts(type);
    const stock = stockFiles(stockApp);
    const dir = path.join(tempDir(), 'dist');
    const written = writeManifests(dir, synthesizeCharts(twoCharts(type)));
    expect(written.files).toEqual(stock);
    expect(stock.length).toBeGreaterThan(type === YamlOutputType.FILE_PER_APP ? 0 : 1);
    for (const file of stock) {
      expect({ file, objects: parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8')) })
        .toEqual({ file, objects: parseYamlDocuments(fs.readFileSync(path.join(stockApp.outdir, file), 'utf8')) });
    }
  });

  test('FILE_PER_APP: synthesizeManifests gives the one file, which holds every chart', () => {
    const files = synthesizeManifests(twoCharts(YamlOutputType.FILE_PER_APP));
    expect(files.map((f) => f.fileName)).toEqual(['app.k8s.yaml']);
    expect(files[0].objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['team-a', 'team-b']);
  });

  test('FILE_PER_APP: the same object in two charts would be written twice into the one file, and is refused', () => {
    const app = new App({ outdir: path.join(tempDir(), 'dist'), yamlOutputType: YamlOutputType.FILE_PER_APP });
    new AksStore(new Chart(app, 'a'), 'store');
    new AksStore(new Chart(app, 'b'), 'store');
    const message = 'yamlOutputType YamlOutputType.FILE_PER_APP writes Namespace pets twice into app.k8s.yaml: from a/store/namespace and from b/store/namespace; '
      + 'the second would replace the first when applied';
    expect(() => synthesizeManifests(app)).toThrow(message);
    expect(() => app.synth()).toThrow(`[] ${message}`);
  });

  test('FILE_PER_RESOURCE: two objects of one kind and name in two namespaces would share a file, and are refused', () => {
    const app = new App({ outdir: path.join(tempDir(), 'dist'), yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    const chart = new Chart(app, 'c');
    new AksStore(chart, 'store');
    new ApiObject(chart, 'x-a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'a' } });
    new ApiObject(chart, 'x-b', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'b' } });
    const message = 'yamlOutputType YamlOutputType.FILE_PER_RESOURCE writes ConfigMap a/x (c/x-a) and ConfigMap b/x (c/x-b) to the same file, ConfigMap.x.k8s.yaml, so one would replace the other';
    expect(() => synthesizeManifests(app)).toThrow(message);
    // cdk8s alone writes ConfigMap.x.k8s.yaml twice, the second replacing the first; with a library construct in the app it refuses.
    expect(() => app.synth()).toThrow(message);
  });

  test('FOLDER_PER_CHART_FILE_PER_RESOURCE: a chart placed with setManifestFile gets the folder of its file', () => {
    const app = new App({ outdir: 'unused', yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const chart = new Chart(app, 'c');
    setManifestFile(chart, 'steps/01-store.k8s.yaml');
    new AksStore(chart, 'store');
    const names = synthesizeManifests(app).map((f) => f.fileName);
    expect(names).toContain('steps/01-store/Namespace.pets.k8s.yaml');
    expect(names).toContain('steps/01-store/Deployment.store-front.k8s.yaml');
  });

  test.each([
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP, 'every chart into app.k8s.yaml'],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE, "one file per object, in no chart's file"],
  ])('%s: a chart placed with setManifestFile is refused, as its file would be ignored', (name, type, writes) => {
    const app = new App({ outdir: 'unused', yamlOutputType: type });
    const chart = new Chart(app, 'c');
    setManifestFile(chart, 'steps/01-store.k8s.yaml');
    new AksStore(chart, 'store');
    expect(() => synthesizeManifests(app)).toThrow(new InputError(`chart 'c' is to be written to steps/01-store.k8s.yaml (setManifestFile), but the App's yamlOutputType YamlOutputType.${name} writes ${writes}: `
      + "use YamlOutputType.FILE_PER_CHART or YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, or leave the chart's file unset"));
  });

  test('a value cdk8s does not define is refused, naming it and the supported values (exit 2)', () => {
    const app = new App({ outdir: 'unused', yamlOutputType: 7 as YamlOutputType });
    new AksStore(new Chart(app, 'c'), 'store');
    const supported = 'YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE';
    let error: unknown;
    try {
      synthesizeManifests(app);
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toBe(`invalid yamlOutputType 7 of the App: must be one of ${supported}`);
    expect(exitCodeOf(error)).toBe(2);
    expect(() => app.synth()).toThrow(`[] invalid yamlOutputType 7: must be one of ${supported}`);
  });
});

describe("a chart's namespace reaches the objects of constructs not given one", () => {
  const namespaces = (chart: Chart) => [...new Set(Testing.synth(chart).map((o) => o.metadata?.namespace).filter((n) => n !== undefined))];
  const NAMESPACED = [
    ['AksStore', (c: Chart) => new AksStore(c, 'store')],
    ['CurlClient', (c: Chart) => new CurlClient(c, 'curl')],
    ['HubbleUi', (c: Chart) => new HubbleUi(c, 'hubble')],
    ['PrometheusReferenceApp', (c: Chart) => new PrometheusReferenceApp(c, 'app')],
    ['ReplicatedMysql', (c: Chart) => new ReplicatedMysql(c, 'mysql')],
    ['WorkloadIdentityServiceAccount', (c: Chart) => new WorkloadIdentityServiceAccount(c, 'sa', { clientId: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b' })],
  ] as const;

  test.each(NAMESPACED)('%s in a chart with namespace team-a puts its objects there', (_name, build) => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team-a' });
    build(chart);
    expect(namespaces(chart)).toEqual(['team-a']);
  });

  test.each(NAMESPACED)('%s keeps its own default in a chart without a namespace', (_name, build) => {
    const chart = new Chart(Testing.app(), 'c');
    build(chart);
    expect(namespaces(chart)).not.toContain('team-a');
    expect(namespaces(chart).length).toBeGreaterThan(0);
  });

  test('an explicit namespace prop wins over the chart\'s', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team-a' });
    const store = new AksStore(chart, 'store', { namespace: 'shop' });
    expect(store.namespace.namespaceName).toBe('shop');
    expect(namespaces(chart)).toEqual(['shop']);
  });

  test("the Namespace object itself stays cluster-scoped, and the store's names follow the chart's namespace", () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'team-a' });
    const store = new AksStore(chart, 'store');
    const namespace = Testing.synth(chart).find((o) => o.kind === 'Namespace');
    expect(namespace).toMatchObject({ metadata: { name: 'team-a' } });
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(store.orderService.namespace).toBe('team-a');
  });
});
