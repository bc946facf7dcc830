/**
 * The benchmark (`npx projen bench`): every path a user takes, timed against a baseline
 * measured in the same run on the same machine. Prints medians, peak memory and ratios.
 *
 *   BENCH_TENANTS=100,1000,10000   tenant counts (default)
 *   BENCH_RUNS=5                   runs per measurement (the median is printed)
 *
 * 1. The package's command, compiled (`node lib/src/cli/main.js synth`), cold, against
 *    `kubectl kustomize` of the workshop's own files (when kubectl is on the PATH).
 * 2. `npx cdk8s synth` of the whole workshop from a clone (the README's first line).
 * 3. N tenants (bench/tenant.ts), built, synthesized and written, against cdk8s's stock
 *    `App.synthYaml` of the same app (not written), each in a fresh process for its peak memory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TENANTS = (process.env.BENCH_TENANTS ?? '100,1000,10000').split(',').map(Number);
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

/** The tenant runner bundled with esbuild, so that a run pays no TypeScript compile. */
function childBundle(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // Under the project, so that the bundle's packages (cdk8s, constructs...) resolve.
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'aks-labs-bench', 'tenant-child.js');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
  // With its schema validation worker beside it, as the package's own bundles (tools/bundle-bin.js).
  esbuild.buildSync({ ...common, entryPoints: [path.join(__dirname, 'tenant-child.ts')], packages: 'external', outfile,
    define: { 'process.env.AKS_LABS_VALIDATION_WORKER': JSON.stringify('validation-worker.js') } });
  esbuild.buildSync({ ...common, entryPoints: [path.join(ROOT, 'src', 'core', 'schema', 'validation-worker.ts')], outfile: path.join(path.dirname(outfile), 'validation-worker.js') });
  return outfile;
}

interface ChildResult { readonly objects: number; readonly buildMs: number; readonly synthMs: number; readonly totalMs: number; readonly peakMb: number }

function tenantRun(child: string, mode: string, count: number, runs: number): ChildResult {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [child, mode, String(count), path.join(scratch, `tenants-${mode}`)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (out.status !== 0) throw new Error(`tenant run ${mode} ${count} failed:\n${out.stderr}`);
    results.push(JSON.parse(out.stdout.trim().split('\n').pop()!));
  }
  const byTotal = [...results].sort((a, b) => a.totalMs - b.totalMs);
  return { ...byTotal[Math.floor(byTotal.length / 2)], peakMb: median(results.map((r) => r.peakMb)) };
}

function tenants(print: (line: string) => void): void {
  const child = childBundle();
  print('| tenants | objects | build + synth (ms) | + write (ms) | peak MB | chart by chart: build + synth + write (ms) | peak MB | build + synth without validation (ms) | stock: build + `App.synthYaml` (ms) | peak MB | stock / ours |');
  print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const count of TENANTS) {
    const runs = count >= 10000 ? 1 : Math.min(RUNS, 3);
    const stockRuns = count >= 1000 ? 1 : runs;
    const ours = tenantRun(child, 'ours', count, runs);
    const fast = tenantRun(child, 'ours-novalidate', count, runs);
    const stream = tenantRun(child, 'ours-stream', count, runs);
    // Stock synthesis walks the whole app once per chart: quadratic, minutes at 10,000.
    const stock = count <= 1000 ? tenantRun(child, 'stock', count, stockRuns) : undefined;
    print(row([count, ours.objects, ours.synthMs, ours.totalMs, ours.peakMb, stream.totalMs, stream.peakMb, fast.synthMs,
      stock ? stock.synthMs : '(not run: quadratic)', stock ? stock.peakMb : '-', stock ? `${(stock.synthMs / ours.synthMs).toFixed(1)}x` : '-']));
  }
}

console.log(`${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; medians of ${RUNS} runs\n`);
for (const line of commandPaths()) console.log(line);
console.log('');
tenants((line) => console.log(line));
