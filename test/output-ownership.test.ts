import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OUTPUT_MARKER, OutputFolderError, writeOutputFolder } from '../src';
import { plainWriter } from './support/plain-writer';
import { tempDir } from './support/temp';
import { contentHash } from '../src/output/output-marker';

const OLD = [{ path: 'a.k8s.yaml', content: 'old a\n' }, { path: 'steps/b.k8s.yaml', content: 'old b\n' }];
const NEW = [{ path: 'a.k8s.yaml', content: 'new a\n' }, { path: 'c.k8s.yaml', content: 'new c\n' }];

/** A working directory with an output folder `dist` holding the OLD set. */
function workspace(): { cwd: string; dist: string } {
  const cwd = tempDir('aks-labs-own-');
  const dist = path.join(cwd, 'dist');
  writeOutputFolder(dist, OLD, { cwd });
  return { cwd, dist };
}

/** Every entry under `dir` with the content of each file, the marker included. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) {
        out[`${relative}/`] = '';
        visit(relative);
      } else {
        out[relative] = entry.isSymbolicLink() ? `-> ${fs.readlinkSync(path.join(dir, relative))}` : fs.readFileSync(path.join(dir, relative), 'utf8');
      }
    }
  };
  visit('');
  return out;
}

function refusal(write: () => unknown): string {
  try {
    write();
  } catch (error) {
    expect(error).toBeInstanceOf(OutputFolderError);
    return (error as Error).message;
  }
  throw new Error('the write was not refused');
}

describe('leftover folders are removed only when their marker proves a writer made them', () => {
  test.each([
    ['previous', 'the output folder exists'],
    ['previous', 'the output folder is gone'],
    ['staging', 'the output folder exists'],
  ])('a user folder named like a %s leftover, when %s, stops the run and stays', (kind, when) => {
    const { cwd, dist } = workspace();
    if (when === 'the output folder is gone') fs.rmSync(dist, { recursive: true });
    const mine = path.join(cwd, `.dist.aks-labs-${kind}-12345`);
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'thesis.tex'), 'years of work');
    const before = snapshot(cwd);
    const message = refusal(() => writeOutputFolder('dist', NEW, { cwd }));
    expect(message).toContain(`${mine} is named like the leftover of an interrupted aks-labs-cdk8s run, but nothing shows a run made it (it has no ${OUTPUT_MARKER})`);
    expect(snapshot(cwd)).toEqual(before);
  });

  test('a file named like a leftover stops the run and stays', () => {
    const { cwd } = workspace();
    fs.writeFileSync(path.join(cwd, '.dist.aks-labs-previous-99'), 'notes');
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toContain('(it is a file, not a folder)');
    expect(fs.readFileSync(path.join(cwd, '.dist.aks-labs-previous-99'), 'utf8')).toBe('notes');
  });

  test('a previous folder whose files were edited is not removed or restored', () => {
    const { cwd, dist } = workspace();
    const previous = path.join(cwd, '.dist.aks-labs-previous-4242');
    fs.renameSync(dist, previous);
    fs.writeFileSync(path.join(previous, 'a.k8s.yaml'), 'edited by hand\n');
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toContain('it holds what its .aks-labs-cdk8s-output does not list (a.k8s.yaml)');
    expect(fs.readFileSync(path.join(previous, 'a.k8s.yaml'), 'utf8')).toBe('edited by hand\n');
  });

  test("another output folder's staging leftover is not this one's", () => {
    const { cwd } = workspace();
    const other = tempDir('aks-labs-own-');
    const staging = path.join(cwd, '.dist.aks-labs-staging-777');
    fs.mkdirSync(staging);
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), `# Written by aks-labs-cdk8s.\n# staging for ${other}\n`);
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toContain(`its marker says it is staging for ${other}`);
    expect(fs.existsSync(staging)).toBe(true);
  });

  test("a writer's own leftovers are recovered and removed", () => {
    const { cwd, dist } = workspace();
    fs.renameSync(dist, path.join(cwd, '.dist.aks-labs-previous-4242'));
    fs.mkdirSync(path.join(cwd, '.dist.aks-labs-staging-4243'));
    const result = writeOutputFolder('dist', NEW, { cwd });
    expect(result.warnings).toEqual([`restored ${fs.realpathSync(cwd)}/dist from .dist.aks-labs-previous-4242, left by an interrupted run`]);
    expect(fs.readdirSync(cwd)).toEqual(['dist']);
  });
});

describe('a file is replaced only when it holds what the marker lists', () => {
  test('a hand-edited bundle stops the run, naming it, and nothing changes', () => {
    const { cwd, dist } = workspace();
    fs.writeFileSync(path.join(dist, 'steps/b.k8s.yaml'), 'edited by hand\n');
    const before = snapshot(cwd);
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toBe('refusing to replace the output folder dist: it holds a file changed since '
      + 'aks-labs-cdk8s wrote it (steps/b.k8s.yaml). Move them away, or choose an empty or new folder, or pass --overwrite (overwrite: true) to replace them');
    expect(snapshot(cwd)).toEqual(before);
  });

  test('--overwrite replaces it, listing what it replaced', () => {
    const { cwd, dist } = workspace();
    fs.writeFileSync(path.join(dist, 'steps/b.k8s.yaml'), 'edited by hand\n');
    fs.writeFileSync(path.join(dist, 'notes.md'), 'mine');
    const result = writeOutputFolder('dist', NEW, { cwd, overwrite: true });
    expect(result.warnings).toEqual([
      'replaced dist/steps/b.k8s.yaml, which aks-labs-cdk8s had not written as it was (--overwrite)',
      'replaced dist/notes.md, which aks-labs-cdk8s had not written as it was (--overwrite)',
    ]);
    expect(Object.keys(snapshot(dist)).sort()).toEqual([OUTPUT_MARKER, 'a.k8s.yaml', 'c.k8s.yaml']);
  });

  test('--overwrite never replaces a folder without a marker', () => {
    const cwd = tempDir('aks-labs-own-');
    fs.mkdirSync(path.join(cwd, 'src'));
    fs.writeFileSync(path.join(cwd, 'src', 'main.ts'), 'code');
    expect(refusal(() => writeOutputFolder('src', NEW, { cwd, overwrite: true }))).toContain('it has no .aks-labs-cdk8s-output, so aks-labs-cdk8s never wrote it (it holds main.ts)');
    expect(fs.readFileSync(path.join(cwd, 'src', 'main.ts'), 'utf8')).toBe('code');
  });

  test("a user's file that an edited marker lists is not deleted", () => {
    const { cwd, dist } = workspace();
    fs.writeFileSync(path.join(dist, 'notes.md'), 'mine');
    fs.appendFileSync(path.join(dist, OUTPUT_MARKER), `${contentHash('something else')}  notes.md\n`);
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toContain('it holds a file changed since aks-labs-cdk8s wrote it (notes.md)');
    expect(fs.readFileSync(path.join(dist, 'notes.md'), 'utf8')).toBe('mine');
  });

  test('a symbolic link the marker lists is not followed or replaced', () => {
    const { cwd, dist } = workspace();
    const outside = path.join(cwd, 'outside.txt');
    fs.writeFileSync(outside, 'old a\n');
    fs.rmSync(path.join(dist, 'a.k8s.yaml'));
    fs.symlinkSync(outside, path.join(dist, 'a.k8s.yaml'));
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toContain('entry aks-labs-cdk8s did not write (a.k8s.yaml (a symbolic link);');
    expect(fs.readFileSync(outside, 'utf8')).toBe('old a\n');
  });

  test.each([
    ['../outside.txt'], ['/etc/passwd'], ['steps/../../outside.txt'], ['./a.k8s.yaml'], ['a//b'],
  ])('a marker entry %s outside the folder is refused, and never carried into the next marker', (forged) => {
    const { cwd, dist } = workspace();
    fs.writeFileSync(path.join(cwd, 'outside.txt'), 'mine');
    fs.appendFileSync(path.join(dist, OUTPUT_MARKER), `${contentHash('mine')}  ${forged}\n`);
    const before = snapshot(cwd);
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd, keep: () => true }))).toContain(
      `its ${OUTPUT_MARKER} has a line that is not a file inside the folder with its SHA-256 (line ${JSON.stringify(`${contentHash('mine')}  ${forged}`)})`);
    expect(snapshot(cwd)).toEqual(before);
    writeOutputFolder('dist', NEW, { cwd, keep: () => true, overwrite: true });
    expect(fs.readFileSync(path.join(dist, OUTPUT_MARKER), 'utf8')).not.toContain(forged);
    expect(fs.readFileSync(path.join(cwd, 'outside.txt'), 'utf8')).toBe('mine');
    const check = spawnSync('sha256sum', ['--check', '--quiet', OUTPUT_MARKER], { cwd: dist, encoding: 'utf8' });
    expect([check.status, check.stdout, check.stderr]).toEqual([0, '', '']);
  });
});

describe('file system trouble is named with its path and what to do', () => {
  test('a marker that is a folder', () => {
    const { cwd, dist } = workspace();
    fs.rmSync(path.join(dist, OUTPUT_MARKER));
    fs.mkdirSync(path.join(dist, OUTPUT_MARKER));
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toBe(`refusing to replace the output folder dist: ${fs.realpathSync(dist)}/${OUTPUT_MARKER} `
      + 'is a folder, not the marker file aks-labs-cdk8s writes; remove it or choose another folder');
  });

  test('a lock that is a folder', () => {
    const { cwd } = workspace();
    fs.mkdirSync(path.join(cwd, '.dist.aks-labs-lock'));
    expect(refusal(() => writeOutputFolder('dist', NEW, { cwd }))).toBe(`cannot write the output folder dist: its lock ${fs.realpathSync(cwd)}/.dist.aks-labs-lock `
      + 'is a folder, not a lock file aks-labs-cdk8s writes; move it away');
  });

  test('/proc as the output folder', () => {
    expect(refusal(() => writeOutputFolder('/proc/aks-labs-test', NEW))).toMatch(new RegExp('^cannot write the output folder /proc/aks-labs-test: cannot create its lock file '
      + "/proc/.aks-labs-test.aks-labs-lock: ENOENT: no such file or directory, open '/proc/.aks-labs-test.aks-labs-lock.[0-9]+.[0-9a-f]+': "
      + 'a folder on the path does not exist or cannot hold new files'));
  });

  const mountable = process.platform === 'linux' && spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs none "$d" && umount "$d"; s=$?; rmdir "$d"; exit $s']).status === 0;
  const asRoot = mountable ? test : test.skip;
  asRoot('a mount point as the output folder (where tmpfs can be mounted: root)', () => {
    const cwd = tempDir('aks-labs-own-');
    const mount = path.join(cwd, 'dist');
    fs.mkdirSync(mount);
    expect(spawnSync('mount', ['-t', 'tmpfs', 'none', mount]).status).toBe(0);
    try {
      expect(refusal(() => writeOutputFolder('dist', OLD, { cwd }))).toBe('writing the output folder dist failed, and it was left as it was: '
        + `EBUSY: resource busy or locked, rename '${fs.realpathSync(mount)}' -> '${fs.realpathSync(cwd)}/.dist.aks-labs-previous-${process.pid}': `
        + 'it is busy or a mount point: the writer replaces a folder by renaming it, which a mount point does not allow; write into a folder inside it instead');
      expect(fs.readdirSync(mount)).toEqual([]);
      expect(fs.readdirSync(cwd)).toEqual(['dist']);
    } finally {
      spawnSync('umount', [mount]);
    }
  });
});

describe('the lock is held by one run at a time', () => {
  test('8 runs racing for a stale lock, 10 times: never two holders at once', async () => {
    const dir = tempDir('aks-labs-lock-');
    const racer = path.join(plainWriter(), 'lock-racer.js');
    fs.writeFileSync(racer, `
      const fs = require('fs');
      const { acquireLock } = require('./output-lock.js');
      const [lock, go, log] = process.argv.slice(2);
      while (!fs.existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      let release;
      try {
        release = acquireLock('dist', lock);
      } catch (error) {
        if (!/another run \\(process \\d+\\) is writing it/.test(error.message)) throw error;
        process.exit(0);
      }
      fs.appendFileSync(log, 'in ' + process.pid + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
      fs.appendFileSync(log, 'out ' + process.pid + '\\n');
      release();
    `);
    for (let trial = 0; trial < 10; trial++) {
      const lock = path.join(dir, `.dist${trial}.aks-labs-lock`);
      const go = path.join(dir, `go${trial}`);
      const log = path.join(dir, `log${trial}`);
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      fs.writeFileSync(lock, `${dead}\n`);
      const runs = Array.from({ length: 8 }, () => spawnRacer(racer, lock, go, log));
      fs.writeFileSync(go, '');
      const codes = await Promise.all(runs);
      expect(codes).toEqual(Array(8).fill(0));
      const events = fs.readFileSync(log, 'utf8').trim().split('\n');
      let holders = 0;
      for (const event of events) {
        holders += event.startsWith('in ') ? 1 : -1;
        expect(holders).toBeLessThanOrEqual(1);
      }
      expect(events.filter((e) => e.startsWith('in ')).length).toBeGreaterThanOrEqual(1);
      expect(fs.readdirSync(dir).filter((n) => n.startsWith(`.dist${trial}.`))).toEqual([]);
    }
  }, 60_000);
});

/** A racing child process; resolves with its exit code. */
function spawnRacer(racer: string, lock: string, go: string, log: string): Promise<number | null> {
  const child = spawn(process.execPath, [racer, lock, go, log], { stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => child.on('exit', resolve));
}
