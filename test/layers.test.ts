import * as fs from 'fs';
import * as path from 'path';

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
