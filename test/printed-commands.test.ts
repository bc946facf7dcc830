import { exec, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { synthesizeWorkshop } from '../src';
import { tempDir } from './support/temp';

/**
 * Every command line the project prints works as printed: the shell lines of the README and
 * docs/*.md that start with `npx aks-labs-cdk8s`, `npx cdk8s`, `kubectl` or `npm`, the command
 * in each claims file's header, and the examples of `--help`. Each runs with `sh`, in the folder
 * it is meant for: a clone's root for the pages and the help (after the quick start: `dist/`
 * holds the bundles, and the folder above the clone holds the workshop's `.env`), the output
 * folder for claims headers. A line that cannot run here (it needs a cluster, the registry, or
 * is the test suite itself) is listed below with the reason.
 *
 * The clone is a folder of symbolic links to this one's files with a `dist/` of its own, so
 * nothing is written into the working tree; `npx` runs offline, so a command it cannot find
 * locally fails instead of being downloaded.
 */

const ROOT = path.resolve(__dirname, '..');
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** The commands this test collects: what a user types to run this project's tools. */
const PRINTED = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx aks-labs-cdk8s|npx cdk8s|kubectl|npm)(?:\s|$)/;

/** Lines that cannot run here, each with the reason. */
const NOT_RUNNABLE: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /<[^>]+>/, reason: 'a synopsis: the words in angle brackets stand for what the reader fills in' },
  { pattern: /^npm ci && npm test$/, reason: 'it is the test suite this test is part of; .ci/run runs the line on a fresh clone' },
  { pattern: /^kubectl (?:--context \S+ )?apply /, reason: 'applies to a cluster' },
  { pattern: /^kubectl create /, reason: 'creates objects in a cluster' },
  { pattern: /^kubectl rollout /, reason: 'restarts workloads in a cluster' },
  { pattern: /^kubectl .*\bport-forward\b/, reason: 'forwards a port of a cluster' },
  { pattern: /^npm install (?:aks-labs-cdk8s|\S+\.tgz)\b|^npm install .*\baks-labs-cdk8s\b/, reason: 'installs the package from the registry or a packed tarball; .ci/run installs the tarball into a consumer project and runs the command there' },
  { pattern: /^npm install --prefix \S+ node@\d+$/, reason: 'downloads a Node version from the registry; .ci/run does it' },
];

/** `npm ci && <command>`: the clone's dependencies are installed, so the command after it runs (.ci/run runs the whole line on a fresh clone). */
const NPM_CI = /^npm ci && /;

const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

interface Command {
  /** The line as printed. */
  readonly line: string;
  /** What runs: the line, or its part after `npm ci && `. */
  readonly run: string;
  /** The folder it runs in, relative to the clone's root. */
  readonly dir: string;
  /** The exit status and last line it must give when it is not 0. */
  readonly expect?: { readonly status: number; readonly lastLine: string };
}

interface Group {
  readonly name: string;
  readonly commands: Command[];
  /** Lines that cannot run here, with the reason. */
  readonly skipped: { readonly line: string; readonly reason: string }[];
}

function read(page: string): string {
  return fs.readFileSync(path.join(ROOT, page), 'utf8');
}

/** A printed line without its trailing `# comment`. */
function withoutComment(line: string): string {
  return line.replace(/\s+#\s.*$/, '').trim();
}

/** Sorts printed lines of one shell session (a code block or a help's examples) into a group. */
function group(name: string, lines: readonly string[], startDir = '.'): Group {
  const result: Group = { name, commands: [], skipped: [] };
  let dir = startDir;
  for (const printed of lines) {
    const line = withoutComment(printed);
    const cd = /^cd (\S+)$/.exec(line);
    if (cd) {
      dir = path.posix.normalize(path.posix.join(dir, cd[1]));
      continue;
    }
    if (!PRINTED.test(line)) continue;
    const reason = NOT_RUNNABLE.find((n) => n.pattern.test(line))?.reason
      ?? (line.startsWith('kubectl') && !/^kubectl kustomize /.test(line) ? 'UNCLASSIFIED: a kubectl line needs a cluster unless it is kubectl kustomize; list it in NOT_RUNNABLE with its reason' : undefined)
      ?? (line.startsWith('kubectl') && !HAS_KUBECTL ? 'kubectl is not installed here' : undefined);
    if (reason !== undefined) {
      result.skipped.push({ line, reason });
      continue;
    }
    result.commands.push({ line, run: line.replace(NPM_CI, ''), dir });
  }
  return result;
}

/** The shell code blocks of a page (fences without a language, or sh, bash, shell, console), continuation lines joined. */
function shellBlocks(page: string): { line: number; lines: string[] }[] {
  const found: { line: number; lines: string[] }[] = [];
  const lines = read(page).split('\n');
  let open: { line: number; lines: string[] } | undefined;
  let shell = false;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*(\S*)\s*$/.exec(lines[i]);
    if (open === undefined) {
      if (fence) {
        open = { line: i + 1, lines: [] };
        shell = ['', 'sh', 'bash', 'shell', 'console'].includes(fence[1]);
      }
      continue;
    }
    if (fence && fence[1] === '') {
      if (shell) found.push({ line: open.line, lines: open.lines.join('\n').replace(/\\\n\s*/g, ' ').split('\n') });
      open = undefined;
      continue;
    }
    open.lines.push(lines[i]);
  }
  return found;
}

