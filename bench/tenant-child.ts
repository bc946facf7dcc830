/**
 * One measured run in a fresh process, so that its peak memory is its own:
 *   node <bundle of this file> <mode> <tenants> <outdir>
 * Modes: `ours` (build, synthesizeManifests with schema validation, write the folder),
 * `ours-novalidate` (the same without validation), `ours-stream` (build, then synthesize and
 * write chart by chart with synthesizeCharts), `stock` (build, cdk8s App.synthYaml, not written).
 * Schema validation runs where synthesizeCharts decides (`auto`), or where
 * BENCH_VALIDATION_THREAD (main | worker) says. Prints one line of JSON.
 */
import { synthesizeCharts, synthesizeManifests, ValidationThread, writeManifests } from '../src';
import { tenantApp } from './tenant';

const [mode, countText, outdir] = process.argv.slice(2);
const validationThread = () => (process.env.BENCH_VALIDATION_THREAD ?? 'auto') as ValidationThread;
const count = Number(countText);
const started = process.hrtime.bigint();
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

const app = tenantApp(count, outdir);
const built = ms(started);
let objects = 0;
let synthesized = 0;
if (mode === 'stock') {
  objects = app.synthYaml().split('\n---\n').length;
  synthesized = ms(started);
} else if (mode === 'ours-stream') {
  const counted = function* () {
    for (const file of synthesizeCharts(app, { validationThread: validationThread() })) {
      objects += file.objects.length;
      yield file;
    }
  };
  writeManifests(outdir, counted());
  synthesized = ms(started);
} else {
  const files = synthesizeManifests(app, { validate: mode === 'ours', validationThread: validationThread() });
  synthesized = ms(started);
  objects = files.reduce((n, f) => n + f.objects.length, 0);
  writeManifests(outdir, files);
}
const total = ms(started);
console.log(JSON.stringify({ mode, count, objects, buildMs: built, synthMs: synthesized, totalMs: total, peakMb: process.resourceUsage().maxRSS / 1024 }));
