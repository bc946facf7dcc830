import * as fs from 'fs';
import * as path from 'path';
import { exitCodeOf, rabbitmqCredentials, readWorkshopSettings, synthesizeWorkshop, WORKSHOP_SETTINGS } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { tempDir } from './support/temp';
import { OptionReader, OptionSpecs } from '../src/cli/options/option-reader';
import { SYNTH_ENVIRONMENT, SYNTH_OPTIONS } from '../src/cli/options/synth-options';
import { VERIFY_ENVIRONMENT, VERIFY_OPTIONS } from '../src/cli/options/verify-options';
import { runCli } from '../src/cli/run';

/**
 * The exit code of each kind of mistake. Every row below names its kind and so gets that kind's
 * code, whichever command, flag or environment variable it goes through and wherever the mistake
 * is caught (the option resolver, the settings, the library, the output folder).
 */
const EXIT_CODES = {
  'good input': 0,
  'an unknown flag': 2,
  'a stray word': 2,
  'a flag without its value': 2,
  'flags that cannot go together': 2,
  'a value given to a switch': 2,
  'an empty value': 2,
  'a name not in its list': 2,
  'a file that does not exist or is not a file': 2,
  'a malformed setting': 2,
  'a .env line that cannot be read': 2,
  'settings that go together, set alone': 2,
  'a section asked for without its settings': 2,
  'an output folder it must not replace': 2,
  'an output folder another run is writing': 1,
  'a malformed value': 2,
  'an object or claim it cannot read': 2,
  'a claim that does not hold': 1,
  'a claim the model cannot decide': 1,
} as const;

type Kind = keyof typeof EXIT_CODES;

/** Files and folders a row can point at, made fresh in a temporary folder for each row. */
interface Fixture {
  /** A folder that does not exist yet. */
  readonly out: string;
  /** A regular file. */
  readonly file: string;
  /** A folder holding a file of the user's. */
  readonly foreign: string;
  /** An output folder whose lock another live process holds. */
  readonly locked: string;
  /** A `.env` file with the identity settings. */
  readonly envFile: string;
  /** A `.env` file with a line that is not KEY=value. */
  readonly badEnvFile: string;
  /** A `.env` file with a malformed client id. */
  readonly malformedEnvFile: string;
  /** A path that does not exist. */
  readonly missing: string;
  /** A manifest file: a Deployment and its Service. */
  readonly manifest: string;
  /** Claims that hold on it. */
  readonly claims: string;
  /** A claim that does not hold on it. */
  readonly failingClaims: string;
  /** A claim the model cannot decide (an HTTP rule, a claim without a request). */
  readonly unknownClaims: string;
  /** A manifest file with a mistyped field. */
  readonly badManifest: string;
  /** A claims file with a mistyped field. */
  readonly badClaims: string;
}

interface Row {
  readonly command: keyof typeof COMMANDS;
  readonly kind: Kind;
  /** The flag (`--out`) or environment variable (`CDK8S_OUTDIR`) the row exercises, or '' for none. */
  readonly option: string;
  readonly argv: (f: Fixture) => string[];
  readonly env?: (f: Fixture) => Record<string, string>;
  /** Text the error output holds. */
  readonly message?: string;
}

/** The commands whose options are checked here: every flag and environment variable each reads must appear in a row. */
const COMMANDS = {
  synth: { options: SYNTH_OPTIONS as OptionSpecs, environment: SYNTH_ENVIRONMENT },
  verify: { options: VERIFY_OPTIONS as OptionSpecs, environment: VERIFY_ENVIRONMENT },
} as const;

const stringFlags = (command: keyof typeof COMMANDS) => Object.entries(COMMANDS[command].options).filter(([, spec]) => spec.type === 'string').map(([name]) => name);
const switches = (command: keyof typeof COMMANDS) => Object.entries(COMMANDS[command].options).filter(([, spec]) => spec.type === 'boolean').map(([name]) => name);