const PAGE_GROUPS: Group[] = PAGES.flatMap((page) => shellBlocks(page).map((block) => group(`${page}:${block.line}`, block.lines)));

/** The workshop's `.env` beside the clone, as the workshop writes it (plus the hardened profile's credentials). */
const DOT_ENV = [
  'USER_ASSIGNED_CLIENT_ID=7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  'AKV_URL=https://kv-akslabs-42.vault.azure.net/',
  'KEYVAULT_URL=https://kv-advanced-7.vault.azure.net/',
  'RABBITMQ_USERNAME=store',
  'RABBITMQ_PASSWORD=correct-horse-battery',
  'MYSQL_ROOT_PASSWORD=staple-9',
  '',
].join('\n');

/**
 * The claims files whose claims the step files break on purpose (they are the workshop's own
 * files): how many fail, as docs/verifier.md's "Shipped claims" table says. Every other claims
 * file's command exits with 0.
 */
const BROKEN_BY_THE_WORKSHOP: Record<string, { readonly failing: number; readonly claims: number }> = {
  'claims/steps/02-networking.step1-network-policy.claims.yaml': { failing: 4, claims: 8 },
  'claims/steps/02-networking.step2-fqdn-policy.claims.yaml': { failing: 3, claims: 5 },
  'claims/steps/02-networking.step4-restore-store-front.claims.yaml': { failing: 3, claims: 4 },
  'advanced-aks/claims/steps/02-mesh.step1-workshop-ingress.claims.yaml': { failing: 1, claims: 1 },
};

/** The output folder after the README's quick start and the Advanced AKS edition's synth: written once, copied into each clone. */
let template: string | undefined;
function outputTemplate(): string {
  if (template === undefined) {
    const dir = path.join(tempDir('aks-labs-printed-'), 'dist');
    synthesizeWorkshop({ outdir: dir });
    synthesizeWorkshop({ outdir: dir, workshop: 'advanced-aks' });
    template = dir;
  }
  return template;
}

/** A new clone: symbolic links to this checkout's files, a dist/ of its own, the workshop's .env above it. */
function newClone(): string {
  const world = tempDir('aks-labs-printed-');
  fs.writeFileSync(path.join(world, '.env'), DOT_ENV);
  const clone = path.join(world, 'clone');
  fs.mkdirSync(clone);
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry === 'dist' || entry === '.git') continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(clone, entry));
  }
  fs.cpSync(outputTemplate(), path.join(clone, 'dist'), { recursive: true });
  return clone;
}

/** The environment of a user's shell, without this test run's variables; npx offline. */
function userEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TMPDIR !== undefined ? { TMPDIR: process.env.TMPDIR } : {}),
    LANG: 'C.UTF-8',
    CI: 'true',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

interface Ran { readonly status: number; readonly stdout: string; readonly stderr: string }

