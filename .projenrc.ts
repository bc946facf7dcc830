import * as fs from 'fs';
import { cdk8s, DependencyType, javascript, JsonFile } from 'projen';
import { cdk8sImportSpecs } from './projenrc/crd-sources';

// Where the project lives: package.json's repository, homepage and bugs. `npx projen release`
// refuses to publish while the git remote `origin` names another repository.
const REPOSITORY = 'https://github.com/aks-labs-cdk8s/aks-labs-cdk8s';

// The Node majors CI runs the tests on (.ci/run reads them from package.json's engines): the
// oldest, 20.12, has util.parseEnv and util.parseArgs; @types/node is the oldest's, so that code
// using a newer API does not compile.
const NODE_ENGINES = '^20.12.0 || ^22.0.0 || ^24.0.0';

// The version is package.json's own: `npx projen bump` (tools/release.js) sets it with
// `npm version` and `npx projen` keeps it (projen would write 0.0.0).
const version: string = fs.existsSync('package.json') ? JSON.parse(fs.readFileSync('package.json', 'utf8')).version : '0.0.0';

const project = new cdk8s.Cdk8sTypeScriptApp({
  name: 'aks-labs-cdk8s',
  description: 'Typed cdk8s constructs for every manifest of the Advanced AKS / AKS Deep Dives workshop, synthesized as one YAML bundle per workshop section.',
  defaultReleaseBranch: 'main',
  peerDependencyOptions: { pinnedDevDependency: false },
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'MIT',
  copyrightOwner: 'aks-labs-cdk8s developers',
  repository: `git+${REPOSITORY}.git`,
  homepage: `${REPOSITORY}#readme`,
  bugsUrl: `${REPOSITORY}/issues`,

  // A library and an app: compiled lib/ with typings, packable with npm pack. Released with
  // `npx projen bump` and `npx projen release` (tools/release.js, docs/releasing.md), not with
  // projen's release component, which takes versions from tags and writes the changelog itself.
  package: true,
  release: false,
  allowLibraryDependencies: true,
  // The generated L1 classes live in a top-level imports/ (cdk8s's default) and compile beside src/.
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  // lib/bin.js loads the command's esbuild bundle with V8's code cache (tools/bundle-bin.js, run after tsc).
  bin: { 'aks-labs-cdk8s': 'lib/bin.js' },
  // cdk8s synth writes the bundles to dist/ and deletes that folder first; keep npm pack's output apart.
  artifactsDirectory: 'pkg',

  github: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  typescriptVersion: '~5.9.3',
  cdk8sVersion: '2.70.106',
  cdk8sCliVersion: '2.207.60',
  constructsVersion: '10.4.2',
  cdk8sPlus: true,
  k8sMinorVersion: 30,
  cdk8sPlusVersion: '2.4.10',
  cdk8sImports: [],
  appEntrypoint: 'main.ts',
  integrationTestAutoDiscover: false,
  sampleCode: false,

  // kubernetes-models: the Kubernetes OpenAPI schemas every synthesized built-in object is checked
  // against (4.5.x is CommonJS and runs on Node 20; 5.x is ESM-only).
  // yaml: reads manifests as Kubernetes does (YAML 1.1), for the validation plugin and the verifier.
  // re2js: RE2 in JavaScript, linear-time matching of Istio's regexes (src/analysis/engine/re2.ts).
  deps: ['kubernetes-models@~4.5.1', 'yaml@^2.8.0', '@viz-js/viz@^3.31.0', 're2js@^2.10.0'],
  devDeps: [
    'js-yaml@^4.1.0',
    '@types/js-yaml@^4.0.9',
    'ajv@^8.17.1',
    '@types/node@^20',
    // Bundles src/ for cdk8s.yaml's app in a clone (tools/from-source.js) and the package's command.
    'esbuild@~0.25.12',
    // The bundles take npm's punycode for Node's deprecated module (DEP0040 warns on Node 22+).
    'punycode@^2.3.1',
    // The public API report (api/, `npx projen api`): pinned, as another version may write it differently.
    '@microsoft/api-extractor@~7.60.1',
    // The API reference (docs/api/) from API Extractor's doc model: pinned for the same reason.
    '@microsoft/api-documenter@~7.30.18',
    // ESLint with the flat configuration (eslint.config.mjs) and the plugins of its rules.
    // eslint-plugin-import does not support ESLint 10 yet.
    'eslint@^9',
    '@typescript-eslint/eslint-plugin@^8',
    '@typescript-eslint/parser@^8',
    'eslint-plugin-import@^2.32.0',
    '@stylistic/eslint-plugin@^2',
    // The import plugin's TypeScript resolver. 3.8+ depends on unrs-resolver, whose non-Linux
    // binaries the registry here lacks; npm then writes a lock file that `npm ci` rejects.
    'eslint-import-resolver-typescript@~3.7.0',
  ],

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Inside the project, so that a test run leaves nothing in the system's temp folder.
      cacheDirectory: '<rootDir>/node_modules/.cache/jest',
      // Collecting coverage made the suite three times slower (70 s against 20 s); `npx projen test:coverage` collects it.
      collectCoverage: false,
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
      coverageReporters: ['text-summary', 'lcov'],
    },
  },
  // The generated CRD imports are large: ts-jest only transpiles (isolatedModules), and the
  // test task type-checks everything once with tsc (typecheckTests).
  tsconfig: {
    include: ['imports/**/*.ts'],
    compilerOptions: { rootDir: '.', inlineSourceMap: false, inlineSources: false },
  },
  tsconfigDev: { compilerOptions: { isolatedModules: true } },
  typecheckTests: true,

  // projen writes only ESLint's legacy .eslintrc format: eslint.config.mjs holds the same rules
  // in the flat format, and the eslint task below runs it.
  eslint: false,

  // The output writer's lock and the staging/previous folders an interrupted run may leave beside dist/.
  gitignore: ['/dist/', '/pkg/', '.*.aks-labs-lock*', '.*.aks-labs-staging-*/', '.*.aks-labs-previous-*/'],
  // The tarball holds lib/ and the docs only (package.json's `files`), so a stray .env or pkg/ never ships.
  npmignoreEnabled: false,
  minNodeVersion: '20.12.0',
  keywords: ['cdk8s', 'kubernetes', 'aks', 'azure', 'cilium', 'istio', 'azure-fleet', 'workshop', 'constructs', 'network-policy'],
});

