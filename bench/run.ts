/**
 * The benchmark (`npx projen bench`): every path a user takes, timed against a baseline
 * measured in the same run on the same machine. Prints medians, peak memory and ratios.
 *
 *   BENCH_TENANTS=100,1000,10000   tenant counts (default)
 *   BENCH_RUNS=5                   runs per measurement (the median is printed)
 *   BENCH_HEAP_CAP_MB=880          --max-old-space-size of an extra chart-by-chart run from 10,000 tenants
 *
 * 1. The package's command, compiled (`node lib/src/cli/main.js synth`), cold, against
 *    `kubectl kustomize` of the workshop's own files (when kubectl is on the PATH).
 * 2. `npx cdk8s synth` of the whole workshop from a clone (the README's first line).
 * 3. N tenants (bench/tenant.ts), built and synthesized (with and without schema validation),
 *    and written chart by chart into an empty folder and over unchanged files, against cdk8s's
 *    stock `App.synthYaml` of the same app (not written), each in a fresh process for its peak memory.
 * 4. `aks-labs-cdk8s verify` of N tenants of the secure store (14 claims each), against reading and
 *    modelling the same manifests (`verify` without claims) in the same run; `--graph` as SVG and
 *    DOT. Each line prints its target (issue 21) and whether this run met it.
 *
 *   BENCH_VERIFY_TENANTS=1000,10000   tenant counts of the verify runs (default)
 *   BENCH_SECTIONS=commands,tenants,verify   which parts run (default: all)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TENANTS = (process.env.BENCH_TENANTS ?? '100,1000,10000').split(',').map(Number);
/** The old-generation limit of the extra 10,000-tenant run (MB). */
const HEAP_CAP_MB = Number(process.env.BENCH_HEAP_CAP_MB ?? 880);
const VERIFY_TENANTS = (process.env.BENCH_VERIFY_TENANTS ?? '1000,10000').split(',').map(Number);
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'commands,tenants,verify').split(','));
const SHARED = process.env.AKS_LABS_SHARED_DIR ?? path.resolve(ROOT, '..', 'shared');
/** The files the workshop applies from its repositories, as the anchor for a cold run. */
const WORKSHOP_FILES = [
  'aks-store-quickstart.workshop-era-afe11f4.yaml', 'acns-network-policy.yaml', 'acns-hubble-ui.yaml', 'acstor-mysql-config-services.yaml',
  'acstor-mysql-statefulset.yaml', 'ama-metrics-settings-configmap.yaml', 'prometheus-reference-app.workshop-era-0db6d70.yaml', 'pod-monitor-reference-app.yaml',
];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-labs-bench-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall time of a command, in ms, and its exit status. */
function wall(command: string, args: string[], cwd = ROOT): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function medianWall(command: string, args: string[], cwd = ROOT): number {
  wall(command, args, cwd); // warm the file cache
  return median(Array.from({ length: RUNS }, () => wall(command, args, cwd)));
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? c.toFixed(c >= 100 ? 0 : 2) : c)).join(' | ')} |`;
}

function commandPaths(): string[] {
  const lines: string[] = ['| path | median ms | anchor in the same run | anchor ms | ratio |', '| --- | --- | --- | --- | --- |'];
  const cli = path.join(ROOT, 'lib', 'bin.js');
  if (!fs.existsSync(cli)) throw new Error('lib/ is not compiled: the bench task compiles first (npx projen bench)');
  const ours = medianWall(process.execPath, [cli, 'synth', '--out', path.join(scratch, 'dist')]);
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0 && fs.existsSync(path.join(SHARED, 'upstream'));
  if (kubectl) {
    const workshop = path.join(scratch, 'workshop');
    fs.mkdirSync(workshop);
    for (const file of WORKSHOP_FILES) fs.copyFileSync(path.join(SHARED, 'upstream', file), path.join(workshop, file));
    fs.writeFileSync(path.join(workshop, 'kustomization.yaml'), `resources:\n${WORKSHOP_FILES.map((f) => `  - ${f}`).join('\n')}\n`);
    const anchor = medianWall('kubectl', ['kustomize', workshop]);
    lines.push(row(['`aks-labs-cdk8s synth` (the package\'s command, whole workshop)', ours, '`kubectl kustomize` of the 8 workshop files', anchor, `${(ours / anchor).toFixed(1)}x`]));
  } else {
    lines.push(row(['`aks-labs-cdk8s synth` (the package\'s command, whole workshop)', ours, '(kubectl or ../shared missing)', '-', '-']));
  }
  const bare = medianWall(process.execPath, ['-e', '0']);
  const cdk8s = medianWall(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade']);
  lines.push(row(['`npx cdk8s synth --no-check-upgrade` (from source, with the validation plugin)', cdk8s, 'bare `node -e 0`', bare, `${(cdk8s / bare).toFixed(1)}x`]));
  return lines;
}

/** tools/validation-worker-bundle.js */
interface WorkerBundleTools {
  workerScriptDefine(fileName: string): Record<string, string>;
  bundleValidationWorker(outfile: string): void;
}

/** The tenant runner bundled with esbuild, so that a run pays no TypeScript compile. */
function childBundle(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const worker = require('../tools/validation-worker-bundle') as WorkerBundleTools;
  // Under the project, so that the bundle's packages (cdk8s, constructs...) resolve.
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'aks-labs-bench', 'tenant-child.js');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
  // With its schema validation worker beside it, as the package's own bundles (tools/bundle-bin.js).
  esbuild.buildSync({ ...common, entryPoints: [path.join(__dirname, 'tenant-child.ts')], packages: 'external', outfile,
    define: worker.workerScriptDefine('validation-worker.js') });
  worker.bundleValidationWorker(path.join(path.dirname(outfile), 'validation-worker.js'));
  return outfile;
}

interface ChildResult { readonly objects: number; readonly buildMs: number; readonly synthMs: number; readonly totalMs: number; readonly peakMb: number }

/**
 * Medians of `runs` runs of one mode, each in a fresh process. Each run writes into the same
 * folder (after a first run that fills it, so every measured run rewrites unchanged files), or
 * with `fresh` into a new empty folder, removed after the run.
 */
function tenantRun(child: string, mode: string, count: number, runs: number, fresh = false, nodeArgs: string[] = []): ChildResult {
  const results: ChildResult[] = [];
  const run = (outdir: string): ChildResult => {
    const out = spawnSync(process.execPath, [...nodeArgs, child, mode, String(count), outdir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(`tenant run ${mode} ${count} failed:\n${out.stderr}`);
    return JSON.parse(out.stdout.trim().split('\n').pop()!);
  };
  if (!fresh) run(path.join(scratch, `tenants-${mode}`));
  for (let i = 0; i < runs; i++) {
    const outdir = path.join(scratch, fresh ? `tenants-${mode}-fresh-${i}` : `tenants-${mode}`);
    results.push(run(outdir));
    if (fresh) fs.rmSync(outdir, { recursive: true, force: true });
  }
  const of = (field: keyof ChildResult) => median(results.map((r) => r[field]));
  return { objects: results[0].objects, buildMs: of('buildMs'), synthMs: of('synthMs'), totalMs: of('totalMs'), peakMb: of('peakMb') };
}

function tenants(print: (line: string) => void): void {
  const child = childBundle();
  print('| tenants | objects | build + synth (ms) | without validation (ms) | peak MB | chart by chart: build + synth + write into an empty folder (ms) '
    + '| the same, rewriting unchanged files (ms) | peak MB | stock: build + `App.synthYaml` (ms) | peak MB | stock / ours |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const capped: [number, ChildResult][] = [];
  for (const count of TENANTS) {
    const runs = count >= 10000 ? 1 : RUNS;
    const stockRuns = count >= 1000 ? 1 : Math.min(RUNS, 3);
    const ours = tenantRun(child, 'ours', count, runs);
    const fast = tenantRun(child, 'ours-novalidate', count, runs);
    const fresh = tenantRun(child, 'ours-stream', count, runs, true);
    const rewrite = tenantRun(child, 'ours-stream', count, runs);
    // Stock synthesis walks the whole app once per chart: quadratic, minutes at 10,000.
    const stock = count <= 1000 ? tenantRun(child, 'stock', count, stockRuns) : undefined;
    print(row([count, ours.objects, ours.synthMs, fast.synthMs, ours.peakMb, fresh.totalMs, rewrite.totalMs, Math.max(fresh.peakMb, rewrite.peakMb),
      stock ? stock.synthMs : '(not run: quadratic)', stock ? stock.peakMb : '-', stock ? `${(stock.synthMs / ours.synthMs).toFixed(1)}x` : '-']));
    if (count >= 10000) capped.push([count, tenantRun(child, 'ours-stream', count, runs, false, [`--max-old-space-size=${HEAP_CAP_MB}`])]);
  }
  // V8 lets short-lived data it promoted pile up until the heap reaches its limit; a lower limit collects it sooner.
  for (const [count, run] of capped) {
    print(`\n${count} tenants chart by chart, rewriting, with \`node --max-old-space-size=${HEAP_CAP_MB}\`: ${Math.round(run.totalMs)} ms, peak ${Math.round(run.peakMb)} MB`);
  }
}

