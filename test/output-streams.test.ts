import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EDITIONS, objectIdentity, synthesizeWorkshop, WORKSHOP_SETTINGS, WorkshopEdition } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';
import { runCli } from '../src/cli/run';
import { cdk8sCliFolder, helmTemplateText } from '../src/output/cdk8s-cli-output';
import { MEMBER_CLUSTER_FILE } from '../src/workshop/workshop-app';

/**
 * The output streams other tools take as they are: `aks-labs-cdk8s synth --stdout`, what
 * `cdk8s synth --stdout` prints, and the `templates/` of `cdk8s synth --format helm` hold
 * exactly the objects one member cluster applies (what the output folder's
 * kustomization.yaml lists), each once, and nothing else.
 */

const ROOT = path.resolve(__dirname, '..');
/** What `npx cdk8s` runs in a clone. */
const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const SETTINGS = { ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/' };

/** The environment of a run: this one without the command's variables, plus the sample settings. */
function runEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const ours = new Set<string>(Object.values(WORKSHOP_SETTINGS).map((s) => s.variable));
  for (const [key, value] of Object.entries(process.env)) {
    if (!ours.has(key) && !key.startsWith('AKS_LABS_') && !key.startsWith('CDK8S_')) env[key] = value;
  }
  for (const [name, value] of Object.entries(SETTINGS)) env[WORKSHOP_SETTINGS[name as keyof typeof WORKSHOP_SETTINGS].variable] = value;
  return { ...env, ...extra };
}

/**
 * The check a pipe into `kubectl apply -f -` needs: every YAML document of `stream` is one
 * Kubernetes object (a map with an apiVersion, a kind and metadata.name; no empty document, no
 * List, no kustomization, no text), and no object (group, kind, namespace, name) comes twice.
 * Returns the objects, or throws naming the first document that fails.
 */
function checkObjectStream(stream: string): any[] {
  const seen = new Set<string>();
  return parseAllDocuments(stream, { version: '1.1' }).map((doc, index) => {
    const where = `document ${index + 1}`;
    if (doc.errors.length > 0) throw new Error(`${where} is not YAML: ${doc.errors[0].message}`);
    const object = doc.toJS();
    if (object === null || typeof object !== 'object' || Array.isArray(object)) throw new Error(`${where} is not an object: ${JSON.stringify(object)}`);
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new Error(`${where} has no apiVersion, kind and metadata.name: ${JSON.stringify(object).slice(0, 200)}`);
    }
    if (/List$/.test(object.kind) || Array.isArray(object.items)) throw new Error(`${where} is a list (${object.kind}), not one object`);
    if (object.apiVersion.startsWith('kustomize.config.k8s.io/')) throw new Error(`${where} is kustomize's ${object.kind}, not a Kubernetes object`);
    const key = objectIdentity(object);
    if (seen.has(key)) throw new Error(`${where} repeats ${key}`);
    seen.add(key);
    return object;
  });
}

/** The objects by identity. */
function byIdentity(objects: readonly any[]): Map<string, any> {
  return new Map(objects.map((o) => [objectIdentity(o), o]));
}

/** A synth into a new folder, as `synth --out <folder>` writes it, with the sample settings. */
function normalSynth(workshop: WorkshopEdition = 'deep-dives'): string {
  const dist = path.join(tempDir('aks-labs-streams-'), 'dist');
  synthesizeWorkshop({ outdir: dist, settings: SETTINGS, workshop, output: 'folder' });
  return dist;
}

/** The member cluster's objects as `kubectl kustomize` builds them from a normally written folder. */
function kustomized(workshop: WorkshopEdition = 'deep-dives'): any[] {
  const built = spawnSync('kubectl', ['kustomize', path.join(normalSynth(workshop), EDITIONS[workshop].folder)], { encoding: 'utf8' });
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  return checkObjectStream(built.stdout);
}

/** The bundles the member cluster's kustomization.yaml lists, in a normally written folder. */
function listedBundles(workshop: WorkshopEdition = 'deep-dives', dist: string = normalSynth(workshop)): string[] {
  const [kustomization] = parseAllDocuments(fs.readFileSync(path.join(dist, EDITIONS[workshop].folder, 'kustomization.yaml'), 'utf8')).map((d) => d.toJS());
  return kustomization.resources;
}

/** A folder holding a cdk8s.yaml: the clone's, with the app run from this clone, and without the keys `drop` names. */
function cdk8sProject(drop: readonly string[]): string {
  const dir = tempDir('aks-labs-cdk8s-project-');
  const lines = fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8').split('\n');
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    if (/^\S/.test(line)) dropping = drop.some((key) => line.startsWith(`${key}:`));
    if (!dropping) kept.push(line.replace(/^app: node tools\//, `app: node ${path.join(ROOT, 'tools')}/`));
  }
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), kept.join('\n'));
  return dir;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = runEnvironment()): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Lines of standard error that are not the command's warnings and notes (a warning's lines are indented). */
