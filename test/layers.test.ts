import * as fs from 'fs';
import * as path from 'path';
import { EDITIONS, WORKSHOP_EDITIONS } from '../src/workshop/editions';

const SRC = path.join(__dirname, '..', 'src');

/**
 * The layers of the library, lowest first. A file may import from its own folder and from
 * lower layers; folders of one layer do not import each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['imports'],
  ['crds', 'core'],
  ['output', 'networking', 'mesh', 'storage', 'identity', 'observability', 'fleet', 'store', 'analysis'],
  ['workshop'],
  ['cli', 'plugin', '.'],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORTS = path.join(SRC, '..', 'imports');

/** The top folder of `file` under src ('.' for src itself; 'imports' for the generated classes beside src). */
function moduleOf(file: string): string {
  if (!path.relative(IMPORTS, file).startsWith('..')) return 'imports';
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length === 1 ? '.' : relative[0];
}

function layerOf(module: string): number {
  const layer = LAYERS.findIndex((modules) => modules.includes(module));
  if (layer < 0) throw new Error(`src/${module} belongs to no layer: add it to LAYERS`);
  return layer;
}

const imports = sourceFiles(SRC).flatMap((file) => {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']*)'/g)].map(([, specifier]) => ({
    file: path.relative(SRC, file),
    from: moduleOf(file),
    to: moduleOf(path.resolve(path.dirname(file), specifier)),
  }));
});

describe('the library is layered', () => {
  test('every folder under src belongs to a layer', () => {
    for (const entry of fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      expect(() => layerOf(entry.name)).not.toThrow();
    }
  });

  test('nothing imports from a higher layer, and generic areas do not import each other', () => {
    const violations = imports
      .filter(({ from, to }) => from !== to && (layerOf(to) > layerOf(from) || (layerOf(to) === layerOf(from) && from !== '.')))
      .map(({ file, to }) => `${file} imports src/${to}`);
    expect(violations).toEqual([]);
  });

  test('the store knows nothing of the mesh or of policies', () => {
    expect(imports.filter(({ from, to }) => from === 'store' && to !== 'store' && to !== 'core' && to !== 'imports')).toEqual([]);
  });
});

describe('the workshop: a section is a folder, listed once', () => {
  const WORKSHOP = path.join(SRC, 'workshop');
  /** The edition whose folder (src/workshop/<edition id>/) holds `file`, if any. */
  const editionOf = (file: string) => WORKSHOP_EDITIONS.find((id) => !path.relative(path.join(WORKSHOP, id), file).startsWith('..'));
  const resolvedImports = sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(/from '(\.[^']*)'/g)].map(([, specifier]) => ({ file, target: path.resolve(path.dirname(file), specifier) }));
  });

  test.each(WORKSHOP_EDITIONS.map((id) => [id]))('src/workshop/%s/ holds one folder per section of the registry, and nothing else', (edition) => {
    const folders = fs.readdirSync(path.join(WORKSHOP, edition), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(EDITIONS[edition].sections.map((s) => s.id).sort());
    for (const id of folders) expect(fs.existsSync(path.join(WORKSHOP, edition, id, 'section.ts'))).toBe(true);
  });

  test('only the registry (editions.ts) and the workshop index import a section', () => {
    const outside = resolvedImports.filter(({ file, target }) => editionOf(target) !== undefined && editionOf(file) === undefined)
      .map(({ file }) => path.relative(SRC, file).split(path.sep).join('/'));
    expect([...new Set(outside)].sort()).toEqual(['workshop/editions.ts', 'workshop/index.ts']);
  });

  test("a section imports nothing above it (the registry, the app) and nothing of another edition's folder", () => {
    const above = ['editions', 'workshop-app', 'kustomizations', 'claim-files', 'index'].map((name) => path.join(WORKSHOP, name));
    const violations = resolvedImports.filter(({ file, target }) => editionOf(file) !== undefined
      && (above.includes(target) || (editionOf(target) !== undefined && editionOf(target) !== editionOf(file))))
      .map(({ file, target }) => `${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`);
    expect(violations).toEqual([]);
  });
});

describe('the environment is read once, by the command', () => {
  test('the option resolvers (src/cli/options) sit below the commands: they import no command and not the process entry', () => {
    const options = path.join(SRC, 'cli', 'options');
    const above = sourceFiles(options).flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)]
      .map(([, specifier]) => path.relative(SRC, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/'))
      .filter((target) => /^cli\/(run|main|[a-z-]+-command)$/.test(target)));
    expect(above).toEqual([]);
  });


  test('below the process entry (src/cli/run.ts), neither the command nor the workshop reads process.env', () => {
    // The settings module's readWorkshopSettings defaults its env to process.env for library callers; the command passes its own.
    const files = [...sourceFiles(path.join(SRC, 'cli')), ...sourceFiles(path.join(SRC, 'workshop'))]
      .filter((file) => file !== path.join(SRC, 'cli', 'run.ts') && !file.startsWith(path.join(SRC, 'workshop', 'settings') + path.sep));
    const readsEnv = (file: string) => fs.readFileSync(file, 'utf8').split('\n').some((line) => !/^\s*(\/\*|\*|\/\/)/.test(line) && /process\.env/.test(line));
    expect(files.filter(readsEnv).map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