project.addFields({ files: ['lib/**/*.js', 'lib/**/*.d.ts', 'CHANGELOG.md'] });

// A construct library shares constructs and cdk8s with the app that uses it: as peers, a
// consumer that pins another constructs 10.x gets one copy, not two that do not recognise each
// other's constructs. The versions above stay for developing this package.
for (const [name, range, dev] of [['constructs', '^10.3.0', '10.4.2'], ['cdk8s', '^2.70.0', '2.70.106']] as const) {
  project.deps.removeDependency(name, DependencyType.RUNTIME);
  project.deps.addDependency(`${name}@${range}`, DependencyType.PEER);
  project.deps.addDependency(`${name}@${dev}`, DependencyType.DEVENV);
}
// cdk8s-plus-30 writes the library's own objects (its k8s module, Quantity, Cpu), so the package
// depends on it; no declaration of the package names it (public signatures take structural
// types), so an app on cdk8s-plus-33 or 34 compiles without it, and its peers (cdk8s,
// constructs) resolve to the app's copies.
project.deps.removeDependency('cdk8s-plus-30');
project.deps.addDependency('cdk8s-plus-30@^2.4.10', DependencyType.RUNTIME);

// The app runs from source, so `npx cdk8s synth` works on a fresh clone without a compile step:
// tools/from-source.js bundles src/ with esbuild once per change of the sources (no ts-node).
const cdk8sConfig = project.tryFindObjectFile('cdk8s.yaml')!;
cdk8sConfig.addOverride('app', 'node tools/run-from-source.js synth');
// No validation plugin: the app checks every object against its schema itself, and the CLI
// would print the plugin's report into `cdk8s synth --stdout` (test/output-streams.test.ts).
// No `k8s` import: built-in kinds come from cdk8s-plus-30's `k8s` module. The CRDs, one entry per
// upstream file with a module prefix, as projenrc/crd-sources.ts lists them: `npx cdk8s import`
// regenerates imports/ from these, `npx projen import` does it offline (README "Regenerating the CRD imports").
cdk8sConfig.addOverride('imports', cdk8sImportSpecs());

project.tasks.tryFind('synth')!.reset('cdk8s synth --no-check-upgrade');
project.tasks.tryFind('import')!.reset('ts-node --project projenrc/tsconfig.json projenrc/import-crds.ts', { receiveArgs: true });
project.tasks.tryFind('import')!.description = 'Regenerates imports/ from ../shared/crds (offline); pass --from-upstream to download the upstream CRDs instead';

// projen appends the verbose per-file 'text' coverage reporter; the summary is enough in a terminal.
project.tryFindObjectFile('package.json')!.addOverride('jest.coverageReporters', ['text-summary', 'lcov']);

