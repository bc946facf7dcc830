import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { synthesizeWorkshop } from '../src';
import { tempDir } from './support/temp';
import { READ_LIMIT_OPTIONS } from '../src/analysis/read';
import { SYNTH_OPTIONS } from '../src/cli/options/synth-options';
import { VERIFY_OPTIONS } from '../src/cli/options/verify-options';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleFile } = require('../tools/from-source') as { bundleFile(): string };

/**
 * The README and docs/*.md: every TypeScript example type-checks against src/ and runs (against
 * the sources bundled by esbuild, as cdk8s.yaml's app runs), printing what the `text` block right
 * under it shows; every relative link leads to a file and heading that exist; the command
 * reference names every option. Shell lines are run by test/printed-commands.test.ts.
 */

const ROOT = path.resolve(__dirname, '..');

/** The pages: the README and docs/*.md (the generated API reference in docs/api/ aside). */
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

interface Block {
  readonly page: string;
  /** The lines of the opening and closing fences (1-based). */
  readonly line: number;
  readonly endLine: number;
  readonly info: string;
  readonly code: string;
  /** The block that follows with only blank lines between, if any: an example's output. */
  next?: Block;
}

/** The fenced code blocks of a Markdown text. */
function blocks(page: string, text: string): Block[] {
  const found: Block[] = [];
  const lines = text.split('\n');
  let open: { line: number; info: string; body: string[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*(\S*)\s*$/.exec(lines[i]);
    if (open === undefined) {
      if (fence) open = { line: i + 1, info: fence[1], body: [] };
      continue;
    }
    if (fence && fence[1] === '') {
      const block: Block = { page, line: open.line, endLine: i + 1, info: open.info, code: `${open.body.join('\n')}\n` };
      const previous = found[found.length - 1];
      if (previous !== undefined && lines.slice(previous.endLine, open.line - 1).every((l) => l.trim() === '')) previous.next = block;
      found.push(block);
      open = undefined;
      continue;
    }
    open.body.push(lines[i]);
  }
  if (open !== undefined) throw new Error(`${page}:${open.line}: a code block is never closed`);
  return found;
}

function read(page: string): string {
  return fs.readFileSync(path.join(ROOT, page), 'utf8');
}

const ALL_BLOCKS: Block[] = PAGES.flatMap((page) => blocks(page, read(page)));
const EXAMPLES = ALL_BLOCKS.filter((b) => b.info === 'ts' || b.info === 'typescript');

/** Checks beyond the printed output, for examples that write files or print long lines. */
const EXTRA_CHECKS: { readonly marker: string; readonly check: (stdout: string, cwd: string) => void }[] = [
  {
    marker: "new Chart(app, 'team-a-store')",
    check: (_stdout, cwd) => {
      const bundle = fs.readFileSync(path.join(cwd, 'dist', 'team-a-store.k8s.yaml'), 'utf8');
      expect(bundle).toContain('namespace: team-a');
      expect(bundle).toContain('image: myregistry.azurecr.io/aks-store/store-front:2.2.0');
      expect(bundle).toContain('name: allow-order-service-fqdn-egress');
    },
  },
  {
    marker: "name: 'allow-web-to-orders'",
    check: (stdout) => {
      expect(stdout).toContain('CiliumNetworkPolicy/allow-web-to-orders');
      expect(stdout).toContain('VirtualService/');
    },
  },
  {
    marker: 'ConnectivityModel.fromApp(app)',
    check: (stdout) => {
      expect(stdout).toContain('rabbitmq: allowed (shop/rabbitmq has no sidecar');
      expect(stdout).toContain('product-service: blocked (lookup of product-service fails at product-service.shop.svc.cluster.local ("bad address")');
    },
  },
  {
    marker: "writeManifests('tenants'",
    check: (_stdout, cwd) => {
      expect(fs.readdirSync(path.join(cwd, 'tenants')).filter((f) => !f.startsWith('.')).sort()).toEqual(['team-a.k8s.yaml', 'team-b.k8s.yaml', 'team-c.k8s.yaml']);
    },
  },
];

/** A folder under node_modules/.cache, so that 'cdk8s' and 'cdk8s-plus-30' resolve from the project; removed after the tests. */
let exampleDir: string | undefined;
function examplesFolder(): string {
  if (exampleDir === undefined) {
    const cache = path.join(ROOT, 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    exampleDir = fs.mkdtempSync(path.join(cache, 'docs-example-'));
  }
  return exampleDir;
}

afterAll(() => {
  if (exampleDir !== undefined) fs.rmSync(exampleDir, { recursive: true, force: true });
});

function exampleName(block: Block): string {
  return `${block.page}:${block.line}`;
}

/** The examples type-checked together, in one program, against src/. */
function typeCheck(): Map<Block, string[]> {
  const files = EXAMPLES.map((example, index) => {
    const file = path.join(examplesFolder(), `example-${index}.ts`);
    fs.writeFileSync(file, example.code.replace(/from 'aks-labs-cdk8s'/g, `from '${path.join(ROOT, 'src', 'index')}'`));
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, esModuleInterop: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, types: ['node'], skipLibCheck: true,
  });
  return new Map(EXAMPLES.map((example, index) => [example, ts.getPreEmitDiagnostics(program, program.getSourceFile(files[index]))
    .map((d) => `line ${d.start === undefined ? '?' : d.file!.getLineAndCharacterOfPosition(d.start).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)]));
}

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string; readonly cwd: string }

/**
 * Runs every example in a folder of its own, where `dist/` holds the workshop's bundles (as after
 * the README's quick start), a few at a time.
 */
async function runAll(): Promise<Map<Block, Run>> {
  const bundle = bundleFile();
  const template = path.join(tempDir('aks-labs-docs-'), 'dist');
  synthesizeWorkshop({ outdir: template });
  const runs = new Map<Block, Run>();
  const queue = [...EXAMPLES.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [index, example] = next;
      const js = ts.transpileModule(example.code.replace(/from 'aks-labs-cdk8s'/g, `from '${bundle}'`), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
      }).outputText;
      const file = path.join(examplesFolder(), `example-${index}.js`);
      fs.writeFileSync(file, js);
      const cwd = tempDir('aks-labs-docs-');
      fs.cpSync(template, path.join(cwd, 'dist'), { recursive: true });
      runs.set(example, await new Promise<Run>((resolve) => {
        execFile(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
          resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr, cwd });
        });
      }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, Math.min(4, os.cpus().length)) }, worker));
  return runs;
}

describe('the TypeScript examples of the README and docs/', () => {
  let diagnostics: Map<Block, string[]>;
  let runs: Map<Block, Run>;
  beforeAll(async () => {
    diagnostics = typeCheck();
    runs = await runAll();
  }, 300_000);

  test('there are examples on the pages that need them', () => {
    const pagesWithExamples = new Set(EXAMPLES.map((e) => e.page));
    expect(['README.md', 'docs/library.md', 'docs/verifier.md'].filter((page) => !pagesWithExamples.has(page))).toEqual([]);
    // The library guide: one example per area at least.
    expect(EXAMPLES.filter((e) => e.page === 'docs/library.md').length).toBeGreaterThanOrEqual(12);
  });

  test.each(EXAMPLES.map((e) => [exampleName(e), e] as const))('%s type-checks, runs and prints what the page shows', (_name, example) => {
    expect(diagnostics.get(example)).toEqual([]);
    const run = runs.get(example)!;
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    if (example.next !== undefined && example.next.info === 'text') expect(run.stdout.trimEnd()).toBe(example.next.code.trimEnd());
    for (const extra of EXTRA_CHECKS.filter((c) => example.code.includes(c.marker))) extra.check(run.stdout, run.cwd);
  });

  test('every check beyond the printed output finds its example', () => {
    for (const extra of EXTRA_CHECKS) expect([extra.marker, EXAMPLES.some((e) => e.code.includes(extra.marker))]).toEqual([extra.marker, true]);
  });
});

/** GitHub's anchor of a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function anchors(page: string): Set<string> {
  const text = read(page).replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

describe('links', () => {
  test.each(PAGES)('every relative link of %s leads to a file and heading that exist', (page) => {
    const text = read(page).replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split('#');
      const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (!fs.existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no file ${resolved}`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${target}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('docs/command.md', () => {
  const text = read('docs/command.md');
  const section = (heading: string) => {
    const start = text.indexOf(`\n## ${heading}\n`);
    const rest = text.slice(start + 1);
    const end = rest.indexOf('\n## ', 4);
    return end < 0 ? rest : rest.slice(0, end);
  };
  const flags = (specs: object) =>
    Object.entries(specs as Record<string, { readonly short?: string; readonly env?: string }>).map(([name, spec]) => ({ name, ...spec }));

  test.each([
    ['synth', SYNTH_OPTIONS] as const,
    ['verify', VERIFY_OPTIONS] as const,
  ])('names every option of %s with its short form and variable', (command, specs) => {
    const table = section(`\`${command}\``);
    const missing = flags(specs).flatMap((flag) => {
      const row = table.split('\n').find((line) => line.startsWith('| ') && line.includes(`\`--${flag.name}`));
      if (row === undefined) return [`--${flag.name}`];
      return [
        ...(flag.short !== undefined && !row.includes(`\`-${flag.short}\``) ? [`-${flag.short} (for --${flag.name})`] : []),
        ...(flag.env !== undefined && !row.includes(`\`${flag.env}\``) ? [`${flag.env} (for --${flag.name})`] : []),
      ];
    });
    expect(missing).toEqual([]);
    // No row for an option the command does not have.
    const documented = [...table.matchAll(/^\| `--([a-z-]+)/gm)].map((m) => m[1]).concat([...table.matchAll(/^\| `-[a-zA-Z]`, `--([a-z-]+)/gm)].map((m) => m[1]));
    expect(documented.filter((name) => !(name in specs))).toEqual([]);
  });

  test("gives each reader limit's default", () => {
    const table = section('`verify`');
    for (const option of Object.values(READ_LIMIT_OPTIONS)) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${option.flag} <n>\``));
      expect([option.flag, row?.includes(`| ${option.default}`)]).toEqual([option.flag, true]);
    }
  });
});
