// After tsc: bundles the command into lib/aks-labs-cdk8s.js (one file loads much faster than
// the ~150 modules of lib/src and its dependencies) and writes lib/bin.js, which loads it
// with V8's code cache. The schemas of the kinds the library writes are bundled (static
// requires in src/core/schema/built-in-models.ts); other kinds' schemas load from
// kubernetes-models at run time, and @viz-js/viz only for SVG, so both stay packages too.
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { BUNDLE_ALIASES, bundleValidationWorker, workerScriptDefine } = require('./validation-worker-bundle');

const ROOT = path.resolve(__dirname, '..');
const LIB = path.join(ROOT, 'lib');

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, external: ['@viz-js/viz'], alias: BUNDLE_ALIASES, logLevel: 'error' };
esbuild.buildSync({
  ...common,
  entryPoints: [path.join(ROOT, 'src', 'cli', 'main.ts')],
  // Large syntheses check schemas in a worker thread, which runs this script (src/core/schema/parallel-validation.ts).
  define: workerScriptDefine('validation-worker.js'),
  outfile: path.join(LIB, 'aks-labs-cdk8s.js'),
});
bundleValidationWorker(path.join(LIB, 'validation-worker.js'), { minify: true });
fs.copyFileSync(path.join(__dirname, 'code-cache.js'), path.join(LIB, 'code-cache.js'));
fs.writeFileSync(path.join(LIB, 'bin.js'), [
  '#!/usr/bin/env node',
  '// The aks-labs-cdk8s command: the bundle of src/cli/main.ts, loaded with its code cache (written by tools/bundle-bin.js).',
  "'use strict';",
  "require('./code-cache').requireWithCodeCache(require('path').join(__dirname, 'aks-labs-cdk8s.js'), module);",
  '',
].join('\n'), { mode: 0o755 });
