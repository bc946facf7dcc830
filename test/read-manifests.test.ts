import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './support/temp';
import { DEFAULT_READ_LIMITS, ManifestReadError, READ_LIMIT_OPTIONS, readManifestPaths, ReadOptions, readYamlText, SourceDocument } from '../src/analysis/read';

// The manifest reader's files, folders, kustomizations, limits and messages (the YAML itself is
// compared with go-yaml in yaml-kubectl.test.ts).

/** A string planted in files: no error message may ever show it. */
const SECRET = 's3cr3t-Pa55w0rd';

function write(root: string, files: Record<string, string | Buffer>): string {
  fs.mkdirSync(root, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

function configMap(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
}

/** What readManifestPaths gives, as [file relative to root, document, name]. */
function read(root: string, paths: string[], options?: ReadOptions): Array<[string, number, string]> {
  return readManifestPaths(paths.map((p) => path.join(root, p)), options)
    .map((d) => [path.relative(root, d.file), d.document, (d.value as any).metadata.name]);
}

/** The error a call throws (failing the test if it throws none or another kind). */
function failure(call: () => unknown): ManifestReadError {
  try {
    call();
  } catch (error) {
    if (error instanceof ManifestReadError) return error;
    throw error;
  }
  throw new Error('expected a ManifestReadError');
}

/** Runs `call` and says how long it took, in milliseconds. */
function timed(call: () => void): number {
  const start = process.hrtime.bigint();
  call();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const canMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).error === undefined;
const hasDevZero = fs.existsSync('/dev/zero');

describe('files and documents', () => {
  test('documents are numbered as kubectl splits them; blank and null ones count but give nothing', () => {
    const documents = readYamlText(`${configMap('a')}---\n\n---\n# only a comment\n---\n~\n---\n${configMap('b')}`, 'x.yaml');
    expect(documents.map((d) => [d.file, d.document, (d.value as any).metadata.name])).toEqual([['x.yaml', 1, 'a'], ['x.yaml', 5, 'b']]);
  });

  test('a list is flattened as kubectl flattens it, a typed list giving its items their kind', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n'
      + '---\napiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: c}\n---\nkind: List\nitems: null\n';
    const documents = readYamlText(text, 'list.yaml');
    expect(documents.map((d) => [d.document, d.item, (d.value as any).kind, (d.value as any).apiVersion, (d.value as any).metadata.name])).toEqual([
      [1, 0, 'ConfigMap', 'v1', 'a'],
      [1, 1, 'Secret', 'v1', 'b'],
      [2, 0, 'Service', 'v1', 'c'],
    ]);
    expect(documents[1].locate(['metadata', 'name'])).toEqual({ line: 5, column: 45 });
    expect(failure(() => readYamlText('kind: List\nitems: {a: 1}\n', 'l.yaml')).message).toBe('l.yaml (document 1, line 2, column 1, at items): a list\'s items (an object with `items` is a list to kubectl) is not a sequence');
    expect(failure(() => readYamlText('kind: List\nitems:\n- 1\n', 'l.yaml')).message).toMatch(/^l\.yaml \(document 1, line 3, column 3, at items\[0\]\): a list item is not an object$/);
  });

  test('values are plain data: __proto__, constructor and toString are ordinary keys', () => {
    const [document] = readYamlText('__proto__: {polluted: true}\nconstructor: c\ntoString: t\nnested: {hasOwnProperty: 1}\n', 'proto.yaml');
    const value = document.value as Record<string, any>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString', 'nested']);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"polluted":true},"constructor":"c","toString":"t","nested":{"hasOwnProperty":1}}');
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value.__proto__).toEqual({ polluted: true });
    expect(({} as any).polluted).toBeUndefined();
    const [empty] = readYamlText('a: 1\n', 'a.yaml');
    expect('toString' in (empty.value as object)).toBe(false);
    expect('constructor' in (empty.value as object)).toBe(false);
    const [json] = readYamlText('{"__proto__": {"x": 1}, "constructor": 2}', 'proto.json');
    expect(Object.keys(json.value as object)).toEqual(['__proto__', 'constructor']);
  });

  test('locate gives the line and column of a field, or of its nearest ancestor', () => {
    const text = `# a comment\n---\n${configMap('a', 'data:\n  key: value\n  list:\n  - one\n  - {inner: x}\n')}`;
    const [document] = readYamlText(text, 'locate.yaml');
    expect(document.locate([])).toEqual({ line: 3, column: 1 });
    expect(document.locate(['metadata', 'name'])).toEqual({ line: 6, column: 3 });
    expect(document.locate(['data', 'list', 1, 'inner'])).toEqual({ line: 11, column: 6 });
    expect(document.locate(['data', 'list', 0])).toEqual({ line: 10, column: 5 });
    expect(document.locate(['data', 'missing', 'deeper'])).toEqual({ line: 7, column: 1 });
    const [crlf] = readYamlText('\ufeffa: 1\r\nb:\r\n  c: 2\r\n', 'crlf.yaml');
    expect(crlf.locate(['b', 'c'])).toEqual({ line: 3, column: 3 });
    expect(crlf.locate(['a'])).toEqual({ line: 1, column: 2 });
    const [json] = readYamlText('{\n  "a": {\n    "b": [1, 2]\n  }\n}\n', 'x.json');
    expect(json.locate(['a', 'b', 1])).toEqual({ line: 3, column: 14 });
  });

  test('a JSON stream is read as JSON values, and from the first that is not JSON on, as YAML', () => {
    const documents = readYamlText('{"a": 1, "n": -0, "big": 12345678901234567890}\n{"b": [true, null]}\n  {"c": "\\ud800"}\nd: 4\n---\ne: 5\n', 'stream.json');
    expect(documents.map((d) => [d.document, d.value])).toEqual([
      [1, { a: 1, n: 0, big: 12345678901234567890 }],
      [2, { b: [true, null] }],
      [3, { c: '\ufffd' }],
      [4, { d: 4 }],
      [5, { e: 5 }],
    ]);
    expect(Object.is((documents[0].value as any).n, 0)).toBe(true);
    expect(failure(() => readYamlText('{"a": 1, "a": 2}', 'dup.json')).message).toBe('dup.json (document 1, line 1, column 10, at a): a key written twice in one object');
    expect(failure(() => readYamlText('{"a": 1e999}', 'big.json')).message).toBe('big.json (document 1, line 1, column 7, at a): a number too large for a float64');
    expect(failure(() => readYamlText('{"a": [1,}\n', 'bad.json')).message).toMatch(/^bad\.json \(document 1, line 1, column 10\): not valid JSON: .* \(and what follows is not YAML either\)$/);
    // YAML that starts like JSON is read as YAML once JSON fails on it.
    expect(readYamlText('{a: 1, b: [x]}\n', 'flow.yaml').map((d) => d.value)).toEqual([{ a: 1, b: ['x'] }]);
  });

  test('UTF-16: big-endian with a final line break is read, little-endian is refused as kubectl fails on it', () => {
    const be = Buffer.from('a: 1\n', 'utf16le').swap16();
    expect(readYamlText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'be.yaml').map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(failure(() => readYamlText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1\n', 'utf16le')]), 'le.yaml')).message).toMatch(/UTF-16LE/);
  });

  test('a NEL ends a comment, as in go-yaml', () => {
    expect(readYamlText('# c\u0085a: 1\n', 'nel.yaml').map((d) => d.value)).toEqual([{ a: 1 }]);
  });
});

describe('folders, as kubectl apply -f reads them', () => {
  const root = tempDir('aks-labs-read-');
  write(root, {
    'app/b.yaml': configMap('b'),
    'app/a.yml': configMap('a'),
    'app/c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}',
    'app/.yaml': configMap('dot'),
    'app/Z.yaml': configMap('upper'),
    'app/d.YAML': configMap('not-read'),
    'app/notes.txt': 'not: read',
    'app/sub/e.yaml': configMap('e'),
    'app/sub/deeper/f.yaml': configMap('f'),
    'app/m.yaml': configMap('m'),
    'outside/target.yaml': configMap('linked'),
    'outside/folder/x.yaml': configMap('x'),
  });
  fs.symlinkSync(path.join(root, 'outside/target.yaml'), path.join(root, 'app/link.yaml'));
  fs.symlinkSync(path.join(root, 'outside/target.yaml'), path.join(root, 'app/link.txt'));
  fs.symlinkSync(path.join(root, 'outside/folder'), path.join(root, 'app/linked-folder'));

  test('manifest files and symlinks to files, in name (byte) order; subfolders only with -R', () => {
    expect(read(root, ['app'])).toEqual([
      ['app/.yaml', 1, 'dot'],
      ['app/Z.yaml', 1, 'upper'],
      ['app/a.yml', 1, 'a'],
      ['app/b.yaml', 1, 'b'],
      ['app/c.json', 1, 'c'],
      ['app/link.yaml', 1, 'linked'],
      ['app/m.yaml', 1, 'm'],
    ]);
  });

  test('-R walks subfolders where their names fall, and never follows a symlinked folder', () => {
    expect(read(root, ['app'], { recursive: true }).map(([file]) => file)).toEqual([
      'app/.yaml', 'app/Z.yaml', 'app/a.yml', 'app/b.yaml', 'app/c.json', 'app/link.yaml', 'app/m.yaml', 'app/sub/deeper/f.yaml', 'app/sub/e.yaml',
    ]);
  });

  test('a file named on the command line is read whatever its name', () => {
    expect(readManifestPaths([path.join(root, 'app/notes.txt'), path.join(root, 'app/d.YAML')]).map((d) => [path.relative(root, d.file), d.value])).toEqual([
      ['app/notes.txt', { not: 'read' }],
      ['app/d.YAML', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'not-read' } }],
    ]);
  });

  test('a missing path, a dangling symlink, a symlink loop and a symlinked folder named like a file are refused', () => {
    const dir = write(tempDir('aks-labs-read-'), { 'ok.yaml': configMap('ok') });
    expect(failure(() => readManifestPaths([path.join(dir, 'nope.yaml')])).message).toBe(`${path.join(dir, 'nope.yaml')}: no such file or folder`);
    fs.symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'dangling.yaml'));
    expect(failure(() => readManifestPaths([dir])).message).toMatch(/dangling\.yaml: a symlink to nothing/);
    fs.rmSync(path.join(dir, 'dangling.yaml'));
    fs.symlinkSync(path.join(dir, 'loop-b.yaml'), path.join(dir, 'loop-a.yaml'));
    fs.symlinkSync(path.join(dir, 'loop-a.yaml'), path.join(dir, 'loop-b.yaml'));
    expect(failure(() => readManifestPaths([dir])).message).toMatch(/loop-a\.yaml: a symlink loop$/);
    expect(failure(() => readManifestPaths([path.join(dir, 'loop-a.yaml')])).message).toMatch(/loop-a\.yaml: a symlink loop$/);
    fs.rmSync(path.join(dir, 'loop-a.yaml'));
    fs.rmSync(path.join(dir, 'loop-b.yaml'));
    fs.mkdirSync(path.join(dir, 'real'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'folder.yaml'));
    expect(failure(() => readManifestPaths([dir])).message).toMatch(/folder\.yaml: a symlink to a folder named like a manifest file/);
  });

  (hasDevZero ? test : test.skip)('devices are refused before any read: /dev/zero, /dev/null, and a symlink to one in a folder', () => {
    const elapsed = timed(() => {
      expect(failure(() => readManifestPaths(['/dev/zero'])).message).toBe('/dev/zero: not a regular file (a FIFO, socket or device is never read)');
      expect(failure(() => readManifestPaths(['/dev/null'])).message).toBe('/dev/null: not a regular file (a FIFO, socket or device is never read)');
      const dir = tempDir('aks-labs-read-');
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
      expect(failure(() => readManifestPaths([dir])).message).toBe(`${path.join(dir, 'zero.yaml')}: not a regular file (a FIFO, socket or device is never read)`);
    });
    expect(elapsed).toBeLessThan(1000);
  });

  (canMkfifo ? test : test.skip)('a FIFO is refused at once, named or in a folder (and skipped there without a manifest extension)', () => {
    const dir = tempDir('aks-labs-read-');
    for (const name of ['pipe.yaml', 'pipe']) expect(spawnSync('mkfifo', [path.join(dir, name)]).status).toBe(0);
    const elapsed = timed(() => {
      expect(failure(() => readManifestPaths([path.join(dir, 'pipe.yaml')])).message).toBe(`${path.join(dir, 'pipe.yaml')}: not a regular file (a FIFO, socket or device is never read)`);
      expect(failure(() => readManifestPaths([dir])).message).toBe(`${path.join(dir, 'pipe.yaml')}: not a regular file (a FIFO, socket or device is never read)`);
      fs.rmSync(path.join(dir, 'pipe.yaml'));
      expect(readManifestPaths([dir])).toEqual([]);
    });
    expect(elapsed).toBeLessThan(1000);
  });

  test('a subfolder with a kustomization is refused under -R (kubectl would read its kustomization as a manifest)', () => {
    const dir = write(tempDir('aks-labs-read-'), { 'a.yaml': configMap('a'), 'sub/kustomization.yaml': 'resources: []\n' });
    expect(read(dir, ['.'])).toEqual([['a.yaml', 1, 'a']]);
    expect(failure(() => readManifestPaths([dir], { recursive: true })).message).toMatch(/sub: a subfolder holds a kustomization file/);
  });
});