function sh(command: string, cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    exec(command, { cwd, env: userEnvironment(), encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024, shell: '/bin/sh' }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

/** Runs a group's commands one after the other in a new clone; returns what went wrong. */
async function runGroup(commands: readonly Command[]): Promise<string[]> {
  const clone = newClone();
  const problems: string[] = [];
  for (const command of commands) {
    const ran = await sh(command.run, path.join(clone, command.dir));
    const lastLine = ran.stdout.trimEnd().split('\n').pop() ?? '';
    const expected = command.expect ?? { status: 0, lastLine: undefined };
    if (ran.status !== expected.status || (expected.lastLine !== undefined && lastLine !== expected.lastLine)) {
      problems.push(`in ${command.dir === '.' ? 'the clone' : command.dir}: ${command.line}\n  exit ${ran.status} (expected ${expected.status})`
        + `${expected.lastLine !== undefined ? `, last line ${JSON.stringify(lastLine)} (expected ${JSON.stringify(expected.lastLine)})` : ''}\n  ${ran.stderr.trim().split('\n').slice(-6).join('\n  ')}`);
    }
  }
  return problems;
}

/** The commands of the claims files' headers, each in the folder the header names. */
function claimsHeaderGroups(): Group[] {
  const dist = outputTemplate();
  const files = (fs.readdirSync(dist, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).filter((f) => f.endsWith('.claims.yaml')).sort();
  return files.map((file) => {
    const header = fs.readFileSync(path.join(dist, file), 'utf8').split('\n').filter((l) => l.startsWith('#'));
    const lines = header.filter((l) => /^#\s+npx /.test(l)).map((l) => l.replace(/^#\s+/, ''));
    // The header names the folder: the output folder, or its advanced-aks/.
    const folder = /in the output folder's (\S+?)\/? /.exec(header.join('\n'))?.[1];
    const dir = folder === undefined ? 'dist' : `dist/${folder}`;
    const g = group(`dist/${file}`, lines, dir);
    const broken = BROKEN_BY_THE_WORKSHOP[file];
    if (broken !== undefined) {
      for (let i = 0; i < g.commands.length; i++) {
        g.commands[i] = { ...g.commands[i], expect: { status: 1, lastLine: `${broken.failing} of ${broken.claims} ${broken.claims === 1 ? 'claim does' : 'claims do'} not hold` } };
      }
    }
    return g;
  });
}

/** The examples a command's `--help` prints, run after the help itself. */
function helpGroup(command: string): Group {
  const help = execFileSync(process.execPath, [path.join(ROOT, 'tools', 'run-from-source.js'), command, '--help'], { encoding: 'utf8' });
  const examples = help.slice(help.indexOf('\nExamples'));
  const lines = examples.split('\n').filter((l) => /^ {2}npx /.test(l)).map((l) => l.trim());
  return group(`aks-labs-cdk8s ${command} --help`, [`npx aks-labs-cdk8s ${command} --help`, ...lines]);
}

const CLAIMS_GROUPS = claimsHeaderGroups();
const HELP_GROUPS = ['synth', 'verify'].map(helpGroup);

describe('every printed command works as printed', () => {
  test('npx aks-labs-cdk8s is linked in this clone', () => {
    // npm ci runs tools/link-bin.js as the prepare script; here it is checked, not made.
    const check = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'link-bin.js'), '--check'], { encoding: 'utf8' });
    expect([check.status, check.stderr]).toEqual([0, '']);
  });

  test('npm ci links npx aks-labs-cdk8s: the prepare script runs tools/link-bin.js', () => {
    const pkg = JSON.parse(read('package.json'));
    const tasks = JSON.parse(read('.projen/tasks.json'));
    expect(pkg.scripts.prepare).toBeDefined();
    const prepare = pkg.scripts.prepare === 'node tools/link-bin.js' ? [{ exec: 'node tools/link-bin.js' }] : tasks.tasks.prepare?.steps;
    expect(prepare).toEqual([{ exec: 'node tools/link-bin.js' }]);
  });

  test('the pages print commands, each run or listed with the reason it cannot run here', () => {
    const all = PAGE_GROUPS.flatMap((g) => [...g.commands.map((c) => c.line), ...g.skipped.map((s) => s.line)]);
    expect(all).toEqual(expect.arrayContaining([
      'npm ci && npx cdk8s synth --no-check-upgrade',
      'npm ci && npm test',
      'npx aks-labs-cdk8s verify . --claims claims/08-secure-store.claims.yaml --graph ../flows.svg',
    ]));
    const unclassified = PAGE_GROUPS.flatMap((g) => g.skipped.filter((s) => s.reason.startsWith('UNCLASSIFIED')).map((s) => `${g.name}: ${s.line}`));
    expect(unclassified).toEqual([]);
  });

  test.concurrent.each(PAGE_GROUPS.filter((g) => g.commands.length > 0).map((g) => [g.name, g] as const))('%s', async (_name, g) => {
    expect(await runGroup(g.commands)).toEqual([]);
  }, 300_000);

  test('each claims file starts with the command that checks it, in the folder it names', () => {
    expect(CLAIMS_GROUPS.length).toBeGreaterThanOrEqual(10);
    for (const g of CLAIMS_GROUPS) expect([g.name, g.commands.length, g.skipped]).toEqual([g.name, 1, []]);
    // Every claims file the workshop's own step files break is one the synth writes.
    expect(Object.keys(BROKEN_BY_THE_WORKSHOP).filter((file) => !CLAIMS_GROUPS.some((g) => g.name === `dist/${file}`))).toEqual([]);
  });

  test.concurrent.each(CLAIMS_GROUPS.map((g) => [g.name, g] as const))("%s: its header's command, in the folder it names", async (_name, g) => {
    expect(await runGroup(g.commands)).toEqual([]);
  }, 300_000);

  test.concurrent.each(HELP_GROUPS.map((g) => [g.name, g] as const))('%s: the help and its examples', async (_name, g) => {
    expect(g.commands.length).toBeGreaterThanOrEqual(4);
    expect(g.skipped).toEqual([]);
    expect(await runGroup(g.commands)).toEqual([]);
  }, 300_000);

  test('examples that write files write them outside the output folder', () => {
    const writers = [...PAGE_GROUPS, ...HELP_GROUPS].flatMap((g) => g.commands).filter((c) => /--graph\s/.test(c.run));
    expect(writers.length).toBeGreaterThan(0);
    for (const command of writers) {
      const file = /--graph\s+(\S+)/.exec(command.run)![1];
      const inClone = path.posix.normalize(path.posix.join(command.dir, file));
      expect([command.line, inClone.startsWith('dist/') || inClone === 'dist']).toEqual([command.line, false]);
    }
  });

  test('the lines that cannot run here, with the reasons', () => {
    const skipped = PAGE_GROUPS.flatMap((g) => g.skipped.map((s) => `${g.name}: ${s.line} (${s.reason})`));
    // Each has a reason from NOT_RUNNABLE (or kubectl missing); the list is what a reviewer reads.
    expect(skipped.every((s) => !s.includes('UNCLASSIFIED'))).toBe(true);
    expect(skipped.length).toBeGreaterThan(0);
  });
});

describe('tools/link-bin.js', () => {
  /** A clone with tools/link-bin.js and a stand-in tools/run-from-source.js, as `npm ci` leaves it (node_modules without .bin/aks-labs-cdk8s). */
  function scratchClone(): string {
    const clone = tempDir('aks-labs-link-bin-');
    fs.mkdirSync(path.join(clone, 'tools'));
    fs.copyFileSync(path.join(ROOT, 'tools', 'link-bin.js'), path.join(clone, 'tools', 'link-bin.js'));
    fs.writeFileSync(path.join(clone, 'tools', 'run-from-source.js'), "console.log('from source', process.argv.slice(2).join(' '));\n");
    fs.mkdirSync(path.join(clone, 'node_modules'));
    return clone;
  }
  const linkBin = (clone: string, ...args: string[]) => spawnSync(process.execPath, [path.join(clone, 'tools', 'link-bin.js'), ...args], { cwd: clone, encoding: 'utf8' });
  const bin = (clone: string) => path.join(clone, 'node_modules', '.bin', 'aks-labs-cdk8s');

  test('links node_modules/.bin/aks-labs-cdk8s to the sources, on a fresh install, once', () => {
    const clone = scratchClone();
    expect(linkBin(clone, '--check').status).toBe(1);
    const first = linkBin(clone);
    expect([first.status, first.stdout, first.stderr]).toEqual([0, 'link-bin: node_modules/.bin/aks-labs-cdk8s runs tools/run-from-source.js\n', '']);
    expect(execFileSync(bin(clone), ['verify', '--help'], { encoding: 'utf8' })).toBe('from source verify --help\n');
    const before = fs.statSync(bin(clone));
    const again = linkBin(clone);
    expect([again.status, again.stdout, again.stderr]).toEqual([0, '', '']);
    expect(fs.statSync(bin(clone)).mtimeMs).toBe(before.mtimeMs);
    expect(linkBin(clone, '--check').status).toBe(0);
  });

  test('leaves a link that points elsewhere, saying so, unless --force', () => {
    const clone = scratchClone();
    fs.mkdirSync(path.join(clone, 'node_modules', '.bin'));
    fs.symlinkSync('../aks-labs-cdk8s/lib/bin.js', bin(clone));
    const left = linkBin(clone);
    expect(left.status).toBe(0);
    expect(left.stderr).toContain('link-bin: warning: left node_modules/.bin/aks-labs-cdk8s as it is: it is a symbolic link to ../aks-labs-cdk8s/lib/bin.js');
    expect(fs.readlinkSync(bin(clone))).toBe('../aks-labs-cdk8s/lib/bin.js');
    expect(linkBin(clone, '--check').status).toBe(1);
    const forced = linkBin(clone, '--force');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe('link-bin: replaced node_modules/.bin/aks-labs-cdk8s (it was a symbolic link to ../aks-labs-cdk8s/lib/bin.js), as --force asks\n');
    expect(fs.lstatSync(bin(clone)).isSymbolicLink()).toBe(false);
    expect(linkBin(clone, '--check').status).toBe(0);
  });

  test('rewrites a link it wrote that is out of date, and refuses unknown arguments', () => {
    const clone = scratchClone();
    linkBin(clone);
    fs.writeFileSync(bin(clone), '#!/usr/bin/env node\n// written by tools/link-bin.js: an older version\n', { mode: 0o755 });
    expect(linkBin(clone, '--check').status).toBe(1);
    expect(linkBin(clone).status).toBe(0);
    expect(execFileSync(bin(clone), ['synth'], { encoding: 'utf8' })).toBe('from source synth\n');
    expect(linkBin(clone, '--frobnicate').status).toBe(2);
  });
});
