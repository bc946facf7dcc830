import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './support/temp';
import { runCli } from '../src/cli/run';

// The hostile-input suite: `verify` run, through the real command, on files nobody wrote for it
// (a colleague's GitOps folder, a chart's output, a fleet's manifests). Every case states what
// it expects: exit 2 with a message naming the file (and line and field where the problem is in
// a value), or the verdict the cluster would give (exit 0, every claim holding). Every case also
// checks that nothing crashed (no TypeError, ReferenceError, RangeError or stack trace), that no
// secret planted in any file (every file holds one) or in a file outside the paths given shows
// in the output, and that the run finished within BOUND_MS.
//
// A case the verifier gets wrong is not weakened: it is listed in KNOWN_FAILURES, and the test
// checks that it still fails (so the list shrinks when a bug is fixed). HOSTILE_DEBUG=1 prints
// what each case's run printed.

/** What every planted secret starts with: no output may hold it. */
const SECRET = 's3cr3t';
/** Where a file's secret goes; a text without it gets it as a trailing comment. */
const S = '@S@';
/** The longest a case may take (each case's jest timeout is far larger, so a slow case fails here, measured). */
const BOUND_MS = 5_000;
const JEST_TIMEOUT_MS = 60_000;

/**
 * Cases the verifier still gets wrong, by title (see each case for the input, what happens and
 * what should): the test checks each still fails, so that a fix is noticed and the entry removed.
 */
const KNOWN_FAILURES: readonly string[] = [
];

type Verdict = 'allowed' | 'blocked';
type Category = 'outside' | 'pathological' | 'yaml' | 'prototype' | 'shape' | 'claims' | 'kustomize' | 'filesystem' | 'limits';
type Content = string | Buffer | ((secret: string) => Buffer);

/** What a refusal's message must name. */
interface Refusal {
  /** The file the message names: relative to the case's folder, `@out/...` for the outside folder, or absolute. */
  readonly file: string;
  /** The field the message names as the one at fault, where the problem is in a value. */
  readonly field?: string;
  /** The line the message names. */
  readonly line?: number;
  /** What the message says. */
  readonly says?: string | RegExp;
}

interface Case {
  readonly category: Category;
  /** What the input is and what the cluster (or kubectl) does with it, and so what is expected. */
  readonly title: string;
  /** Files of the case's folder, by relative path; each gets a secret. */
  readonly files?: Readonly<Record<string, Content>>;
  /** Makes what files cannot be: symlinks, FIFOs, sockets, permissions. Returns a reason to skip the case, if it cannot. */
  readonly setup?: (at: Where) => string | void;
  /**
   * The words after `verify`. A word naming a file of the case (or ending in .yaml, .yml or
   * .json, or holding a '/') is taken relative to the case's folder; `@out/x` is in the
   * outside folder, `@big/x` a shared large input; absolute paths and flags are kept.
   * @default ['m.yaml', '--claims', 'c.yaml']
   */
  readonly args?: readonly string[];
  /** Exit 2, with a message naming this. */
  readonly refuse?: Refusal;
  /** Exit 0, each claim (by id) with this verdict: what the cluster would do. */
  readonly holds?: Readonly<Record<string, Verdict>>;
  /** Run in a child process: `child` for a run that may hang, `nobody` as uid 65534 (for permissions). */
  readonly isolate?: 'child' | 'nobody';
}

interface Where {
  /** The case's folder (the files go there). */
  readonly dir: string;
  /** A folder beside it, holding secrets the run must never show. */
  readonly outside: string;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

// ------------------------------------------------------------------ manifests and claims

const doc = (...parts: string[]): string => parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('---\n');

function namespace(name: string, labels = '{}'): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: ${labels}\n`;
}

type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';
const WORKLOAD_KINDS: readonly WorkloadKind[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];
/** Where each kind keeps its pod template, as messages write the path. */
const TEMPLATE: Record<WorkloadKind, string> = {
  Pod: '',
  Deployment: 'spec.template.',
  StatefulSet: 'spec.template.',
  DaemonSet: 'spec.template.',
  ReplicaSet: 'spec.template.',
  Job: 'spec.template.',
  CronJob: 'spec.jobTemplate.spec.template.',
};

interface PodOptions {
  readonly ns?: string;
  /** The pod labels, as YAML. */
  readonly labels?: string;
  /** The first container's ports, as YAML. */
  readonly ports?: string;
  /** The whole containers value, as YAML. */
  readonly containers?: string;
  /** More entries of the pod spec's flow mapping: `hostNetwork: true`. */
  readonly spec?: string;
  /** The workload's selector labels, as YAML. */
  readonly selector?: string;
}

function workload(kind: WorkloadKind, name: string, o: PodOptions = {}): string {
  const ns = o.ns ?? 'shop';
  const labels = o.labels ?? `{app: ${name}}`;
  const restart = kind === 'Job' || kind === 'CronJob' ? ', restartPolicy: Never' : '';
  const spec = `{containers: ${o.containers ?? `[{name: c, image: nginx, ports: ${o.ports ?? '[]'}}]`}${restart}${o.spec === undefined ? '' : `, ${o.spec}`}}`;
  switch (kind) {
    case 'Pod':
      return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels: ${labels}\nspec: ${spec}\n`;
    case 'Job':
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels: ${labels}\n    spec: ${spec}\n`;
    case 'CronJob':
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  schedule: '*/5 * * * *'\n  jobTemplate:\n    spec:\n`
        + `      template:\n        metadata:\n          labels: ${labels}\n        spec: ${spec}\n`;
    default:
      return `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: ${o.selector ?? `{app: ${name}}`}\n`
        + `${kind === 'StatefulSet' ? `  serviceName: ${name}\n` : ''}  template:\n    metadata:\n      labels: ${labels}\n    spec: ${spec}\n`;
  }
}

function service(name: string, o: { ns?: string; selector?: string; ports?: string; type?: string } = {}): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${o.ns ?? 'shop'}\nspec:\n${o.type === undefined ? '' : `  type: ${o.type}\n`}`
    + `  selector: ${o.selector ?? `{app: ${name}}`}\n  ports: ${o.ports ?? '[{name: http, port: 80, targetPort: 8080}]'}\n`;
}

/** A namespaced object of `kind` with a spec given as YAML lines (indented by two). */
function object(apiVersion: string, kind: string, name: string, spec: string, ns = 'shop'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns === '' ? '' : `  namespace: ${ns}\n`}spec:\n${spec.replace(/^/gm, '  ')}\n`;
}

const np = (name: string, spec: string): string => object('networking.k8s.io/v1', 'NetworkPolicy', name, spec);
const cnp = (name: string, spec: string, ns = 'shop'): string => object('cilium.io/v2', 'CiliumNetworkPolicy', name, spec, ns);

/** Namespace shop; Deployment web (app=web, port 8080 named http); Service web 80 -> 8080. */
const SHOP = doc(namespace('shop'), workload('Deployment', 'web', { ports: '[{name: http, containerPort: 8080}]' }), service('web'));
/** Namespace mesh with sidecars (istio.io/rev of the installed revision); httpbin (8080) behind Service httpbin 8000 (named http). */
const MESH = doc(
  namespace('mesh', '{istio.io/rev: asm-1-22}'),
  workload('Deployment', 'httpbin', { ns: 'mesh', ports: '[{name: http, containerPort: 8080}]' }),
  service('httpbin', { ns: 'mesh', ports: '[{name: http, port: 8000, targetPort: 8080}]' }),
);
const MESH_CONFIG = (mesh: string): string => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: istio-shared-configmap-asm-1-22\n  namespace: aks-istio-system\n'
  + `data:\n  mesh: |\n${mesh.replace(/^/gm, '    ')}\n`;

const CLIENT = '{namespace: shop, labels: {app: client}}';
const TO_WEB = '{service: web, namespace: shop, port: 80}';
const CURL = '{namespace: mesh, labels: {app: curl}}';
const TO_HTTPBIN = '{service: httpbin, namespace: mesh, port: 8000, path: /get}';

function claim(id: string, from: string, to: string, expect: Verdict, extra = ''): string {
  return `- id: ${id}\n  from: ${from}\n  to: ${to}\n${extra}  expect: ${expect}\n`;
}
/** The claim every shape case carries: with nothing in the way, the client reaches web. */
const WEB_CLAIM = claim('client-reaches-web', CLIENT, TO_WEB, 'allowed');
/** A NetworkPolicy isolating web in shop: no ingress rule, so nothing reaches it. */
const ISOLATE_WEB = object('networking.k8s.io/v1', 'NetworkPolicy', 'isolate-web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]');
/** The claim of a case where web is isolated from the client. */
const BLOCKED_WEB_CLAIM = claim('client-blocked-from-web', CLIENT, TO_WEB, 'blocked');

/** A case whose manifests and claims are good: exit 0, each claim with the verdict the cluster gives. */
function verdict(category: Category, title: string, manifests: Content, claims: Content, holds: Readonly<Record<string, Verdict>>): Case {
  return { category, title, files: { 'm.yaml': manifests, 'c.yaml': claims }, holds };
}

/** Manifests with nothing in the client's way: it reaches web, as in the cluster. */
function reachesWeb(category: Category, title: string, manifests: Content): Case {
  return verdict(category, title, manifests, WEB_CLAIM, { 'client-reaches-web': 'allowed' });
}

/** Manifests that isolate web from the client: blocked, as in the cluster. */
function blockedFromWeb(category: Category, title: string, manifests: Content): Case {
  return verdict(category, title, manifests, BLOCKED_WEB_CLAIM, { 'client-blocked-from-web': 'blocked' });
}

/** A case refused with exit 2 and a message naming `refuse`. */
function refused(category: Category, title: string, manifests: Content, claims: Content, refuse: Refusal): Case {
  return { category, title, files: { 'm.yaml': manifests, 'c.yaml': claims }, refuse };
}

/** The shop read through a kustomization (kustomization.yaml holding `kustomization`, beside m.yaml), refused as `refuse` says. */
function badKustomization(category: Category, title: string, kustomization: string, refuse: Refusal): Case {
  return { category, title, files: { 'kustomization.yaml': kustomization, 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM }, args: ['.', '--claims', 'c.yaml'], refuse };
}

/** A case whose only fault is one object (added to the shop) refused at `field`. */
function badObject(title: string, yaml: string, field: string | undefined, says?: string | RegExp, base = SHOP): Case {
  return { category: 'shape', title, files: { 'm.yaml': doc(base, yaml), 'c.yaml': WEB_CLAIM }, refuse: { file: 'm.yaml', field, says } };
}

/** A case whose manifests are good and whose claims file is refused at `field`. */
function badClaim(title: string, claims: Content, field: string | undefined, says?: string | RegExp, manifests = SHOP): Case {
  return { category: 'claims', title, files: { 'm.yaml': manifests, 'c.yaml': claims }, refuse: { file: 'c.yaml', field, says } };
}

const NOT_REGULAR = 'not a regular file (a FIFO, socket or device is never read)';
const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).error === undefined;
const hasDev = fs.existsSync('/dev/zero') && fs.existsSync('/dev/null');

function mkfifo(file: string): string | void {
  if (!canMkfifo) return 'mkfifo is not available here';
  const made = spawnSync('mkfifo', [file]);
  if (made.status !== 0) return `mkfifo failed: ${made.stderr}`;
}

