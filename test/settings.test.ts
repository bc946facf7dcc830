import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DotEnvError, InvalidSettingError, parseDotEnv, parseDotEnvEntries, readWorkshopSettings, SettingsError, synthesizeWorkshop } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';
import { runCli } from '../src/cli/run';
import { WORKSHOP_SECTIONS } from '../src/workshop/editions';

const CLIENT_ID = SAMPLE_SETTINGS.userAssignedClientId!;
const AKV_URL = SAMPLE_SETTINGS.keyVaultUrl!;


function writeEnvFile(content: string): string {
  const file = path.join(tempDir(), '.env');
  fs.writeFileSync(file, content);
  return file;
}

describe('.env parsing', () => {
  test('reads the lines the workshop writes', () => {
    expect(parseDotEnv([
      'RG_NAME="myResourceGroup"',
      "LOCATION='eastus'",
      '# a comment',
      '',
      'export SERVICE_ACCOUNT_NAME=workload-identity-sa # trailing comment',
      `AKV_URL="${AKV_URL}"`,
    ].join('\n'))).toEqual({
      RG_NAME: 'myResourceGroup', LOCATION: 'eastus', SERVICE_ACCOUNT_NAME: 'workload-identity-sa', AKV_URL,
    });
  });

  test.each([
    ['a byte order mark and Windows line ends', '\uFEFFA=1\r\nB="2"\r\n', { A: '1', B: '2' }],
    ['a comment after a quoted value', 'A="x # not a comment" # a comment', { A: 'x # not a comment' }],
    ['escapes in double quotes only', 'A="a\\nb\\"c"\nB=\'a\\nb\'', { A: 'a\nb"c', B: 'a\\nb' }],
    ['a double-quoted value over two lines', 'A="line 1\nline 2"\nB=3', { A: 'line 1\nline 2', B: '3' }],
    ['backquotes', 'A=`x y`', { A: 'x y' }],
    ['an empty value', 'A=\nB=""', { A: '', B: '' }],
    ['spaces around =', 'A = b', { A: 'b' }],
    ['a later line wins', 'A=1\nA=2', { A: '2' }],
    ['no expansion', 'A="$(az identity show)"\nB=${HOME}', { A: '$(az identity show)', B: '${HOME}' }],
  ])('%s', (_what, text, expected) => {
    expect(parseDotEnv(text)).toEqual(expected);
  });

  // A line's text is never shown (it may hold a secret): lines are named by number, and by key where one is sure.
  test.each([
    ['a line that is not KEY=value', 'A=1\nnot a variable line\nB=2', 'line 2: no "=" (a line is KEY=value, a # comment or blank)'],
    ['a quote that never closes', 'A=1\nB="open\nC=3', 'line 2: the " quote of B is never closed'],
    ['text after the closing quote', 'A="x"y', 'line 1: text follows the closing " quote of A; only a # comment may'],
    ['text after a quote closed lines later', 'A="x\ny"z', 'line 2: text follows the closing " quote of A, opened on line 1 (is a quote left open there?); only a # comment may'],
    ['a key that is not a name', '1A=x', 'line 1: the name before "=" is not a variable name (letters, digits and _, not starting with a digit)'],
  ])('%s is reported with its line', (_what, text, problem) => {
    expect(() => parseDotEnv(text, '.env')).toThrow(DotEnvError);
    expect(() => parseDotEnv(text, '.env')).toThrow(`.env has lines that are not KEY=value:\n  ${problem}\n  (line texts are not shown: they may hold secrets)`);
  });

  test('every bad line is listed, in order, one problem a line', () => {
    const text = 'A=1\nbad one\n2B=x\nC="x"y\nD=4\n"open';
    expect(() => parseDotEnv(text, '.env')).toThrow(new DotEnvError([
      { line: 2, message: 'no "=" (a line is KEY=value, a # comment or blank)' },
      { line: 3, message: 'the name before "=" is not a variable name (letters, digits and _, not starting with a digit)' },
      { line: 4, message: 'text follows the closing " quote of C; only a # comment may' },
      { line: 6, message: 'no "=" (a line is KEY=value, a # comment or blank)' },
    ], '.env').message);
  });

  test('a line without "=" is named by its key only when it starts with a variable the caller reads', () => {
    const read = (text: string) => () => parseDotEnv(text, '.env', { knownKeys: ['RABBITMQ_PASSWORD'] });
    expect(read('RABBITMQ_PASSWORD hunter2')).toThrow('line 1: RABBITMQ_PASSWORD is not followed by "=" (write RABBITMQ_PASSWORD=value)');
    expect(read('RABBITMQ_PASSWORD: hunter2')).toThrow('line 1: RABBITMQ_PASSWORD is not followed by "="');
    expect(read('export RABBITMQ_PASSWORD')).toThrow('line 1: RABBITMQ_PASSWORD is not followed by "="');
    expect(read('OTHER_SETTING hunter2')).toThrow('line 1: no "="');
    expect(read('RABBITMQ_PASSWORDhunter2')).toThrow('line 1: no "="');
  });

  test('a quoted value that takes in a line setting a known variable is an error naming both, by line', () => {
    const text = 'AKV_URL="https://kv.vault.azure.net/\nRABBITMQ_PASSWORD=hunter2"\n';
    expect(parseDotEnv(text)).toEqual({ AKV_URL: 'https://kv.vault.azure.net/\nRABBITMQ_PASSWORD=hunter2' });
    expect(() => parseDotEnv(text, '.env', { knownKeys: ['RABBITMQ_PASSWORD'] })).toThrow(
      'line 1: the " quote of AKV_URL is not closed on its line, so its value takes in line 2, which sets RABBITMQ_PASSWORD: close the quote on line 1');
  });

  test('text of which no line is KEY=value is not a .env file, reported by line numbers', () => {
    expect(() => parseDotEnv('apiVersion: v1\nkind: Secret\n\n# x\nstringData:\n  password: hunter2\n', 'secret.yaml'))
      .toThrow('secret.yaml is not a .env file: none of its lines is KEY=value (lines 1-2, 5-6 are not) (line texts are not shown: they may hold secrets)');
  });

  test('more than 20 bad lines: the rest are summed up by line numbers', () => {
    const text = ['A=1', ...Array.from({ length: 25 }, (_, i) => `bad ${i}`)].join('\n');
    expect(() => parseDotEnv(text, '.env')).toThrow('  line 21: no "="');
    expect(() => parseDotEnv(text, '.env')).toThrow('  and 5 more: lines 22-26\n');
  });

  test('bytes are read as UTF-8: a byte order mark and CRLF are dropped, a line that is not UTF-8 is named with its key', () => {
    const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    expect(parseDotEnv(bytes([0xef, 0xbb, 0xbf], 'A=1\r\nB="\u00e9 \ufeff"\r\n'))).toEqual({ A: '1', B: '\u00e9 \ufeff' });
    expect(() => parseDotEnv(bytes('A=1\nRABBITMQ_PASSWORD=pa', [0xff], 'ss\n', [0xc3], '\n'), '.env'))
      .toThrow('.env has lines that are not KEY=value:\n  line 2: the value of RABBITMQ_PASSWORD is not UTF-8 text\n  line 3: not UTF-8 text\n');
  });

  test('parseDotEnvEntries gives the line of each key and the line its value ends on', () => {
    expect(parseDotEnvEntries('# c\nA=1\n\nB="x\ny\nz"\nA=2\n')).toEqual(new Map([
      ['A', { value: '2', line: 7, lastLine: 7 }],
      ['B', { value: 'x\ny\nz', line: 4, lastLine: 6 }],
    ]));
  });
});

