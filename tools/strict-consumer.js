#!/usr/bin/env node
// Compiles, with tsc, a consumer of the packed package laid out as `cdk8s init typescript-app`
// lays one out: the template's strict tsconfig.json (strict, noUnusedLocals, lib es2016, no
// skipLibCheck), copied from the cdk8s-cli package, and the template's typescript and
// @types/node. Its code imports every export of the package by name (the list is read from the
// installed package's lib/src/index.d.ts, so it stays complete) and uses the package with the
// consumer's own cdk8s-plus (tools/strict-consumer/main.ts). Then every .d.ts of the package's
// lib/ is compiled on its own, as a deep import would load it.
//
//   node tools/strict-consumer.js <tarball> [<cdk8s-plus package>@<version or range>]
//
// The cdk8s-plus package defaults to the one the package depends on (cdk8s-plus-30, package.json's dependencies).
// Exits 1 with tsc's errors when the consumer does not compile, 2 on a wrong argument and 3
// when anything else fails (npm install, a missing template), so that a caller expecting a
// compile failure can tell it from another.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = 'aks-labs-cdk8s';

function usage(message) {
  console.error(`strict-consumer: ${message}\nusage: node tools/strict-consumer.js <tarball> [cdk8s-plus-NN@<version>]`);
  process.exit(2);
}

const [tarballArg, plusArg, ...extra] = process.argv.slice(2);
if (!tarballArg || extra.length > 0) usage('one tarball and at most one cdk8s-plus package');
const tarball = path.resolve(tarballArg);
if (!fs.existsSync(tarball)) usage(`${tarball} does not exist (npx projen package writes it to pkg/js/)`);
const own = require(path.join(ROOT, 'package.json'));
const plusSpec = plusArg ?? `cdk8s-plus-30@${own.dependencies['cdk8s-plus-30']}`;
const plusMatch = /^(cdk8s-plus-\d+)@(.+)$/.exec(plusSpec);
if (!plusMatch) usage(`'${plusSpec}' is not cdk8s-plus-NN@<version or range>`);
const [, plusName, plusRange] = plusMatch;

/** An error of tsc: the consumer does not compile. */
class CompileError extends Error {}

function run(command, args, cwd) {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

/** Runs tsc (through npm or directly); its failure is a CompileError. */
function compile(command, args, cwd) {
  try {
    run(command, args, cwd);
  } catch (error) {
    throw error.status === undefined ? error : new CompileError(`${[command, ...args].join(' ')}: exit code ${error.status}`);
  }
}

/** Every name the package's entry point exports, read with the consumer's own TypeScript. */
function exportedNames(consumer) {
  const ts = require(require.resolve('typescript', { paths: [consumer] }));
  const entry = path.join(consumer, 'node_modules', PACKAGE, require(path.join(consumer, 'node_modules', PACKAGE, 'package.json')).types);
  const program = ts.createProgram([entry], { noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry));
  if (module === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.name).sort();
}

const consumer = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-labs-consumer-'));
try {
  const template = path.join(path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [ROOT] })), 'templates', 'typescript-app');
  const templatePackage = JSON.parse(fs.readFileSync(path.join(template, 'package.json'), 'utf8'));
  // The template's package.json: its typescript and @types/node; the package, cdk8s and constructs
  // as this project develops with them, and the cdk8s-plus under test instead of the template's.
  fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({
    name: 'consumer',
    version: templatePackage.version,
    private: true,
    scripts: { compile: templatePackage.scripts.compile },
    dependencies: {
      'cdk8s': own.devDependencies.cdk8s,
      'constructs': own.devDependencies.constructs,
      [plusName]: plusRange,
      [PACKAGE]: `file:${tarball}`,
    },
    devDependencies: {
      'typescript': templatePackage.devDependencies.typescript,
      '@types/node': templatePackage.devDependencies['@types/node'],
    },
  }, null, 2));
  fs.copyFileSync(path.join(template, 'tsconfig.json'), path.join(consumer, 'tsconfig.json'));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], consumer);

  const names = exportedNames(consumer);
  const installed = (name) => JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules', name, 'package.json'), 'utf8')).version;
  const plusVersion = installed(plusName);
  console.log(`strict consumer: ${names.length} exports of ${PACKAGE} ${installed(PACKAGE)} with ${plusName} ${plusVersion}, `
    + `cdk8s ${installed('cdk8s')}, typescript ${installed('typescript')}, @types/node ${installed('@types/node')}`);
  fs.writeFileSync(path.join(consumer, 'exports.ts'), [
    `// Every export of ${PACKAGE}'s lib/src/index.d.ts, imported by name (written by tools/strict-consumer.js).`,
    `import {\n${names.map((name) => `  ${name},\n`).join('')}} from '${PACKAGE}';`,
    '',
    '// Re-exported, so that noUnusedLocals counts each import as used.',
    `export {\n${names.map((name) => `  ${name},\n`).join('')}};`,
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(consumer, 'plus.ts'), `export * from '${plusName}';\n`);
  fs.copyFileSync(path.join(__dirname, 'strict-consumer', 'main.ts'), path.join(consumer, 'main.ts'));
  compile('npm', ['run', '--silent', 'compile'], consumer);

  // Every declaration file of lib/, also those the entry point does not reach (a deep import), with
  // the @types/node of the Node versions the package runs on: its command's modules use Node 18+
  // APIs (util.parseArgs) that the template's @types/node ^14 lacks.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-save', `@types/node@${own.devDependencies['@types/node']}`], consumer);
  const lib = path.join(consumer, 'node_modules', PACKAGE, 'lib');
  const declarations = fs.readdirSync(lib, { recursive: true }).filter((file) => file.endsWith('.d.ts')).map((file) => path.join(lib, file)).sort();
  fs.writeFileSync(path.join(consumer, 'tsconfig.lib.json'), JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: { noEmit: true },
    include: [],
    files: declarations,
  }, null, 2));
  compile(path.join(consumer, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.lib.json'], consumer);
  console.log(`strict consumer: main.ts and exports.ts compile with ${plusName} ${plusVersion}; so do the ${declarations.length} .d.ts files `
    + `of lib/ with @types/node ${installed('@types/node')}`);
} catch (error) {
  const compileError = error instanceof CompileError;
  console.error(`strict consumer: ${compileError ? 'does not compile' : 'failed'} with ${plusName}@${plusRange}: ${error.message}`);
  process.exitCode = compileError ? 1 : 3;
} finally {
  fs.rmSync(consumer, { recursive: true, force: true });
}
