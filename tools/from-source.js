// Loads aks-labs-cdk8s from its TypeScript source, for cdk8s.yaml in a clone: the sources are
// bundled with esbuild into node_modules/.cache/aks-labs-cdk8s/<hash>.js once per change, so a
// run costs no TypeScript transpiling (ts-node took ~1.8 s for src/ and imports/).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { requireWithCodeCache } = require('./code-cache');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'aks-labs-cdk8s');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** A key that changes whenever a source file does: names, sizes and modification times. */
function sourceKey() {
  const hash = crypto.createHash('sha1');
  for (const file of [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'imports'))].sort()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(ROOT, file)}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The path of the bundle of src/index.ts, bundled anew when the sources changed. */
function bundleFile() {
  const bundle = path.join(CACHE, `${sourceKey()}.js`);
  if (!fs.existsSync(bundle)) {
    const esbuild = require('esbuild');
    fs.mkdirSync(CACHE, { recursive: true });
    const staging = `${bundle}.${process.pid}.tmp`;
    esbuild.buildSync({
      entryPoints: [path.join(ROOT, 'src', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      outfile: staging,
      logLevel: 'error',
    });
    fs.renameSync(staging, bundle);
    for (const old of fs.readdirSync(CACHE)) {
      if (!old.startsWith(path.basename(bundle))) fs.rmSync(path.join(CACHE, old), { force: true });
    }
  }
  return bundle;
}

/** The library's exports (src/index.ts). */
function loadFromSource() {
  return requireWithCodeCache(bundleFile(), module);
}

module.exports = { bundleFile, loadFromSource };
