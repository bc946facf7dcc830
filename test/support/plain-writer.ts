import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './temp';

let plainWriterDir: string | undefined;

/**
 * The output writer (src/output, with the error base it extends) as plain JavaScript in a folder anyone may read, so that
 * child processes start in milliseconds: for kill, permission and race tests. Returns the
 * folder holding the writer's files.
 */
export function plainWriter(): string {
  if (plainWriterDir !== undefined) return plainWriterDir;
  const root = tempDir('aks-labs-writer-');
  fs.chmodSync(root, 0o755);
  const src = path.join(__dirname, '..', '..', 'src');
  for (const file of ['output/*', 'core/errors.ts']) {
    const [folder, name] = file.split('/');
    fs.mkdirSync(path.join(root, folder), { recursive: true, mode: 0o755 });
    const names = name === '*' ? fs.readdirSync(path.join(src, folder)).filter((f) => f.endsWith('.ts')) : [name];
    for (const source of names) {
      const js = ts.transpileModule(fs.readFileSync(path.join(src, folder, source), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      fs.writeFileSync(path.join(root, folder, source.replace(/\.ts$/, '.js')), js.outputText);
    }
  }
  plainWriterDir = path.join(root, 'output');
  return plainWriterDir;
}