describe('readWorkshopSettings', () => {
  test('reads a .env file like the workshop\'s and applies the workshop defaults', () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nAKV_URL="${AKV_URL}"\n`);
    expect(readWorkshopSettings({ env: {}, envFile })).toEqual({
      userAssignedClientId: CLIENT_ID,
      keyVaultUrl: AKV_URL,
      serviceAccountNamespace: 'default',
      serviceAccountName: 'workload-identity-sa',
      keyVaultSecretName: 'my-secret',
      placementApiVersion: 'v1beta1',
    });
  });

  test('the environment wins over the file, and AKS_LABS_ENV_FILE names the file', () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nSERVICE_ACCOUNT_NAME=from-file\n`);
    expect(readWorkshopSettings({ env: { AKS_LABS_ENV_FILE: envFile, SERVICE_ACCOUNT_NAME: 'from-env' } })).toMatchObject({
      userAssignedClientId: CLIENT_ID, serviceAccountName: 'from-env',
    });
  });

  test('unset values stay unset', () => {
    expect(readWorkshopSettings({ env: {} })).toEqual({
      serviceAccountNamespace: 'default', serviceAccountName: 'workload-identity-sa', keyVaultSecretName: 'my-secret', placementApiVersion: 'v1beta1',
    });
  });

  test.each([
    ['USER_ASSIGNED_CLIENT_ID', 'not-a-guid', 'a GUID'],
    ['AKV_URL', 'https://kv.example.com/', 'https://<vault-name>.vault.azure.net/'],
    ['AKV_URL', 'http://kv-akslabs-42.vault.azure.net/', 'https://<vault-name>.vault.azure.net/'],
    ['SERVICE_ACCOUNT_NAMESPACE', 'Default', 'a namespace name'],
  ])('a malformed %s is refused', (variable, value, expected) => {
    const read = () => readWorkshopSettings({ env: { [variable]: value } });
    expect(read).toThrow(InvalidSettingError);
    expect(read).toThrow(`${variable}=${JSON.stringify(value)} (from the environment) is not valid: expected ${expected}`);
  });

  test('a malformed value in the file names the file and the line', () => {
    const envFile = writeEnvFile('# ids\nUSER_ASSIGNED_CLIENT_ID="1234"\n');
    expect(() => readWorkshopSettings({ env: {}, envFile })).toThrow(`USER_ASSIGNED_CLIENT_ID="1234" (from ${envFile}, line 2) is not valid`);
  });

  test('a value over several lines (a quote left open) is not shown: the lines may be others\' values', () => {
    const envFile = writeEnvFile('AKV_URL="https://kv.vault.azure.net/\nsomething else"\n');
    expect(() => readWorkshopSettings({ env: {}, envFile })).toThrow(`AKV_URL=(not shown) (from ${envFile}, lines 1-2) is not valid: `
      + 'it goes on over lines 1-2 (is its closing quote missing?); expected https://<vault-name>.vault.azure.net/');
  });

  test('a .env path that does not exist, or is a folder, is bad input', () => {
    expect(() => readWorkshopSettings({ env: {}, envFile: '/nonexistent/.env' })).toThrow(new SettingsError('the .env file /nonexistent/.env does not exist'));
    const folder = tempDir();
    expect(() => readWorkshopSettings({ env: {}, envFile: folder })).toThrow(new SettingsError(`the .env file ${folder} is not a file`));
  });
});

