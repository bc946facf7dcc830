import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './support/temp';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleFile } = require('../tools/from-source') as { bundleFile(): string };

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

/** The TypeScript code blocks of `text`. */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const examples = codeBlocks(section('## Library usage'));

describe('README', () => {
  test('Quick start opens with exactly two commands: synth, then test', () => {
    const body = section('## Quick start');
    expect(body.trimStart().startsWith('```')).toBe(true);
    const lines = firstCodeBlock(body).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('cdk8s synth');
    expect(lines[1]).toContain('npm test');
  });


  test('the library usage section has its three examples', () => {
    expect(examples).toHaveLength(3);
  });

  test.each([
    ['the store with policies', 0, (stdout: string, cwd: string) => {
      expect(stdout).toContain('store-front serves port 80');
      const bundle = fs.readFileSync(path.join(cwd, 'dist', 'team-a-store.k8s.yaml'), 'utf8');
      expect(bundle).toContain('namespace: team-a');
      expect(bundle).toContain('image: myregistry.azurecr.io/aks-store/store-front:2.2.0');
      expect(bundle).toContain('name: allow-order-service-fqdn-egress');
    }],
    ['a cdk8s-plus app as a workload', 1, (stdout: string) => {
      expect(stdout).toContain('CiliumNetworkPolicy/allow-web-to-orders');
      expect(stdout).toContain('VirtualService/');
    }],
    ['the connectivity model', 2, (stdout: string) => {
      expect(stdout).toContain('rabbitmq: allowed (shop/rabbitmq has no sidecar');
      expect(stdout).toContain('product-service: blocked (lookup of product-service fails at product-service.shop.svc.cluster.local ("bad address")');
    }],
  ] as const)('example %s type-checks and runs', (_name, index, check) => {
    expect(diagnostics()[index]).toEqual([]);
    // Run against the sources bundled by esbuild, as cdk8s.yaml's app runs; the example is transpiled alone.
    const js = ts.transpileModule(examples[index].replace(/from 'aks-labs-cdk8s'/g, `from '${bundleFile()}'`), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    }).outputText;
    const cwd = tempDir('aks-labs-readme-');
    const file = path.join(exampleDir(), `example-${index}.js`);
    fs.writeFileSync(file, js);
    check(execFileSync(process.execPath, [file], { cwd, encoding: 'utf8' }), cwd);
  }, 60_000);
});

// The examples are type-checked together, in one program (against src/), once.
let checked: string[][] | undefined;
let dir: string | undefined;

/** A folder under node_modules/.cache, so that 'cdk8s' resolves from the project; removed after the tests. */
function exampleDir(): string {
  if (dir === undefined) {
    const cache = path.join(ROOT, 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    dir = fs.mkdtempSync(path.join(cache, 'readme-example-'));
  }
  return dir;
}

afterAll(() => {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

function diagnostics(): string[][] {
  if (checked !== undefined) return checked;
  const files = examples.map((example, index) => {
    const file = path.join(exampleDir(), `example-${index}.ts`);
    fs.writeFileSync(file, example.replace(/from 'aks-labs-cdk8s'/g, `from '${path.join(ROOT, 'src', 'index')}'`));
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, esModuleInterop: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, types: ['node'], skipLibCheck: true,
  });
  checked = files.map((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')));
  return checked;
}

