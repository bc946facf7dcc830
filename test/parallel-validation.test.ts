import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { PARALLEL_VALIDATION_MIN_OBJECTS, synthesizeManifests } from '../src';

const ROOT = path.resolve(__dirname, '..');

/**
 * An app of `charts` charts of three ConfigMaps each and, `withProblems`, a Deployment with a
 * wrong replica count in every 40th chart. Written as source for the driver below, and used here directly.
 */
const APP_SOURCE = `
function buildApp(charts, withProblems) {
  const app = new App({ outdir: 'unused' });
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, 'tenant-' + i);
    for (const name of ['a', 'b', 'c']) new k8s.KubeConfigMap(chart, name, { metadata: { name: name + '-' + i, namespace: 't' + i }, data: { key: 'value ' + i } });
    if (withProblems && i % 40 === 7) {
      new k8s.KubeDeployment(chart, 'web', { metadata: { name: 'web' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [] } } } });
    }
  }
  return app;
}
`;
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const buildApp = new Function('App', 'Chart', 'k8s', `${APP_SOURCE}; return buildApp;`)(App, Chart, k8s) as (charts: number, withProblems: boolean) => App;

/** What a synthesis gave: its files' YAML, or its error's message. */
function outcome(synth: () => { yaml: string }[]): string {
  try {
    return synth().map((file) => file.yaml).join('');
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('schema validation in a worker thread', () => {
  const charts = Math.ceil(PARALLEL_VALIDATION_MIN_OBJECTS / 3) + 10;
  let dir: string;

  /** Runs a synthesis in a bundle of this library whose worker script is `worker` (see tools/bundle-bin.js). */
  function bundled(thread: string, worker: string, scenario: 'valid' | 'problems' | 'stop-early'): string {
    const run = spawnSync(process.execPath, [path.join(dir, 'driver.js'), thread, scenario], { cwd: dir, encoding: 'utf8', env: { ...process.env, AKS_LABS_TEST_WORKER: worker } });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout);
  }

  beforeAll(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bundleValidationWorker } = require('../tools/validation-worker-bundle') as { bundleValidationWorker(outfile: string): void };
    // Under node_modules, so that the driver's packages (cdk8s...) resolve.
    dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'aks-labs-worker-test-'));
    const driver = `
      import { App, Chart } from 'cdk8s';
      import { k8s } from 'cdk8s-plus-30';
      import { synthesizeCharts, synthesizeManifests } from ${JSON.stringify(path.join(ROOT, 'src'))};
      ${APP_SOURCE}
      const [thread, scenario] = process.argv.slice(2);
      let result;
      if (scenario === 'stop-early') {
        // A consumer that stops after three files: the generator closes the worker and ends cleanly.
        let files = 0;
        for (const file of synthesizeCharts(buildApp(${charts}, true), { validationThread: thread })) if (++files === 3) break;
        result = 'stopped after ' + files;
      } else try {
        result = synthesizeManifests(buildApp(${charts}, scenario === 'problems'), { validationThread: thread }).map((file) => file.yaml).join('');
      } catch (error) {
        result = 'error: ' + error.message;
      }
      console.log(JSON.stringify(result));
    `;
    fs.writeFileSync(path.join(dir, 'driver.ts'), driver);
    const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
    esbuild.buildSync({
      ...common,
      entryPoints: [path.join(dir, 'driver.ts')],
      packages: 'external',
      outfile: path.join(dir, 'driver.js'),
      // As the library's own bundles name their worker script; here the test picks it.
      define: { 'process.env.AKS_LABS_VALIDATION_WORKER': 'process.env.AKS_LABS_TEST_WORKER' },
    });
    bundleValidationWorker(path.join(dir, 'validation-worker.js'));
    // A worker that fails every chart, as one whose schemas could not load would.
    fs.writeFileSync(path.join(dir, 'failing-worker.js'), `
      const { workerData } = require('worker_threads');
      const progress = new Int32Array(workerData.progress);
      workerData.port.on('message', () => {
        workerData.port.postMessage({ failed: 'the schemas could not be loaded' });
        Atomics.add(progress, 0, 1);
        Atomics.notify(progress, 0);
      });
    `);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('finds the problems the synthesis thread finds, in the same order, and writes the same files', () => {
    const inThread = outcome(() => synthesizeManifests(buildApp(charts, true), { validationThread: 'main' }));
    expect(inThread).toMatch(/^error: 17 problems where synthesized objects do not match their schemas:\n {2}\[tenant-7\/web\] Deployment web: \/spec\/replicas must be integer/);
    expect(bundled('worker', 'validation-worker.js', 'problems')).toBe(inThread);
    expect(bundled('auto', 'validation-worker.js', 'problems')).toBe(inThread);
    const valid = outcome(() => synthesizeManifests(buildApp(charts, false), { validationThread: 'main' }));
    expect(valid).toContain('kind: ConfigMap');
    expect(bundled('worker', 'validation-worker.js', 'valid')).toBe(valid);
  });

  test('a consumer that stops early: the generator closes the worker and the process ends', () => {
    expect(bundled('worker', 'validation-worker.js', 'stop-early')).toBe('stopped after 3');
  });

  test("a worker that fails: 'worker' reports it, 'auto' checks in the synthesis thread instead", () => {
    expect(bundled('worker', 'failing-worker.js', 'problems')).toBe('error: schema validation failed in its worker thread: the schemas could not be loaded');
    expect(bundled('auto', 'failing-worker.js', 'problems')).toBe(outcome(() => synthesizeManifests(buildApp(charts, true), { validationThread: 'main' })));
  });

  test("from TypeScript sources no worker can start: 'worker' says so, 'auto' checks in the synthesis thread", () => {
    expect(() => synthesizeManifests(buildApp(charts, true), { validationThread: 'worker' })).toThrow("validationThread 'worker': no worker script to start");
    expect(outcome(() => synthesizeManifests(buildApp(charts, true)))).toBe(outcome(() => synthesizeManifests(buildApp(charts, true), { validationThread: 'main' })));
  });

  test('an unknown thread is refused', () => {
    expect(() => synthesizeManifests(buildApp(1, true), { validationThread: 'gpu' as any })).toThrow('invalid validationThread "gpu": must be one of auto, worker, main');
  });
});