describe('synthesizeWorkshop and settings', () => {
  test('without identity settings the identity bundle is skipped and the others are written', () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = synthesizeWorkshop({ outdir, settings: readWorkshopSettings({ env: {} }) });
    expect(result.skipped.map((s) => [s.section.id, s.missing.map((m) => m.variable)])).toEqual([['05-identity', ['USER_ASSIGNED_CLIENT_ID', 'AKV_URL']]]);
    const written = outputFiles(outdir);
    expect(written).not.toContain('05-identity.k8s.yaml');
    expect(written).toEqual(expect.arrayContaining(['01-store.k8s.yaml', '06-observability.k8s.yaml', 'fleet-hub/07-fleet.k8s.yaml', 'kustomization.yaml']));
  });

  test('with the settings it is written', () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = synthesizeWorkshop({ outdir, settings: SAMPLE_SETTINGS, only: ['05-identity'] });
    expect(result.files.map((f) => f.fileName)).toEqual(['05-identity.k8s.yaml']);
    expect(outputFiles(outdir)).toEqual(['05-identity.k8s.yaml', 'kustomization.yaml']);
  });

  test('asking for the section by name without its settings fails, naming the variables and steps', () => {
    const outdir = path.join(tempDir(), 'dist');
    expect(() => synthesizeWorkshop({ outdir, settings: {}, only: ['05-identity'] })).toThrow(
      /section 05-identity \(Workload Identity\) needs settings that are not set:\n {2}USER_ASSIGNED_CLIENT_ID: set by the workshop step "Workload Identity > Create a Managed Identity/);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('an unknown section id is an error listing the sections', () => {
    expect(() => synthesizeWorkshop({ outdir: path.join(tempDir(), 'dist'), only: ['09-ai'] }))
      .toThrow('unknown section 09-ai: the sections are 01-store, 02-networking, 03-mesh, 04-storage, 05-identity, 06-observability, 07-fleet');
  });
});