/** A malformed value of each workshop setting. */
const MALFORMED: Record<string, string> = {
  USER_ASSIGNED_CLIENT_ID: 'abc',
  AZURE_TENANT_ID: 'not-a-guid',
  AKV_URL: 'https://kv.example.com/',
  KEYVAULT_URL: 'https://example.com/',
  KEYVAULT_SECRET_NAME: 'my_secret',
  FLEET_PLACEMENT_API_VERSION: 'v2',
  SERVICE_ACCOUNT_NAMESPACE: 'Default',
  SERVICE_ACCOUNT_NAME: 'Not_A_Name',
  RABBITMQ_USERNAME: 'two\nlines',
  RABBITMQ_PASSWORD: 'two\nlines',
  MYSQL_ROOT_PASSWORD: 'pa$$word',
};

const synth = (kind: Kind, option: string, argv: Row['argv'], env?: Row['env'], message?: string): Row => ({ command: 'synth', kind, option, argv, env, message });
const verify = (kind: Kind, option: string, argv: Row['argv'], env?: Row['env'], message?: string): Row => ({ command: 'verify', kind, option, argv, env, message });
const LIMIT_FLAGS = ['max-file-bytes', 'max-documents', 'max-aliases', 'max-depth', 'max-keys'];

const ROWS: readonly Row[] = [
  // Input the command takes.
  synth('good input', '--out', (f) => ['--out', f.out, '--section', '06-observability']),
  synth('good input', 'CDK8S_OUTDIR', () => ['--section', '06-observability'], (f) => ({ CDK8S_OUTDIR: f.out })),
  synth('good input', 'CDK8S_OUTDIR', () => ['--section', '06-observability'], () => ({ CDK8S_OUTDIR: '' })),
  synth('good input', '--section', () => ['--section', '01-store,06-observability', '--section', '07-fleet']),
  synth('good input', 'AKS_LABS_SECTIONS', () => [], () => ({ AKS_LABS_SECTIONS: '06-observability, 07-fleet' })),
  synth('good input', 'AKS_LABS_SECTIONS', () => [], () => ({ AKS_LABS_SECTIONS: '' })),
  synth('good input', '--settings', (f) => ['--settings', f.envFile, '--section', '05-identity']),
  synth('good input', 'AKS_LABS_ENV_FILE', () => ['--section', '05-identity'], (f) => ({ AKS_LABS_ENV_FILE: f.envFile })),
  synth('good input', '--workshop', () => ['--workshop', 'advanced-aks', '--section', '04-fleet']),
  synth('good input', 'AKS_LABS_WORKSHOP', () => ['--section', '04-fleet'], () => ({ AKS_LABS_WORKSHOP: 'advanced-aks' })),
  synth('good input', '--profile', () => ['--profile', 'hardened', '--section', '06-observability']),
  synth('good input', 'AKS_LABS_PROFILE', () => ['--section', '06-observability'], () => ({ AKS_LABS_PROFILE: 'hardened' })),
  synth('good input', '--overwrite', () => ['--overwrite', '--section', '06-observability']),
  synth('good input', '--stdout', () => ['--stdout', '--section', '06-observability']),
  // --stdout writes no folder, so the folder CDK8S_OUTDIR names (one it must not replace) does not matter.
  synth('good input', '--stdout', () => ['--stdout', '--section', '06-observability'], (f) => ({ CDK8S_OUTDIR: f.foreign })),
  synth('flags that cannot go together', '--stdout', (f) => ['--stdout', '--out', f.out], undefined, 'synth: --stdout cannot be used with --out'),
  synth('flags that cannot go together', '--stdout', () => ['--overwrite', '--stdout'], undefined, 'synth: --stdout cannot be used with --overwrite'),
  synth('good input', '--help', () => ['--help']),
  synth('good input', '--help', () => ['-h']),
  synth('good input', 'CDK8S_RECORD_CONSTRUCT_METADATA', () => ['--section', '06-observability'], () => ({ CDK8S_RECORD_CONSTRUCT_METADATA: 'true' })),
  ...Object.values(WORKSHOP_SETTINGS).map(({ variable }) => synth('good input', variable, () => ['--section', '06-observability'], () => ({
    [variable]: variable === 'USER_ASSIGNED_CLIENT_ID' || variable === 'AZURE_TENANT_ID' ? SAMPLE_SETTINGS.userAssignedClientId!
      : variable === 'FLEET_PLACEMENT_API_VERSION' ? 'v1'
        : variable.endsWith('_URL') ? SAMPLE_SETTINGS.keyVaultUrl! : 'fine',
  }))),
  // Words the command cannot read.
  synth('an unknown flag', '', () => ['--sections', '01-store'], undefined, "synth: Unknown option '--sections'"),
  synth('an unknown flag', '', () => ['--env-file', '.env'], undefined, "synth: Unknown option '--env-file'"),
  synth('a stray word', '', () => ['stray'], undefined, "synth: Unexpected argument 'stray'"),
  ...stringFlags('synth').map((flag) => synth('a flag without its value', `--${flag}`, () => [`--${flag}`], undefined, `Option '--${flag} <value>' argument missing`)),
  ...switches('synth').map((flag) => synth('a value given to a switch', `--${flag}`, () => [`--${flag}=yes`], undefined, 'does not take an argument')),
  ...stringFlags('synth').flatMap((flag) => [
    synth('an empty value', `--${flag}`, () => [`--${flag}`, ''], undefined, `synth: --${flag} needs a value, not an empty one`),
    synth('an empty value', `--${flag}`, () => [`--${flag}=`], undefined, `synth: --${flag} needs a value, not an empty one`),
  ]),
  synth('an empty value', '--section', () => ['--section', 'a,,b'], undefined, 'synth: --section needs a value, not an empty one'),
  synth('an empty value', 'AKS_LABS_SECTIONS', () => [], () => ({ AKS_LABS_SECTIONS: '01-store,' }), 'synth: AKS_LABS_SECTIONS has an empty item (got "01-store,")'),
  // Values that are not among those allowed.
  synth('a name not in its list', '--workshop', () => ['--workshop', 'advanced'], undefined, 'synth: --workshop must be one of deep-dives, advanced-aks, not "advanced"'),
  synth('a name not in its list', 'AKS_LABS_WORKSHOP', () => [], () => ({ AKS_LABS_WORKSHOP: 'advanced' }), 'synth: AKS_LABS_WORKSHOP must be one of deep-dives'),
  synth('a name not in its list', '--profile', () => ['--profile', 'strict'], undefined, 'synth: --profile must be one of workshop, hardened, not "strict"'),
  synth('a name not in its list', 'AKS_LABS_PROFILE', () => [], () => ({ AKS_LABS_PROFILE: 'strict' }), 'synth: AKS_LABS_PROFILE must be one of workshop, hardened'),
  synth('a name not in its list', '--section', () => ['--section', '09-ai'], undefined, 'synth: --section names unknown deep-dives section 09-ai: the deep-dives sections are 01-store'),
  synth('a name not in its list', '--section', () => ['--section', '03-identity'], undefined, 'unknown deep-dives section 03-identity'),
  synth('a name not in its list', '--section', () => ['--workshop', 'advanced-aks', '--section', '05-identity'], undefined, 'unknown advanced-aks section 05-identity'),
  synth('a name not in its list', 'AKS_LABS_SECTIONS', () => [], () => ({ AKS_LABS_SECTIONS: '01-store,09-ai' }), 'synth: AKS_LABS_SECTIONS names unknown deep-dives section 09-ai'),
  // Files the command reads.
  synth('a file that does not exist or is not a file', '--settings', (f) => ['--settings', f.missing], undefined, 'which does not exist'),
  synth('a file that does not exist or is not a file', '--settings', (f) => ['--settings', path.join(f.file, '.env')], undefined, 'which does not exist'),
  synth('a file that does not exist or is not a file', '--settings', (f) => ['--settings', f.foreign], undefined, 'which is not a file'),
  synth('a file that does not exist or is not a file', 'AKS_LABS_ENV_FILE', () => [], (f) => ({ AKS_LABS_ENV_FILE: f.missing }), 'synth: AKS_LABS_ENV_FILE names'),
  synth('a .env line that cannot be read', '--settings', (f) => ['--settings', f.badEnvFile], undefined, 'has lines that are not KEY=value'),
  synth('a .env line that cannot be read', 'AKS_LABS_ENV_FILE', () => [], (f) => ({ AKS_LABS_ENV_FILE: f.badEnvFile }), 'has lines that are not KEY=value'),
  synth('a malformed setting', '--settings', (f) => ['--settings', f.malformedEnvFile], undefined, 'USER_ASSIGNED_CLIENT_ID="1234"'),
  ...Object.values(WORKSHOP_SETTINGS).map(({ variable }) => synth('a malformed setting', variable, () => [], () => ({ [variable]: MALFORMED[variable] }), `${variable}=`)),
  synth('settings that go together, set alone', 'RABBITMQ_USERNAME', () => ['--profile', 'hardened', '--section', '01-store'], () => ({ RABBITMQ_USERNAME: 'u' }),
    'RABBITMQ_USERNAME is set but RABBITMQ_PASSWORD is not'),
  synth('settings that go together, set alone', 'RABBITMQ_PASSWORD', () => ['--profile', 'hardened', '--section', '03-mesh'], () => ({ RABBITMQ_PASSWORD: 'p' }),
    'RABBITMQ_PASSWORD is set but RABBITMQ_USERNAME is not'),
  synth('a section asked for without its settings', '--section', () => ['--section', '05-identity'], undefined, 'section 05-identity (Workload Identity) needs settings'),
  synth('a section asked for without its settings', 'AKS_LABS_SECTIONS', () => [], () => ({ AKS_LABS_SECTIONS: '05-identity' }), 'AKV_URL: set by the workshop step'),
  synth('a section asked for without its settings', '--workshop', () => ['--workshop', 'advanced-aks', '--section', '03-identity'], undefined, 'KEYVAULT_URL'),
  // The folder the command writes.
  synth('an output folder it must not replace', '--out', () => ['--out', '.'], undefined, 'it is the current directory or holds it'),
  synth('an output folder it must not replace', '--out', () => ['--out', '/'], undefined, 'it is the root of the file system'),
  synth('an output folder it must not replace', '--out', (f) => ['--out', f.file], undefined, 'it is a file, not a folder'),
  synth('an output folder it must not replace', '--out', (f) => ['--out', f.foreign], undefined, 'it holds an entry aks-labs-cdk8s did not write'),
  synth('an output folder it must not replace', 'CDK8S_OUTDIR', () => [], () => ({ CDK8S_OUTDIR: '.' }), 'it is the current directory or holds it'),
  synth('an output folder it must not replace', 'CDK8S_OUTDIR', () => [], (f) => ({ CDK8S_OUTDIR: f.foreign }), 'it holds an entry aks-labs-cdk8s did not write'),
  synth('an output folder another run is writing', '--out', (f) => ['--out', f.locked, '--section', '06-observability'], undefined, 'another run (process'),
  synth('an output folder another run is writing', 'CDK8S_OUTDIR', () => ['--section', '06-observability'], (f) => ({ CDK8S_OUTDIR: f.locked }), 'another run (process'),

  // verify: what it reads, and what it finds.
  verify('good input', '--claims', (f) => [f.manifest, '--claims', f.claims]),
  verify('good input', '--namespace', (f) => [f.manifest, '-n', 'shop']),
  verify('good input', '--recursive', (f) => [path.dirname(f.manifest), '-R']),
  verify('good input', '--istio-revision', (f) => [f.manifest, '--istio-revision', 'asm-1-23']),
  verify('good input', 'AKS_LABS_ISTIO_REVISION', (f) => [f.manifest], () => ({ AKS_LABS_ISTIO_REVISION: 'asm-1-23' })),
  verify('good input', '--address', (f) => [f.manifest, '--address', 'api.example.com=203.0.113.20']),
  verify('good input', '--gateway-keeps-client-ip', (f) => [f.manifest, '--gateway-keeps-client-ip']),
  verify('good input', '--format', (f) => [f.manifest, '--claims', f.claims, '--format', 'json']),
  verify('good input', '--graph', (f) => [f.manifest, '--graph', path.join(path.dirname(f.manifest), 'flows.dot')]),
  verify('good input', '--allow-unknown', (f) => [f.manifest, '--claims', f.unknownClaims, '--allow-unknown']),
  verify('good input', '--help', () => ['--help']),
  ...LIMIT_FLAGS.map((flag) => verify('good input', `--${flag}`, (f) => [f.manifest, `--${flag}`, '100000'])),
  verify('an unknown flag', '', (f) => [f.manifest, '--claim', f.claims], undefined, "verify: Unknown option '--claim'"),
  verify('a stray word', '', () => [], undefined, 'verify: the command line names no manifest files or folders to check'),
  ...stringFlags('verify').map((flag) => verify('a flag without its value', `--${flag}`, (f) => [f.manifest, `--${flag}`], undefined, `--${flag} <value>' argument missing`)),
  ...switches('verify').map((flag) => verify('a value given to a switch', `--${flag}`, (f) => [f.manifest, `--${flag}=yes`], undefined, 'does not take an argument')),
  ...stringFlags('verify').map((flag) => verify('an empty value', `--${flag}`, (f) => [f.manifest, `--${flag}`, ''], undefined, `verify: --${flag} needs a value, not an empty one`)),
  verify('a name not in its list', '--format', (f) => [f.manifest, '--format', 'xml'], undefined, 'verify: --format must be one of text, json, not "xml"'),
  verify('a malformed value', '--graph', (f) => [f.manifest, '--graph', 'flows.png'], undefined, 'verify: --graph must end in .svg, .dot, .mmd'),
  verify('a malformed value', '--istio-revision', (f) => [f.manifest, '--istio-revision', '1.22'], undefined, 'must be an add-on revision such as asm-1-22'),
  verify('a malformed value', 'AKS_LABS_ISTIO_REVISION', (f) => [f.manifest], () => ({ AKS_LABS_ISTIO_REVISION: 'latest' }), 'verify: AKS_LABS_ISTIO_REVISION must be an add-on revision'),
  verify('a malformed value', '--namespace', (f) => [f.manifest, '--namespace', 'Shop'], undefined, 'verify: --namespace must be a namespace name'),
  verify('a malformed value', '--address', (f) => [f.manifest, '--address', 'api.example.com'], undefined, 'verify: --address must be <name>=<IPv4 address>'),
  ...LIMIT_FLAGS.map((flag) => verify('a malformed value', `--${flag}`, (f) => [f.manifest, `--${flag}`, '0'], undefined, `verify: --${flag} must be a positive whole number`)),
  verify('a file that does not exist or is not a file', '--claims', (f) => [f.manifest, '--claims', f.missing], undefined, 'no such file or folder'),
  verify('a file that does not exist or is not a file', '', (f) => [f.missing], undefined, 'no such file or folder'),
  verify('an object or claim it cannot read', '', (f) => [f.badManifest], undefined, 'spec.replicas'),
  verify('an object or claim it cannot read', '--claims', (f) => [f.manifest, '--claims', f.badClaims], undefined, 'to.port'),
  verify('a claim that does not hold', '--claims', (f) => [f.manifest, '--claims', f.failingClaims], undefined, ''),
  verify('a claim the model cannot decide', '--claims', (f) => [f.manifest, '--claims', f.unknownClaims], undefined, ''),
];

