import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './temp';

let plainWriterDir: string | undefined;

/**
 * The output writer (src/output) as plain JavaScript in a folder anyone may read, so that
 * child processes start in milliseconds: for kill, permission and race tests.
 */
export function plainWriter(): string {
  if (plainWriterDir !== undefined) return plainWriterDir;
  const out = tempDir('aks-labs-writer-');
  fs.chmodSync(out, 0o755);
  const srcDir = path.join(__dirname, '..', '..', 'src', 'output');
  for (const file of fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts'))) {
    const js = ts.transpileModule(fs.readFileSync(path.join(srcDir, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
    fs.writeFileSync(path.join(out, file.replace(/\.ts$/, '.js')), js.outputText);
  }
  plainWriterDir = out;
  return out;
}
