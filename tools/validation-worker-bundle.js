// How this package's bundles give large syntheses their schema validation worker
// (src/core/schema/parallel-validation.ts): the worker's script is bundled on its own, and the
// bundle that starts it learns the script's file name, relative to itself, at build time.
'use strict';
const path = require('path');

const WORKER_ENTRY = path.resolve(__dirname, '..', 'src', 'core', 'schema', 'validation-worker.ts');

/**
 * Node's own `punycode` module is deprecated (DEP0040: Node 22 and later print a warning when it
 * is loaded, which kubernetes-models' format checks do); bundles take the npm package instead.
 * The path is absolute because esbuild resolves an alias from the working folder, and the
 * bundles are built from wherever the command runs.
 */
const BUNDLE_ALIASES = { punycode: require.resolve('punycode/') };

/** The esbuild `define` that tells a bundle the file name of the worker script beside it. */
function workerScriptDefine(fileName) {
  return { 'process.env.AKS_LABS_VALIDATION_WORKER': JSON.stringify(fileName) };
}

/** Bundles the worker script, with its packages inside, into `outfile`. */
function bundleValidationWorker(outfile, options = {}) {
  require('esbuild').buildSync({
    entryPoints: [WORKER_ENTRY], bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error', alias: BUNDLE_ALIASES, outfile, ...options,
  });
}

module.exports = { BUNDLE_ALIASES, bundleValidationWorker, workerScriptDefine };