function symlink(target: string, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

// ------------------------------------------------------------------ reading outside what it was given

const OUTSIDE: readonly Case[] = [
  {
    category: 'outside',
    title: 'a kustomization listing ../outside/secret.env is refused by kustomize\'s load restrictions, without reading it',
    files: { 'kustomization.yaml': 'resources:\n- ../outside/secret.env\n', 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', line: 2, field: 'resources[0]', says: 'a resource file outside the kustomization\'s folder' },
  },
  badKustomization('outside', 'a kustomization listing a valid manifest outside its folder is refused (LoadRestrictionsRootOnly)',
    'resources:\n- m.yaml\n- ../outside/secret.yaml\n',
    { file: 'kustomization.yaml', line: 3, field: 'resources[1]', says: 'outside the kustomization\'s folder' }),
  {
    category: 'outside',
    title: 'a kustomization listing an absolute path is refused',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => fs.writeFileSync(path.join(dir, 'kustomization.yaml'), `resources:\n- m.yaml\n- ${path.join(outside, 'secret.yaml')}\n# ${SECRET}-kustomization\n`),
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', line: 3, field: 'resources[1]', says: 'an absolute resource path' },
  },
  {
    category: 'outside',
    title: 'a kustomization resource that is a symlink leading out of the folder is refused, the target never shown',
    files: { 'kustomization.yaml': 'resources:\n- inside.yaml\n', 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => symlink(path.join(outside, 'secret.env'), path.join(dir, 'inside.yaml')),
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', line: 2, field: 'resources[0]', says: 'through \'..\' or a symlink' },
  },
  {
    category: 'outside',
    title: 'a kustomization file that is itself a symlink leading out is refused',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => {
      fs.writeFileSync(path.join(outside, 'kustomization.yaml'), `resources:\n- secret.yaml\n# ${SECRET}-outside-kustomization\n`);
      symlink(path.join(outside, 'kustomization.yaml'), path.join(dir, 'kustomization.yaml'));
    },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', says: 'the kustomization file is a symlink leading outside its folder' },
  },
  badKustomization('outside', 'a kustomization\'s secretGenerator reading ../outside/secret.env is refused by name, the env file never read',
    'resources: [m.yaml]\nsecretGenerator:\n- name: creds\n  envs: [../outside/secret.env]\n',
    { file: 'kustomization.yaml', line: 2, field: 'secretGenerator', says: 'the kustomization uses secretGenerator, which the verifier does not apply' }),
  badKustomization('outside', 'a kustomization\'s configMapGenerator reading an outside file is refused by name',
    'configMapGenerator:\n- name: c\n  files: [../outside/secret.env]\nresources: [m.yaml]\n',
    { file: 'kustomization.yaml', line: 1, field: 'configMapGenerator', says: 'the kustomization uses configMapGenerator' }),
  badKustomization('outside', 'a kustomization listing ../outside (a folder without a kustomization) is refused',
    'resources:\n- m.yaml\n- ../outside\n',
    { file: '@out', says: 'a folder given as a kustomization resource holds no kustomization file' }),
  {
    category: 'outside',
    title: 'someone\'s .env named as a claims file is read (it was given) but its lines are never quoted',
    files: { 'm.yaml': SHOP },
    args: ['m.yaml', '--claims', '@out/secret.env'],
    refuse: { file: '@out/secret.env', line: 2 },
  },
  {
    category: 'outside',
    title: 'someone\'s .env named as a manifest fails to parse; the message names the line, never its text',
    files: { 'c.yaml': WEB_CLAIM },
    args: ['@out/secret.env', '--claims', 'c.yaml'],
    refuse: { file: '@out/secret.env', line: 2 },
  },
  {
    category: 'outside',
    title: 'a folder\'s .yaml symlink to an outside .env is read as kubectl reads it, and its parse error quotes nothing',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => symlink(path.join(outside, 'secret.env'), path.join(dir, 'app', 'z-leak.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/z-leak.yaml', line: 2 },
  },
  {
    category: 'outside',
    title: 'a folder\'s .txt symlink to an outside file is skipped as kubectl skips it: client reaches web',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => symlink(path.join(outside, 'secret.env'), path.join(dir, 'app', 'leak.txt')),
    args: ['app', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'outside',
    title: '-R never follows a symlinked folder (Go\'s filepath.Walk): the policy behind it is not applied, client reaches web',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir, outside }) => {
      fs.writeFileSync(path.join(outside, 'isolate.yaml'), `${ISOLATE_WEB}# ${SECRET}-outside-policy\n`);
      symlink(outside, path.join(dir, 'app', 'linked'));
    },
    args: ['-R', 'app', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  refused('outside', 'a syntax error on a line holding a secret names the line and column only',
    `${SHOP}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata:\n  password: ${S}: broken\n`,
    WEB_CLAIM,
    { file: 'm.yaml', line: 33, says: 'a mapping value (\': \') is not allowed here' }),
  {
    category: 'outside',
    title: 'a JSON manifest with a syntax error after a secret names the line only',
    files: { 'm.json': `{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "cm"},\n "data": {"password": "${S}",, "x": 1}}\n`, 'c.yaml': WEB_CLAIM },
    args: ['m.json', '--claims', 'c.yaml'],
    refuse: { file: 'm.json', line: 3 },
  },
  {
    category: 'outside',
    title: 'a kustomization resource with a parse error is named by its path under the kustomization, its text never quoted',
    files: { 'kustomization.yaml': 'resources: [m.yaml, broken.yaml]\n', 'm.yaml': SHOP, 'broken.yaml': `data:\n  token: "${S}\n`, 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'broken.yaml', line: 2, says: 'a double-quoted scalar is not closed' },
  },
  refused('outside', 'a claims file with a syntax error on a line holding a secret names the line only',
    SHOP,
    `${WEB_CLAIM}  description: "${S}\n`,
    { file: 'c.yaml', line: 5 }),
  refused('outside', 'an invalid value holding a secret is refused without quoting the value (label value)',
    doc(SHOP, workload('Pod', 'leaky', { labels: `{app: leaky, token: "${S}!"}` })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'metadata.labels.token', says: 'must be a label value' }),
];

// ------------------------------------------------------------------ kustomizations

const KUSTOMIZE: readonly Case[] = [
  ...[
    ['a URL', 'https://example.com/app.yaml'],
    ['a git@ repository', 'git@github.com:org/repo.git'],
    ['a github.com path with a ref', 'github.com/org/repo//deploy?ref=v1'],
  ].map(([what, resource]): Case => ({
    category: 'kustomize',
    title: `a remote resource (${what}) is refused: nothing is fetched`,
    files: { 'kustomization.yaml': `resources:\n- m.yaml\n- ${resource}\n`, 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', line: 3, field: 'resources[1]', says: 'a remote resource' },
  })),
  {
    category: 'kustomize',
    title: 'a cycle of kustomizations (a -> b -> a) is refused',
    files: { 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\n', 'c.yaml': WEB_CLAIM },
    args: ['a', '--claims', 'c.yaml'],
    refuse: { file: 'b/kustomization.yaml', line: 1, field: 'resources[0]', says: 'kustomize refuses this cycle' },
  },
  badKustomization('kustomize', 'a kustomization listing its own folder is refused',
    'resources: [m.yaml, .]\n',
    { file: 'kustomization.yaml', field: 'resources[1]', says: 'cycle' }),
  {
    category: 'kustomize',
    title: 'two kustomization files in one folder are refused, as kustomize refuses them',
    files: { 'kustomization.yaml': 'resources: [m.yaml]\n', 'kustomization.yml': 'resources: []\n', 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: '.', says: 'the folder holds several kustomization files (kustomization.yaml, kustomization.yml)' },
  },
  ...['patches', 'namePrefix', 'images', 'helmCharts', 'components', 'commonLabels', 'replicas', 'replacements'].map((field): Case => ({
    category: 'kustomize',
    title: `a kustomization using ${field} is refused by name (the verifier cannot apply it)`,
    files: { 'kustomization.yaml': `resources: [m.yaml]\n${field}: []\n`, 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', line: 2, field, says: `the kustomization uses ${field}, which the verifier does not apply` },
  })),
  badKustomization('kustomize', 'a kustomization namespace that is not a DNS label is refused',
    'namespace: Shop_1\nresources: [m.yaml]\n',
    { file: 'kustomization.yaml', line: 1, field: 'namespace', says: 'not a DNS label' }),
  badKustomization('kustomize', 'a kustomization namespace given as a number is refused',
    'namespace: 0x10\nresources: [m.yaml]\n',
    { file: 'kustomization.yaml', line: 1, field: 'namespace' }),
  badKustomization('kustomize', 'a kustomization field kustomize does not know is refused',
    'resources: [m.yaml]\nresourcez: [x.yaml]\n',
    { file: 'kustomization.yaml', line: 2, field: 'resourcez', says: 'a field kustomize does not know' }),
  badKustomization('kustomize', 'kustomization resources given as a mapping are refused',
    'resources: {m.yaml: true}\n',
    { file: 'kustomization.yaml', line: 1, field: 'resources', says: 'not a list' }),
  badKustomization('kustomize', 'a kustomize Component is refused by name',
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources: [m.yaml]\n',
    { file: 'kustomization.yaml', line: 2, field: 'kind', says: 'Component' }),
  badKustomization('kustomize', 'a kustomization file of two documents is refused',
    'resources: [m.yaml]\n---\nresources: []\n',
    { file: 'kustomization.yaml', says: 'more than one document' }),
  badKustomization('kustomize', 'a kustomization resource that does not exist is refused',
    'resources: [m.yaml, missing.yaml]\n',
    { file: 'kustomization.yaml', line: 1, field: 'resources[1]', says: 'does not exist' }),
  {
    category: 'kustomize',
    title: 'a kustomization resource that is a symlink loop is refused',
    files: { 'kustomization.yaml': 'resources: [m.yaml, loop.yaml]\n', 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => {
      symlink(path.join(dir, 'loop2.yaml'), path.join(dir, 'loop.yaml'));
      symlink(path.join(dir, 'loop.yaml'), path.join(dir, 'loop2.yaml'));
    },
    args: ['.', '--claims', 'c.yaml'],
    refuse: { file: 'kustomization.yaml', field: 'resources[1]', says: 'symlink loop' },
  },
  {
    category: 'kustomize',
    title: 'the kustomization namespace (shop) places an object without one: the policy isolates web, so the client is blocked',
    files: {
      'kustomization.yaml': 'namespace: shop\nresources: [m.yaml, isolate.yaml]\n',
      'm.yaml': SHOP,
      'isolate.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-web}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n',
      'c.yaml': BLOCKED_WEB_CLAIM,
    },
    args: ['.', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  {
    category: 'kustomize',
    title: 'an overlay\'s namespace wins over its base\'s (kustomize\'s namespace transformer): the policy lands in shop and isolates web',
    files: {
      'overlay/kustomization.yaml': 'namespace: shop\nresources: [../base, ../app]\n',
      'base/kustomization.yaml': 'namespace: elsewhere\nresources: [isolate.yaml]\n',
      'base/isolate.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-web}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n',
      'app/kustomization.yaml': 'resources: [m.yaml]\n',
      'app/m.yaml': SHOP,
      'c.yaml': BLOCKED_WEB_CLAIM,
    },
    args: ['overlay', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  {
    category: 'kustomize',
    title: 'a kustomization resource symlinked inside its own folder is read: the policy it holds isolates web',
    files: { 'kustomization.yaml': 'resources: [m.yaml, link.yaml]\n', 'm.yaml': SHOP, 'real/isolate.yaml': ISOLATE_WEB, 'c.yaml': BLOCKED_WEB_CLAIM },
    setup: ({ dir }) => symlink(path.join(dir, 'real', 'isolate.yaml'), path.join(dir, 'link.yaml')),
    args: ['.', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  {
    category: 'kustomize',
    title: 'a kustomization namespace that -n contradicts is refused, as kubectl apply -k -n refuses it',
    files: { 'kustomization.yaml': 'namespace: shop\nresources: [m.yaml]\n', 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['.', '-n', 'other', '--claims', 'c.yaml'],
    refuse: { file: 'm.yaml', field: 'metadata.namespace', says: 'is not the --namespace other' },
  },
  {
    category: 'kustomize',
    title: 'a subfolder holding a kustomization is refused under -R (kubectl would read the kustomization as a manifest)',
    files: { 'app/m.yaml': SHOP, 'app/sub/kustomization.yaml': 'resources: []\n', 'c.yaml': WEB_CLAIM },
    args: ['-R', 'app', '--claims', 'c.yaml'],
    refuse: { file: 'app/sub', says: 'a subfolder holds a kustomization file' },
  },
];

// ------------------------------------------------------------------ pathological inputs: regexes, patterns, sizes

/** A client egress policy: DNS through Cilium's proxy (lookups matching `dns`), then the names `toFQDNs` allows. */
function fqdnPolicy(dns: string, fqdn: string): string {
  return object('cilium.io/v2', 'CiliumNetworkPolicy', 'client-egress', [
    'endpointSelector: {matchLabels: {app: client}}',
    'egress:',
    '- toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]',
    '  toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "' + dns + '"}]}}]',
    `- toFQDNs: [{matchPattern: "${fqdn}"}]`,
  ].join('\n'));
}
/** A label pattern that a backtracking glob takes exponential time to fail on against 63 a's. */
const STARS = `${'*a'.repeat(20)}*b`;
const A63 = 'a'.repeat(63);
/** A path of 8,000 a's: what `(a+)+$` backtracks on for ever in a backtracking engine. */
const LONG_A = `/${'a'.repeat(8000)}`;

/** Cilium L7: web's ingress allows GET on paths matching `pathRegex` (an RE2 regex Envoy matches against the whole path). */
function l7Policy(pathRegex: string, headers = ''): string {
  return object('cilium.io/v2', 'CiliumNetworkPolicy', 'web-l7', [
    'endpointSelector: {matchLabels: {app: web}}',
    'ingress:',
    '- fromEndpoints: [{matchLabels: {app: client}}]',
    `  toPorts: [{ports: [{port: "8080", protocol: TCP}], rules: {http: [{method: GET, path: '${pathRegex}'${headers}}]}}]`,
  ].join('\n'));
}

/** A VirtualService bound to the mesh for httpbin whose only route matches `match` (else Istio answers 404). */
function meshRoute(match: string): string {
  return object('networking.istio.io/v1', 'VirtualService', 'httpbin', [
    'hosts: [httpbin.mesh.svc.cluster.local]',
    'http:',
    `- match: [${match}]`,
    '  route: [{destination: {host: httpbin.mesh.svc.cluster.local, port: {number: 8000}}}]',
  ].join('\n'), 'mesh');
}

const PATHOLOGICAL: readonly Case[] = [
  verdict('pathological', `toFQDNs matchPattern with 21 stars against 63-letter names, linear: "${STARS}.example.com" misses ${'a'.repeat(6)}... and matches ...ab`,
    doc(SHOP, fqdnPolicy('*', `${STARS}.example.com`)),
    claim('no-b-blocked', CLIENT, `{fqdn: ${A63}.example.com, port: 443, ip: 203.0.113.20}`, 'blocked')
      + claim('ending-in-b-allowed', CLIENT, `{fqdn: ${'a'.repeat(62)}b.example.com, port: 443, ip: 203.0.113.21}`, 'allowed'),
    { 'no-b-blocked': 'blocked', 'ending-in-b-allowed': 'allowed' }),
  {
    category: 'pathological',
    // Absolute names (a final dot): the resolver asks for the name alone, not for it with the search path first (which the rule would refuse).
    title: 'a DNS rule matchPattern with 21 stars decides lookups of 63-letter absolute names: the proxy refuses the lookup it does not match',
    files: {
      'm.yaml': doc(SHOP, fqdnPolicy(`${STARS}.example.com`, '*.example.com')),
      'c.yaml': claim('lookup-refused', CLIENT, `{fqdn: ${A63}.example.com., port: 443, ip: 203.0.113.20}`, 'blocked')
        + claim('lookup-allowed', CLIENT, `{fqdn: ${'a'.repeat(62)}b.example.com., port: 443, ip: 203.0.113.21}`, 'allowed'),
    },
    holds: { 'lookup-refused': 'blocked', 'lookup-allowed': 'allowed' },
  },
  {
    category: 'pathological',
    title: 'a matchPattern of 40 stars and a "!" is refused at once (the CRD pattern check must not backtrack)',
    files: { 'm.yaml': doc(SHOP, fqdnPolicy('*', `${'*'.repeat(40)}!`)), 'c.yaml': WEB_CLAIM },
    isolate: 'child',
    refuse: { file: 'm.yaml', field: 'spec.egress[1].toFQDNs[0].matchPattern' },
  },
  {
    category: 'pathological',
    title: 'a matchName of 40 letters and a "!" is refused at once (the CRD pattern check must not backtrack)',
    files: {
      'm.yaml': doc(SHOP, object('cilium.io/v2', 'CiliumNetworkPolicy', 'names', `endpointSelector: {}\negress:\n- toFQDNs: [{matchName: "${'a'.repeat(40)}!"}]`)),
      'c.yaml': WEB_CLAIM,
    },
    isolate: 'child',
    refuse: { file: 'm.yaml', field: 'spec.egress[0].toFQDNs[0].matchName' },
  },
  {
    category: 'pathological',
    title: 'a toPorts port of 5,000 letters and a "!" is refused at once (the CRD pattern check must not backtrack)',
    files: { 'm.yaml': doc(SHOP, cnp('ports', `endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: "${'a'.repeat(5000)}!"}]}]}]`)), 'c.yaml': WEB_CLAIM },
    isolate: 'child',
    refuse: { file: 'm.yaml', field: 'spec.ingress[0].toPorts[0].ports[0].port' },
  },
  verdict('pathological', 'a Cilium HTTP path "/(a+)+$" against an 8,000-character path (RE2, linear): /aaa...a! is refused by the proxy, /aaa...a allowed',
    doc(SHOP, l7Policy('/(a+)+$')),
    claim('bang-refused', CLIENT, `{service: web, namespace: shop, port: 80, path: "${LONG_A}!"}`, 'blocked')
      + claim('as-allowed', CLIENT, `{service: web, namespace: shop, port: 80, path: "${LONG_A}"}`, 'allowed'),
    { 'bang-refused': 'blocked', 'as-allowed': 'allowed' }),
  verdict('pathological', 'an Istio uri regex "/(a+)+$" against an 8,000-character path: no route matches /aaa...a! (404), /aaa...a is routed',
    doc(MESH, meshRoute('{uri: {regex: "/(a+)+$"}}')),
    claim('bang-unrouted', CURL, `{service: httpbin, namespace: mesh, port: 8000, path: "${LONG_A}!"}`, 'blocked')
      + claim('as-routed', CURL, `{service: httpbin, namespace: mesh, port: 8000, path: "${LONG_A}"}`, 'allowed'),
    { 'bang-unrouted': 'blocked', 'as-routed': 'allowed' }),
  verdict('pathological', 'an Istio header regex "(a|aa)+$" against a 4,000-character header value: routed only when the whole value matches',
    doc(MESH, meshRoute('{headers: {x-token: {regex: "(a|aa)+$"}}}')),
    claim('header-matches', CURL, `{service: httpbin, namespace: mesh, port: 8000, path: /get, headers: {x-token: ${'a'.repeat(4000)}}}`, 'allowed')
      + claim('header-misses', CURL, `{service: httpbin, namespace: mesh, port: 8000, path: /get, headers: {x-token: ${'a'.repeat(4000)}b}}`, 'blocked'),
    { 'header-matches': 'allowed', 'header-misses': 'blocked' }),
  {
    category: 'pathological',
    title: '8 MB of empty documents beside the shop are read at once and add nothing: client reaches web',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['@big/empty-documents.yaml', 'm.yaml', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'pathological',
    title: 'a ConfigMap of 50,000 keys is read at once: client reaches web',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['m.yaml', '@big/fifty-thousand-keys.yaml', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'pathological',
    title: 'a pod with 50,000 labels is selected by its last label: the client reaches it directly',
    files: { 'm.yaml': SHOP, 'c.yaml': claim('reach-many', CLIENT, '{namespace: shop, labels: {k49999: v49999}, port: 9000}', 'allowed') },
    args: ['m.yaml', '@big/fifty-thousand-labels.yaml', '--claims', 'c.yaml'],
    holds: { 'reach-many': 'allowed' },
  },
  {
    category: 'pathological',
    title: 'a fleet of 2,000 namespaces, each isolated by its own NetworkPolicy: client-0 reaches web-0, client-1 is blocked from web-0',
    files: {
      'c.yaml': claim('same-tenant', '{namespace: t0, labels: {app: client}}', '{service: web, namespace: t0, port: 80}', 'allowed')
        + claim('other-tenant', '{namespace: t1, labels: {app: client}}', '{service: web, namespace: t0, port: 80}', 'blocked')
        + claim('last-tenant', '{namespace: t1999, labels: {app: client}}', '{service: web, namespace: t1999, port: 80}', 'allowed'),
    },
    args: ['@big/fleet.yaml', '--claims', 'c.yaml'],
    holds: { 'same-tenant': 'allowed', 'other-tenant': 'blocked', 'last-tenant': 'allowed' },
  },
  {
    category: 'pathological',
    title: 'a 10 MB annotation value is read at once (annotations cannot change a verdict): client reaches web',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['m.yaml', '@big/long-annotation.yaml', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  reachesWeb('pathological', '900 levels of nesting in an object of a kind the verifier does not read (within the depth limit): client reaches web',
    doc(SHOP, `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: deep, namespace: shop}\nspec: ${'['.repeat(900)}${']'.repeat(900)}\n`)),
  blockedFromWeb('pathological', '9,000 aliases of one label map (within the alias limit) are expanded: the policy they select isolates web',
    doc(SHOP,
      object('networking.k8s.io/v1', 'NetworkPolicy', 'isolate-web', 'podSelector: &sel {matchLabels: {app: web}}\npolicyTypes: [Ingress]'),
      `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: aliases, namespace: shop}\nspec:\n  copies: [${Array(9000).fill('&a {k: v}').map((a, i) => (i === 0 ? a : '*a')).join(', ')}]\n`)),
];

// ------------------------------------------------------------------ YAML read as kubectl reads it (go-yaml v2 through sigs.k8s.io/yaml)

/** The shop with web's Service port written as `port` (YAML text), and a claim on `claimPort`. */
function servicePortCase(title: string, port: string, claimPort: number): Case {
  return {
    category: 'yaml',
    title,
    files: {
      'm.yaml': doc(namespace('shop'), workload('Deployment', 'web', { ports: '[{name: http, containerPort: 8080}]' }), service('web', { ports: `[{name: http, port: ${port}, targetPort: 8080}]` })),
      'c.yaml': claim('on-the-port', CLIENT, `{service: web, namespace: shop, port: ${claimPort}}`, 'allowed'),
    },
    holds: { 'on-the-port': 'allowed' },
  };
}

/** A pod whose label `app` is written `value` (unquoted): kubectl refuses any that YAML 1.1 does not read as a string. */
function labelValueCase(value: string, reads: string): Case {
  return {
    category: 'yaml',
    title: `a label value written ${value} reads as ${reads}: kubectl refuses the object (labels are strings)`,
    files: { 'm.yaml': doc(SHOP, workload('Pod', 'trap', { labels: `{app: ${value}}` })), 'c.yaml': WEB_CLAIM },
    refuse: { file: 'm.yaml', line: 34, field: 'metadata.labels.app', says: 'must be string' },
  };
}

const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

const YAML: readonly Case[] = [
  blockedFromWeb('yaml', 'a label released: 2024-01-15 stays the string 2024-01-15 on the pod and in the selector: the policy isolates web',
    doc(namespace('shop'), workload('Deployment', 'web', { labels: '{app: web, released: 2024-01-15}', ports: '[{containerPort: 8080}]' }), service('web'),
      object('networking.k8s.io/v1', 'NetworkPolicy', 'isolate-release', 'podSelector: {matchLabels: {released: 2024-01-15}}\npolicyTypes: [Ingress]'))),
  refused('yaml', 'a Service port 1:34:32 is the string "1:34:32" (go-yaml v2 has no sexagesimals): kubectl refuses it',
    doc(namespace('shop'), service('web', { ports: '[{port: 1:34:32}]' })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'spec.ports[0].port', says: 'must be integer' }),
  servicePortCase('a Service port 0x50 is 80 (YAML 1.1 hexadecimal): the claim on port 80 holds', '0x50', 80),
  servicePortCase('a Service port 0o120 is 80 (go-yaml v2 parses ints with Go\'s base prefixes): the claim on port 80 holds', '0o120', 80),
  servicePortCase('a Service port 017 is 15 (YAML 1.1 octal): the claim on port 15 holds', '017', 15),
  servicePortCase('a Service port 8_0 is 80 (go-yaml v2 drops underscores): the claim on port 80 holds', '8_0', 80),
  servicePortCase('a Service port 80.0 is the JSON number 80, an int32 to the API server: the claim on port 80 holds', '80.0', 80),
  servicePortCase('a Service port !!int "80" is 80 (an explicit tag): the claim on port 80 holds', '!!int "80"', 80),
  refused('yaml', 'a Service port !!str 80 is the string "80": kubectl refuses it',
    doc(namespace('shop'), service('web', { ports: '[{port: !!str 80}]' })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'spec.ports[0].port', says: 'must be integer' }),
  labelValueCase('on', 'true'),
  labelValueCase('yes', 'true'),
  labelValueCase('y', 'true'),
  labelValueCase('Off', 'false'),
  labelValueCase('0x10', 'the number 16'),
  labelValueCase('0700', 'the number 448'),
  labelValueCase('1.5', 'a number'),
  labelValueCase('0o17', 'the number 15'),
  refused('yaml', 'a label value "." is the string "." and not a valid label value: refused as the API server refuses it',
    doc(SHOP, workload('Pod', 'trap', { labels: '{app: .}' })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'metadata.labels.app', says: 'must be a label value' }),
  blockedFromWeb('yaml', 'a label key written on is the key "true" (YAML 1.1): the policy selecting true=x isolates that pod',
    doc(namespace('shop'), workload('Deployment', 'web', { labels: '{app: web, on: x}', ports: '[{containerPort: 8080}]' }), service('web'),
      object('networking.k8s.io/v1', 'NetworkPolicy', 'isolate-true', 'podSelector: {matchLabels: {"true": x}}\npolicyTypes: [Ingress]'))),
  refused('yaml', 'a Service selector value yes is a boolean: kubectl refuses the Service',
    doc(namespace('shop'), service('web', { selector: '{app: yes}' })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'spec.selector.app', says: 'must be string' }),
  refused('yaml', 'invalid UTF-8 (a Latin-1 byte) is refused as go-yaml refuses it, naming the line',
    (secret) => Buffer.concat([Buffer.from(`${SHOP}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata: {city: "Montr`), Buffer.from([0xe9]), Buffer.from(`al ${secret}"}\n`)]),
    WEB_CLAIM,
    { file: 'm.yaml', line: 32, says: 'not valid UTF-8' }),
  refused('yaml', 'a UTF-16LE file is refused as kubectl fails on it',
    (secret) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${SHOP}# ${secret}\n`, 'utf16le')]),
    WEB_CLAIM,
    { file: 'm.yaml', says: 'UTF-16LE' }),
  {
    category: 'yaml',
    title: 'a UTF-16BE file ending in a line break is read as kubectl reads it (one document): its policy isolates web',
    files: { 'm.yaml': SHOP, 'isolate.yaml': (secret) => utf16be(`${ISOLATE_WEB}# ${secret}\n`), 'c.yaml': BLOCKED_WEB_CLAIM },
    args: ['m.yaml', 'isolate.yaml', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  blockedFromWeb('yaml', 'a UTF-8 byte order mark and CRLF line ends are read as kubectl reads them: the policy isolates web',
    `\ufeff${doc(SHOP, ISOLATE_WEB)}# ${S}\n`.replace(/\n/g, '\r\n')),
  refused('yaml', 'a key written twice is refused (kubectl\'s strict decoding), naming the line and field',
    doc(SHOP, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata:\n  token: a\n  token: b\n'),
    WEB_CLAIM,
    { file: 'm.yaml', line: 34, field: 'data.token', says: 'a key written twice' }),
  {
    category: 'yaml',
    title: 'a folder\'s symlink to a manifest is read as kubectl apply -f reads it: the linked policy isolates web',
    files: { 'app/m.yaml': SHOP, 'policies/isolate.yaml': ISOLATE_WEB, 'c.yaml': BLOCKED_WEB_CLAIM },
    setup: ({ dir }) => symlink(path.join(dir, 'policies', 'isolate.yaml'), path.join(dir, 'app', 'isolate.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  {
    category: 'yaml',
    title: 'a folder\'s .YAML, .txt and .yaml.bak files are not read by kubectl apply -f: the policies in them do not apply',
    files: { 'app/m.yaml': SHOP, 'app/isolate.YAML': ISOLATE_WEB, 'app/isolate.txt': ISOLATE_WEB, 'app/isolate.yaml.bak': ISOLATE_WEB, 'c.yaml': WEB_CLAIM },
    args: ['app', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'yaml',
    title: 'a JSON stream of two objects is read as kubectl reads it: the policy isolates web',
    files: {
      'm.yaml': SHOP,
      'isolate.json': '{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "isolate-web", "namespace": "shop", "annotations": {"note": "@S@"}},'
        + ' "spec": {"podSelector": {"matchLabels": {"app": "web"}}, "policyTypes": ["Ingress"]}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "shop"}}\n',
      'c.yaml': BLOCKED_WEB_CLAIM,
    },
    args: ['m.yaml', 'isolate.json', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  blockedFromWeb('yaml', 'a kind: List is flattened into its items: the policy among them isolates web',
    `apiVersion: v1\nkind: List\nitems:\n${doc(SHOP, ISOLATE_WEB).split('---\n').map((d) => `- ${d.trimEnd().replace(/\n/g, '\n  ')}`).join('\n')}\n`),
  reachesWeb('yaml', 'a later object of the same kind and name replaces the earlier one: the second policy (allow all) replaces the isolation',
    doc(SHOP, ISOLATE_WEB, object('networking.k8s.io/v1', 'NetworkPolicy', 'isolate-web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]\ningress: [{}]'))),
  blockedFromWeb('yaml', 'a merge key (<<) gives the policy its selector, as go-yaml applies it: the policy isolates web',
    doc(SHOP, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: merged, namespace: shop}\nspec:\n  <<: {podSelector: {matchLabels: {app: web}}}\n  policyTypes: [Ingress]\n')),
  refused('yaml', 'a separator line with more than a comment after --- is refused as kubectl refuses it',
    `${SHOP}--- ${S}\n${ISOLATE_WEB}`,
    WEB_CLAIM,
    { file: 'm.yaml', line: 28, says: 'a line starting with \'---\' has more than a comment after it' }),
  refused('yaml', 'a tab used as indentation is refused as go-yaml refuses it',
    `${SHOP}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: cm\n`,
    WEB_CLAIM,
    { file: 'm.yaml', line: 32 }),
  refused('yaml', 'a document that is a plain string is refused (not a Kubernetes object)',
    `${SHOP}---\njust some text ${S}\n`,
    WEB_CLAIM,
    { file: 'm.yaml', says: 'is not a Kubernetes object' }),
  refused('yaml', 'a control character in a value is refused as go-yaml refuses it',
    `${SHOP}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata: {bell: "${S}\u0007"}\n`,
    WEB_CLAIM,
    { file: 'm.yaml', line: 32, says: 'U+0007' }),
  refused('yaml', 'an alias to an undefined anchor is refused',
    doc(SHOP, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata: *nothing\n'),
    WEB_CLAIM,
    { file: 'm.yaml', line: 32, field: 'data', says: 'an alias (*) refers to an anchor (&) not defined before it' }),
  refused('yaml', 'an object without metadata.name is refused (generateName is not supported)',
    doc(SHOP, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: cm-, namespace: shop}\n'),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'metadata.name', says: 'must be an object name' }),
  refused('yaml', 'an object without kind is refused',
    doc(SHOP, 'apiVersion: v1\nmetadata: {name: cm, namespace: shop}\n'),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'kind', says: 'every object needs an apiVersion and a kind' }),
  refused('yaml', 'a version of a read kind the verifier does not read (NetworkPolicy networking.k8s.io/v1beta1) is refused',
    doc(SHOP, object('networking.k8s.io/v1beta1', 'NetworkPolicy', 'old', 'podSelector: {}\npolicyTypes: [Ingress]')),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'apiVersion', says: 'a version of NetworkPolicy the verifier does not read (it reads networking.k8s.io/v1)' }),
  reachesWeb('yaml', 'a NetworkPolicy of extensions/v1beta1 (removed in Kubernetes 1.16) is an object of a kind the cluster lacks: it isolates nothing',
    doc(SHOP, object('extensions/v1beta1', 'NetworkPolicy', 'old', 'podSelector: {}\npolicyTypes: [Ingress]'))),
];

// ------------------------------------------------------------------ keys that Object.prototype has: plain label keys to the cluster

const PROTOTYPE: readonly Case[] = [
  reachesWeb('prototype', 'a NetworkPolicy selecting toString Exists selects no pod (none has the label): web stays open, the client reaches it',
    doc(SHOP, np('p', 'podSelector: {matchExpressions: [{key: toString, operator: Exists}]}\npolicyTypes: [Ingress]'))),
  blockedFromWeb('prototype', 'a NetworkPolicy selecting valueOf DoesNotExist selects every pod (none has the label): web is isolated, the client blocked',
    doc(SHOP, np('p', 'podSelector: {matchExpressions: [{key: valueOf, operator: DoesNotExist}]}\npolicyTypes: [Ingress]'))),
  reachesWeb('prototype', 'a NetworkPolicy selecting hasOwnProperty In [x] selects no pod: web stays open',
    doc(SHOP, np('p', 'podSelector: {matchExpressions: [{key: hasOwnProperty, operator: In, values: [x]}]}\npolicyTypes: [Ingress]'))),
  blockedFromWeb('prototype', 'a NetworkPolicy selecting constructor NotIn [x] selects every pod (none has the label): web is isolated',
    doc(SHOP, np('p', 'podSelector: {matchExpressions: [{key: constructor, operator: NotIn, values: [x]}]}\npolicyTypes: [Ingress]'))),
  verdict('prototype', 'pods labelled constructor=x, isolated by a policy on that label, admit only app=friend: friend allowed, client blocked',
    doc(SHOP, workload('Deployment', 'proto', { labels: '{app: proto, constructor: x}', selector: '{app: proto}', ports: '[{containerPort: 9000}]' }),
      np('p', 'podSelector: {matchLabels: {constructor: x}}\ningress: [{from: [{podSelector: {matchLabels: {app: friend}}}]}]')),
    claim('friend-allowed', '{namespace: shop, labels: {app: friend}}', '{namespace: shop, labels: {constructor: x}, port: 9000}', 'allowed')
      + claim('client-blocked', CLIENT, '{namespace: shop, labels: {constructor: x}, port: 9000}', 'blocked'),
    { 'friend-allowed': 'allowed', 'client-blocked': 'blocked' }),
  reachesWeb('prototype', 'a CiliumNetworkPolicy whose endpointSelector needs hasOwnProperty selects no endpoint: web stays open',
    doc(SHOP, cnp('c', 'endpointSelector: {matchExpressions: [{key: hasOwnProperty, operator: Exists}]}\ningress: [{}]'))),
  verdict('prototype', 'a CiliumNetworkPolicy admitting fromEndpoints constructor=a: a client with that label is allowed, app=client blocked',
    doc(SHOP, cnp('c', 'endpointSelector: {matchLabels: {app: web}}\ningress: [{fromEndpoints: [{matchLabels: {constructor: a}}]}]')),
    claim('constructor-allowed', '{namespace: shop, labels: {constructor: a}}', TO_WEB, 'allowed') + claim('client-blocked', CLIENT, TO_WEB, 'blocked'),
    { 'constructor-allowed': 'allowed', 'client-blocked': 'blocked' }),
  reachesWeb('prototype', 'a CiliumNetworkPolicy admitting fromEndpoints where toString DoesNotExist admits a client without it',
    doc(SHOP, cnp('c', 'endpointSelector: {matchLabels: {app: web}}\ningress: [{fromEndpoints: [{matchExpressions: [{key: toString, operator: DoesNotExist}]}]}]'))),
  blockedFromWeb('prototype', 'a CiliumNetworkPolicy admitting fromEndpoints k8s:valueOf Exists admits no client without it: blocked',
    doc(SHOP, cnp('c', 'endpointSelector: {matchLabels: {app: web}}\ningress: [{fromEndpoints: [{matchExpressions: [{key: "k8s:valueOf", operator: Exists}]}]}]'))),
  reachesWeb('prototype', 'a CiliumNetworkPolicy whose endpointSelector asks for __proto__=x selects no endpoint: web stays open',
    doc(SHOP, cnp('c', 'endpointSelector: {matchLabels: {__proto__: x}}\ningress: [{}]'))),
  verdict('prototype', 'a Service selecting constructor=x sends to the pods labelled so: the client reaches them through it',
    doc(SHOP, workload('Deployment', 'proto', { labels: '{app: proto, constructor: x}', selector: '{app: proto}', ports: '[{containerPort: 9000}]' }),
      service('proto', { selector: '{constructor: x}', ports: '[{port: 90, targetPort: 9000}]' })),
    claim('through-proto', CLIENT, '{service: proto, namespace: shop, port: 90}', 'allowed'),
    { 'through-proto': 'allowed' }),
  verdict('prototype', 'a namespace labelled toString=t is admitted by a namespaceSelector on it; the shop client (no such label) is not',
    doc(SHOP, namespace('tenant', '{toString: t}'), np('p', 'podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchLabels: {toString: t}}}]}]')),
    claim('tenant-allowed', '{namespace: tenant, labels: {app: client}}', TO_WEB, 'allowed') + claim('shop-blocked', CLIENT, TO_WEB, 'blocked'),
    { 'tenant-allowed': 'allowed', 'shop-blocked': 'blocked' }),
  blockedFromWeb('prototype', 'a namespaceSelector needing constructor Exists admits no namespace (none has it): the client is blocked',
    doc(SHOP, np('p', 'podSelector: {matchLabels: {app: web}}\ningress: [{from: [{namespaceSelector: {matchExpressions: [{key: constructor, operator: Exists}]}}]}]'))),
  verdict('prototype', 'a claim from a pod labelled hasOwnProperty=h is an ordinary client: it reaches web',
    SHOP,
    claim('odd-client', '{namespace: shop, labels: {hasOwnProperty: h}}', TO_WEB, 'allowed'),
    { 'odd-client': 'allowed' }),
  verdict('prototype', 'a Cilium HTTP rule needing header toString: a request without it is refused, one with it allowed',
    doc(SHOP, l7Policy('/.*', ', headers: [toString]')),
    claim('without-header', CLIENT, '{service: web, namespace: shop, port: 80, path: /}', 'blocked')
      + claim('with-header', CLIENT, '{service: web, namespace: shop, port: 80, path: /, headers: {toString: yes-really}}', 'allowed'),
    { 'without-header': 'blocked', 'with-header': 'allowed' }),
  verdict('prototype', 'an Istio route matching header constructor: routed only with the header (404 without)',
    doc(MESH, meshRoute('{headers: {constructor: {exact: x}}}')),
    claim('with-header', CURL, '{service: httpbin, namespace: mesh, port: 8000, path: /get, headers: {constructor: x}}', 'allowed')
      + claim('without-header', CURL, TO_HTTPBIN, 'blocked'),
    { 'with-header': 'allowed', 'without-header': 'blocked' }),
  verdict('prototype', 'an AuthorizationPolicy DENY when request.headers[valueOf] is x: denied with the header, allowed without',
    doc(MESH, object('security.istio.io/v1', 'AuthorizationPolicy', 'deny-header', 'action: DENY\nrules: [{when: [{key: "request.headers[valueOf]", values: [x]}]}]', 'mesh')),
    claim('with-header', CURL, '{service: httpbin, namespace: mesh, port: 8000, path: /get, headers: {valueOf: x}}', 'blocked')
      + claim('without-header', CURL, TO_HTTPBIN, 'allowed'),
    { 'with-header': 'blocked', 'without-header': 'allowed' }),
  verdict('prototype', 'an AuthorizationPolicy DENY selecting matchLabels valueOf=v applies to no workload: httpbin is reached',
    doc(MESH, object('security.istio.io/v1', 'AuthorizationPolicy', 'deny-all', 'selector: {matchLabels: {valueOf: v}}\naction: DENY\nrules: [{}]', 'mesh')),
    claim('reached', CURL, TO_HTTPBIN, 'allowed'),
    { reached: 'allowed' }),
  verdict('prototype', 'a Service selecting toString=x, which no pod is, has no endpoints: the connection through it is refused',
    doc(SHOP, service('ghost', { selector: '{toString: x}' })),
    claim('no-endpoints', CLIENT, '{service: ghost, namespace: shop, port: 80}', 'blocked'),
    { 'no-endpoints': 'blocked' }),
  verdict('prototype', 'a namespace and a Service named constructor are ordinary names: the client in it reaches the Service',
    doc(namespace('constructor'), workload('Deployment', 'web', { ns: 'constructor', ports: '[{containerPort: 8080}]' }), service('constructor', { ns: 'constructor', selector: '{app: web}' })),
    claim('in-constructor', '{namespace: constructor, labels: {app: client}}', '{service: constructor, namespace: constructor, port: 80}', 'allowed'),
    { 'in-constructor': 'allowed' }),
  refused('prototype', 'a claim from namespace valueof, which nothing creates, is refused (no namespace exists by inheritance)',
    SHOP,
    claim('nowhere', '{namespace: valueof, labels: {app: client}}', TO_WEB, 'blocked'),
    { file: 'c.yaml', line: 2, field: 'from.namespace', says: 'names a namespace the manifests do not create' }),
  refused('prototype', 'a claim to a Service named constructor, which the shop lacks, is refused',
    SHOP,
    claim('no-such-service', CLIENT, '{service: constructor, namespace: shop, port: 80}', 'blocked'),
    { file: 'c.yaml', line: 3, field: 'to.service', says: 'names no Service of the manifests or the cluster in namespace shop' }),
  verdict('prototype', 'a Cilium HTTP rule needing a header named __proto__: a claim sending it is allowed, one without it refused',
    doc(SHOP, l7Policy('/.*', ', headers: [__proto__]')),
    claim('with-header', CLIENT, '{service: web, namespace: shop, port: 80, path: /, headers: {__proto__: x}}', 'allowed')
      + claim('without-header', CLIENT, '{service: web, namespace: shop, port: 80, path: /}', 'blocked'),
    { 'with-header': 'allowed', 'without-header': 'blocked' }),
  refused('prototype', 'a pod label key __proto__ is not a valid label key (it must start with a letter or digit): refused',
    doc(SHOP, workload('Pod', 'proto', { labels: '{__proto__: x}' })),
    WEB_CLAIM,
    { file: 'm.yaml', field: 'metadata.labels.__proto__', says: 'is not a valid label key' }),
  refused('prototype', 'a claim from labels {__proto__: x} is refused (not a valid label key)',
    SHOP,
    claim('proto', '{namespace: shop, labels: {__proto__: x}}', TO_WEB, 'allowed'),
    { file: 'c.yaml', field: 'from.labels.__proto__', says: 'is not a valid label key' }),
  refused('prototype', 'a claim to pods labelled toString=x, which no pod is, is refused (it names pods the manifests lack)',
    SHOP,
    claim('nobody', CLIENT, '{namespace: shop, labels: {toString: x}, port: 8080}', 'blocked'),
    { file: 'c.yaml', field: 'to.labels', says: 'select no pods of the manifests in namespace shop' }),
  refused('prototype', 'a PeerAuthentication portLevelMtls key constructor is not a port: refused',
    doc(MESH, object('security.istio.io/v1', 'PeerAuthentication', 'pa', 'mtls: {mode: STRICT}\nportLevelMtls: {constructor: {mode: DISABLE}}', 'mesh')),
    claim('r', CURL, TO_HTTPBIN, 'allowed'),
    { file: 'm.yaml', field: 'spec.portLevelMtls.constructor', says: 'must be a port number' }),
  refused('prototype', 'an AuthorizationPolicy rule with a field named toString is refused as kubectl refuses it (not a DENY-everything rule)',
    doc(MESH, object('security.istio.io/v1', 'AuthorizationPolicy', 'deny', 'action: DENY\nrules: [{toString: x}]', 'mesh')),
    claim('r', CURL, TO_HTTPBIN, 'allowed'),
    { file: 'm.yaml', field: 'spec.rules[0].toString' }),
];

// ------------------------------------------------------------------ shapes: every kind read, with mistyped fields

const workloadShapes: Case[] = WORKLOAD_KINDS.flatMap((kind, i): Case[] => {
  const t = TEMPLATE[kind];
  const bad = (title: string, o: PodOptions, field: string, says?: string | RegExp) => badObject(`${kind}: ${title}`, workload(kind, 'bad', o), field, says);
  const port = i % 2 === 0 ? 70000 : 0;
  return [
    bad('containerPort "8080" (a string for a number) is refused as kubectl refuses it', { ports: '[{containerPort: "8080"}]' }, `${t}spec.containers[0].ports[0].containerPort`, 'must be integer'),
    bad(`containerPort ${port} is not a port`, { ports: `[{containerPort: ${port}}]` }, `${t}spec.containers[0].ports[0].containerPort`, 'must be an integer from 1 to 65535'),
    bad('containers given as a mapping (a map for a list)', { containers: '{name: c, image: nginx}' }, `${t}spec.containers`, 'must be array'),
    bad('labels given as a list (a list for a map)', { labels: '[app, bad]' }, `${t}metadata.labels`, 'must be object'),
  ];
});

const SHAPES: readonly Case[] = [
  ...workloadShapes,
  badObject('Pod: spec null', 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad, namespace: shop}\nspec: null\n', 'spec'),
  badObject('Pod: port protocol HTTP (not an enum value)', workload('Pod', 'bad', { ports: '[{containerPort: 80, protocol: HTTP}]' }), 'spec.containers[0].ports[0].protocol', /TCP.*UDP.*SCTP/),
  badObject('Pod: hostNetwork "true" (a string for a boolean)', workload('Pod', 'bad', { spec: 'hostNetwork: "true"' }), 'spec.hostNetwork', 'must be boolean'),
  badObject('Deployment: a label value holding a secret and a space is refused without quoting it', workload('Deployment', 'bad', { labels: `{app: bad, note: "${S} !"}` }),
    'spec.template.metadata.labels.note', 'must be a label value'),
  badObject('StatefulSet: a label key starting with "-" is refused', workload('StatefulSet', 'bad', { labels: '{app: bad, "-x": z}' }), 'spec.template.metadata.labels["-x"]', 'is not a valid label key'),
  badObject('DaemonSet: serviceAccountName 5 (a number for a string)', workload('DaemonSet', 'bad', { spec: 'serviceAccountName: 5' }), 'spec.template.spec.serviceAccountName', 'must be string'),
  badObject('ReplicaSet: a container port name of 16 characters', workload('ReplicaSet', 'bad', { ports: '[{name: a-very-long-name-x, containerPort: 80}]' }),
    'spec.template.spec.containers[0].ports[0].name', 'at most 15 characters'),
  badObject('Job: containerPort null', workload('Job', 'bad', { ports: '[{containerPort: null}]' }), 'spec.template.spec.containers[0].ports[0].containerPort'),
  badObject('CronJob: jobTemplate given as a list', 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: bad, namespace: shop}\nspec:\n  schedule: "* * * * *"\n  jobTemplate: []\n',
    'spec.jobTemplate', 'must be object'),
  badObject('CronJob: schedule 5 (a number for a string)', workload('CronJob', 'bad').replace("schedule: '*/5 * * * *'", 'schedule: 5'), 'spec.schedule', 'must be string'),
  badObject('a Deployment with a misspelt field (portz) is refused as kubectl apply refuses it', workload('Deployment', 'bad').replace('ports: []', 'portz: [{containerPort: 80}]'),
    'spec.template.spec.containers[0].portz'),

  badObject('ReplicationController: containerPort 70000', 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bad, namespace: shop}\nspec:\n  selector: {app: bad}\n'
    + '  template:\n    metadata: {labels: {app: bad}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 70000}]}]}\n',
  'spec.template.spec.containers[0].ports[0].containerPort', 'must be an integer from 1 to 65535'),
  badObject('ReplicationController: a template label value yes (a boolean)', 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bad, namespace: shop}\nspec:\n  selector: {app: bad}\n'
    + '  template:\n    metadata: {labels: {app: bad, ready: yes}}\n    spec: {containers: [{name: c, image: nginx}]}\n', 'spec.template.metadata.labels.ready', 'must be string'),
  verdict('shape', 'ReplicationController: its pods are read like any workload\'s: a policy on app=rc isolates them from the client',
    doc(SHOP, 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc, namespace: shop}\nspec:\n  selector: {app: rc}\n'
      + '  template:\n    metadata: {labels: {app: rc}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 9000}]}]}\n',
    np('isolate-rc', 'podSelector: {matchLabels: {app: rc}}\npolicyTypes: [Ingress]')),
    claim('rc-isolated', CLIENT, '{namespace: shop, labels: {app: rc}, port: 9000}', 'blocked'),
    { 'rc-isolated': 'blocked' }),
  badObject('Service: a ports item null', service('bad', { ports: '[null]' }), 'spec.ports[0]'),
  badObject('NetworkPolicy: an ingress rule null', np('bad', 'podSelector: {}\ningress: [null]'), 'spec.ingress[0]'),
  badObject('CiliumNetworkPolicy: an egress rule null', cnp('bad', 'endpointSelector: {}\negress: [null]'), 'spec.egress[0]'),
  badObject('a NetworkPolicy port "8080" in quotes is refused as the API server refuses it (a port name needs a letter), not read as a named port',
    np('bad', 'podSelector: {matchLabels: {app: web}}\ningress: [{ports: [{port: "8080"}]}]'), 'spec.ingress[0].ports[0].port'),

  // Namespace
  badObject('Namespace: labels given as a list', namespace('bad', '[team, a]'), 'metadata.labels', 'must be object'),
  badObject('Namespace: a label value no (a boolean)', namespace('bad', '{team: no}'), 'metadata.labels.team', 'must be string'),
  badObject('Namespace: a label value of 64 characters', namespace('bad', `{team: ${'t'.repeat(64)}}`), 'metadata.labels.team', 'must be a label value'),
  badObject('Namespace: a name with capitals', namespace('Bad'), 'metadata.name', 'must be an object name'),

  // Service
  badObject('Service: port "http" (a string for a number)', service('bad', { ports: '[{port: http}]' }), 'spec.ports[0].port', 'must be integer'),
  badObject('Service: port 70000', service('bad', { ports: '[{port: 70000}]' }), 'spec.ports[0].port', 'must be an integer from 1 to 65535'),
  badObject('Service: port 0', service('bad', { ports: '[{port: 0}]' }), 'spec.ports[0].port', 'must be an integer from 1 to 65535'),
  badObject('Service: targetPort 0', service('bad', { ports: '[{port: 80, targetPort: 0}]' }), 'spec.ports[0].targetPort', 'must be an integer from 1 to 65535'),
  badObject('Service: targetPort "Bad_Name" (not a port name)', service('bad', { ports: '[{port: 80, targetPort: Bad_Name}]' }), 'spec.ports[0].targetPort', 'a container port name'),
  badObject('Service: type Internal (not an enum value)', service('bad', { type: 'Internal' }), 'spec.type', /ClusterIP.*NodePort.*LoadBalancer.*ExternalName/),
  badObject('Service: selector given as a list', service('bad', { selector: '[app, web]' }), 'spec.selector', 'must be object'),
  badObject('Service: port protocol HTTP', service('bad', { ports: '[{port: 80, protocol: HTTP}]' }), 'spec.ports[0].protocol', /TCP.*UDP.*SCTP/),
  badObject('Service: ports given as a mapping', service('bad', { ports: '{port: 80}' }), 'spec.ports', 'must be array'),
  badObject('a Service targetPort "8080" in quotes is refused as the API server refuses it (a port name needs a letter)', service('bad', { ports: '[{port: 80, targetPort: "8080"}]' }),
    'spec.ports[0].targetPort'),

  // NetworkPolicy
  badObject('NetworkPolicy: an ipBlock cidr holding a secret is not a CIDR', np('bad', `podSelector: {}\ningress: [{from: [{ipBlock: {cidr: "${S}/8"}}]}]`),
    'spec.ingress[0].from[0].ipBlock.cidr', 'must be a CIDR'),
  badObject('NetworkPolicy: an ipBlock cidr 10.0.0.0/33', np('bad', 'podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]'), 'spec.ingress[0].from[0].ipBlock.cidr', 'must be a CIDR'),
  badObject('NetworkPolicy: an except outside its cidr', np('bad', 'podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}}]}]'),
    'spec.ingress[0].from[0].ipBlock.except[0]', 'must be a CIDR inside ipBlock.cidr'),
  badObject('NetworkPolicy: podSelector given as a list', np('bad', 'podSelector: [app, web]'), 'spec.podSelector', 'must be object'),
  badObject('NetworkPolicy: policyTypes given as a string', np('bad', 'podSelector: {}\npolicyTypes: Ingress'), 'spec.policyTypes', 'must be array'),
  badObject('NetworkPolicy: policyTypes [Inbound]', np('bad', 'podSelector: {}\npolicyTypes: [Inbound]'), 'spec.policyTypes[0]', /Ingress.*Egress/),
  badObject('NetworkPolicy: port 70000', np('bad', 'podSelector: {}\ningress: [{ports: [{port: 70000}]}]'), 'spec.ingress[0].ports[0].port', 'must be an integer from 1 to 65535'),
  badObject('NetworkPolicy: port 0', np('bad', 'podSelector: {}\ningress: [{ports: [{port: 0}]}]'), 'spec.ingress[0].ports[0].port', 'must be an integer from 1 to 65535'),
  badObject('NetworkPolicy: endPort below its port', np('bad', 'podSelector: {}\ningress: [{ports: [{port: 8080, endPort: 80}]}]'), 'spec.ingress[0].ports[0].endPort', 'at least that port'),
  badObject('NetworkPolicy: a misspelt rule field (froms)', np('bad', 'podSelector: {}\ningress: [{froms: [{podSelector: {}}]}]'), 'spec.ingress[0].froms', 'is not a field here'),
  badObject('NetworkPolicy: a selector operator Equals', np('bad', 'podSelector: {matchExpressions: [{key: app, operator: Equals, values: [web]}]}'),
    'spec.podSelector.matchExpressions[0].operator', 'must be one of In, NotIn, Exists, DoesNotExist'),
  badObject('NetworkPolicy: In without values', np('bad', 'podSelector: {matchExpressions: [{key: app, operator: In}]}'), 'spec.podSelector.matchExpressions[0].values', 'must list at least one value'),
  badObject('NetworkPolicy: an ipBlock beside a podSelector', np('bad', 'podSelector: {}\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]'),
    'spec.ingress[0].from[0]', 'must not combine ipBlock'),
  badObject('NetworkPolicy: ingress given as a mapping', np('bad', 'podSelector: {}\ningress: {from: []}'), 'spec.ingress', 'must be array'),
  badObject('NetworkPolicy: port protocol ICMP', np('bad', 'podSelector: {}\ningress: [{ports: [{port: 80, protocol: ICMP}]}]'), 'spec.ingress[0].ports[0].protocol', /TCP.*UDP.*SCTP/),
  badObject('NetworkPolicy: a matchLabels value 5 (a number)', np('bad', 'podSelector: {matchLabels: {app: 5}}'), 'spec.podSelector.matchLabels.app', 'must be string'),

  // CiliumNetworkPolicy
  badObject('CiliumNetworkPolicy: an invalid egressDeny toCIDR is refused (never ignored, leaving the deny unapplied)', cnp('bad', `endpointSelector: {}\negressDeny: [{toCIDR: ["${S}.0/8"]}]`),
    'spec.egressDeny[0].toCIDR[0]', 'must be a CIDR'),
  badObject('CiliumNetworkPolicy: toCIDR 10.0.0.0/33', cnp('bad', 'endpointSelector: {}\negress: [{toCIDR: [10.0.0.0/33]}]'), 'spec.egress[0].toCIDR[0]', 'must be a CIDR'),
  badObject('CiliumNetworkPolicy: a toCIDRSet cidr 10.0.0.256/24', cnp('bad', 'endpointSelector: {}\negress: [{toCIDRSet: [{cidr: 10.0.0.256/24}]}]'), 'spec.egress[0].toCIDRSet[0].cidr', 'must be a CIDR'),
  badObject('CiliumNetworkPolicy: a toCIDRSet except that is not a CIDR', cnp('bad', 'endpointSelector: {}\negressDeny: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/]}]}]'),
    'spec.egressDeny[0].toCIDRSet[0].except[0]', 'must be a CIDR'),
  badObject('CiliumNetworkPolicy: fromCIDR 300.0.0.0/8', cnp('bad', 'endpointSelector: {}\ningress: [{fromCIDR: [300.0.0.0/8]}]'), 'spec.ingress[0].fromCIDR[0]', 'must be a CIDR'),
  badObject('CiliumNetworkPolicy: fromEntities internet (not an entity)', cnp('bad', 'endpointSelector: {}\ningress: [{fromEntities: [internet]}]'), 'spec.ingress[0].fromEntities[0]'),
  badObject('CiliumNetworkPolicy: toPorts port "70000"', cnp('bad', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: "70000"}]}]}]'), 'spec.ingress[0].toPorts[0].ports[0].port'),
  badObject('CiliumNetworkPolicy: toPorts port 80 (a number where Cilium wants a string)', cnp('bad', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: 80}]}]}]'),
    'spec.ingress[0].toPorts[0].ports[0].port', 'must be string'),
  badObject('CiliumNetworkPolicy: endPort 70000', cnp('bad', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: "80", endPort: 70000}]}]}]'), 'spec.ingress[0].toPorts[0].ports[0].endPort'),
  badObject('CiliumNetworkPolicy: port protocol HTTP', cnp('bad', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: "80", protocol: HTTP}]}]}]'), 'spec.ingress[0].toPorts[0].ports[0].protocol'),
  badObject('CiliumNetworkPolicy: an HTTP path regex that does not parse ("(a") is refused, naming file and field', l7Policy('(a'),
    'spec.ingress[0].toPorts[0].rules.http[0].path', 'must be a regular expression Envoy accepts'),
  badObject('CiliumNetworkPolicy: an HTTP path with a lookbehind (RE2 refuses it)', l7Policy('(?<=/a)b'), 'spec.ingress[0].toPorts[0].rules.http[0].path', 'RE2 refuses it'),
  badObject('CiliumNetworkPolicy: an HTTP path with a backreference (RE2 refuses it)', l7Policy('/(a)\\1'), 'spec.ingress[0].toPorts[0].rules.http[0].path', 'RE2 refuses it'),
  badObject('CiliumNetworkPolicy: an HTTP path repeating more than 1000 times (RE2 refuses it; JavaScript would not)', l7Policy('/a{1001}'),
    'spec.ingress[0].toPorts[0].rules.http[0].path', 'RE2 refuses it'),
  badObject('CiliumNetworkPolicy: a toFQDNs matchName with a space', cnp('bad', 'endpointSelector: {}\negress: [{toFQDNs: [{matchName: "exa mple.com"}]}]'), 'spec.egress[0].toFQDNs[0].matchName'),
  badObject('CiliumNetworkPolicy: neither endpointSelector nor nodeSelector', cnp('bad', 'ingress: [{}]'), 'spec', /endpointSelector.*nodeSelector/),
  badObject('CiliumNetworkPolicy: L7 rules given as a list', cnp('bad', 'endpointSelector: {}\ningress: [{toPorts: [{ports: [{port: "80"}], rules: [{http: []}]}]}]'),
    'spec.ingress[0].toPorts[0].rules', 'must be object'),
  badObject('CiliumNetworkPolicy: an ICMP type 300', cnp('bad', 'endpointSelector: {}\ningress: [{icmps: [{fields: [{type: 300}]}]}]'), 'spec.ingress[0].icmps[0].fields[0].type'),
  badObject('CiliumNetworkPolicy: enableDefaultDeny.ingress "no" (a string for a boolean)', cnp('bad', 'endpointSelector: {}\nenableDefaultDeny: {ingress: "no"}'),
    'spec.enableDefaultDeny.ingress', 'must be boolean'),
  badObject('CiliumNetworkPolicy: a matchLabels value given as a list', cnp('bad', 'endpointSelector: {matchLabels: {app: [web]}}'), 'spec.endpointSelector.matchLabels.app', 'must be string'),
  badObject('CiliumNetworkPolicy: a misspelt spec field (egres)', cnp('bad', 'endpointSelector: {}\negres: [{}]'), 'spec.egres'),
  badObject('CiliumNetworkPolicy: neither spec nor specs', 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: bad, namespace: shop}\n', undefined, 'has neither spec nor specs'),
  verdict('shape', 'CiliumNetworkPolicy: a valid egressDeny CIDR wins over the allow-all egress: the address is blocked, another allowed',
    doc(SHOP, cnp('deny', 'endpointSelector: {matchLabels: {app: client}}\negress: [{toEntities: [all]}]\negressDeny: [{toCIDR: [203.0.113.0/24]}]')),
    claim('denied', CLIENT, '{ip: 203.0.113.5, port: 443}', 'blocked') + claim('other', CLIENT, '{ip: 198.51.100.5, port: 443}', 'allowed'),
    { denied: 'blocked', other: 'allowed' }),
  reachesWeb('shape', 'CiliumNetworkPolicy: toPorts port "0" means every port: web on 8080 is admitted from the client',
    doc(SHOP, cnp('any-port', 'endpointSelector: {matchLabels: {app: web}}\ningress: [{fromEndpoints: [{matchLabels: {app: client}}], toPorts: [{ports: [{port: "0", protocol: TCP}]}]}]'))),

  // CiliumClusterwideNetworkPolicy
  badObject('CiliumClusterwideNetworkPolicy: a specs item that is a number', 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: bad}\nspecs: [5]\n', 'specs[0]', 'must be object'),
  badObject('CiliumClusterwideNetworkPolicy: fromCIDR 10.0.0.0/8/8', cnp('bad', 'endpointSelector: {}\ningress: [{fromCIDR: [10.0.0.0/8/8]}]', '').replace('CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'),
    'spec.ingress[0].fromCIDR[0]', 'must be a CIDR'),
  badObject('CiliumClusterwideNetworkPolicy: both endpointSelector and nodeSelector', cnp('bad', 'endpointSelector: {}\nnodeSelector: {}', '').replace('CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'),
    'spec', /endpointSelector.*nodeSelector/),
  badObject('CiliumClusterwideNetworkPolicy: fromEndpoints given as a mapping', cnp('bad', 'endpointSelector: {}\ningress: [{fromEndpoints: {matchLabels: {}}}]', '').replace('CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'),
    'spec.ingress[0].fromEndpoints', 'must be array'),
  blockedFromWeb('shape', 'CiliumClusterwideNetworkPolicy: ingress [{}] on web in any namespace restricts and allows nothing: the client is blocked',
    doc(SHOP, cnp('isolate', 'endpointSelector: {matchLabels: {"k8s:io.kubernetes.pod.namespace": shop, app: web}}\ningress: [{}]', '').replace('CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'))),
];

const istio = (kind: string, spec: string, group = 'networking.istio.io'): string => object(`${group}/v1`, kind, 'bad', spec, 'mesh');
const security = (kind: string, spec: string): string => istio(kind, spec, 'security.istio.io');
const badMesh = (title: string, yaml: string, field: string | undefined, says?: string | RegExp): Case => ({
  ...badObject(title, yaml, field, says, MESH),
  files: { 'm.yaml': doc(MESH, yaml), 'c.yaml': claim('curl-reaches-httpbin', CURL, TO_HTTPBIN, 'allowed') },
});
const TO_API = '{fqdn: api.example.com, port: 443, ip: 203.0.113.20}';
const REGISTRY_ONLY = MESH_CONFIG('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY');

const ISTIO_SHAPES: readonly Case[] = [
  // PeerAuthentication
  badMesh('PeerAuthentication: mtls.mode STRICTER (not an enum value)', security('PeerAuthentication', 'mtls: {mode: STRICTER}'), 'spec.mtls.mode'),
  badMesh('PeerAuthentication: a portLevelMtls key http (not a port)', security('PeerAuthentication', 'portLevelMtls: {http: {mode: STRICT}}'), 'spec.portLevelMtls.http', 'must be a port number'),
  badMesh('PeerAuthentication: a portLevelMtls key 0', security('PeerAuthentication', 'portLevelMtls: {"0": {mode: STRICT}}'), 'spec.portLevelMtls["0"]', 'must be a port number'),
  badMesh('PeerAuthentication: mtls given as a list', security('PeerAuthentication', 'mtls: [STRICT]'), 'spec.mtls', 'must be object'),
  badMesh('PeerAuthentication: a selector value 5 (a number)', security('PeerAuthentication', 'selector: {matchLabels: {app: 5}}'), 'spec.selector.matchLabels.app', 'must be string'),

  // AuthorizationPolicy
  badMesh('AuthorizationPolicy: action ALLOW_ALL (not an enum value)', security('AuthorizationPolicy', 'action: ALLOW_ALL'), 'spec.action'),
  badMesh('AuthorizationPolicy: rules given as a mapping', security('AuthorizationPolicy', 'rules: {from: []}'), 'spec.rules', 'must be array'),
  badMesh('AuthorizationPolicy: ipBlocks 10.0.0.1/40', security('AuthorizationPolicy', 'rules: [{from: [{source: {ipBlocks: [10.0.0.1/40]}}]}]'),
    'spec.rules[0].from[0].source.ipBlocks[0]', 'must be an IP address or CIDR'),
  badMesh('AuthorizationPolicy: notRemoteIpBlocks holding a secret', security('AuthorizationPolicy', `rules: [{from: [{source: {notRemoteIpBlocks: ["${S}"]}}]}]`),
    'spec.rules[0].from[0].source.notRemoteIpBlocks[0]', 'must be an IP address or CIDR'),
  badMesh('AuthorizationPolicy: a when condition without its key', security('AuthorizationPolicy', 'rules: [{when: [{values: [a]}]}]'), 'spec.rules[0].when[0].key'),
  badMesh('AuthorizationPolicy: from given as a list of strings', security('AuthorizationPolicy', 'rules: [{from: [default]}]'), 'spec.rules[0].from[0]', 'must be object'),
  badMesh('AuthorizationPolicy: a selector label key starting with "-"', security('AuthorizationPolicy', 'selector: {matchLabels: {"-x": z}}'), 'spec.selector.matchLabels["-x"]', 'is not a valid label key'),
  {
    ...badMesh('an AuthorizationPolicy with ports ["http"] is refused as Istio\'s validation refuses it', security('AuthorizationPolicy', 'action: ALLOW\nrules: [{to: [{operation: {ports: [http]}}]}]'),
      'spec.rules[0].to[0].operation.ports[0]'),
  },

  // DestinationRule
  badMesh('DestinationRule: no host', istio('DestinationRule', 'trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}'), 'spec.host'),
  badMesh('DestinationRule: tls.mode ON (not an enum value)', istio('DestinationRule', 'host: httpbin\ntrafficPolicy: {tls: {mode: "ON"}}'), 'spec.trafficPolicy.tls.mode'),
  badMesh('DestinationRule: a port-level port 70000', istio('DestinationRule', 'host: httpbin\ntrafficPolicy: {portLevelSettings: [{port: {number: 70000}, tls: {mode: DISABLE}}]}'),
    'spec.trafficPolicy.portLevelSettings[0].port.number'),
  badMesh('DestinationRule: a subset without a name', istio('DestinationRule', 'host: httpbin\nsubsets: [{labels: {version: v1}}]'), 'spec.subsets[0].name'),
  badMesh('DestinationRule: trafficPolicy given as a list', istio('DestinationRule', 'host: httpbin\ntrafficPolicy: [{tls: {mode: DISABLE}}]'), 'spec.trafficPolicy', 'must be object'),
  badMesh('DestinationRule: a subset label value true (a boolean)', istio('DestinationRule', 'host: httpbin\nsubsets: [{name: v1, labels: {version: true}}]'), 'spec.subsets[0].labels.version', 'must be string'),

  // Gateway
  badMesh('Gateway: a server port number "80" (a string for a number)', istio('Gateway', 'selector: {istio: aks-istio-ingressgateway-external}\nservers: [{port: {number: "80", name: http, protocol: HTTP}, hosts: ["*"]}]'),
    'spec.servers[0].port.number', 'must be integer'),
  badMesh('Gateway: a server without hosts', istio('Gateway', 'selector: {istio: aks-istio-ingressgateway-external}\nservers: [{port: {number: 80, name: http, protocol: HTTP}}]'), 'spec.servers[0].hosts'),
  badMesh('Gateway: a server port 0', istio('Gateway', 'selector: {istio: aks-istio-ingressgateway-external}\nservers: [{port: {number: 0, name: http, protocol: HTTP}, hosts: ["*"]}]'),
    'spec.servers[0].port.number'),
  badMesh('Gateway: servers given as a mapping', istio('Gateway', 'selector: {istio: aks-istio-ingressgateway-external}\nservers: {port: {number: 80}}'), 'spec.servers', 'must be array'),
  badMesh('Gateway: a selector value 5 (a number)', istio('Gateway', 'selector: {istio: 5}\nservers: []'), 'spec.selector.istio', 'must be string'),

  // VirtualService
  badMesh('VirtualService: a uri regex that does not parse ("(a") is refused, naming file and field', meshRoute('{uri: {regex: "(a"}}'),
    'spec.http[0].match[0].uri.regex', 'must be a regular expression Envoy accepts'),
  badMesh('VirtualService: a uri regex with a lookbehind (RE2 refuses it)', meshRoute('{uri: {regex: "(?<=/a)b"}}'), 'spec.http[0].match[0].uri.regex', 'RE2 refuses it'),
  badMesh('VirtualService: a uri regex with a backreference (RE2 refuses it)', meshRoute('{uri: {regex: "(a)\\\\1"}}'), 'spec.http[0].match[0].uri.regex', 'RE2 refuses it'),
  badMesh('VirtualService: a header regex repeating 2000 times (RE2 refuses it)', meshRoute('{headers: {x-token: {regex: "a{2000}"}}}'), 'spec.http[0].match[0].headers.x-token.regex', 'RE2 refuses it'),
  badMesh('VirtualService: a uri match with both exact and prefix', meshRoute('{uri: {exact: /a, prefix: /b}}'), 'spec.http[0].match[0].uri'),
  badMesh('VirtualService: a route weight 200', istio('VirtualService', 'hosts: [httpbin]\nhttp: [{route: [{destination: {host: httpbin}, weight: 200}]}]'), 'spec.http[0].route[0].weight'),
  badMesh('VirtualService: a destination port 70000', istio('VirtualService', 'hosts: [httpbin]\nhttp: [{route: [{destination: {host: httpbin, port: {number: 70000}}}]}]'),
    'spec.http[0].route[0].destination.port.number'),
  badMesh('VirtualService: hosts given as a string', istio('VirtualService', 'hosts: httpbin\nhttp: []'), 'spec.hosts', 'must be array'),
  badMesh('VirtualService: a match port 0', meshRoute('{port: 0}'), 'spec.http[0].match[0].port'),
  badMesh('VirtualService: an http route null', istio('VirtualService', 'hosts: [httpbin]\nhttp: [null]'), 'spec.http[0]'),

  // ServiceEntry (no CRD schema is imported: the model alone checks it)
  badMesh('ServiceEntry: an address 999.0.0.1', istio('ServiceEntry', 'hosts: [api.example.com]\naddresses: [999.0.0.1]\nports: [{number: 443, name: https, protocol: TLS}]'), 'spec.addresses[0]', 'must be an IP address or CIDR'),
  badMesh('ServiceEntry: a port number 70000', istio('ServiceEntry', 'hosts: [api.example.com]\nports: [{number: 70000, name: https, protocol: TLS}]'), 'spec.ports[0].number', 'must be an integer from 1 to 65535'),
  badMesh('ServiceEntry: no hosts', istio('ServiceEntry', 'ports: [{number: 443, name: https, protocol: TLS}]'), 'spec.hosts', 'is required'),
  badMesh('ServiceEntry: ports given as a mapping', istio('ServiceEntry', 'hosts: [api.example.com]\nports: {number: 443}'), 'spec.ports', 'must be array'),
  refused('shape', 'a ServiceEntry with location NOWHERE is refused as its CRD refuses it (it would not open REGISTRY_ONLY)',
    doc(MESH, REGISTRY_ONLY, istio('ServiceEntry', 'hosts: [api.example.com]\nlocation: NOWHERE\nresolution: DNS\nports: [{number: 443, name: https, protocol: TLS}]')),
    claim('api-blocked', CURL, TO_API, 'blocked'),
    { file: 'm.yaml', field: 'spec.location' }),
  verdict('shape', 'mesh REGISTRY_ONLY with a ServiceEntry for api.example.com: the sidecar passes it, and blocks another name',
    doc(MESH, REGISTRY_ONLY, istio('ServiceEntry', 'hosts: [api.example.com]\nlocation: MESH_EXTERNAL\nresolution: DNS\nports: [{number: 443, name: https, protocol: TLS}]')),
    claim('api-allowed', CURL, TO_API, 'allowed') + claim('other-blocked', CURL, '{fqdn: other.example.com, port: 443, ip: 203.0.113.21}', 'blocked'),
    { 'api-allowed': 'allowed', 'other-blocked': 'blocked' }),

  // Sidecar (no CRD schema is imported: the model alone checks it)
  badMesh('Sidecar: outboundTrafficPolicy.mode DENY_ALL', istio('Sidecar', 'outboundTrafficPolicy: {mode: DENY_ALL}'), 'spec.outboundTrafficPolicy.mode', 'must be one of "REGISTRY_ONLY", "ALLOW_ANY"'),
  badMesh('Sidecar: outboundTrafficPolicy given as a list', istio('Sidecar', 'outboundTrafficPolicy: [REGISTRY_ONLY]'), 'spec.outboundTrafficPolicy', 'must be object'),
  verdict('shape', 'a Sidecar with workloadSelector.labels applies only to the pods it selects (REGISTRY_ONLY does not reach others)',
    doc(MESH, istio('Sidecar', 'workloadSelector: {labels: {app: other}}\noutboundTrafficPolicy: {mode: REGISTRY_ONLY}')),
    claim('curl-unaffected', CURL, TO_API, 'allowed'),
    { 'curl-unaffected': 'allowed' }),
  badMesh('a Sidecar with workloadSelector.matchLabels (not a Sidecar field) is refused as its CRD refuses it', istio('Sidecar', 'workloadSelector: {matchLabels: {app: curl}}\noutboundTrafficPolicy: {mode: REGISTRY_ONLY}'),
    'spec.workloadSelector.matchLabels'),
  verdict('shape', 'a Sidecar without a selector sets REGISTRY_ONLY for its namespace: curl is blocked from an unregistered name',
    doc(MESH, istio('Sidecar', 'outboundTrafficPolicy: {mode: REGISTRY_ONLY}')),
    claim('api-blocked', CURL, TO_API, 'blocked'),
    { 'api-blocked': 'blocked' }),

  // The add-on's mesh ConfigMap
  badMesh('mesh ConfigMap: data.mesh that is not YAML names the ConfigMap\'s file and line, never the text', MESH_CONFIG(`outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n token: ${S}: x`), undefined),
  badMesh('mesh ConfigMap: outboundTrafficPolicy.mode BLOCK', MESH_CONFIG('outboundTrafficPolicy:\n  mode: BLOCK'), 'data.mesh.outboundTrafficPolicy.mode', 'must be one of ALLOW_ANY, REGISTRY_ONLY'),
  badMesh('mesh ConfigMap: data.mesh holding a list', MESH_CONFIG('- outboundTrafficPolicy'), 'data.mesh', 'must be a mapping'),
  badMesh('mesh ConfigMap: data.mesh a number, not a string', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio-shared-configmap-asm-1-22, namespace: aks-istio-system}\ndata: {mesh: 5}\n',
    'data.mesh', 'must be string'),
  badMesh('mesh ConfigMap: outboundTrafficPolicy given as a string', MESH_CONFIG('outboundTrafficPolicy: REGISTRY_ONLY'), 'data.mesh.outboundTrafficPolicy', 'must be a mapping'),
  verdict('shape', 'mesh ConfigMap REGISTRY_ONLY: curl\'s sidecar sends an unregistered name to the BlackHoleCluster',
    doc(MESH, REGISTRY_ONLY),
    claim('api-blocked', CURL, TO_API, 'blocked') + claim('httpbin-allowed', CURL, TO_HTTPBIN, 'allowed'),
    { 'api-blocked': 'blocked', 'httpbin-allowed': 'allowed' }),
];

// ------------------------------------------------------------------ claims files

const CLAIMS: readonly Case[] = [
  badClaim('a misspelt claim field (expected) is refused', `${WEB_CLAIM}  expected: allowed\n`, 'expected', 'is not a field here'),
  badClaim('from.labels given as a list', claim('c', '{namespace: shop, labels: [app, client]}', TO_WEB, 'allowed'), 'from.labels', 'must be a mapping'),
  badClaim('from.ip 300.1.1.1', claim('c', '{ip: 300.1.1.1}', TO_WEB, 'allowed'), 'from.ip', 'must be an IPv4 address'),
  badClaim('to.ip holding a secret', claim('c', CLIENT, `{ip: "${S}", port: 443}`, 'blocked'), 'to.ip', 'must be an IPv4 address'),
  badClaim('port 0', claim('c', CLIENT, '{service: web, namespace: shop, port: 0}', 'allowed'), 'to.port', 'must be an integer from 1 to 65535'),
  badClaim('port 70000', claim('c', CLIENT, '{service: web, namespace: shop, port: 70000}', 'allowed'), 'to.port', 'must be an integer from 1 to 65535'),
  badClaim('port "80" (a string for a number)', claim('c', CLIENT, '{service: web, namespace: shop, port: "80"}', 'allowed'), 'to.port', 'must be an integer'),
  badClaim('a label key with a space', claim('c', '{namespace: shop, labels: {"my app": client}}', TO_WEB, 'allowed'), 'from.labels["my app"]', 'is not a valid label key'),
  badClaim('a label value holding a secret and a "!"', claim('c', `{namespace: shop, labels: {app: "${S}!"}}`, TO_WEB, 'allowed'), 'from.labels.app', 'must be a label value'),
  badClaim('an fqdn with a space', claim('c', CLIENT, '{fqdn: "exa mple.com", port: 443}', 'blocked'), 'to.fqdn', 'must be a DNS name'),
  badClaim('an fqdn without a dot', claim('c', CLIENT, '{fqdn: localhost, port: 443}', 'blocked'), 'to.fqdn', 'must be a DNS name with a dot'),
  badClaim('an fqdn with a 64-character label', claim('c', CLIENT, `{fqdn: ${'a'.repeat(64)}.example.com, port: 443}`, 'blocked'), 'to.fqdn'),
  badClaim('a path without a leading /', claim('c', CLIENT, '{service: web, namespace: shop, port: 80, path: admin}', 'allowed'), 'to.path', "must be a path starting with '/'"),
  badClaim('a method with a space', claim('c', CLIENT, '{service: web, namespace: shop, port: 80, method: "GE T"}', 'allowed'), 'to.method', 'must be an HTTP method'),
  badClaim('a header name with a space', claim('c', CLIENT, '{service: web, namespace: shop, port: 80, headers: {"x token": a}}', 'allowed'), 'to.headers["x token"]', 'is not an HTTP header name'),
  badClaim('a header value with a line break', claim('c', CLIENT, `{service: web, namespace: shop, port: 80, headers: {x-token: "${S}\\r\\nx: y"}}`, 'allowed'), 'to.headers.x-token', 'must be a header value'),
  badClaim('an id used twice in one file', WEB_CLAIM + WEB_CLAIM, 'id', 'is used by an earlier claim'),
  {
    category: 'claims',
    title: 'an id used in two claims files is refused, naming both',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM, 'c2.yaml': WEB_CLAIM },
    args: ['m.yaml', '--claims', 'c.yaml', '--claims', 'c2.yaml'],
    refuse: { file: 'c2.yaml', field: 'id', says: /is used by an earlier claim \(.*c\.yaml, claim 1\)/ },
  },
  badClaim('a claim about a Service that does not exist, expecting blocked, is refused (no verdict for a typo)', claim('c', CLIENT, '{service: wbe, namespace: shop, port: 80}', 'blocked'),
    'to.service', 'names no Service of the manifests or the cluster in namespace shop'),
  badClaim('a claim on a port the Service lacks is refused', claim('c', CLIENT, '{service: web, namespace: shop, port: 8443}', 'blocked'), 'to.port', 'is not a port of Service shop/web'),
  badClaim('a claim from a namespace nothing creates is refused', claim('c', '{namespace: nowhere, labels: {app: x}}', TO_WEB, 'blocked'), 'from.namespace', 'names a namespace the manifests do not create'),
  badClaim('a claim to pods the manifests lack is refused', claim('c', CLIENT, '{namespace: shop, labels: {app: ghost}, port: 8080}', 'blocked'), 'to.labels', 'select no pods'),
  badClaim('a claim to a Service in a namespace the manifests lack is refused', claim('c', CLIENT, '{service: web, namespace: elsewhere, port: 80}', 'blocked'), 'to.service', 'in namespace elsewhere'),
  badClaim('expect: yes is a boolean (YAML 1.1), not allowed or blocked', claim('c', CLIENT, TO_WEB, 'yes' as Verdict), 'expect', 'must be one of allowed, blocked'),
  badClaim('expect: allow (not a verdict)', claim('c', CLIENT, TO_WEB, 'allow' as Verdict), 'expect', 'must be one of allowed, blocked'),
  badClaim('id: no is a boolean (YAML 1.1), not a name', claim('no', CLIENT, TO_WEB, 'allowed'), 'id', 'must be a name'),
  badClaim('a label value on is a boolean (YAML 1.1)', claim('c', '{namespace: shop, labels: {app: on}}', TO_WEB, 'allowed'), 'from.labels.app', 'must be a label value'),
  badClaim('namespace: null', claim('c', '{namespace: null, labels: {app: x}}', TO_WEB, 'allowed'), 'from.namespace', 'must be a namespace name'),
  badClaim('an empty claims file', `# nothing here ${S}\n`, undefined, 'must be one YAML list of claims'),
  badClaim('a claims file holding a mapping', `id: a\nfrom: world\nto: ${TO_WEB}\nexpect: blocked\n`, undefined, 'must be one YAML list of claims'),
  badClaim('a claims file of two documents', `${WEB_CLAIM}---\n${claim('d', CLIENT, TO_WEB, 'allowed')}`, undefined, 'must be one YAML list of claims'),
  badClaim('protocol HTTP', claim('c', CLIENT, TO_WEB, 'allowed', '  protocol: HTTP\n'), 'protocol', 'must be one of TCP, UDP, SCTP, ICMP'),
  badClaim('an ICMP claim with a port', claim('c', CLIENT, '{namespace: shop, labels: {app: web}, port: 8080}', 'allowed', '  protocol: ICMP\n'), 'to.port', 'must be left out'),
  badClaim('an ICMP claim to a Service', claim('c', CLIENT, '{service: web, namespace: shop}', 'allowed', '  protocol: ICMP\n'), 'to.service', 'cannot be pinged'),
  badClaim('a claim from world to an fqdn', claim('c', 'world', '{fqdn: api.example.com, port: 443}', 'blocked'), 'to', 'must be a Service or pods when the connection starts outside the cluster'),
  badClaim('an id with a space', claim('"a b"', CLIENT, TO_WEB, 'allowed'), 'id', 'must be a name'),
  badClaim('a target of no known kind', claim('c', CLIENT, '{host: web, port: 80}', 'allowed'), 'to', 'must name a service'),
  badClaim('an ingressGateway sideways', claim('c', '{ingressGateway: sideways}', '{port: 80}', 'blocked'), 'from.ingressGateway', 'must be one of external, internal'),
  badClaim('a serviceAccount with capitals', claim('c', '{namespace: shop, labels: {app: client}, serviceAccount: Admin}', TO_WEB, 'allowed'), 'from.serviceAccount', 'must be a service account name'),
  badClaim('a description given as a mapping', claim('c', CLIENT, TO_WEB, 'allowed', '  description: {text: x}\n'), 'description', 'must be text'),
  badClaim('a path of 8,193 characters is refused for its length', claim('c', CLIENT, `{service: web, namespace: shop, port: 80, path: /${'p'.repeat(8192)}}`, 'allowed'), 'to.path', /8192|8,192/),
  badClaim('an fqdn target ip 1.2.3', claim('c', CLIENT, '{fqdn: api.example.com, port: 443, ip: 1.2.3}', 'blocked'), 'to.ip', 'must be an IPv4 address'),
  badClaim('invalid UTF-8 in a claims file is refused naming the line', ((secret: string) => Buffer.concat([Buffer.from(`${WEB_CLAIM}  description: "caf`), Buffer.from([0xe9]), Buffer.from(` ${secret}"\n`)])),
    undefined, 'not valid UTF-8'),
  verdict('claims', 'a claim port written 0x50 is 80 (YAML 1.1, as the manifests are read): the claim holds',
    SHOP,
    claim('hex-port', CLIENT, '{service: web, namespace: shop, port: 0x50}', 'allowed'),
    { 'hex-port': 'allowed' }),
  verdict('claims', 'a claim id written 2024-01-15 stays that string (go-yaml v2): the claim holds under that id',
    SHOP,
    claim('2024-01-15', CLIENT, TO_WEB, 'allowed'),
    { '2024-01-15': 'allowed' }),
  verdict('claims', 'claims sharing a source through an anchor and alias: both hold',
    SHOP,
    `- id: one\n  from: &client ${CLIENT}\n  to: ${TO_WEB}\n  expect: allowed\n- id: two\n  from: *client\n  to: ${TO_WEB}\n  expect: allowed\n`,
    { one: 'allowed', two: 'allowed' }),
  verdict('claims', 'a claim on pods that exist, expecting blocked when a policy isolates them, holds',
    doc(SHOP, ISOLATE_WEB),
    claim('pods-blocked', CLIENT, '{namespace: shop, labels: {app: web}, port: 8080}', 'blocked'),
    { 'pods-blocked': 'blocked' }),
];

// ------------------------------------------------------------------ the file system

const FILESYSTEM: readonly Case[] = [
  { category: 'filesystem', title: '/dev/zero as a manifest is refused before any read', files: { 'c.yaml': WEB_CLAIM }, args: ['/dev/zero', '--claims', 'c.yaml'], refuse: { file: '/dev/zero', says: NOT_REGULAR } },
  { category: 'filesystem', title: '/dev/null as a manifest is refused (a device)', files: { 'c.yaml': WEB_CLAIM }, args: ['/dev/null', '--claims', 'c.yaml'], refuse: { file: '/dev/null', says: NOT_REGULAR } },
  {
    category: 'filesystem',
    title: 'a FIFO named as a manifest is refused at once (never opened for a read that would block)',
    files: { 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => mkfifo(path.join(dir, 'pipe.yaml')),
    args: ['pipe.yaml', '--claims', 'c.yaml'],
    refuse: { file: 'pipe.yaml', says: NOT_REGULAR },
  },
  {
    category: 'filesystem',
    title: 'a FIFO named like a manifest in a folder is refused at once',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => mkfifo(path.join(dir, 'app', 'pipe.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/pipe.yaml', says: NOT_REGULAR },
  },
  {
    category: 'filesystem',
    title: 'a FIFO without a manifest extension in a folder is skipped as kubectl skips it: client reaches web',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => mkfifo(path.join(dir, 'app', 'pipe')),
    args: ['app', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'filesystem',
    title: 'a symlink loop named as a manifest is refused',
    files: { 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => {
      symlink(path.join(dir, 'b.yaml'), path.join(dir, 'a.yaml'));
      symlink(path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'));
    },
    args: ['a.yaml', '--claims', 'c.yaml'],
    refuse: { file: 'a.yaml', says: 'a symlink loop' },
  },
  {
    category: 'filesystem',
    title: 'a symlink loop in a folder is refused',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => symlink(path.join(dir, 'app', 'self.yaml'), path.join(dir, 'app', 'self.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/self.yaml', says: 'a symlink loop' },
  },
  {
    category: 'filesystem',
    title: 'a dangling symlink in a folder is refused, as kubectl fails on it',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => symlink(path.join(dir, 'gone.yaml'), path.join(dir, 'app', 'dangling.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/dangling.yaml', says: 'a symlink to nothing' },
  },
  {
    category: 'filesystem',
    title: 'a symlink to /dev/zero in a folder is refused before any read',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => symlink('/dev/zero', path.join(dir, 'app', 'zero.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/zero.yaml', says: NOT_REGULAR },
  },
  {
    category: 'filesystem',
    title: 'a socket named like a manifest in a folder is refused',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => {
      const socket = path.join(dir, 'app', 'socket.yaml');
      const made = spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socket)}, () => process.exit(0))`], { timeout: 5000 });
      return made.status === 0 && fs.existsSync(socket) ? undefined : 'a unix socket could not be made here';
    },
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/socket.yaml', says: NOT_REGULAR },
  },
  {
    category: 'filesystem',
    title: 'a symlink to a folder named like a manifest is refused (kubectl reads it as a file, and fails)',
    files: { 'app/m.yaml': SHOP, 'real/x.yaml': ISOLATE_WEB, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => symlink(path.join(dir, 'real'), path.join(dir, 'app', 'folder.yaml')),
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app/folder.yaml', says: 'a symlink to a folder named like a manifest file' },
  },
  {
    category: 'filesystem',
    title: 'a folder named isolate.yaml is not read without -R: client reaches web',
    files: { 'app/m.yaml': SHOP, 'app/isolate.yaml/policy.yaml': ISOLATE_WEB, 'c.yaml': WEB_CLAIM },
    args: ['app', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'filesystem',
    title: 'a folder named isolate.yaml is walked with -R: its policy isolates web',
    files: { 'app/m.yaml': SHOP, 'app/isolate.yaml/policy.yaml': ISOLATE_WEB, 'c.yaml': BLOCKED_WEB_CLAIM },
    args: ['-R', 'app', '--claims', 'c.yaml'],
    holds: { 'client-blocked-from-web': 'blocked' },
  },
  { category: 'filesystem', title: 'a manifest path that does not exist is refused', files: { 'c.yaml': WEB_CLAIM }, args: ['nope.yaml', '--claims', 'c.yaml'], refuse: { file: 'nope.yaml', says: 'no such file or folder' } },
  {
    category: 'filesystem',
    title: 'an empty manifest file beside the shop adds nothing: client reaches web',
    files: { 'empty.yaml': `# ${S}\n`, 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['empty.yaml', 'm.yaml', '--claims', 'c.yaml'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  {
    category: 'filesystem',
    title: 'an unreadable manifest is refused as permission denied (run as uid 65534)',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => fs.chmodSync(path.join(dir, 'm.yaml'), 0o000),
    isolate: 'nobody',
    refuse: { file: 'm.yaml', says: 'permission denied' },
  },
  {
    category: 'filesystem',
    title: 'an unreadable folder is refused as permission denied (run as uid 65534)',
    files: { 'app/m.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => fs.chmodSync(path.join(dir, 'app'), 0o000),
    isolate: 'nobody',
    args: ['app', '--claims', 'c.yaml'],
    refuse: { file: 'app', says: 'permission denied' },
  },
  {
    category: 'filesystem',
    title: 'an unreadable claims file is refused as permission denied (run as uid 65534)',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    setup: ({ dir }) => fs.chmodSync(path.join(dir, 'c.yaml'), 0o000),
    isolate: 'nobody',
    refuse: { file: 'c.yaml', says: 'permission denied' },
  },
  { category: 'filesystem', title: 'a claims file that is a folder is refused', files: { 'm.yaml': SHOP, 'claims/c.yaml': WEB_CLAIM }, args: ['m.yaml', '--claims', 'claims'], refuse: { file: 'claims', says: 'a folder where a file was expected' } },
  {
    category: 'filesystem',
    title: 'a claims file that is a FIFO is refused at once',
    files: { 'm.yaml': SHOP },
    setup: ({ dir }) => mkfifo(path.join(dir, 'claims.fifo')),
    args: ['m.yaml', '--claims', 'claims.fifo'],
    refuse: { file: 'claims.fifo', says: NOT_REGULAR },
  },
  { category: 'filesystem', title: '/dev/zero as a claims file is refused before any read', files: { 'm.yaml': SHOP }, args: ['m.yaml', '--claims', '/dev/zero'], refuse: { file: '/dev/zero', says: NOT_REGULAR } },
  { category: 'filesystem', title: '/dev/null as a claims file is refused (a device)', files: { 'm.yaml': SHOP }, args: ['m.yaml', '--claims', '/dev/null'], refuse: { file: '/dev/null', says: NOT_REGULAR } },
  { category: 'filesystem', title: 'a claims file that does not exist is refused', files: { 'm.yaml': SHOP }, args: ['m.yaml', '--claims', 'missing.yaml'], refuse: { file: 'missing.yaml', says: 'no such file or folder' } },
  {
    category: 'filesystem',
    title: 'a claims file that is a symlink loop is refused',
    files: { 'm.yaml': SHOP },
    setup: ({ dir }) => symlink(path.join(dir, 'c.yaml'), path.join(dir, 'c.yaml')),
    refuse: { file: 'c.yaml', says: 'a symlink loop' },
  },
];

// ------------------------------------------------------------------ limits: each names the limit and the flag that raises it

const limitMessage = (flag: string): RegExp => new RegExp(`the limit is \\d+ \\(${flag} raises it\\)`);

/** The shop and its claim, read with `flags` (a limit), refused as `refuse` says. */
function overLimit(title: string, flags: string[], refuse: Refusal, manifests = SHOP): Case {
  return { category: 'limits', title, files: { 'm.yaml': manifests, 'c.yaml': WEB_CLAIM }, args: ['m.yaml', '--claims', 'c.yaml', ...flags], refuse };
}

/** A large input (made once per test file) named as the manifests, refused at a default limit. */
function bigOverLimit(title: string, big: string, refuse: Omit<Refusal, 'file'>): Case {
  return { category: 'limits', title, files: { 'c.yaml': WEB_CLAIM }, args: [`@big/${big}`, '--claims', 'c.yaml'], refuse: { file: `@big/${big}`, ...refuse } };
}

const LIMITS: readonly Case[] = [
  overLimit('--max-file-bytes 64: a larger manifest is refused, naming the flag', ['--max-file-bytes', '64'],
    { file: 'm.yaml', says: 'the file is larger than 64 bytes; the limit is 64 (--max-file-bytes raises it)' }),
  bigOverLimit('a 200 MB file is refused by its size, before it is read', 'sparse-200mb.yaml',
    { says: 'the file is larger than 67108864 bytes; the limit is 67108864 (--max-file-bytes raises it)' }),
  overLimit('--max-file-bytes 100: a larger claims file is refused, naming the claims file', ['--max-file-bytes', '100'],
    { file: 'c.yaml', says: limitMessage('--max-file-bytes') }, namespace('shop')),
  {
    category: 'limits',
    title: '--max-file-bytes 300: a larger kustomization resource is refused, naming the resource',
    files: { 'kustomization.yaml': 'resources: [m.yaml]\n', 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['.', '--claims', 'c.yaml', '--max-file-bytes', '300'],
    refuse: { file: 'm.yaml', says: limitMessage('--max-file-bytes') },
  },
  overLimit('--max-documents 3: a fourth document is refused', ['--max-documents', '3'],
    { file: 'm.yaml', line: 29, says: 'the file holds more than 3 documents; the limit is 3 (--max-documents raises it)' }, doc(SHOP, ISOLATE_WEB)),
  bigOverLimit('600,000 blank documents exceed the default document limit', 'blank-documents.yaml', { says: limitMessage('--max-documents') }),
  // go-yaml's own rule, which kubectl applies whatever the flags: not a limit a flag raises.
  bigOverLimit('a "billion laughs" of nested aliases is refused at once, as go-yaml refuses excessive aliasing', 'laughs.yaml', { line: 5, says: 'excessive aliasing' }),
  bigOverLimit('10,001 aliases among 20,000 plain values exceed the default alias limit', 'aliases.yaml', { says: limitMessage('--max-aliases') }),
  overLimit('--max-aliases 2: a third alias is refused', ['--max-aliases', '2'], { file: 'm.yaml', line: 32, says: limitMessage('--max-aliases') },
    doc(SHOP, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec: {a: &a x, b: [*a, *a, *a]}\n')),
  overLimit('--max-depth 4: the Deployment\'s container ports are nested deeper', ['--max-depth', '4'], { file: 'm.yaml', says: limitMessage('--max-depth') }),
  bigOverLimit('100,000 nested brackets stop at the depth limit', 'deep.yaml', { says: limitMessage('--max-depth') }),
  overLimit('--max-keys 3: the Deployment\'s four top-level keys are refused', ['--max-keys', '3'], { file: 'm.yaml', says: limitMessage('--max-keys') }),
  bigOverLimit('a map of 150,000 keys exceeds the default key limit', 'many-keys.yaml', { says: limitMessage('--max-keys') }),
  {
    category: 'limits',
    title: '--max-keys 200000 raises the limit: the 150,000-key ConfigMap is read, and the client reaches web',
    files: { 'm.yaml': SHOP, 'c.yaml': WEB_CLAIM },
    args: ['m.yaml', '@big/many-keys.yaml', '--claims', 'c.yaml', '--max-keys', '200000'],
    holds: { 'client-reaches-web': 'allowed' },
  },
  overLimit('--max-values 50: the shop holds more values', ['--max-values', '50'], { file: 'm.yaml', says: limitMessage('--max-values') }),
  refused('limits', 'the mesh ConfigMap\'s data.mesh nested 1,100 deep stops at the depth limit, naming the ConfigMap\'s file',
    doc(MESH, MESH_CONFIG(`deep: ${'['.repeat(1100)}${']'.repeat(1100)}`)),
    claim('r', CURL, TO_HTTPBIN, 'allowed'),
    { file: 'm.yaml', says: limitMessage('--max-depth') }),
  refused('limits', 'a claims file nested 1,100 deep stops at the depth limit',
    SHOP,
    `${WEB_CLAIM}  description: ${'['.repeat(1100)}${']'.repeat(1100)}\n`,
    { file: 'c.yaml', says: limitMessage('--max-depth') }),
  overLimit('--max-depth 0 is refused: limits are positive whole numbers', ['--max-depth', '0'], { file: '--max-depth', says: 'must be a positive whole number' }),
  overLimit('--max-keys abc is refused', ['--max-keys', 'abc'], { file: '--max-keys', says: 'must be a positive whole number' }),
  overLimit('--max-documents 1e3 is refused (not a whole number as written)', ['--max-documents', '1e3'], { file: '--max-documents', says: 'must be a positive whole number' }),
  overLimit('--max-file-bytes beyond 2^53 is refused', ['--max-file-bytes', '99999999999999999999'], { file: '--max-file-bytes', says: 'must be a positive whole number' }),
];

// ------------------------------------------------------------------ large inputs, made once per test file

/** Each large input: its file's name and what it holds (built once, when a case first names it). */
const BIG: Readonly<Record<string, (secret: string, file: string) => void>> = {
  'empty-documents.yaml': (secret, file) => fs.writeFileSync(file, `${'---\n'.repeat(2 * 1024 * 1024)}# ${secret}\n`),
  'blank-documents.yaml': (secret, file) => fs.writeFileSync(file, `# ${secret}\n${'\n---\n'.repeat(600_000)}`),
  'fifty-thousand-keys.yaml': (secret, file) => fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: shop}\ndata:\n'
    + `${Array.from({ length: 50_000 }, (_, i) => `  key${i}: v${i}\n`).join('')}# ${secret}\n`),
  'fifty-thousand-labels.yaml': (secret, file) => fs.writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\n  namespace: shop\n  labels:\n'
    + `${Array.from({ length: 50_000 }, (_, i) => `    k${i}: v${i}\n`).join('')}spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 9000}]}]}\n# ${secret}\n`),
  'many-keys.yaml': (secret, file) => fs.writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge, namespace: shop}\ndata:\n'
    + `${Array.from({ length: 150_000 }, (_, i) => `  k${i}: v\n`).join('')}# ${secret}\n`),
  'long-annotation.yaml': (secret, file) => fs.writeFileSync(file, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\n  namespace: shop\n  annotations:\n    note: ${'x'.repeat(10 * 1024 * 1024)}\n# ${secret}\n`),
  'fleet.yaml': (secret, file) => {
    const tenants = Array.from({ length: 2000 }, (_, i) => doc(namespace(`t${i}`),
      workload('Deployment', 'web', { ns: `t${i}`, ports: '[{containerPort: 8080}]' }), service('web', { ns: `t${i}` }),
      object('networking.k8s.io/v1', 'NetworkPolicy', 'same-tenant', 'podSelector: {}\ningress: [{from: [{podSelector: {}}]}]', `t${i}`)));
    fs.writeFileSync(file, `${tenants.join('---\n')}# ${secret}\n`);
  },
  'sparse-200mb.yaml': (secret, file) => {
    fs.writeFileSync(file, `# ${secret}\n`);
    fs.truncateSync(file, 200 * 1024 * 1024); // sparse: no disk space, no time
  },
  'laughs.yaml': (secret, file) => {
    let text = `# ${secret}\na: &a [x, x, x, x, x, x, x, x, x, x]\n`;
    let previous = 'a';
    for (const name of 'bcdefghi') {
      text += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    fs.writeFileSync(file, text);
  },
  'aliases.yaml': (secret, file) => fs.writeFileSync(file, `# ${secret}\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n`
    + `spec:\n  pad: [${Array(20_000).fill('v').join(', ')}]\n  a: &a x\n  list: [${Array(10_001).fill('*a').join(', ')}]\n`),
  'deep.yaml': (secret, file) => fs.writeFileSync(file, `# ${secret}\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
};

// ------------------------------------------------------------------ running the cases

const CASES: readonly Case[] = [
  ...OUTSIDE, ...KUSTOMIZE, ...PATHOLOGICAL, ...YAML, ...PROTOTYPE, ...SHAPES, ...ISTIO_SHAPES, ...CLAIMS, ...FILESYSTEM, ...LIMITS,
];

const REPO = path.join(__dirname, '..');
const RUN_FROM_SOURCE = path.join(REPO, 'tools', 'run-from-source.js');
const isRoot = process.getuid?.() === 0;
/** Node's own startup and loading the command's bundle, on top of BOUND_MS, for cases run in a child process. */
const CHILD_STARTUP_MS = 3_000;

/** Why runs as uid 65534 are not possible here, if they are not. */
function nobodyUnavailable(): string | undefined {
  if (process.platform === 'win32') return 'no uids on Windows';
  if (!isRoot) return undefined; // chmod 000 keeps the current user out already
  const probe = spawnSync(process.execPath, ['-e', '0'], { uid: 65534, gid: 65534 });
  return probe.error === undefined && probe.status === 0 ? undefined : `cannot run a process as uid 65534 (${probe.error?.message ?? `exit ${probe.status}`})`;
}
const NOBODY_UNAVAILABLE = nobodyUnavailable();

function unavailable(c: Case): string | undefined {
  const words = [...c.args ?? [], c.refuse?.file ?? ''];
  if (words.some((w) => w.startsWith('/dev/')) && !hasDev) return '/dev/zero or /dev/null is missing';
  if (c.isolate === 'nobody') return NOBODY_UNAVAILABLE;
  return undefined;
}

const ROOT = tempDir('aks-labs-hostile-');
fs.chmodSync(ROOT, 0o755); // so that uid 65534 can reach the cases run as it
const BIG_DIR = path.join(ROOT, 'big');
fs.mkdirSync(BIG_DIR);

function bigFile(name: string): string {
  const file = path.join(BIG_DIR, name);
  if (!fs.existsSync(file)) {
    if (BIG[name] === undefined) throw new Error(`no large input ${name}`);
    BIG[name](`${SECRET}-big-${name}`, file);
  }
  return file;
}

/** A file's bytes with its secret planted: where `@S@` stands, else as a trailing comment. */
function withSecret(name: string, content: Content, secret: string): string | Buffer {
  if (typeof content === 'function') {
    const bytes = content(secret);
    const utf16le = Buffer.from(secret, 'utf16le');
    if (![Buffer.from(secret), utf16le, Buffer.from(utf16le).swap16()].some((form) => bytes.includes(form))) throw new Error(`${name}: the bytes made hold no secret`);
    return bytes;
  }
  if (Buffer.isBuffer(content)) {
    const at = content.indexOf(S);
    if (at < 0) throw new Error(`${name}: a Buffer must place its secret (${S})`);
    return Buffer.concat([content.subarray(0, at), Buffer.from(secret), content.subarray(at + S.length)]);
  }
  if (content.includes(S)) return content.split(S).join(secret);
  if (name.endsWith('.json')) throw new Error(`${name}: a JSON file must place its secret (${S})`);
  return `${content}${content === '' || content.endsWith('\n') ? '' : '\n'}# ${secret}\n`;
}

interface Prepared {
  readonly where: Where;
  readonly argv: string[];
  readonly skip?: string;
}

/** Writes a case's files (each with a secret) and the outside folder beside them; runs its setup. */
function prepare(c: Case, n: number): Prepared {
  const base = path.join(ROOT, `case-${n}`);
  const where: Where = { dir: path.join(base, 'in'), outside: path.join(base, 'outside') };
  fs.mkdirSync(where.dir, { recursive: true });
  fs.mkdirSync(where.outside, { recursive: true });
  // Outside the paths given: a .env and a manifest with a secret, which no run may show.
  fs.writeFileSync(path.join(where.outside, 'secret.env'), `PASSWORD=${SECRET}-${n}-outside\nTOKEN: : ${SECRET}-${n}-outside-token\n`);
  fs.writeFileSync(path.join(where.outside, 'secret.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: leaked, namespace: shop}\ndata: {password: ${SECRET}-${n}-outside-yaml}\n`);
  Object.entries(c.files ?? {}).forEach(([name, content], i) => {
    const file = path.join(where.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, withSecret(name, content, `${SECRET}-${n}-${i}`));
  });
  const skip = unavailable(c) ?? c.setup?.(where) ?? undefined;
  const argv = (c.args ?? ['m.yaml', '--claims', 'c.yaml']).map((word) => {
    if (word.startsWith('-') || path.isAbsolute(word)) return word;
    if (word === '@out' || word.startsWith('@out/')) return path.join(where.outside, word.slice('@out'.length));
    if (word.startsWith('@big/')) return word; // made when the case runs
    const local = path.join(where.dir, word);
    return word === '.' || fs.existsSync(local) || /\.(ya?ml|json)$/.test(word) || word.includes('/') ? local : word;
  });
  if (c.holds !== undefined) argv.push('--format', 'json');
  return { where, argv, skip };
}

/** The path a refusal's message names. */
function shownPath(file: string, where: Where): string {
  if (file.startsWith('-') || path.isAbsolute(file)) return file;
  if (file === '@out' || file.startsWith('@out/')) return path.join(where.outside, file.slice('@out'.length));
  if (file.startsWith('@big/')) return path.join(BIG_DIR, file.slice('@big/'.length));
  return path.join(where.dir, file);
}

async function runHere(argv: readonly string[]): Promise<Run> {
  const args = argv.map((word) => (word.startsWith('@big/') ? bigFile(word.slice('@big/'.length)) : word));
  const out: string[] = [];
  const err: string[] = [];
  const start = process.hrtime.bigint();
  let status: number;
  try {
    status = await runCli(['verify', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  } catch (error) {
    status = -1; // runCli answers every error with an exit code: a throw is a crash
    err.push(`runCli threw: ${(error as Error)?.stack ?? String(error)}`);
  }
  return { status, stdout: out.join(''), stderr: err.join(''), ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs the command from source in a child process (as uid 65534 when asked and root), killed after CHILD_STARTUP_MS + BOUND_MS. */
function runInChild(argv: readonly string[], asNobody: boolean): Promise<Run> {
  const args = argv.map((word) => (word.startsWith('@big/') ? bigFile(word.slice('@big/'.length)) : word));
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, [RUN_FROM_SOURCE, 'verify', ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, ...(asNobody && isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STARTUP_MS + BOUND_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: -1, stdout, stderr: `${stderr}could not start: ${error.message}`, ms: Date.now() - start });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code, stdout, stderr: signal === null ? stderr : `${stderr}killed by ${signal} after ${Date.now() - start} ms`, ms: Date.now() - start });
    });
  });
}

/** Makes every folder and file under `dir` readable again (what a case's setup closed). */
function openAgain(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) openAgain(file);
    else if (entry.isFile()) fs.chmodSync(file, 0o644);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What every run must be: no crash, no secret, no vague text, within its bound. */
function expectClean(run: Run, boundMs: number): void {
  const text = `${run.stdout}${run.stderr}`;
  expect(text).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError|EvalError|InternalError|AggregateError)\b/);
  expect(text).not.toMatch(/^\s+at .+(:\d+:\d+\)?|\(native\))$/m); // a stack frame
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/\bundefined\b|\[object Object\]|\bNaN\b/);
  expect(run.ms).toBeLessThan(boundMs);
}

function expectRefusal(run: Run, refusal: Refusal, where: Where): void {
  expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
  expect(run.stderr).toMatch(/^aks-labs-cdk8s: verify: [^\n]+\n$/); // one line
  // The path, followed by where in it (` (` or `:`), or a flag followed by what is wrong with it.
  const shown = escapeRegExp(shownPath(refusal.file, where));
  expect(run.stderr).toMatch(new RegExp(refusal.file.startsWith('-') ? `^aks-labs-cdk8s: verify: ${shown} ` : `^aks-labs-cdk8s: verify: ${shown}(:| \\()`));
  if (refusal.field !== undefined) {
    // `file:line:column (document, object) field: problem` or `file (document, line, column, at field): problem`
    expect(run.stderr).toMatch(new RegExp(`\\) ${escapeRegExp(refusal.field)}: |, at ${escapeRegExp(refusal.field)}\\): `));
  }
  if (refusal.line !== undefined) expect(run.stderr).toMatch(new RegExp(`:${refusal.line}:\\d+ \\(|line ${refusal.line}\\b`));
  if (typeof refusal.says === 'string') expect(run.stderr).toContain(refusal.says);
  else if (refusal.says !== undefined) expect(run.stderr).toMatch(refusal.says);
}

function expectVerdicts(run: Run, holds: Readonly<Record<string, Verdict>>): void {
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  const report = JSON.parse(run.stdout) as { claims: { id: string; expect: string; actual: string; holds: boolean; reasons: { text: string }[] }[] };
  // A verdict other than the expected one shows its reasons in the diff.
  const seen = Object.fromEntries(report.claims.map((c) => [c.id, c.actual === holds[c.id] ? c.actual : `${c.actual}: ${c.reasons.map((r) => r.text).join(' | ')}`]));
  expect(seen).toEqual(holds);
  expect(report.claims.map((c) => [c.id, c.holds])).toEqual(Object.keys(holds).map((id) => [id, true]));
}

/** The runs of the cases run in child processes, started together before the tests. */
const childRuns = new Map<Case, Promise<Run>>();
const prepared = new Map<Case, Prepared>();
const knownFailuresSeen: string[] = [];
const skipped: string[] = [];

beforeAll(async () => {
  CASES.forEach((c, i) => prepared.set(c, prepare(c, i + 1)));
  if (CASES.some((c) => c.isolate !== undefined)) {
    // Build the command's bundle as this user, so that a child running as uid 65534 only reads it.
    const build = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(REPO, 'tools', 'from-source.js'))}).bundleFile('command')`], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`bundling the command failed: ${build.stderr}`);
  }
  for (const c of CASES) {
    const p = prepared.get(c)!;
    if (c.isolate !== undefined && p.skip === undefined) childRuns.set(c, runInChild(p.argv, c.isolate === 'nobody'));
  }
  // One verification first, so that what the first run loads once (schemas, their validators) is not timed as a case's own.
  const warm = path.join(ROOT, 'warm-up');
  fs.mkdirSync(warm);
  fs.writeFileSync(path.join(warm, 'm.yaml'), `${doc(SHOP, MESH, ISOLATE_WEB)}# ${SECRET}-warm-up\n`);
  fs.writeFileSync(path.join(warm, 'c.yaml'), `${BLOCKED_WEB_CLAIM}${claim('r', CURL, TO_HTTPBIN, 'allowed')}# ${SECRET}-warm-up\n`);
  const warmUp = await runHere([path.join(warm, 'm.yaml'), '--claims', path.join(warm, 'c.yaml')]);
  if (warmUp.status !== 0) throw new Error(`the warm-up run failed: ${warmUp.stdout}${warmUp.stderr}`);
}, JEST_TIMEOUT_MS);

afterAll(() => {
  const byCategory = new Map<string, number>();
  for (const c of CASES) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1);
  const lines = [`hostile-input cases: ${CASES.length} (${[...byCategory].map(([k, v]) => `${k} ${v}`).join(', ')})`];
  if (knownFailuresSeen.length > 0) lines.push(`known failures, still failing (${knownFailuresSeen.length}):`, ...knownFailuresSeen.map((t) => `  - ${t}`));
  if (skipped.length > 0) lines.push(`skipped here (${skipped.length}):`, ...skipped.map((t) => `  - ${t}`));
  process.stdout.write(`${lines.join('\n')}\n`);
});

describe('the hostile-input suite', () => {
  test('has at least 150 cases with distinct titles, each expecting a refusal or a verdict; every known failure names a case', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.title)).size).toBe(CASES.length);
    for (const c of CASES) expect([c.title, (c.refuse === undefined) !== (c.holds === undefined)]).toEqual([c.title, true]);
    for (const title of KNOWN_FAILURES) expect(CASES.map((c) => c.title)).toContain(title);
  });

  test.each(CASES.map((c) => [`${c.category}: ${c.title}`, c] as const))('%s', async (_name, c) => {
    const p = prepared.get(c)!;
    if (p.skip !== undefined) {
      skipped.push(`${c.title}: ${p.skip}`);
      return;
    }
    const run = await (childRuns.get(c) ?? runHere(p.argv));
    if (c.isolate === 'nobody') openAgain(p.where.dir); // so that the temporary folder can be removed, whoever runs the tests
    if (process.env.HOSTILE_DEBUG !== undefined) process.stdout.write(`${c.title}\n  exit ${run.status} in ${Math.round(run.ms)} ms\n${run.stderr}${run.stdout.slice(0, 2000)}\n`);
    const check = (): void => {
      expectClean(run, c.isolate === undefined ? BOUND_MS : CHILD_STARTUP_MS + BOUND_MS);
      if (c.refuse !== undefined) expectRefusal(run, c.refuse, p.where);
      else expectVerdicts(run, c.holds!);
    };
    if (!KNOWN_FAILURES.includes(c.title)) {
      check();
      return;
    }
    let failure: unknown;
    try {
      check();
    } catch (error) {
      failure = error;
    }
    if (failure === undefined) throw new Error(`"${c.title}" passes now: remove it from KNOWN_FAILURES`);
    knownFailuresSeen.push(c.title);
  }, JEST_TIMEOUT_MS);
});
