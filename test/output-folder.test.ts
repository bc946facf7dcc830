import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER, OutputFolderError, synthesizeWorkshop, writeOutputFolder } from '../src';
import { plainWriter } from './support/plain-writer';
import { tempDir } from './support/temp';
import { WRITE_STEPS, WriteStep } from '../src/output/write-output';

const OLD = [{ path: 'a.k8s.yaml', content: 'old a\n' }, { path: 'steps/b.k8s.yaml', content: 'old b\n' }];
const NEW = [{ path: 'a.k8s.yaml', content: 'new a\n' }, { path: 'c.k8s.yaml', content: 'new c\n' }];
/** NEW plus b unchanged, which the writer carries over as a hard link: the failures and kills below cover that too. */
const NEXT = [...NEW, OLD[1]];

/** Every file under `dir` with its content, the marker left out. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) visit(relative);
      else if (entry.name !== OUTPUT_MARKER) out[relative] = fs.readFileSync(path.join(dir, relative), 'utf8');
    }
  };
  visit('');
  return out;
}

const asRecord = (files: { path: string; content: string }[]) => Object.fromEntries(files.map((f) => [f.path, f.content]));

/** A working directory with a file that must survive, and an output folder `dist` holding the OLD set. */
function workspace(): { cwd: string; dist: string } {
  const cwd = tempDir('aks-labs-out-');
  fs.writeFileSync(path.join(cwd, 'precious.txt'), 'keep me');
  const dist = path.join(cwd, 'dist');
  writeOutputFolder(dist, OLD, { cwd });
  return { cwd, dist };
}

function expectNothingBeside(cwd: string): void {
  expect(fs.readdirSync(cwd).sort()).toEqual(['dist', 'precious.txt']);
}

describe('writeOutputFolder refuses folders it must not replace, touching nothing', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = tempDir('aks-labs-out-');
    fs.writeFileSync(path.join(cwd, 'precious.txt'), 'keep me');
  });
  afterEach(() => expect(fs.readFileSync(path.join(cwd, 'precious.txt'), 'utf8')).toBe('keep me'));

  test.each([
    ['an empty path', '', 'it must name a folder'],
    ['blanks', '  ', 'it must name a folder'],
    ['.', '.', 'it is the current directory or holds it'],
    ['./', './', 'it is the current directory or holds it'],
    ['the parent', '..', 'it is the current directory or holds it'],
    ['the root', '/', 'it is the root of the file system'],
    ['the home folder', os.homedir(), 'it is the home folder or holds it'],
  ])('%s', (_what, outdir, why) => {
    const write = () => writeOutputFolder(outdir, NEW, { cwd });
    expect(write).toThrow(OutputFolderError);
    expect(write).toThrow(why);
    expect(fs.readdirSync(cwd)).toEqual(['precious.txt']);
  });

  test('the current directory given as an absolute path, or through a symbolic link', () => {
    fs.symlinkSync(cwd, path.join(cwd, 'here'));
    expect(() => writeOutputFolder(cwd, NEW, { cwd })).toThrow('it is the current directory or holds it');
    expect(() => writeOutputFolder('here', NEW, { cwd })).toThrow(`refusing to write the output folder here (${fs.realpathSync(cwd)}): it is the current directory`);
  });

  test('a regular file', () => {
    fs.writeFileSync(path.join(cwd, 'dist'), 'not a folder');
    expect(() => writeOutputFolder('dist', NEW, { cwd })).toThrow('refusing to write the output folder dist: it is a file, not a folder');
    expect(fs.readFileSync(path.join(cwd, 'dist'), 'utf8')).toBe('not a folder');
  });

  test('a folder holding files this library did not write', () => {
    fs.mkdirSync(path.join(cwd, 'src', 'app'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'src', 'app', 'main.ts'), 'code');
    fs.writeFileSync(path.join(cwd, 'src', 'README.md'), 'docs');
    expect(() => writeOutputFolder('src', NEW, { cwd })).toThrow(
      `refusing to replace the output folder src: it holds entries aks-labs-cdk8s did not write (README.md, app/; its list is ${OUTPUT_MARKER})`);
    expect(fs.readFileSync(path.join(cwd, 'src', 'app', 'main.ts'), 'utf8')).toBe('code');
  });

  test('an output folder where someone added a file', () => {
    writeOutputFolder('dist', OLD, { cwd });
    fs.writeFileSync(path.join(cwd, 'dist', 'notes.md'), 'mine');
    expect(() => writeOutputFolder('dist', NEW, { cwd })).toThrow('it holds an entry aks-labs-cdk8s did not write (notes.md;');
    expect(contents(path.join(cwd, 'dist'))).toEqual({ ...asRecord(OLD), 'notes.md': 'mine' });
  });

  test('a symbolic link to nothing', () => {
    fs.symlinkSync(path.join(cwd, 'missing'), path.join(cwd, 'dist'));
    expect(() => writeOutputFolder('dist', NEW, { cwd })).toThrow(`it is a symbolic link to ${path.join(cwd, 'missing')}, which does not exist`);
  });

  test.each([['../escape'], ['/abs'], ['a/../b'], ['a\\b'], ['a\0b'], [OUTPUT_MARKER]])('a file path %s that leaves the folder', (bad) => {
    expect(() => writeOutputFolder('dist', [{ path: bad, content: '' }], { cwd })).toThrow('a file path must be relative');
    expect(fs.existsSync(path.join(cwd, 'dist'))).toBe(false);
  });
});