/**
 * The library's options, by the same kinds: `synthesizeWorkshop` and `readWorkshopSettings`
 * check them for library callers and must throw errors of the kind the command exits with.
 */
const LIBRARY_ROWS: readonly (readonly [Kind, string, (f: Fixture) => unknown])[] = [
  ['a name not in its list', 'profile', (f) => synthesizeWorkshop({ outdir: f.out, profile: 'strict' as any })],
  ['a name not in its list', 'workshop', (f) => synthesizeWorkshop({ outdir: f.out, workshop: 'advanced' as any })],
  ['a name not in its list', 'only', (f) => synthesizeWorkshop({ outdir: f.out, only: ['09-ai'] })],
  ['an empty value', 'only', (f) => synthesizeWorkshop({ outdir: f.out, only: [] })],
  ['an empty value', 'outdir', () => synthesizeWorkshop({ outdir: '' })],
  ['a section asked for without its settings', 'only', (f) => synthesizeWorkshop({ outdir: f.out, only: ['05-identity'] })],
  ['an output folder it must not replace', 'outdir', (f) => synthesizeWorkshop({ outdir: f.foreign })],
  ['an output folder another run is writing', 'outdir', (f) => synthesizeWorkshop({ outdir: f.locked, only: ['06-observability'] })],
  ['a name not in its list', 'output', (f) => synthesizeWorkshop({ outdir: f.out, output: 'stdout' as any })],
  ['an output folder it must not replace', 'output', (f) => synthesizeWorkshop({ outdir: f.foreign, output: 'cdk8s-stdout' })],
  ['a file that does not exist or is not a file', 'envFile', (f) => readWorkshopSettings({ env: {}, envFile: f.missing })],
  ['a .env line that cannot be read', 'envFile', (f) => readWorkshopSettings({ env: {}, envFile: f.badEnvFile })],
  ['settings that go together, set alone', 'settings', () => rabbitmqCredentials({ rabbitmqUsername: 'u' }, 'hardened')],
  ['a malformed setting', 'env', () => readWorkshopSettings({ env: { USER_ASSIGNED_CLIENT_ID: 'abc' } })],
];