project.package.addEngine('node', NODE_ENGINES);
project.package.addVersion(version);

// ESLint, flat configuration (eslint.config.mjs); --fix as projen's task did. `npx projen test` runs it.
const eslintTask = project.addTask('eslint', {
  description: 'Runs eslint against the codebase',
  exec: 'eslint --fix --no-error-on-unmatched-pattern src test build-tools projenrc .projenrc.ts',
  receiveArgs: true,
});
project.testTask.spawn(eslintTask);

project.compileTask.exec('node tools/bundle-bin.js');

// `npx aks-labs-cdk8s` in a clone: npm links the bins of the dependencies, not the project's own;
// tools/link-bin.js writes it. npm runs `prepare` after npm ci and npm install in the clone, never
// when a consumer installs the published package.
project.package.setScript('prepare', 'node tools/link-bin.js');

project.addTask('test:coverage', {
  description: 'Runs the tests and collects coverage (text summary and lcov in coverage/)',
  exec: 'jest --ci --coverage',
});

const bench = project.addTask('bench', {
  description: 'Times every path (compiled command, cdk8s synth, 100 to 10,000 tenants) against baselines measured in the same run (bench/)',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project tsconfig.json bench/run.ts');

// The public API report: every export of lib/src/index.d.ts with its signature, as API Extractor
// writes it (tools/api-report.js), and the API reference generated from its TSDoc, docs/api/ (API
// Documenter, tools/api-reference.js). `npx projen api` rewrites both (commit them with the
// change); `npx projen api:check` fails, showing the difference, while either is not the API's.
new JsonFile(project, 'api/api-extractor.json', {
  allowComments: true,
  obj: {
    $schema: 'https://developer.microsoft.com/json-schemas/api-extractor/v7/api-extractor.schema.json',
    projectFolder: '..',
    mainEntryPointFilePath: '<projectFolder>/lib/src/index.d.ts',
    // As git stores it (.gitattributes: eol=lf); API Extractor writes CRLF by default.
    newlineKind: 'lf',
    apiReport: { enabled: true, reportFolder: '<projectFolder>/api/', reportTempFolder: '<projectFolder>/node_modules/.cache/api-extractor/' },
    // Read by tools/api-reference.js, which writes the API reference (docs/api/).
    docModel: { enabled: true, apiJsonFilePath: '<projectFolder>/node_modules/.cache/api-extractor/<unscopedPackageName>.api.json' },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // The API's problems (an export's type that is not exported, ...) are written into the report.
      extractorMessageReporting: {
        'default': { logLevel: 'warning', addToApiReportFile: true },
        // The package marks no release stages (@public, @beta); everything exported is public.
        'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
      },
      // The doc comments are not TSDoc (`@default - ...`, `{@link}` to names not exported).
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  },
});
// Generated pages: pull requests show them collapsed.
project.gitattributes.addAttributes('/docs/api/**', 'linguist-generated');
/** A task that compiles lib/ afresh, then runs both API tools with `toolArgs`. */
function addApiTask(name: string, description: string, toolArgs: string): void {
  const task = project.addTask(name, { description });
  // From a fresh lib/: a module's files left by an earlier build can change what an import resolves to.
  task.exec('rm -rf lib');
  task.spawn(project.compileTask);
  task.exec(`node tools/api-report.js${toolArgs}`);
  task.exec(`node tools/api-reference.js${toolArgs}`);
}
addApiTask('api', 'Compiles lib/ afresh, then rewrites the public API report api/aks-labs-cdk8s.api.md (API Extractor) and the API reference docs/api/ (API Documenter); commit both with an API change', '');
addApiTask('api:check', 'Compiles lib/ afresh, then fails, showing the difference, when the public API is not the one api/aks-labs-cdk8s.api.md declares or docs/api/ is not its reference', ' --check');

// Releasing (docs/releasing.md): `npx projen bump <patch|minor|major|x.y.z>` sets the version, turns
// the CHANGELOG's Unreleased section into that version's, commits and tags; `npx projen release`
// runs CI (.ci/run) on the tagged commit and publishes its tarball.
project.addTask('bump', {
  description: 'Sets the version (patch, minor, major or x.y.z), names the CHANGELOG\'s Unreleased section after it, commits and tags v<version>',
  exec: 'node tools/release.js bump',
  receiveArgs: true,
});
project.addTask('release', {
  description: 'Runs .ci/run on the tagged release commit, then publishes its tarball to npm (--dry-run to stop short of publishing)',
  exec: 'node tools/release.js publish',
  receiveArgs: true,
});

project.synth();