function strayMessages(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^(warning|note): /.test(line) && !/^ {2}/.test(line));
}

const ourCwd = tempDir('aks-labs-streams-cwd-');
const ourRun = run(process.execPath, [path.join(ROOT, 'tools', 'run-from-source.js'), 'synth', '--stdout'], ourCwd,
  runEnvironment({ CDK8S_OUTDIR: path.join(os.tmpdir(), 'aks-labs-streams-never-written') }));

describe('aks-labs-cdk8s synth --stdout', () => {
  test('prints only Kubernetes objects, each once, the messages on stderr, and writes no file', () => {
    expect(ourRun.status).toBe(0);
    expect(checkObjectStream(ourRun.stdout).length).toBeGreaterThan(20);
    expect(strayMessages(ourRun.stderr)).toEqual([]);
    expect(ourRun.stderr).toContain("note: left out the Fleet hub cluster's bundle (07-fleet)");
    expect(fs.existsSync(path.join(os.tmpdir(), 'aks-labs-streams-never-written'))).toBe(false);
    expect(fs.readdirSync(ourCwd)).toEqual([]);
  });

  test('prints the bundles the member cluster\'s kustomization.yaml lists, in its order, byte for byte', () => {
    const dist = normalSynth();
    const listed = listedBundles('deep-dives', dist);
    expect(ourRun.stdout).toBe(listed.map((file) => fs.readFileSync(path.join(dist, file), 'utf8')).join(''));
  });

  (KUBECTL ? test : test.skip).each([['deep-dives'], ['advanced-aks']] as const)('%s: the objects are those kubectl kustomize builds from the output folder', async (workshop) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['synth', '--stdout', '--workshop', workshop], { out: (t) => out.push(t), err: (t) => err.push(t), env: runEnvironment() as Record<string, string> });
    expect(code).toBe(0);
    const ours = byIdentity(checkObjectStream(out.join('')));
    const theirs = byIdentity(kustomized(workshop));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, object] of ours) expect({ key, object }).toEqual({ key, object: theirs.get(key) });
  });
  if (!KUBECTL) console.warn('kubectl is not installed: the stream is not compared with kubectl kustomize of the output folder');

  test('the note on the Fleet hub names a command that writes what the hub applies', () => {
    const note = /note: .* with kubectl pointed at the hub: npx aks-labs-cdk8s (synth [^&]+) && kubectl apply -k (\S+)/.exec(ourRun.stderr);
    expect(note).not.toBeNull();
    const cwd = tempDir('aks-labs-streams-hub-');
    const synth = run(process.execPath, [path.join(ROOT, 'tools', 'run-from-source.js'), ...note![1].trim().split(' ')], cwd);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const hub = path.join(cwd, note![2]);
    expect(parseAllDocuments(fs.readFileSync(path.join(hub, 'kustomization.yaml'), 'utf8'))[0].toJS().resources).toEqual(['07-fleet.k8s.yaml']);
    if (KUBECTL) expect(checkObjectStream(run('kubectl', ['kustomize', hub], cwd).stdout).length).toBeGreaterThan(0);
  });

  test.each([
    [['--stdout', '--out', 'dist'], 'synth: --stdout cannot be used with --out: it prints the objects and writes no folder (see aks-labs-cdk8s synth --help)'],
    [['--out', 'dist', '--stdout'], 'synth: --stdout cannot be used with --out: it prints the objects and writes no folder (see aks-labs-cdk8s synth --help)'],
    [['--stdout', '--overwrite'], 'synth: --stdout cannot be used with --overwrite: it prints the objects and writes no folder (see aks-labs-cdk8s synth --help)'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const err: string[] = [];
    const out: string[] = [];
    expect(await runCli(['synth', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} })).toBe(2);
    expect(err.join('')).toBe(`aks-labs-cdk8s: ${message}\n`);
    expect(out).toEqual([]);
  });
});