describe('kustomizations, as kubectl apply -k reads them', () => {
  /** A project folder, beside which lies a folder with a secret. */
  function project(files: Record<string, string>): string {
    const parent = tempDir('aks-labs-kustomize-');
    write(parent, { 'outside/secret.env': `password: ${SECRET}\n: ${SECRET} :\n` });
    return write(path.join(parent, 'project'), files);
  }
  const outside = (root: string): string => path.join(root, '..', 'outside');

  test('resources in order, folders as kustomization roots (../base included), the outermost namespace winning', () => {
    const root = project({
      'overlays/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nresources:\n- extra.yaml\n- ../../base\n',
      'overlays/prod/extra.yaml': configMap('extra'),
      'base/kustomization.yml': 'namespace: base\nresources: [a.yaml, nested]\n',
      'base/a.yaml': `${configMap('a')}---\n${configMap('b')}`,
      'base/nested/Kustomization': 'resources:\n- n.yaml\n',
      'base/nested/n.yaml': configMap('nested'),
    });
    const documents = readManifestPaths([path.join(root, 'overlays/prod')]);
    expect(documents.map((d) => [path.relative(root, d.file), d.document, (d.value as any).metadata.name, d.kustomizeNamespace])).toEqual([
      ['overlays/prod/extra.yaml', 1, 'extra', 'prod'],
      ['base/a.yaml', 1, 'a', 'prod'],
      ['base/a.yaml', 2, 'b', 'prod'],
      ['base/nested/n.yaml', 1, 'nested', 'prod'],
    ]);
    expect(readManifestPaths([path.join(root, 'base')]).map((d) => d.kustomizeNamespace)).toEqual(['base', 'base', 'base']);
    expect(readManifestPaths([path.join(root, 'base/nested')]).map((d) => d.kustomizeNamespace)).toEqual([undefined]);
  });

  const refusals: Array<[what: string, kustomization: string, message: RegExp]> = [
    ['a file through ..', 'resources:\n- ../../outside/secret.env\n', /\(document 1, line 2, column 3, at resources\[0\]\): a resource file outside the kustomization's folder/],
    ['an absolute path', 'resources:\n- $ABSOLUTE\n', /at resources\[0\]\): an absolute resource path/],
    ['a URL', 'resources:\n- https://example.com/app.yaml\n', /at resources\[0\]\): a remote resource/],
    ['a github.com path', 'resources:\n- github.com/org/repo//deploy?ref=v1\n', /at resources\[0\]\): a remote resource/],
    ['a git@ spec', 'resources:\n- git@github.com:org/repo.git\n', /at resources\[0\]\): a remote resource/],
    ['a missing file', 'resources:\n- nope.yaml\n', /at resources\[0\]\): a resource that does not exist/],
    ['itself', 'resources:\n- .\n', /at resources\[0\]\): a resource folder that holds this kustomization or one that includes it/],
    ['its parent', 'resources:\n- ..\n', /at resources\[0\]\): a resource folder that holds this kustomization/],
    ['a folder with no kustomization', 'resources:\n- plain\n', /plain: a folder given as a kustomization resource holds no kustomization file/],
    ['a resource that is not a string', 'resources:\n- {a: 1}\n', /at resources\[0\]\): a resource that is not a file or folder path/],
    ['resources that are not a list', 'resources: a.yaml\n', /at resources\): the kustomization's resources is not a list/],
    ['a namespace that is not a DNS label', 'namespace: Not_A_Label\n', /at namespace\): the kustomization's namespace is not a DNS label/],
    ['a Component', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n', /apiVersion is not kustomize.config.k8s.io\/v1beta1/],
    ['a field kustomize does not know', 'resourcez: []\n', /at resourcez\): the kustomization has a field kustomize does not know/],
    ['two documents', 'resources: []\n---\nresources: []\n', /holds more than one document/],
    ['an empty file', '# nothing\n', /the kustomization file is empty/],
  ];
  test.each(refusals)('refuses %s', (_what, kustomization, message) => {
    const root = project({ 'app/plain/x.yaml': configMap('x') });
    write(root, { 'app/kustomization.yaml': kustomization.replace('$ABSOLUTE', path.join(root, 'app/plain/x.yaml')) });
    const error = failure(() => readManifestPaths([path.join(root, 'app')]));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
    expect(error.kind).toBe('input');
  });

  test.each([
    'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'generators', 'components', 'replacements',
    'images', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'replicas', 'transformers', 'helmCharts', 'openapi',
    'crds', 'vars', 'bases', 'generatorOptions', 'configurations', 'validators', 'sortOptions', 'buildMetadata', 'helmGlobals',
  ])('refuses %s by name', (field) => {
    const root = project({ 'kustomization.yaml': `resources: []\n${field}: []\n` });
    expect(failure(() => readManifestPaths([root])).message).toBe(`${path.join(root, 'kustomization.yaml')} (document 1, line 2, column 1, at ${field}): `
      + `the kustomization uses ${field}, which the verifier does not apply; build it first (kubectl kustomize <folder> > built.yaml) and verify the result`);
  });

  test('refuses a symlink leading out of the root, and never shows what the outside file holds', () => {
    const root = project({ 'kustomization.yaml': 'resources:\n- inside.yaml\n' });
    fs.symlinkSync(path.join(outside(root), 'secret.env'), path.join(root, 'inside.yaml'));
    const error = failure(() => readManifestPaths([root]));
    expect(error.message).toMatch(/at resources\[0\]\): a resource file outside the kustomization's folder \(through '\.\.' or a symlink\)/);
    expect(error.message).not.toContain(SECRET);
    // A symlinked kustomization file leading out is refused too.
    const other = project({});
    fs.writeFileSync(path.join(outside(other), 'kustomization.yaml'), 'resources: []\n');
    fs.symlinkSync(path.join(outside(other), 'kustomization.yaml'), path.join(other, 'kustomization.yaml'));
    expect(failure(() => readManifestPaths([other])).message).toMatch(/kustomization\.yaml: the kustomization file is a symlink leading outside its folder/);
  });

  test('refuses two kustomization files in one folder, and a cycle through folders', () => {
    const two = project({ 'kustomization.yaml': 'resources: []\n', 'Kustomization': 'resources: []\n' });
    expect(failure(() => readManifestPaths([two])).message).toBe(`${two}: the folder holds several kustomization files (kustomization.yaml, Kustomization); kustomize refuses this, keep one`);
    const cycle = project({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../a]\n' });
    expect(failure(() => readManifestPaths([path.join(cycle, 'a')])).message).toMatch(/b\/kustomization\.yaml \(document 1, line 1, column 13, at resources\[0\]\): a resource folder that holds this kustomization or one that includes it/);
  });

  test('allows metadata, apiVersion and kind, and a symlink that stays inside the root', () => {
    const root = project({ 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata: {name: x}\nresources: [link.yaml]\n', 'real/a.yaml': configMap('a') });
    fs.symlinkSync(path.join(root, 'real/a.yaml'), path.join(root, 'link.yaml'));
    expect(read(root, ['.'])).toEqual([['link.yaml', 1, 'a']]);
  });
});

describe('errors name the file, document, line and column, and never show the file\'s text', () => {
  const cases: Array<[what: string, text: string | Buffer, message: string]> = [
    ['a syntax error', `a: 1\nb: ${SECRET}: x\n`, 'bad.yaml (document 1, line 2, column 19): a mapping value (\': \') is not allowed here'],
    ['a bad separator', `a: 1\n--- ${SECRET}\n`, 'bad.yaml (document 1, line 2, column 4): a line starting with \'---\' has more than a comment after it (kubectl accepts only \'---\' or \'--- # comment\' as a document separator)'],
    ['a repeated key', `a: 1\n---\nb:\n  password: ${SECRET}\n  password: ${SECRET}\n`, 'bad.yaml (document 2, line 5, column 3, at b.password): a key written twice in one mapping (kubectl\'s strict decoding refuses it)'],
    ['an unterminated string', `a: "${SECRET}\n`, 'bad.yaml (document 1, line 1, column 4): a double-quoted scalar is not closed'],
    ['a control character', `a: ${SECRET}\u0007\n`, 'bad.yaml (document 1, line 1, column 19): a character kubectl\'s YAML reader refuses (U+0007, a control character or non-character)'],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`a: 1\nb: ${SECRET}`), Buffer.from([0xff, 0x0a])]), 'bad.yaml (line 2, column 19): the file is not valid UTF-8 (kubectl\'s YAML reader refuses it)'],
    ['an infinity', `spec:\n  ports:\n  - port: .inf\n    name: ${SECRET}\n`, 'bad.yaml (document 1, line 3, column 11, at spec.ports[0].port): a value that JSON cannot hold (an infinity or NaN)'],
    ['a bad tag', `a: !!int ${SECRET}\n`, 'bad.yaml (document 1, line 1, column 4, at a): a scalar tagged !!int that reads as !!str'],
    ['an unknown alias', `a: *${SECRET.replace(/[^a-z0-9]/gi, '')}\n`, 'bad.yaml (document 1, line 1, column 4, at a): an alias (*) refers to an anchor (&) not defined before it'],
    ['a null key', `~: ${SECRET}\n`, 'bad.yaml (document 1, line 1, column 1): a mapping key that is null (kubectl\'s YAML reader cannot use it as a key)'],
    ['a bad escape', `a: "${SECRET}\\q"\n`, 'bad.yaml (document 1, line 1, column 20): a double-quoted scalar has an unknown escape sequence'],
    ['a tab in indentation', `a:\n\t${SECRET}: 1\n`, 'bad.yaml (document 1, line 2, column 1): found a character that cannot start any token'],
  ];
  test.each(cases)('%s', (_what, text, message) => {
    const error = failure(() => readYamlText(text, 'bad.yaml'));
    expect(error.message).toBe(message);
    expect(error.message).not.toContain(SECRET);
    expect(error.kind).toBe('input');
    expect(error.file).toBe('bad.yaml');
  });

  test('the error carries its parts as fields', () => {
    const error = failure(() => readYamlText('a:\n  b: [1, .nan]\n', 'f.yaml'));
    expect({ file: error.file, document: error.document, line: error.line, column: error.column, fieldPath: error.fieldPath }).toEqual({
      file: 'f.yaml', document: 1, line: 2, column: 10, fieldPath: 'a.b[1]',
    });
  });
});

