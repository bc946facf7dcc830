import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { transformSync } from 'esbuild';
import * as cnp from '../imports/cnp-cilium.io';
import { CiliumNetworkPolicy } from '../imports/cnp-cilium.io';
import * as podMonitor from '../imports/podmonitor-azmonitoring.coreos.com';
import { PodMonitor } from '../imports/podmonitor-azmonitoring.coreos.com';
import { crdsDir, generateImports } from '../projenrc/crd-importer';
import { withStableShapes } from '../projenrc/stable-shapes';
import { everySectionApp } from './support/synth';

const IMPORTS = path.resolve(__dirname, '..', 'imports');
/** The CRD copies the importer reads (`../shared/crds`; see crdsDir); not in a user's clone. */
const CRDS_DIR = crdsDir();
const HAS_CRDS = fs.existsSync(CRDS_DIR);
let warned = false;
type ApiObjectClass = new (scope: Chart, id: string, props: unknown) => ApiObject;

/** What `cdk8s import` writes for our CRDs, before the rewrite: file name -> text. */
let generated: Map<string, string>;
/** Those files compiled and loaded: class name -> class. */
let originalClasses: Map<string, ApiObjectClass & { GVK: { apiVersion: string; kind: string } }>;
/** Those files compiled and loaded: file name -> exports. */
let originalModules: Map<string, Record<string, any>>;

/**
 * `describe` for tests that compare with what the importer writes from the CRD copies: skipped,
 * with a message saying why, when they are absent (as describeWithShared does for ../shared).
 */
function describeWithCrds(name: string, body: () => void): void {
  if (HAS_CRDS) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`Skipping the comparisons of imports/ with what cdk8s import writes: ${CRDS_DIR} does not exist. `
      + 'Set AKS_LABS_CRDS_DIR to the folder holding the CRD copies (or AKS_LABS_SHARED_DIR to the one holding crds/) to run them.');
  }
  const skipped: typeof describe.skip = describe.skip;
  skipped(`${name} (needs ${CRDS_DIR})`, body);
}

beforeAll(async () => {
  if (!HAS_CRDS) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-labs-imports-'));
  try {
    await generateImports(work, false);
    generated = new Map(fs.readdirSync(work).filter((f) => f.endsWith('.ts')).map((f) => [f, fs.readFileSync(path.join(work, f), 'utf8')]));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // Loaded from under the project, so that their `require('cdk8s')` is the one the tests use.
  const loadDir = path.resolve(__dirname, '..', 'node_modules', '.cache', 'original-imports');
  fs.mkdirSync(loadDir, { recursive: true });
  originalClasses = new Map();
  originalModules = new Map();
  for (const [file, text] of generated) {
    const js = path.join(loadDir, file.replace(/\.ts$/, '.js'));
    fs.writeFileSync(js, transformSync(text, { loader: 'ts', format: 'cjs', target: 'node20' }).code);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    originalModules.set(file, require(js));
    for (const [name, value] of Object.entries(originalModules.get(file)!)) {
      if (typeof value === 'function' && (value as { GVK?: unknown }).GVK !== undefined) originalClasses.set(name, value as any);
    }
  }
}, 60_000);

describeWithCrds('imports/ is what cdk8s import writes, rewritten for stable shapes', () => {
  test('every committed file is the rewrite of the importer\'s file, and the rewrite is idempotent', () => {
    const committed = fs.readdirSync(IMPORTS).filter((f) => f.endsWith('.ts')).sort();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const file of committed) {
      const text = fs.readFileSync(path.join(IMPORTS, file), 'utf8');
      const original = generated.get(file)!;
      expect({ file, equal: file === 'crd-schemas.ts' ? text === original : text === withStableShapes(original, file) }).toEqual({ file, equal: true });
      if (file !== 'crd-schemas.ts') expect(withStableShapes(text, file) === text).toBe(true);
    }
  });

  test('a generated class whose code changed shape is refused, not half rewritten', () => {
    const file = 'istio-security.istio.io.ts';
    const changed = generated.get(file)!.replace('kind: \'PeerAuthentication\',\n', 'kind: \'PeerAuthentication\',\n    extra: 1,\n');
    expect(() => withStableShapes(changed, file)).toThrow(/istio-security\.istio\.io\.ts: \d+ ApiObject classes but \d+ GVKs/);
    const oddFilter = generated.get(file)!.replace('({ ...r, [i[0]]: i[1] })', '({ ...r, [i[0]]: { value: i[1] } })');
    expect(() => withStableShapes(oddFilter, file)).toThrow(/an undefined-value filter of an unexpected form is left/);
  });
});