function fixture(): Fixture {
  const dir = tempDir('aks-labs-exit-');
  const write = (name: string, content: string) => {
    fs.writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  fs.mkdirSync(path.join(dir, 'foreign'));
  fs.writeFileSync(path.join(dir, 'foreign', 'notes.txt'), 'mine');
  // A lock naming a live process (jest's parent) that is not this one: another run is writing.
  fs.writeFileSync(path.join(dir, '.locked.aks-labs-lock'), `aks-labs-cdk8s output lock\npid ${process.ppid}\n`);
  return {
    out: path.join(dir, 'out'),
    file: write('file.txt', 'a file'),
    foreign: path.join(dir, 'foreign'),
    locked: path.join(dir, 'locked'),
    envFile: write('good.env', `USER_ASSIGNED_CLIENT_ID="${SAMPLE_SETTINGS.userAssignedClientId}"\nAKV_URL="${SAMPLE_SETTINGS.keyVaultUrl}"\n`),
    badEnvFile: write('bad.env', 'AKV_URL="https://x.vault.azure.net/\n'),
    malformedEnvFile: write('malformed.env', 'USER_ASSIGNED_CLIENT_ID="1234"\n'),
    missing: path.join(dir, 'missing.env'),
    ...verifyFixture(dir),
  };
}

/** A manifest and claims for verify's rows, in a folder of their own. */
function verifyFixture(dir: string) {
  const folder = path.join(dir, 'manifests');
  fs.mkdirSync(folder);
  const write = (name: string, content: string) => {
    fs.writeFileSync(path.join(folder, name), content);
    return path.join(folder, name);
  };
  const app = (replicas: string) => [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: web, namespace: shop }',
    `spec: { replicas: ${replicas}, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 80 }] }] } } }`,
    '---', 'apiVersion: v1', 'kind: Service', 'metadata: { name: web, namespace: shop }', 'spec: { selector: { app: web }, ports: [{ port: 80 }] }',
    '---', 'apiVersion: cilium.io/v2', 'kind: CiliumNetworkPolicy', 'metadata: { name: web-http, namespace: shop }',
    'spec: { endpointSelector: { matchLabels: { app: web } }, ingress: [{ toPorts: [{ ports: [{ port: "80" }], rules: { http: [{ method: GET }] } }] }] }', '',
  ].join('\n');
  const claim = (port: string, expect: string) => `- { id: c, from: { namespace: shop, labels: { app: web } }, to: { service: web, namespace: shop, port: ${port}, path: / }, expect: ${expect} }\n`;
  fs.writeFileSync(path.join(dir, 'bad-manifest.yaml'), app('two'));
  return {
    manifest: write('app.yaml', app('1')),
    badManifest: path.join(dir, 'bad-manifest.yaml'),
    claims: write('claims.txt', claim('80', 'allowed')),
    failingClaims: write('failing.txt', claim('80', 'blocked')),
    unknownClaims: write('unknown.txt', '- { id: c, from: { namespace: shop, labels: { app: web } }, to: { service: web, namespace: shop, port: 80 }, expect: allowed }\n'),
    badClaims: write('bad.txt', claim('"eighty"', 'allowed')),
  };
}