describe('limits', () => {
  test('READ_LIMIT_OPTIONS names each limit\'s flag and default', () => {
    expect(Object.fromEntries(Object.entries(READ_LIMIT_OPTIONS).map(([name, option]) => [name, [option.flag, option.default]]))).toEqual({
      maxFileBytes: ['--max-file-bytes', 64 * 1024 * 1024],
      maxDocuments: ['--max-documents', 500_000],
      maxAliases: ['--max-aliases', 10_000],
      maxDepth: ['--max-depth', 1000],
      maxKeys: ['--max-keys', 100_000],
      maxValues: ['--max-values', 5_000_000],
    });
    expect(DEFAULT_READ_LIMITS.maxFileBytes).toBe(READ_LIMIT_OPTIONS.maxFileBytes.default);
    expect(() => readYamlText('a: 1', 'x', { maxDepth: 0 })).toThrow('maxDepth (--max-depth) must be a positive integer, not 0');
  });

  test.each([
    ['maxFileBytes', 'a: 12345\n', { maxFileBytes: 8 }, 'x.yaml: the file is larger than 8 bytes; the limit is 8 (--max-file-bytes raises it)'],
    ['maxDocuments', 'a: 1\n---\nb: 2\n---\nc: 3\n', { maxDocuments: 2 }, 'x.yaml (document 3, line 5): the file holds more than 2 documents; the limit is 2 (--max-documents raises it)'],
    ['maxDepth', 'a: [[[1]]]\n', { maxDepth: 3 }, 'x.yaml (document 1, line 1, column 6, at a[0][0]): mappings and sequences are nested more than 3 deep; the limit is 3 (--max-depth raises it)'],
    ['maxKeys', 'm: {a: 1, b: 2, c: 3}\n', { maxKeys: 2 }, 'x.yaml (document 1, line 1, column 17, at m.c): a mapping holds more than 2 keys; the limit is 2 (--max-keys raises it)'],
    ['maxAliases', 'a: &a x\nb: [*a, *a, *a]\n', { maxAliases: 2 }, 'x.yaml (document 1, line 2, column 13, at b[2]): aliases (*) are expanded more than 2 times; the limit is 2 (--max-aliases raises it)'],
    ['maxValues', 'a: [1, 2]\n---\nb: [3, 4]\n', { maxValues: 6 }, 'x.yaml (document 2, line 3, column 1): the file holds more than 6 values (mappings, sequences, scalars and keys); the limit is 6 (--max-values raises it)'],
    ['maxKeys in JSON', '{"a": 1, "b": 2, "c": 3}', { maxKeys: 2 }, 'x.yaml (document 1, line 1, column 18, at c): an object holds more than 2 keys; the limit is 2 (--max-keys raises it)'],
  ])('%s', (limit, text, limits, message) => {
    const error = failure(() => readYamlText(text, 'x.yaml', limits));
    expect(error.message).toBe(message);
    expect(error.limit).toBe(limit.split(' ')[0]);
  });

  test('nested aliases count each time they are expanded, and a "billion laughs" stops at once', () => {
    let laughs = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      laughs += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    let error: ManifestReadError | undefined;
    expect(timed(() => {
      error = failure(() => readYamlText(laughs, 'laughs.yaml'));
    })).toBeLessThan(1000);
    expect(error!.message).toMatch(/excessive aliasing|--max-aliases/);
  });

  test('a file larger than the limit is refused by its size, before it is read', () => {
    const dir = tempDir('aks-labs-limits-');
    const file = path.join(dir, 'huge.yaml');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 200 * 1024 * 1024); // sparse: no disk space, no time
    fs.closeSync(fd);
    let error: ManifestReadError | undefined;
    expect(timed(() => {
      error = failure(() => readManifestPaths([file]));
    })).toBeLessThan(500);
    expect(error!.message).toBe(`${file}: the file is larger than 67108864 bytes; the limit is 67108864 (--max-file-bytes raises it)`);
  });

  (fs.existsSync('/proc/self/status') ? test : test.skip)('a file whose size lies (as /proc files say 0) is read only up to the limit', () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(failure(() => readManifestPaths(['/proc/self/status'], { limits: { maxFileBytes: 16 } })).message)
      .toBe('/proc/self/status: the file is larger than 16 bytes; the limit is 16 (--max-file-bytes raises it)');
  });

  test('the worst inputs of the issue finish fast: empty documents, a 50,000-key map, deep nesting, many aliases', () => {
    const empty = '---\n'.repeat(2 * 1024 * 1024); // 8 MB of zero-byte documents
    expect(timed(() => expect(readYamlText(empty, 'empty.yaml')).toEqual([]))).toBeLessThan(5000);
    const blank = '\n---\n'.repeat(1024 * 1024); // 5 MB of blank documents: more than the limit
    expect(timed(() => expect(failure(() => readYamlText(blank, 'blank.yaml')).limit).toBe('maxDocuments'))).toBeLessThan(5000);
    const keys = `m:\n${Array.from({ length: 50_000 }, (_, i) => `  key${i}: v${i}\n`).join('')}`;
    expect(timed(() => expect(Object.keys((readYamlText(keys, 'keys.yaml')[0].value as any).m)).toHaveLength(50_000))).toBeLessThan(3000);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(timed(() => expect(failure(() => readYamlText(deep, 'deep.yaml')).limit).toBe('maxDepth'))).toBeLessThan(1000);
    expect(failure(() => readYamlText(deep, 'deep.yaml')).fieldPath).toBe('[0][0][0][0][0][0][0][0]…(988 more)[0][0][0][0]');
    const aliases = `a: &a {x: 1}\nb: [${Array(20_000).fill('*a').join(',')}]\n`;
    expect(timed(() => expect(failure(() => readYamlText(aliases, 'aliases.yaml')).limit).toBe('maxAliases'))).toBeLessThan(1000);
  });
});