describe('imports/ has stable shapes', () => {
  test('no spread-built object is left in the generated classes', () => {
    for (const file of fs.readdirSync(IMPORTS).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(IMPORTS, file), 'utf8');
      expect({ file, gvkSpreads: /\.\.\.\w+\.GVK,/.test(text), filterSpreads: /: \(\{ \.\.\.r, /.test(text) }).toEqual({ file, gvkSpreads: false, filterSpreads: false });
    }
  });
});

describeWithCrds('the rewritten classes render what the generated ones render', () => {
  /** The JSON text of `object` and of the same props given to the class as cdk8s import wrote it. */
  function bothWays(object: ApiObject): { ours: string; original: string } {
    const original = originalClasses.get(object.constructor.name);
    if (original === undefined) throw new Error(`${object.node.path}: no generated class ${object.constructor.name}`);
    expect(original.GVK).toEqual({ apiVersion: object.apiVersion, kind: object.kind });
    const props = (object as unknown as { props: { metadata?: object } }).props;
    const chart = Chart.of(object);
    const scope = new Chart(new App({ outdir: 'unused' }), 'original', { namespace: chart.namespace, labels: chart.labels });
    const copy = new original(scope, object.node.id, { ...props, metadata: { ...props.metadata, name: object.name } });
    return { ours: JSON.stringify(object.toJson()), original: JSON.stringify(copy.toJson()) };
  }

  test('every custom resource of every section, both workshops and both profiles, and a tenant', () => {
    const app = everySectionApp();
    const custom = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && originalClasses.has(c.constructor.name));
    expect(new Set(custom.map((o) => o.kind)).size).toBeGreaterThanOrEqual(6);
    for (const object of custom) {
      const { ours, original } = bothWays(object);
      expect({ path: object.node.path, json: ours }).toEqual({ path: object.node.path, json: original });
    }
  });

  test('objects render the same, and so do maps with undefined values, a __proto__ key and lists', () => {
    const chart = new Chart(new App({ outdir: 'unused' }), 'maps');
    const policy = new CiliumNetworkPolicy(chart, 'policy', { metadata: {}, spec: { endpointSelector: { matchLabels: { b: '2', a: '1' } } } });
    const monitor = new PodMonitor(chart, 'monitor', { spec: { selector: {}, podMetricsEndpoints: [{ params: { module: ['http_2xx'] } }] } });
    for (const object of [policy, monitor]) {
      const { ours, original } = bothWays(object);
      expect(ours).toEqual(original);
    }
    // cdk8s's resolve leaves out a __proto__ key before the generated functions see it; they keep it.
    const labels = JSON.parse('{"b": "2", "__proto__": "kept as a key", "a": "1"}');
    labels.dropped = undefined;
    const selector = (module: Record<string, any>) => JSON.stringify(module.toJson_CiliumNetworkPolicySpecEndpointSelector({ matchLabels: labels }));
    expect(selector(cnp)).toEqual(selector(originalModules.get('cnp-cilium.io.ts')!));
    expect(selector(cnp)).toEqual('{"matchLabels":{"b":"2","__proto__":"kept as a key","a":"1"}}');
    const params = JSON.parse('{"__proto__": ["x"], "module": ["http_2xx"], "none": null}');
    const endpoint = (module: Record<string, any>) => JSON.stringify(module.toJson_PodMonitorSpecPodMetricsEndpoints({ params }));
    expect(endpoint(podMonitor)).toEqual(endpoint(originalModules.get('podmonitor-azmonitoring.coreos.com.ts')!));
    expect(endpoint(podMonitor)).toEqual('{"params":{"__proto__":["x"],"module":["http_2xx"]}}');
  });
});