const describeRow = (row: Row) => `${row.command} ${row.option || '(no option)'}: ${JSON.stringify(row.argv(fixtureNames))}`
  + `${row.env ? ` ${JSON.stringify(row.env(fixtureNames))}` : ''}`;

/** Fixture paths by name, for test titles. */
const fixtureNames: Fixture = {
  out: '<out>',
  file: '<file>',
  foreign: '<foreign>',
  locked: '<locked>',
  envFile: '<good.env>',
  badEnvFile: '<bad.env>',
  malformedEnvFile: '<malformed.env>',
  missing: '<missing>',
  manifest: '<app.yaml>',
  claims: '<claims>',
  failingClaims: '<failing claims>',
  unknownClaims: '<unknown claims>',
  badManifest: '<bad manifest>',
  badClaims: '<bad claims>',
};

describe('exit codes: the same kind of mistake exits with the same code, over every flag and variable', () => {
  const original = process.cwd();
  let cwd: string;
  beforeEach(() => {
    // A default output folder ('dist') lands in a folder of the test's own.
    cwd = tempDir('aks-labs-exit-cwd-');
    process.chdir(cwd);
  });
  afterEach(() => process.chdir(original));

  test.each(ROWS.map((row) => [row.kind, describeRow(row), row] as const))('%s: %s', async (kind, _title, row) => {
    const f = fixture();
    const err: string[] = [];
    const status = await runCli([row.command, ...row.argv(f)], { out: () => undefined, err: (t) => err.push(t), env: row.env?.(f) ?? {} });
    expect({ status, stderr: err.join('') }).toEqual({
      status: EXIT_CODES[kind],
      stderr: row.message === undefined ? expect.any(String) : expect.stringContaining(row.message),
    });
    if (status !== 0) expect(fs.existsSync(f.out) ? fs.readdirSync(f.out) : []).toEqual([]);
  });

  test.each(LIBRARY_ROWS.map(([kind, option, call]) => [kind, option, call] as const))('%s: the library option %s throws an error that exits the same', (kind, _option, call) => {
    const f = fixture();
    let thrown: unknown;
    try {
      call(f);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeDefined();
    expect(exitCodeOf(thrown)).toBe(EXIT_CODES[kind]);
  });

  test.each(Object.keys(COMMANDS).map((command) => [command as keyof typeof COMMANDS]))('every flag and environment variable of %s has rows', (command) => {
    const covered = new Set(ROWS.filter((row) => row.command === command).map((row) => row.option));
    const { options, environment } = COMMANDS[command];
    expect([...Object.keys(options).map((flag) => `--${flag}`), ...environment].filter((option) => !covered.has(option))).toEqual([]);
    // Each string flag has rows for a missing and an empty value; each variable a row that is fine.
    for (const flag of stringFlags(command)) {
      expect(ROWS.filter((row) => row.command === command && row.option === `--${flag}`).map((row) => row.kind))
        .toEqual(expect.arrayContaining(['a flag without its value', 'an empty value']));
    }
    for (const variable of environment) {
      expect({ variable, fine: ROWS.some((row) => row.command === command && row.option === variable && row.kind === 'good input') }).toEqual({ variable, fine: true });
    }
  });
});

describe('the option reader: a flag, else its environment variable, else the default', () => {
  const SPECS = {
    name: { type: 'string', env: 'NAME' },
    items: { type: 'string', multiple: true, env: 'ITEMS' },
    files: { type: 'string', multiple: true, env: 'FILES' },
    on: { type: 'boolean' },
  } as const;
  const read = (argv: string[], env: Record<string, string> = {}) => OptionReader.parse('cmd', argv, SPECS, env);

  test('the flag wins over the variable; an empty variable counts as not set', () => {
    expect(read(['--name', 'flag'], { NAME: 'env' }).string('name')).toEqual({ value: 'flag', from: '--name' });
    expect(read([], { NAME: 'env' }).string('name')).toEqual({ value: 'env', from: 'NAME' });
    expect(read([], { NAME: '' }).string('name')).toBeUndefined();
    expect(read(['--on']).switch('on')).toBe(true);
  });

  test('lists split on commas, repeated values do not; an empty item or value is refused, naming where it came from', () => {
    expect(read(['--items', 'a,b', '--items', 'c'], { ITEMS: 'x' }).list('items')).toEqual({ value: ['a', 'b', 'c'], from: '--items' });
    expect(read([], { ITEMS: 'x, y' }).list('items')).toEqual({ value: ['x', 'y'], from: 'ITEMS' });
    expect(read(['--files', 'a,b.yaml', '--files', 'c.yaml']).all('files')).toEqual({ value: ['a,b.yaml', 'c.yaml'], from: '--files' });
    expect(read([], { FILES: 'a,b.yaml' }).all('files')).toEqual({ value: ['a,b.yaml'], from: 'FILES' });
    expect(() => read(['--files', '']).all('files')).toThrow('cmd: --files needs a value, not an empty one (see aks-labs-cdk8s cmd --help)');
    expect(() => read([], { ITEMS: 'a,' }).list('items')).toThrow('cmd: ITEMS has an empty item');
  });
});
