import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './support/temp';

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

describe('README', () => {
  test('Quick start opens with exactly two commands: synth, then test', () => {
    const body = section('## Quick start');
    expect(body.trimStart().startsWith('```')).toBe(true);
    const lines = firstCodeBlock(body).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('cdk8s synth');
    expect(lines[1]).toContain('npm test');
  });

  const examples = codeBlocks(section('## Library usage'));

  test('the library usage section has its two examples', () => {
    expect(examples).toHaveLength(2);
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
  ] as const)('example %s type-checks and runs', (_name, index, check) => {
    // Written under node_modules/.cache so that 'cdk8s' resolves from the project.
    const cache = path.join(ROOT, 'node_modules', '.cache');
    fs.mkdirSync(cache, { recursive: true });
    const dir = fs.mkdtempSync(path.join(cache, 'readme-example-'));
    try {
      const file = path.join(dir, 'example.ts');
      fs.writeFileSync(file, examples[index].replace(/from 'aks-labs-cdk8s'/g, `from '${path.join(ROOT, 'src', 'index')}'`));
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        types: ['node'],
        skipLibCheck: true,
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);

      const cwd = tempDir('aks-labs-readme-');
      const stdout = execFileSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), file], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_SKIP_IGNORE: 'true', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      });
      check(stdout, cwd);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