describe('documents of real size', () => {
  test('a file of many manifests and a folder of many files read in bounded time', () => {
    const one = `${configMap('c', 'data:\n  a: "1"\n  b: two\n  list: [x, y, z]\n')}---\n`;
    const text = one.repeat(2000);
    let documents: SourceDocument[] = [];
    expect(timed(() => {
      documents = readYamlText(text, 'many.yaml');
    })).toBeLessThan(5000);
    expect(documents).toHaveLength(2000);
    expect(documents[1999].document).toBe(2000);
  });
});

describe('permissions, as a user without root\'s power over them (uid 65534 when the tests run as root)', () => {
  /** The reader (src/analysis/read, with the error base it extends) as plain JavaScript anyone may read, for a child process. */
  function plainReader(): string {
    const root = tempDir('aks-labs-reader-');
    fs.chmodSync(root, 0o755);
    const src = path.join(__dirname, '..', 'src');
    const sources = [
      ...(fs.readdirSync(path.join(src, 'analysis', 'read'), { recursive: true }) as string[]).map((f) => path.join('analysis', 'read', f)),
      path.join('core', 'errors.ts'),
      path.join('core', 'manifest-yaml.ts'),
    ].filter((f) => f.endsWith('.ts'));
    for (const file of sources) {
      const js = ts.transpileModule(fs.readFileSync(path.join(src, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true, mode: 0o755 });
      fs.writeFileSync(path.join(root, file.replace(/\.ts$/, '.js')), js.outputText);
    }
    return path.join(root, 'analysis', 'read', 'index.js');
  }

  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const possible = process.platform !== 'win32' && spawnSync(process.execPath, ['-e', '0'], asUser).status === 0;

  (possible ? test : test.skip)('a folder that cannot be searched or read is named, never a kustomization file it may not hold', () => {
    const reader = plainReader();
    const dir = write(tempDir('aks-labs-read-'), {
      'closed/a.yaml': configMap('a'), 'unsearchable/a.yaml': configMap('a'), 'unlistable/a.yaml': configMap('a'), 'tree/sub/a.yaml': configMap('a'),
    });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'closed'), 0o000);
    fs.chmodSync(path.join(dir, 'unsearchable'), 0o644);
    fs.chmodSync(path.join(dir, 'unlistable'), 0o311);
    fs.chmodSync(path.join(dir, 'tree', 'sub'), 0o000);
    const script = `
      const { readManifestPaths } = require(${JSON.stringify(reader)});
      const messages = [[${JSON.stringify(path.join(dir, 'closed'))}], [${JSON.stringify(path.join(dir, 'unsearchable'))}],
        [${JSON.stringify(path.join(dir, 'unlistable'))}], [${JSON.stringify(path.join(dir, 'tree'))}, true]].map(([folder, recursive]) => {
        try {
          readManifestPaths([folder], { recursive });
          return 'read';
        } catch (error) {
          return error.message;
        }
      });
      process.stdout.write(JSON.stringify(messages));
    `;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', ...asUser });
    for (const folder of ['closed', 'unsearchable', 'tree/sub']) fs.chmodSync(path.join(dir, folder), 0o755);
    fs.chmodSync(path.join(dir, 'unlistable'), 0o755);
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(['closed', 'unsearchable', 'unlistable', 'tree/sub'].map((folder) => `${path.join(dir, folder)}: permission denied`));
  });
});
