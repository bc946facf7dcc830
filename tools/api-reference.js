#!/usr/bin/env node
// The API reference, docs/api/: a Markdown page per export and member, written by API Documenter
// from the doc model tools/api-report.js leaves (API Extractor's reading of lib/src/index.d.ts
// with its TSDoc). Run after tools/api-report.js (the projen tasks do).
//
//   node tools/api-reference.js           rewrites docs/api/   (npx projen api)
//   node tools/api-reference.js --check   fails, naming the pages that differ, when docs/api/
//                                         is not what the API's TSDoc gives (npx projen api:check, CI)
//
// Two changes to the model before API Documenter reads it:
// - The namespaces of CRD classes `cdk8s import` generated (cilium, istioNetworking, ...) keep
//   their kinds' construct classes and props; the ~2,600 interfaces and enums of the schemas'
//   nested objects, which the CRDs document, are left out (they would be 6,600 pages).
// - `@default`, the tag this project's TSDoc uses (as cdk8s and jsii do), is given to API
//   Documenter as TSDoc's `@defaultValue`, the one it prints ("Default Value").
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const REFERENCE = path.join(ROOT, 'docs', 'api');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'api-documenter');
const MODEL = path.join(ROOT, 'node_modules', '.cache', 'api-extractor', 'aks-labs-cdk8s.api.json');
const DOCUMENTER = path.join(ROOT, 'node_modules', '.bin', 'api-documenter');

const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && args[0] !== '--check')) {
  console.error('usage: node tools/api-reference.js [--check]');
  process.exit(2);
}
const check = args[0] === '--check';

if (!fs.existsSync(MODEL)) {
  console.error(`${path.relative(ROOT, MODEL)} does not exist: run node tools/api-report.js first (npx projen api does both)`);
  process.exit(1);
}

/** The API group of each namespace of classes `cdk8s import` generated, as src/index.ts exports them. */
const CRD_NAMESPACE_GROUPS = {
  azmonitoring: 'azmonitoring.coreos.com',
  cilium: 'cilium.io',
  fleetCluster: 'cluster.kubernetes-fleet.io',
  fleetPlacement: 'placement.kubernetes-fleet.io',
  istioNetworking: 'networking.istio.io',
  istioSecurity: 'security.istio.io',
  secretsStore: 'secrets-store.csi.x-k8s.io',
};

/** A kind's construct class: `cdk8s import` gives each a static `GVK`. */
function isKindClass(item) {
  return item.kind === 'Class' && item.members.some((member) => member.kind === 'Property' && member.isStatic && member.name === 'GVK');
}

/** The namespace with only its kinds' classes and their props interfaces, and a comment that says so. */
function pruneCrdNamespace(namespace) {
  const kinds = new Set(namespace.members.filter(isKindClass).map((item) => item.name));
  const kept = namespace.members.filter((item) => kinds.has(item.name) || (item.kind === 'Interface' && kinds.has(item.name.replace(/Props$/, ''))));
  const left = namespace.members.length - kept.length;
  namespace.members = kept;
  namespace.docComment = [
    '/**',
    ` * The classes \`cdk8s import\` generated from the CRDs of the API group \`${CRD_NAMESPACE_GROUPS[namespace.name]}\`: a construct`,
    ' * class per kind and version, with its props.',
    ' *',
    ' * @remarks',
    ` * The ${left} interfaces and enums of the objects inside each spec are in the package's`,
    ' * declarations and are left out of this reference; the CRD\'s schema documents their fields.',
    ' */',
  ].join('\n');
}

/** Every TSDoc comment of the model, with `@default` as `@defaultValue`. */
function renameDefaultTags(item) {
  if (typeof item.docComment === 'string') item.docComment = item.docComment.replace(/@default(?![A-Za-z])/g, '@defaultValue');
  for (const member of item.members ?? []) renameDefaultTags(member);
}

const model = JSON.parse(fs.readFileSync(MODEL, 'utf8'));
const entryPoint = model.members[0];
for (const item of entryPoint.members) {
  if (item.kind !== 'Namespace') continue;
  if (!(item.name in CRD_NAMESPACE_GROUPS)) {
    console.error(`src/index.ts exports the namespace ${item.name}, which tools/api-reference.js does not know: add it to CRD_NAMESPACE_GROUPS if cdk8s import generated it`);
    process.exit(1);
  }
  pruneCrdNamespace(item);
}
renameDefaultTags(model);

const input = path.join(CACHE, 'input');
const output = path.join(CACHE, 'output');
fs.rmSync(CACHE, { recursive: true, force: true });
fs.mkdirSync(input, { recursive: true });
fs.writeFileSync(path.join(input, path.basename(MODEL)), JSON.stringify(model));
const run = spawnSync(DOCUMENTER, ['markdown', '--input-folder', input, '--output-folder', output], { encoding: 'utf8' });
if (run.status !== 0) {
  console.error(`api-documenter failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  process.exit(1);
}

/** The pages of a folder, by name, with their text; with LF line ends, as git stores them (API Documenter writes CRLF). */
function pages(folder) {
  if (!fs.existsSync(folder)) return new Map();
  return new Map(fs.readdirSync(folder).sort().map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8').replace(/\r\n/g, '\n')]));
}

const written = pages(output);
const reference = path.relative(ROOT, REFERENCE);
if (check) {
  const committed = pages(REFERENCE);
  const differ = [
    ...[...written.keys()].filter((name) => !committed.has(name)).map((name) => `+ ${name} (missing)`),
    ...[...committed.keys()].filter((name) => !written.has(name)).map((name) => `- ${name} (no export has it)`),
    ...[...written].filter(([name, text]) => committed.has(name) && committed.get(name) !== text).map(([name]) => `~ ${name} (differs)`),
  ];
  if (differ.length > 0) {
    console.error(differ.slice(0, 40).join('\n') + (differ.length > 40 ? `\n... (${differ.length - 40} more)` : ''));
    console.error(`\n${reference}/ is not what the API's TSDoc gives (${differ.length} pages). Run npx projen api and commit ${reference}/ with the change.`);
    process.exit(1);
  }
  console.log(`${reference}/: the reference is the API's (${written.size} pages)`);
} else {
  fs.rmSync(REFERENCE, { recursive: true, force: true });
  fs.mkdirSync(REFERENCE, { recursive: true });
  for (const [name, text] of written) fs.writeFileSync(path.join(REFERENCE, name), text);
  console.log(`${reference}/ rewritten (${written.size} pages)`);
}
