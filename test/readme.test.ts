import * as fs from 'fs';
import * as path from 'path';

/**
 * The README is the front door: the quick start, the three ways to use the package, the verify
 * picture and links to docs/. Its TypeScript example is type-checked and run by
 * test/docs.test.ts with every other page's, and its shell lines are run as printed by
 * test/printed-commands.test.ts.
 */

const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no '${heading}' section`);
  const rest = README.slice(start + heading.length + 2);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

function firstCodeBlock(text: string): string {
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(text);
  if (!match) throw new Error('no code block');
  return match[1];
}

describe('README', () => {
  test('Quick start opens with exactly two commands: synth, then test', () => {
    const body = section('## Quick start');
    expect(body.trimStart().startsWith('```')).toBe(true);
    const lines = firstCodeBlock(body).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    // Each line sets up a fresh clone, then synthesizes every bundle / runs the whole test suite.
    expect(lines[0]).toBe('npm ci && npx cdk8s synth --no-check-upgrade');
    expect(lines[1]).toBe('npm ci && npm test');
  });

  test('is a front door of a few hundred lines at most', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(300);
  });

  test('shows the three ways to use it and the verify picture', () => {
    const ways = section('## Three ways to use it');
    expect(ways).toContain('**1. Follow the workshop with the bundles.**');
    expect(ways).toContain('**2. The command.**');
    expect(ways).toContain('**3. The library.**');
    expect(ways).toContain('```ts\n');
    expect(section('## Verify: what the manifests allow')).toContain('](docs/secure-store-flows.svg)');
    expect(fs.existsSync(path.join(ROOT, 'docs', 'secure-store-flows.svg'))).toBe(true);
  });

  test('links every page of docs/ and the API reference', () => {
    const pages = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort();
    expect(pages).toEqual(expect.arrayContaining(['command.md', 'contributing.md', 'hardened.md', 'library.md', 'output-folder.md', 'performance.md', 'releasing.md', 'verifier.md', 'workshop.md']));
    const table = section('## Documentation');
    expect(pages.filter((page) => !table.includes(`](docs/${page})`))).toEqual([]);
    expect(table).toContain('](docs/api/aks-labs-cdk8s.md)');
  });
});