describe('writeOutputFolder takes files as they come', () => {
  function* files(list: { path: string; content: string }[]) {
    for (const file of list) yield file;
  }

  test('from a generator, each written as it comes', () => {
    const { cwd, dist } = workspace();
    writeOutputFolder('dist', files(NEW), { cwd });
    expect(contents(dist)).toEqual(asRecord(NEW));
    expectNothingBeside(cwd);
  });

  test.each([
    ['a path that leaves the folder', [...NEW, { path: '../x', content: '' }], 'a file path must be relative'],
    ['a file written twice', [...NEW, NEW[0]], 'cannot write a.k8s.yaml into dist twice'],
    ['a file under a file', [...NEW, { path: 'a.k8s.yaml/b', content: '' }], 'cannot write a.k8s.yaml into dist: it is both a file and a folder'],
    ['a file over a folder', [{ path: 'x/y.yaml', content: '' }, { path: 'x', content: '' }], 'cannot write x into dist: it is both a file and a folder'],
  ])('%s found late leaves the old folder as it was', (_what, list, message) => {
    const { cwd, dist } = workspace();
    expect(() => writeOutputFolder('dist', files(list), { cwd })).toThrow(message);
    expect(contents(dist)).toEqual(asRecord(OLD));
    expectNothingBeside(cwd);
  });

  test('a generator that fails after some files leaves the old folder as it was', () => {
    const { cwd, dist } = workspace();
    function* failing() {
      yield NEW[0];
      throw new Error('schema problems');
    }
    expect(() => writeOutputFolder('dist', failing(), { cwd })).toThrow('writing the output folder dist failed, and it was left as it was: schema problems');
    expect(contents(dist)).toEqual(asRecord(OLD));
    expectNothingBeside(cwd);
  });

  test('a clash among 10,000 files is found', () => {
    const many = Array.from({ length: 10000 }, (_, i) => ({ path: `t${i}/file.yaml`, content: '' }));
    const cwd = tempDir('aks-labs-out-');
    expect(() => writeOutputFolder('dist', [...many, { path: 't9999', content: '' }], { cwd })).toThrow('cannot write t9999 into dist: it is both a file and a folder');
  });
});