describe('npx cdk8s synth --stdout', () => {
  // cdk8s.yaml as it is to be: its validation plugin's report would go to stdout (the cdk8s CLI prints it with console.log).
  const project = cdk8sProject(['validations']);
  const cli = run(CDK8S, ['synth', '--stdout', '--no-check-upgrade'], project);

  test('cdk8s.yaml lists no validation plugin: the cdk8s CLI would print its report into the stream', () => {
    const config = parseAllDocuments(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8'))[0].toJS();
    expect(config.validations).toBeUndefined();
  });

  test('prints exactly what aks-labs-cdk8s synth --stdout prints: the member cluster\'s objects, each once', () => {
    expect(cli.status).toBe(0);
    expect(strayMessages(cli.stderr)).toEqual([]);
    expect(checkObjectStream(cli.stdout).length).toBeGreaterThan(20);
    expect(cli.stdout).toBe(ourRun.stdout);
  });

  test('the app writes the one file into the folder the CLI prints, and only there', () => {
    expect(outputFiles(project)).toEqual(['cdk8s.yaml']);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-'));
    try {
      const result = synthesizeWorkshop({ outdir: folder, settings: SETTINGS });
      expect(result.output).toBe('cdk8s-stdout');
      expect(fs.readdirSync(folder)).toEqual([MEMBER_CLUSTER_FILE]);
      expect(fs.readFileSync(path.join(folder, MEMBER_CLUSTER_FILE), 'utf8')).toBe(ourRun.stdout);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('npx cdk8s synth --format helm', () => {
  // Without the imports: with them the CLI downloads each CRD into the chart's crds/ folder, which needs the network.
  const project = cdk8sProject(['validations', 'imports']);
  const cli = run(CDK8S, ['synth', '--format', 'helm', '--chart-version', '1.0.0', '--no-check-upgrade'], project);
  const chart = path.join(project, 'dist');

  test("templates/ holds the member cluster's bundles and nothing else; the hub's are left out, with a note", () => {
    expect(cli.stderr).toContain("note: left out the Fleet hub cluster's bundle (07-fleet)");
    expect(strayMessages(cli.stderr)).toEqual([]);
    expect(cli.status).toBe(0);
    expect(outputFiles(chart)).toEqual(['Chart.yaml', 'README.md', ...listedBundles().map((file) => `templates/${file}`)].sort());
    // No marker either: Helm leaves dot-files directly in templates/ alone, but nothing is there to leave.
    expect(fs.readdirSync(path.join(chart, 'templates')).filter((name) => name.startsWith('.') || name.startsWith('_'))).toEqual([]);
    const templates = listedBundles().map((file) => fs.readFileSync(path.join(chart, 'templates', file), 'utf8')).join('');
    expect(templates).not.toContain('{{');
    expect(templates).toBe(ourRun.stdout);
  });
});

describe('how the app tells the cdk8s CLI\'s folders from others', () => {
  test.each([
    ['a new, empty cdk8s-XXXXXX folder in the temp folder', (tmp: string) => fs.mkdtempSync(path.join(tmp, 'cdk8s-')), 'cdk8s-stdout'],
    ['one that holds a file', (tmp: string) => {
      const dir = fs.mkdtempSync(path.join(tmp, 'cdk8s-'));
      fs.writeFileSync(path.join(dir, 'x.yaml'), '');
      return dir;
    }, undefined],
    ['one that is not directly in the temp folder', () => {
      const dir = tempDir('aks-labs-streams-');
      return fs.mkdtempSync(path.join(dir, 'cdk8s-'));
    }, undefined],
    ['one named otherwise', (tmp: string) => fs.mkdtempSync(path.join(tmp, 'cdk8s-x-')), undefined],
    ['a cdk8s-XXXXXX name that does not exist', (tmp: string) => path.join(tmp, 'cdk8s-zzzzzz'), undefined],
    ['templates/ of a chart cdk8s scaffolded', () => {
      const dir = tempDir('aks-labs-streams-');
      fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\n');
      fs.writeFileSync(path.join(dir, 'README.md'), 'This Helm chart is generated using cdk8s. Any manual changes ...');
      return path.join(dir, 'templates');
    }, 'helm-templates'],
    ['templates/ beside a Chart.yaml of another tool', () => {
      const dir = tempDir('aks-labs-streams-');
      fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\n');
      return path.join(dir, 'templates');
    }, undefined],
    ['dist', () => 'dist', undefined],
  ])('%s', (_what, make, expected) => {
    const folder = make(os.tmpdir());
    try {
      expect(cdk8sCliFolder(folder)).toBe(expected);
    } finally {
      if (folder !== 'dist' && path.basename(folder) !== 'cdk8s-zzzzzz') fs.rmSync(path.basename(folder) === 'templates' ? path.dirname(folder) : folder, { recursive: true, force: true });
    }
  });

  test('--out names the folder: the command writes the whole output folder there, whatever its name', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-'));
    try {
      expect(await runCli(['synth', '--out', folder, '--section', '01-store'], { out: () => undefined, err: () => undefined, env: {} })).toBe(0);
      expect(outputFiles(folder)).toEqual(expect.arrayContaining(['01-store.k8s.yaml', 'kustomization.yaml']));
      expect(outputFiles(folder)).not.toContain(MEMBER_CLUSTER_FILE);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a Helm template renders each {{ as it is', () => {
    expect(helmTemplateText("a: '{{ .Values.x }}'\nb: }}{{{\n")).toBe('a: \'{{ "{{" }} .Values.x }}\'\nb: }}{{ "{{" }}{\n');
  });
});