interface VerifyRun { readonly ms: number; readonly peakMb: number }

/** Runs the compiled `verify` in a fresh process (its report discarded); wall time and peak RSS. */
function verifyRun(args: string[]): VerifyRun {
  const peakFile = path.join(scratch, 'verify-peak');
  const preload = path.join(scratch, 'peak-preload.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS / 1024)));\n`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, path.join(ROOT, 'lib', 'bin.js'), 'verify', ...args],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`verify ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return { ms, peakMb: Number(fs.readFileSync(peakFile, 'utf8')) };
}

function medianVerify(args: string[], runs: number): VerifyRun {
  const results = Array.from({ length: runs }, () => verifyRun(args));
  return { ms: median(results.map((r) => r.ms)), peakMb: median(results.map((r) => r.peakMb)) };
}

function verdict(met: boolean): string {
  return met ? 'met' : '**not met**';
}

function verifyPaths(print: (line: string) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeFleet } = require('./fleet') as typeof import('./fleet');
  print('| verify | size | claims | median ms | peak MB | read and model only (ms) | ratio | target | |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const count of VERIFY_TENANTS) {
    const fleet = writeFleet(path.join(scratch, `fleet-${count}`), count);
    const runs = count >= 10000 ? 1 : RUNS;
    const baseline = medianVerify([fleet.folder], runs);
    const full = medianVerify([fleet.folder, '--claims', fleet.claimsFile], runs);
    const targetMs = count >= 10000 ? 60000 : 5000;
    const met = full.ms <= targetMs && (count < 10000 || full.peakMb <= 2048);
    print(row([`${count} tenants of the secure store`, `${fleet.workloads} workloads`, fleet.claims, full.ms, full.peakMb, baseline.ms,
      `${(full.ms / baseline.ms).toFixed(1)}x`, count >= 10000 ? '≤ 60 s, ≤ 2 GB' : '≤ 5 s', verdict(met)]));
    fs.rmSync(fleet.folder, { recursive: true, force: true });
  }
  const pictures: [string, number, 'svg' | 'dot', number][] = [['`--graph` of 100 tenants', 100, 'svg', 3000]];
  const probe = writeFleet(path.join(scratch, 'fleet-probe'), 1);
  pictures.push([`\`--graph\` of ${Math.ceil(1000 / probe.workloads) * probe.workloads} workloads`, Math.ceil(1000 / probe.workloads), 'dot', 10000]);
  for (const [name, count, format, targetMs] of pictures) {
    const fleet = writeFleet(path.join(scratch, `fleet-graph-${count}`), count);
    const baseline = medianVerify([fleet.folder, '--claims', fleet.claimsFile], RUNS);
    const drawn = medianVerify([fleet.folder, '--claims', fleet.claimsFile, '--graph', path.join(scratch, `flows.${format}`)], RUNS);
    print(row([`${name} as ${format.toUpperCase()}`, `${fleet.workloads} workloads`, fleet.claims, drawn.ms, drawn.peakMb, `${Math.round(baseline.ms)} (with claims, no picture)`,
      `${(drawn.ms / baseline.ms).toFixed(1)}x`, `≤ ${targetMs / 1000} s`, verdict(drawn.ms <= targetMs)]));
  }
}

console.log(`${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; medians of ${RUNS} runs\n`);
const print = (line: string) => console.log(line);
if (SECTIONS.has('commands')) commandPaths().forEach(print);
if (SECTIONS.has('tenants')) { print(''); tenants(print); }
if (SECTIONS.has('verify')) { print(''); verifyPaths(print); }
