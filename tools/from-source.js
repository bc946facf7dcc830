// Loads aks-labs-cdk8s from its TypeScript source, for cdk8s.yaml in a clone: an entry of src/
// is bundled with esbuild into node_modules/.cache/aks-labs-cdk8s/<name>-<hash>.js once per
// change, so a run costs no TypeScript transpiling (ts-node took ~1.8 s for src/ and imports/).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { requireWithCodeCache } = require('./code-cache');
const { BUNDLE_ALIASES, bundleValidationWorker, workerScriptDefine } = require('./validation-worker-bundle');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'aks-labs-cdk8s');

/**
 * What can be loaded from source. `library` keeps its packages (cdk8s, constructs...) outside
 * the bundle, so constructs a caller makes with its own cdk8s work with it; the command and
 * the validation plugin share nothing with their caller, so their packages are bundled in
 * too and load from one file.
 */
const ENTRIES = {
  library: { entry: 'src/index.ts', external: { packages: 'external' } },
  command: { entry: 'src/cli/run.ts', external: { external: ['@viz-js/viz'] } },
  plugin: { entry: 'src/plugin/manifest-schema-validation.ts', external: { external: ['@viz-js/viz'] } },
};

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

function build(entry, outfile, options) {
  require('esbuild').buildSync({ entryPoints: [path.join(ROOT, entry)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', alias: BUNDLE_ALIASES, outfile, ...options });
}

/** Writes a bundle under a staging name and renames it into place, then removes the older bundles of `name`. */
function writeBundle(name, bundle, write) {
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = `${bundle}.${process.pid}.tmp`;
  write(staging);
  fs.renameSync(staging, bundle);
  for (const old of fs.readdirSync(CACHE)) {
    if (old.startsWith(`${name}-`) && !old.startsWith(path.basename(bundle))) fs.rmSync(path.join(CACHE, old), { force: true });
  }
}

/**
 * The path of the bundle of one of ENTRIES (default: the library, src/index.ts), bundled anew
 * when the sources changed, with the schema validation worker's script beside it.
 */
function bundleFile(name = 'library') {
  const { entry, external } = ENTRIES[name];
  const key = sourceKey();
  const worker = `validation-worker-${key}.js`;
  if (!fs.existsSync(path.join(CACHE, worker))) {
    writeBundle('validation-worker', path.join(CACHE, worker), (outfile) => bundleValidationWorker(outfile));
  }
  const bundle = path.join(CACHE, `${name}-${key}.js`);
  if (!fs.existsSync(bundle)) {
    writeBundle(name, bundle, (outfile) => build(entry, outfile, { ...external, define: workerScriptDefine(worker) }));
  }
  return bundle;
}

/** The exports of one of ENTRIES (default: the library's, src/index.ts). */
function loadFromSource(name = 'library') {
  return requireWithCodeCache(bundleFile(name), module);
}

module.exports = { bundleFile, loadFromSource };