describe('writeOutputFolder writes', () => {
  test('a new folder, then replaces it as a whole', () => {
    const { cwd, dist } = workspace();
    expect(contents(dist)).toEqual(asRecord(OLD));
    const result = writeOutputFolder('dist', NEW, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEW));
    expect(result).toEqual({ folder: fs.realpathSync(dist), files: ['a.k8s.yaml', 'c.k8s.yaml'], warnings: [] });
    const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
    expect(fs.readFileSync(path.join(dist, OUTPUT_MARKER), 'utf8').split('\n').slice(1))
      .toEqual([`${sha256('new a\n')}  a.k8s.yaml`, `${sha256('new c\n')}  c.k8s.yaml`, '']);
    expectNothingBeside(cwd);
  });

  test('a marker that sha256sum checks, saying whether the manifests were schema-validated', () => {
    const { cwd, dist } = workspace();
    writeOutputFolder('dist', NEW, { cwd, schemaValidated: true });
    const marker = fs.readFileSync(path.join(dist, OUTPUT_MARKER), 'utf8');
    expect(marker.split('\n')[1]).toBe('# schema-validated');
    const check = spawnSync('sha256sum', ['--check', '--quiet', OUTPUT_MARKER], { cwd: dist, encoding: 'utf8' });
    expect(check.status).toBe(0);
    fs.writeFileSync(path.join(dist, 'a.k8s.yaml'), 'changed\n');
    expect(spawnSync('sha256sum', ['--check', '--quiet', OUTPUT_MARKER], { cwd: dist, encoding: 'utf8' }).stdout).toContain('a.k8s.yaml: FAILED');
  });

  test('no schema-validated claim when it carries over files written without one', () => {
    const { cwd, dist } = workspace();
    writeOutputFolder('dist', NEW, { cwd, schemaValidated: true, keep: (file) => file.startsWith('steps/') });
    expect(fs.readFileSync(path.join(dist, OUTPUT_MARKER), 'utf8')).not.toContain('# schema-validated');
  });

  test('an empty folder', () => {
    const cwd = tempDir('aks-labs-out-');
    fs.mkdirSync(path.join(cwd, 'dist'));
    writeOutputFolder('dist', NEW, { cwd });
    expect(contents(path.join(cwd, 'dist'))).toEqual(asRecord(NEW));
  });

  test('through a symbolic link into the folder it points to, keeping the link', () => {
    const cwd = tempDir('aks-labs-out-');
    const gitops = path.join(cwd, 'gitops', 'cluster-a');
    fs.mkdirSync(gitops, { recursive: true });
    fs.symlinkSync(gitops, path.join(cwd, 'dist'));
    writeOutputFolder('dist', OLD, { cwd });
    writeOutputFolder('dist', NEW, { cwd });
    expect(fs.lstatSync(path.join(cwd, 'dist')).isSymbolicLink()).toBe(true);
    expect(contents(gitops)).toEqual(asRecord(NEW));
  });

  test('carrying over the files `keep` names', () => {
    const { cwd, dist } = workspace();
    writeOutputFolder('dist', NEW, { cwd, keep: (file) => file.startsWith('steps/') });
    expect(contents(dist)).toEqual({ ...asRecord(NEW), 'steps/b.k8s.yaml': 'old b\n' });
    writeOutputFolder('dist', NEW, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEW));
  });

  test('a file whose content did not change as the same file: it keeps its inode and modification time', () => {
    const { cwd, dist } = workspace();
    const before = fs.statSync(path.join(dist, 'steps/b.k8s.yaml'));
    const changedBefore = fs.statSync(path.join(dist, 'a.k8s.yaml'));
    writeOutputFolder('dist', NEXT, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEXT));
    const after = fs.statSync(path.join(dist, 'steps/b.k8s.yaml'));
    expect([after.ino, after.mtimeMs, after.nlink]).toEqual([before.ino, before.mtimeMs, 1]);
    expect(fs.statSync(path.join(dist, 'a.k8s.yaml')).ino).not.toBe(changedBefore.ino);
    expectNothingBeside(cwd);
  });

  test('nested folders that do not exist yet', () => {
    const cwd = tempDir('aks-labs-out-');
    writeOutputFolder('out/deep/dist', NEW, { cwd });
    expect(contents(path.join(cwd, 'out', 'deep', 'dist'))).toEqual(asRecord(NEW));
  });
});

describe('writeOutputFolder and other runs', () => {
  test('refuses while another live process holds the lock, naming it', () => {
    const { cwd, dist } = workspace();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(cwd, '.dist.aks-labs-lock'), `${other.pid}\n`);
      expect(() => writeOutputFolder('dist', NEW, { cwd })).toThrow(`another run (process ${other.pid}) is writing it`);
      expect(contents(dist)).toEqual(asRecord(OLD));
    } finally {
      other.kill('SIGKILL');
    }
  });

  test('takes over the lock of a process that no longer runs', () => {
    const { cwd, dist } = workspace();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(cwd, '.dist.aks-labs-lock'), `${dead}\n`);
    writeOutputFolder('dist', NEW, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEW));
    expectNothingBeside(cwd);
  });

  test('reports a folder it cannot empty before changing anything', () => {
    // As a user without root's power over permissions: nobody, when the tests run as root.
    const cwd = tempDir('aks-labs-out-');
    fs.chmodSync(cwd, 0o777);
    const script = `
      const fs = require('fs');
      const { writeOutputFolder } = require(${JSON.stringify(path.join(plainWriter(), 'write-output.js'))});
      writeOutputFolder('dist', ${JSON.stringify(OLD)});
      fs.chmodSync('dist/steps', 0o555);
      try {
        writeOutputFolder('dist', ${JSON.stringify(NEW)});
      } catch (error) {
        process.stdout.write(error.message);
      }
      fs.chmodSync('dist/steps', 0o755);
    `;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', ...asUser });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(`cannot replace the output folder dist: ${fs.realpathSync(cwd)}/dist/steps is not writable (EACCES: permission denied, access '${fs.realpathSync(cwd)}/dist/steps'), so its files could not be removed`);
    expect(contents(path.join(cwd, 'dist'))).toEqual(asRecord(OLD));
    expect(fs.readdirSync(cwd)).toEqual(['dist']);
  });
});

