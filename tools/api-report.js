#!/usr/bin/env node
// The public API report, api/aks-labs-cdk8s.api.md: every export of lib/src/index.d.ts with its
// signature, as API Extractor writes it (settings: api/api-extractor.json, from .projenrc.ts).
// Reads the compiled lib/ (the projen tasks compile first).
//
//   node tools/api-report.js           rewrites the report       (npx projen api)
//   node tools/api-report.js --check   fails, with the difference, when the report is not
//                                      the API's                  (npx projen api:check, CI)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && args[0] !== '--check')) {
  console.error('usage: node tools/api-report.js [--check]');
  process.exit(2);
}
const check = args[0] === '--check';

const config = ExtractorConfig.loadFileAndPrepare(path.join(ROOT, 'api', 'api-extractor.json'));
if (!fs.existsSync(config.mainEntryPointFilePath)) {
  console.error(`${path.relative(ROOT, config.mainEntryPointFilePath)} does not exist: compile first (npx projen compile)`);
  process.exit(1);
}
let result;
try {
  result = Extractor.invoke(config, {
    localBuild: !check,
    // This script says what happened to the report (API Extractor's own notice tells to copy files
    // by hand), and that API Extractor bundles its own TypeScript does not matter for a report.
    messageCallback: (message) => {
      if (/^console-(api-report-(not-copied|copied|created|unchanged|diff)|compiler-version-notice)$/.test(message.messageId)) message.handled = true;
    },
  });
} catch (error) {
  // As when a .d.ts imports a name that stripInternal removed from another (an @internal type
  // in a public declaration); tsc says which: node tools/strict-consumer.js <tarball>.
  console.error(`API Extractor cannot read lib/: ${error.message}\n`
    + 'A declaration may name an @internal type, which the .d.ts files leave out: see what tsc says of lib/ '
    + '(npx projen package && node tools/strict-consumer.js pkg/js/*.tgz).');
  process.exit(1);
}
const report = path.relative(ROOT, config.reportFilePath);
if (check && result.apiReportChanged) {
  const diff = spawnSync('diff', ['-u', config.reportFilePath, config.reportTempFilePath], { encoding: 'utf8' });
  const lines = (diff.stdout ?? '').split('\n');
  console.error(lines.slice(0, 200).join('\n') + (lines.length > 200 ? `\n... (${lines.length - 200} more lines)` : ''));
  console.error(`\nThe public API is not the one ${report} declares (- the report, + the API). `
    + 'If the change is meant, run npx projen api and commit the report with it.');
  process.exit(1);
}
if (!result.succeeded) {
  console.error(`API Extractor failed: ${result.errorCount} errors, ${result.warningCount} warnings`);
  process.exit(1);
}
console.log(check ? `${report}: the public API is the one it declares` : `${report} ${result.apiReportChanged ? 'rewritten' : 'unchanged'}`);