describe('the command line', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const cwd = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(['synth', '--out', path.join(cwd, 'dist'), ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { status, stdout: out.join(''), stderr: err.join(''), files: outputFiles(path.join(cwd, 'dist')) };
  };

  test('warns and succeeds without the identity settings', async () => {
    const { status, stderr, files } = await run([]);
    expect(status).toBe(0);
    expect(stderr).toContain('warning: skipped section 05-identity');
    expect(stderr).toContain('USER_ASSIGNED_CLIENT_ID');
    expect(files).not.toContain('05-identity.k8s.yaml');
    expect(files).toContain('01-store.k8s.yaml');
  });

  test('--settings and --section write just that bundle', async () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nAKV_URL="${AKV_URL}"\n`);
    const { status, stderr, files } = await run(['--settings', envFile, '--section', '05-identity']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files).toEqual(['05-identity.k8s.yaml', 'kustomization.yaml']);
  });

  test('AKS_LABS_SECTIONS asking for identity without settings is bad input (exit 2) and writes nothing', async () => {
    const { status, stderr, files } = await run([], { AKS_LABS_SECTIONS: '05-identity' });
    expect(status).toBe(2);
    expect(stderr).toContain('AKV_URL: set by the workshop step');
    expect(files).toEqual([]);
  });

  test('a malformed value is bad input (exit 2)', async () => {
    const { status, stderr } = await run([], { USER_ASSIGNED_CLIENT_ID: 'abc' });
    expect(status).toBe(2);
    expect(stderr).toContain('USER_ASSIGNED_CLIENT_ID="abc" (from the environment) is not valid');
  });

  test('a .env line that cannot be read is bad input (exit 2), naming the line', async () => {
    const envFile = writeEnvFile('AKV_URL="https://x.vault.azure.net/\n');
    const { status, stderr } = await run(['--settings', envFile]);
    expect(status).toBe(2);
    expect(stderr).toContain(`${envFile} has lines that are not KEY=value:\n  line 1: the " quote of AKV_URL is never closed`);
  });

  test.each([
    [['--sections', 'x'], "synth: Unknown option '--sections' (see aks-labs-cdk8s synth --help)"],
    [['--section'], "synth: Option '--section <value>' argument missing (see aks-labs-cdk8s synth --help)"],
    [['--section', '--settings', 'x'], "synth: Option '--section' argument is ambiguous (see aks-labs-cdk8s synth --help)"],
    [['--section='], 'synth: --section needs a value, not an empty one (see aks-labs-cdk8s synth --help)'],
    [['--section', 'a,,b'], 'synth: --section needs a value, not an empty one (see aks-labs-cdk8s synth --help)'],
    [['stray'], "synth: Unexpected argument 'stray'"],
    [['--env-file', 'x'], "synth: Unknown option '--env-file'"],
  ])('%j is refused with exit code 2', async (args, message) => {
    const { status, stderr, files } = await run(args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(files).toEqual([]);
  });

  test('an unknown section is bad input (exit 2), naming the sections', async () => {
    const { status, stderr } = await run(['--section', '09-ai']);
    expect(status).toBe(2);
    expect(stderr).toContain(`synth: --section names unknown deep-dives section 09-ai: the deep-dives sections are ${WORKSHOP_SECTIONS.map((s) => s.id).join(', ')}`);
  });

  test('--help, --version and no command', async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {} } };
    };
    const help = io();
    expect(await runCli(['synth', '--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('Usage: aks-labs-cdk8s synth [options]');
    const main = io();
    expect(await runCli(['--help'], main.io)).toBe(0);
    expect(main.out.join('')).toContain('Commands:\n  synth');
    const version = io();
    expect(await runCli(['--version'], version.io)).toBe(0);
    expect(version.out.join('')).toMatch(/^\d+\.\d+\.\d+/);
    const none = io();
    expect(await runCli([], none.io)).toBe(2);
    expect(none.err.join('')).toContain('Usage: aks-labs-cdk8s <command>');
    const unknown = io();
    expect(await runCli(['deploy'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain('unknown command "deploy": the commands are synth');
  });

  test('the command runs as a process (the cdk8s app of cdk8s.yaml)', async () => {
    const cwd = tempDir();
    const result = spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(__dirname, '..', 'src', 'cli', 'main.ts'), 'synth', '--section', '01-store'], {
      cwd, encoding: 'utf8', env: { PATH: process.env.PATH!, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(outputFiles(path.join(cwd, 'dist'))).toEqual(['01-store.k8s.yaml', 'claims/01-store.claims.yaml', 'kustomization.yaml']);
  }, 60_000);
});
