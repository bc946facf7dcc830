/**
 * Synthesis cost as the number of charts grows: one AksStore chart per tenant namespace,
 * rendered by this library's synthesizeManifests and by cdk8s's stock App.synthYaml (the
 * baseline, measured in the same run). Prints milliseconds and the ratio baseline / ours.
 *
 *   npx projen bench            (BENCH_CHARTS=10,100,400,1000 to choose the sizes)
 */
import { App, Chart } from 'cdk8s';
import { AksStore, synthesizeManifests } from '../src';

function buildApp(charts: number): App {
  const app = new App({ outdir: 'unused' });
  for (let i = 0; i < charts; i++) new AksStore(new Chart(app, `tenant-${i}`), 'store', { namespace: `tenant-${i}` });
  return app;
}

/** Median of three timings of `synth` on a freshly built app (building is not timed). */
function timeMs(charts: number, synth: (app: App) => void): number {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const app = buildApp(charts);
    const start = process.hrtime.bigint();
    synth(app);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b)[1];
}

const sizes = (process.env.BENCH_CHARTS ?? '10,100,400,1000').split(',').map(Number);
buildApp(5).synthYaml(); // warm up the JIT for both paths
synthesizeManifests(buildApp(5));

console.log('charts  objects  stock App.synthYaml (ms)  synthesizeManifests (ms)  ratio');
for (const charts of sizes) {
  const objects = synthesizeManifests(buildApp(charts)).reduce((n, f) => n + f.objects.length, 0);
  const stock = timeMs(charts, (app) => app.synthYaml());
  const ours = timeMs(charts, (app) => synthesizeManifests(app));
  console.log(`${String(charts).padStart(6)}  ${String(objects).padStart(7)}  ${stock.toFixed(1).padStart(24)}  ${ours.toFixed(1).padStart(24)}  ${(stock / ours).toFixed(1).padStart(5)}x`);
}