/** The steps a write of NEW over OLD goes through, with their occurrence: ['write-file', 2] is the second file. */
function observedSteps(): [WriteStep, number][] {
  const { cwd } = workspace();
  const steps: [WriteStep, number][] = [];
  writeOutputFolder('dist', NEXT, { cwd, onStep: (step) => steps.push([step, steps.filter(([s]) => s === step).length + 1]) });
  return steps;
}

describe('a failure at any step leaves the complete old or the complete new set', () => {
  const steps = observedSteps();

  test('every step of the writer is observed', () => {
    expect([...new Set(steps.map(([s]) => s))]).toEqual([...WRITE_STEPS]);
  });

  test.each(steps)('failure before %s #%i', (step, occurrence) => {
    const { cwd, dist } = workspace();
    let seen = 0;
    const onStep = (s: WriteStep) => {
      if (s === step && ++seen === occurrence) throw new Error(`injected failure at ${step}`);
    };
    let error: unknown;
    try {
      writeOutputFolder('dist', NEXT, { cwd, onStep });
    } catch (e) {
      error = e;
    }
    const after = contents(dist);
    if (['remove-old', 'unlock'].includes(step)) {
      expect(error).toBeUndefined(); // the new set is in place; what failed is reported as a warning
      expect(after).toEqual(asRecord(NEXT));
    } else {
      expect(String(error)).toContain(`injected failure at ${step}`);
      expect(after).toEqual(asRecord(OLD));
      expect((error as OutputFolderError).nothingChanged).toBe(true);
    }
    const leftovers = fs.readdirSync(cwd).filter((n) => n.includes('aks-labs'));
    if (step !== 'remove-old') expect(leftovers).toEqual([]);
    writeOutputFolder('dist', NEXT, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEXT));
    expectNothingBeside(cwd);
  });
});

describe('a kill at any step leaves the complete old or the complete new set, and the next run recovers', () => {
  let runner: string;
  beforeAll(() => {
    runner = path.join(plainWriter(), 'kill-runner.js');
    fs.writeFileSync(runner, `
      const { writeOutputFolder } = require('./write-output.js');
      const [outdir, step, occurrence, files] = process.argv.slice(2);
      let seen = 0;
      writeOutputFolder(outdir, JSON.parse(files), { onStep: (s) => {
        if (s === step && ++seen === Number(occurrence)) process.kill(process.pid, 'SIGKILL');
      } });
    `);
  });

  test.each(observedSteps())('kill before %s #%i', (step, occurrence) => {
    const { cwd, dist } = workspace();
    const child = spawnSync(process.execPath, [runner, 'dist', step, String(occurrence), JSON.stringify(NEXT)], { cwd });
    expect(child.signal).toBe('SIGKILL');
    if (fs.existsSync(dist)) {
      expect([asRecord(OLD), asRecord(NEXT)]).toContainEqual(contents(dist));
    } else {
      // Killed between the two renames: the old set waits beside the folder, complete.
      const previous = fs.readdirSync(cwd).find((n) => n.startsWith('.dist.aks-labs-previous-'))!;
      expect(contents(path.join(cwd, previous))).toEqual(asRecord(OLD));
    }
    const result = writeOutputFolder('dist', NEXT, { cwd });
    expect(contents(dist)).toEqual(asRecord(NEXT));
    expectNothingBeside(cwd);
    if (!['lock', 'recover', 'check', 'unlock'].includes(step)) expect(result.warnings.length).toBeLessThanOrEqual(1);
  });
});

describe('synthesizeWorkshop guards its output folder', () => {
  const original = process.cwd();
  let cwd: string;
  beforeEach(() => {
    cwd = tempDir('aks-labs-out-');
    fs.writeFileSync(path.join(cwd, 'precious.txt'), 'keep me');
    process.chdir(cwd);
  });
  afterEach(() => {
    process.chdir(original);
    delete process.env.CDK8S_OUTDIR;
    expect(fs.readdirSync(cwd)).toEqual(['precious.txt']);
  });

  test.each([[''], ['.']])('outdir %p is refused', (outdir) => {
    expect(() => synthesizeWorkshop({ outdir })).toThrow(OutputFolderError);
  });

  test.each([[''], ['.']])('CDK8S_OUTDIR=%p is refused', (outdir) => {
    process.env.CDK8S_OUTDIR = outdir;
    expect(() => synthesizeWorkshop({})).toThrow(OutputFolderError);
  });

  test('an empty section filter is refused', () => {
    expect(() => synthesizeWorkshop({ outdir: 'dist', only: [] })).toThrow('no sections asked for: name at least one of 01-store');
  });
});
