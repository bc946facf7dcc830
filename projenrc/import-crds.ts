/**
 * Regenerates src/imports/ from the CRD definitions with `cdk8s import`.
 *
 *   import-crds.ts                  offline, from ../shared/crds (or $AKS_LABS_CRDS_DIR)
 *   import-crds.ts --from-upstream  downloads the upstream files named in crd-sources.ts
 *
 * CRDs of one API group are joined into one multi-document file first, so each group
 * becomes one `<group>.ts` (separate imports of one group overwrite each other).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { CRD_SOURCES, CrdSource } from './crd-sources';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'src', 'imports');

async function readSource(source: CrdSource, fromUpstream: boolean): Promise<string> {
  if (!fromUpstream) {
    const dir = process.env.AKS_LABS_CRDS_DIR ?? path.resolve(ROOT, '..', 'shared', 'crds');
    return fs.readFileSync(path.join(dir, source.sharedFile), 'utf8');
  }
  const response = await fetch(source.upstreamUrl);
  if (!response.ok) {
    throw new Error(`GET ${source.upstreamUrl}: HTTP ${response.status}`);
  }
  return response.text();
}

/** The documents of a multi-document YAML text that define the CRD of `kind`, as text. */
function crdDocuments(text: string, kind: string): string[] {
  return text
    .split(/^---\s*$/m)
    .filter((doc) => {
      const parsed = yaml.load(doc) as { kind?: string; spec?: { names?: { kind?: string } } } | undefined;
      return parsed?.kind === 'CustomResourceDefinition' && parsed.spec?.names?.kind === kind;
    })
    .map((doc) => doc.trim());
}

async function main(): Promise<void> {
  const fromUpstream = process.argv.includes('--from-upstream');
  const byGroup = new Map<string, string[]>();
  const downloads = new Map<string, Promise<string>>();
  for (const source of CRD_SOURCES) {
    const key = fromUpstream ? source.upstreamUrl : source.sharedFile;
    if (!downloads.has(key)) downloads.set(key, readSource(source, fromUpstream));
    const docs = crdDocuments(await downloads.get(key)!, source.kind);
    if (docs.length !== 1) {
      throw new Error(`expected one CRD of kind ${source.kind} in ${key}, found ${docs.length}`);
    }
    byGroup.set(source.group, [...(byGroup.get(source.group) ?? []), docs[0]]);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-labs-crds-'));
  try {
    fs.rmSync(OUT_DIR, { recursive: true, force: true });
    for (const [group, docs] of byGroup) {
      const file = path.join(work, `${group}.yaml`);
      fs.writeFileSync(file, docs.join('\n---\n') + '\n');
      execFileSync('npx', ['cdk8s', 'import', '--no-check-upgrade', '--no-save', '--language', 'typescript', '--output', OUT_DIR, file], {
        cwd: ROOT,
        stdio: 'inherit',
      });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`import-crds: ${error.message}`);
  process.exit(1);
});
