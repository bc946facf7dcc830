import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AksStore, InvalidPropError, readWorkshopSettings, ReplicatedMysql, synthesizeCharts, synthesizeWorkshop, writeManifests, writeOutputFolder } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';
import { runCli } from '../src/cli/run';
import { manifestOutputFile } from '../src/output/write-manifests';

// Secrets never appear in messages: each bad input below uses credential values, and every
// message it gives (errors, standard output and error, warnings, construct-metadata.json,
// claims and kustomization files) is kept and scanned for them at the end. Files that hold
// Secrets are written 0600.

/** The credential values used below; no message may hold any of them, or a part of them. */
const SECRETS = {
  password: 'hunter2-Qx7', username: 'uSeR-Kp3', root: 'r00tPw-Zw9', swallowed: 'sw4ll0w3d-Vb2', pem: 'pemKey-Ln8', yaml: 'yamlPw-Tt5', binary: 'binPw-Hh4',
};

/** Every message the suites below produced. */
const messages: Array<{ what: string; text: string }> = [];

function keep(what: string, text: string): string {
  messages.push({ what, text });
  return text;
}

function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs `synth` as the command does; keeps its standard output and error. */
async function synth(what: string, args: string[], env: Record<string, string> = {}) {
  const dir = tempDir();
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(['synth', '--out', path.join(dir, 'dist'), ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env });
  keep(`${what}: stdout`, out.join(''));
  return { status, stderr: keep(`${what}: stderr`, err.join('')), files: outputFiles(path.join(dir, 'dist')) };
}

/** The message of what `run` throws; kept. */
function thrown(what: string, run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    keep(what, (error as Error).message);
    return error as Error;
  }
  throw new Error(`${what}: nothing was thrown`);
}

/** A file's permission bits. */
const modeOf = (file: string) => fs.statSync(file).mode % 0o1000;

/** Whether a mode lets the group or others read. */
const othersRead = (mode: number) => Math.floor(mode / 0o4) % 2 === 1 || Math.floor(mode / 0o40) % 2 === 1;

const PRIVATE_KEY = ['-----BEGIN PRIVATE KEY-----', `MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj${SECRETS.pem}AgEAAoIBAQC7`, 'VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNb==', '-----END PRIVATE KEY-----', ''].join('\n');

describe('a .env file: its lines are named by number and key, never shown', () => {
  test('a line without "=" is named by its line and key, not echoed', async () => {
    const envFile = writeFile('.env', `RABBITMQ_USERNAME=${SECRETS.username}\nRABBITMQ_PASSWORD ${SECRETS.password}\n`);
    const { status, stderr, files } = await synth('no "="', ['--settings', envFile]);
    expect(status).toBe(2);
    expect(stderr).toContain(`${envFile} has lines that are not KEY=value:\n  line 2: RABBITMQ_PASSWORD is not followed by "=" (write RABBITMQ_PASSWORD=value)`);
    expect(files).toEqual([]);
  });

  test('a quote left open that takes in the next line does not print that line\'s secret', async () => {
    const envFile = writeFile('.env', `RABBITMQ_USERNAME="${SECRETS.username}\nRABBITMQ_PASSWORD="${SECRETS.password}"\n`);
    const { status, stderr } = await synth('open quote, next line a setting', ['--settings', envFile]);
    expect(status).toBe(2);
    expect(stderr).toContain('line 1: the " quote of RABBITMQ_USERNAME is not closed on its line, so its value takes in line 2, which sets RABBITMQ_PASSWORD');
  });

  test('a quote left open whose value is then refused does not print the lines it took in', async () => {
    const envFile = writeFile('.env', `AKV_URL="https://kv-akslabs-42.vault.azure.net/\nMY_TOKEN=${SECRETS.swallowed}"\n`);
    const { status, stderr } = await synth('open quote, value refused', ['--settings', envFile]);
    expect(status).toBe(2);
    expect(stderr).toContain(`AKV_URL=(not shown) (from ${envFile}, lines 1-2) is not valid: it goes on over lines 1-2 (is its closing quote missing?)`);
  });

  test('a quote left open and closed lines later by text after it does not print that text', () => {
    const text = `NOTE="a note\nOTHER_TOKEN="${SECRETS.swallowed}"\n`;
    const error = thrown('closed by a later line', () => readWorkshopSettings({ env: {}, envFile: writeFile('.env', text) }));
    expect(error.message).toContain('line 2: text follows the closing " quote of NOTE, opened on line 1 (is a quote left open there?); only a # comment may');
  });

  test.each([
    ['a Secret manifest', 'secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${SECRETS.yaml}\n`, 'lines 1-6 are not'],
    ['a private key', 'id_rsa', PRIVATE_KEY, 'lines 1-4 are not'],
    ['a binary file', 'blob.bin', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0x00]), Buffer.from(`\n${SECRETS.binary}\n`), Buffer.from([0xc3, 0x28])]), 'lines 1-3 are not'],
  ])('--settings naming %s is reported by path and line numbers only', async (what, name, content, lines) => {
    const file = writeFile(name, content);
    const { status, stderr } = await synth(`--settings ${what}`, ['--settings', file]);
    expect(status).toBe(2);
    expect(stderr).toBe(`aks-labs-cdk8s: ${file} is not a .env file: none of its lines is KEY=value (${lines}) (line texts are not shown: they may hold secrets)\n`);
  });

  test('a line that is not UTF-8 is named by its key', async () => {
    const envFile = writeFile('.env', Buffer.concat([Buffer.from(`RABBITMQ_USERNAME=${SECRETS.username}\nRABBITMQ_PASSWORD=${SECRETS.password}`), Buffer.from([0xff]), Buffer.from('\n')]));
    const { status, stderr } = await synth('not UTF-8', ['--settings', envFile]);
    expect(status).toBe(2);
    expect(stderr).toContain('line 2: the value of RABBITMQ_PASSWORD is not UTF-8 text');
  });
});

describe('credential settings: refused by name and rule, never shown', () => {
  test.each([
    ['a line break (from an escape in .env)', 'file', `RABBITMQ_USERNAME=u\nRABBITMQ_PASSWORD="${SECRETS.password}\\nmore"\n`, 'RABBITMQ_PASSWORD=(hidden) (from {file}, line 2) is not valid: it holds a line break (CR or LF); expected a password: non-empty text on one line, of any Unicode characters but NUL, CR and LF'],
    ['a NUL', 'env', { RABBITMQ_USERNAME: 'u', RABBITMQ_PASSWORD: `${SECRETS.password}\0` }, 'RABBITMQ_PASSWORD=(hidden) (from the environment) is not valid: it holds a NUL character; expected a password'],
    ['a carriage return in the user name', 'env', { RABBITMQ_USERNAME: `${SECRETS.username}\r`, RABBITMQ_PASSWORD: 'p' }, 'RABBITMQ_USERNAME=(hidden) (from the environment) is not valid: it holds a line break (CR or LF); expected a user name'],
    ['a quote in the MySQL password', 'env', { MYSQL_ROOT_PASSWORD: `${SECRETS.root}'` }, 'MYSQL_ROOT_PASSWORD=(hidden) (from the environment) is not valid: it holds a quote, $, backquote or backslash; expected a password'],
  ])('%s', async (what, from, given, message) => {
    const file = from === 'file' ? writeFile('.env', given as string) : undefined;
    const { status, stderr } = await synth(what, ['--profile', 'hardened', ...(file ? ['--settings', file] : [])], from === 'env' ? given as Record<string, string> : {});
    expect(status).toBe(2);
    expect(stderr).toContain(message.replace('{file}', file ?? ''));
  });

  test('one of the RabbitMQ pair set without the other is bad input, named', async () => {
    const { status, stderr } = await synth('half a pair', ['--profile', 'hardened', '--section', '01-store'], { RABBITMQ_PASSWORD: SECRETS.password });
    expect(status).toBe(2);
    expect(stderr).toContain('RABBITMQ_PASSWORD is set but RABBITMQ_USERNAME is not: set both RABBITMQ_USERNAME and RABBITMQ_PASSWORD, or neither');
  });
});

describe('credential props: refused with (hidden) for the value', () => {
  const chart = () => new Chart(new App(), 'c');
  test.each([
    ['credentials given as a string', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: SECRETS.password as any }),
      'c/s: invalid rabbitmqCredentials "(hidden)": must be { secretName?, values? } with values for username, password'],
    ['values given as a string', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: SECRETS.password as any } }),
      'c/s: invalid rabbitmqCredentials.values "(hidden)": must be an object with a string for each of username, password'],
    ['a lone surrogate', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: SECRETS.username, password: `${SECRETS.password}\ud800` } } }),
      'c/s: invalid rabbitmqCredentials.values.password "(hidden)": must be a non-empty string on one line, but it holds a lone UTF-16 surrogate'],
    ['a user name on two lines', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: `${SECRETS.username}\n`, password: 'p' } } }),
      'c/s: invalid rabbitmqCredentials.values.username "(hidden)": must be a non-empty string on one line, but it holds a line break (CR or LF); allowed: non-empty text on one line'],
    ['a number', () => new AksStore(chart(), 's', { profile: 'hardened', rabbitmqCredentials: { values: { username: 'u', password: 1234 as any } } }),
      'c/s: invalid rabbitmqCredentials.values.password "(hidden)": must be a non-empty string on one line, but it is a number, not a string'],
    ['the MySQL root password given as a string', () => new ReplicatedMysql(chart(), 'm', { profile: 'hardened', rootPassword: SECRETS.root as any }),
      'c/m/statefulset: invalid rootPassword "(hidden)"'],
  ])('%s', (what, build, message) => {
    const error = thrown(what, build);
    expect(error).toBeInstanceOf(InvalidPropError);
    expect(error.message).toContain(message);
  });
});

describe('a hardened synth with every credential set', () => {
  const previous = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  afterAll(() => {
    if (previous === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = previous;
  });
  const settings = {
    ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/', rabbitmqUsername: SECRETS.username, rabbitmqPassword: SECRETS.password, mysqlRootPassword: SECRETS.root,
  };

  test.each([['deep-dives'], ['advanced-aks']] as const)('%s: construct metadata, claims, kustomizations and warnings hold no credential', async (workshop) => {
    // The command records construct metadata when its environment (or, in older versions, the process's) asks for it.
    process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
    const env = {
      CDK8S_RECORD_CONSTRUCT_METADATA: 'true',
      USER_ASSIGNED_CLIENT_ID: SAMPLE_SETTINGS.userAssignedClientId!,
      AKV_URL: SAMPLE_SETTINGS.keyVaultUrl!,
      KEYVAULT_URL: settings.advancedAksKeyVaultUrl,
      RABBITMQ_USERNAME: SECRETS.username,
      RABBITMQ_PASSWORD: SECRETS.password,
      MYSQL_ROOT_PASSWORD: SECRETS.root,
    };
    const outdir = path.join(tempDir(), 'dist');
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(['synth', '--out', outdir, '--profile', 'hardened', '--workshop', workshop], { out: (t) => out.push(t), err: (t) => err.push(t), env });
    keep(`${workshop}: stdout`, out.join(''));
    keep(`${workshop}: stderr`, err.join(''));
    expect(status).toBe(0);
    const written = outputFiles(outdir);
    expect(written).toContain('construct-metadata.json');
    for (const file of written.filter((f) => !f.endsWith('.k8s.yaml'))) keep(`${workshop}: ${file}`, fs.readFileSync(path.join(outdir, file), 'utf8'));
    // The bundles hold the Secrets, and so the values; nothing else does.
    const holding = written.filter((f) => fs.readFileSync(path.join(outdir, f), 'utf8').includes(SECRETS.password));
    expect(holding.length).toBeGreaterThan(0);
    for (const file of holding) expect({ file, secret: /^kind: Secret$/m.test(fs.readFileSync(path.join(outdir, file), 'utf8')) }).toEqual({ file, secret: true });
  });

  test('writeManifests writes the files holding Secrets 0600, the others as the umask allows', () => {
    const result = synthesizeWorkshop({ outdir: path.join(tempDir(), 'dist'), profile: 'hardened', settings });
    const probe = writeFile('probe', '');
    const dir = path.join(tempDir(), 'out');
    writeManifests(dir, result.files);
    const secret = result.files.filter((f) => f.objects.some((o) => o.apiVersion === 'v1' && o.kind === 'Secret')).map((f) => f.fileName);
    expect(secret).toEqual(expect.arrayContaining(['01-store.k8s.yaml', '04-storage.k8s.yaml', 'steps/04-storage.step3-mysql-statefulset.k8s.yaml']));
    for (const file of result.files) {
      expect({ file: file.fileName, mode: modeOf(path.join(dir, file.fileName)).toString(8) })
        .toEqual({ file: file.fileName, mode: (secret.includes(file.fileName) ? 0o600 : modeOf(probe)).toString(8) });
    }
    expect(othersRead(modeOf(probe))).toBe(true); // the test means something only where others could read
  });

  test('a rewrite carries an unchanged 0600 file over as a link, but rewrites one an older run left readable', () => {
    const result = synthesizeWorkshop({ outdir: path.join(tempDir(), 'dist'), profile: 'hardened', only: ['01-store'], settings });
    const dir = path.join(tempDir(), 'out');
    const bundle = path.join(dir, '01-store.k8s.yaml');
    // An older writer: the same files, no secret flag.
    writeOutputFolder(dir, result.files.map((f) => ({ path: f.fileName, content: f.yaml })));
    const readable = fs.statSync(bundle);
    expect(othersRead(modeOf(bundle))).toBe(true);
    writeManifests(dir, result.files);
    const rewritten = fs.statSync(bundle);
    expect({ mode: (rewritten.mode % 0o1000).toString(8), sameFile: rewritten.ino === readable.ino }).toEqual({ mode: '600', sameFile: false });
    writeManifests(dir, result.files);
    const carried = fs.statSync(bundle);
    expect({ mode: (carried.mode % 0o1000).toString(8), sameFile: carried.ino === rewritten.ino }).toEqual({ mode: '600', sameFile: true });
  });

  test('files written from a generator, and output files marked secret, are 0600 too', () => {
    const app = new App({ outdir: 'unused' });
    new AksStore(new Chart(app, 'store'), 'store', { profile: 'hardened', rabbitmqCredentials: { values: { username: SECRETS.username, password: SECRETS.password } } });
    new AksStore(new Chart(app, 'open'), 'store', { namespace: 'open', profile: 'hardened' });
    const dir = path.join(tempDir(), 'out');
    writeManifests(dir, synthesizeCharts(app));
    expect(modeOf(path.join(dir, 'store.k8s.yaml')).toString(8)).toBe('600');
    expect(othersRead(modeOf(path.join(dir, 'open.k8s.yaml')))).toBe(true);
    const files = [{ path: 'token.txt', content: SECRETS.password, secret: true }, { path: 'readme.txt', content: 'x' }];
    writeOutputFolder(path.join(dir, 'plain'), files);
    expect(modeOf(path.join(dir, 'plain', 'token.txt')).toString(8)).toBe('600');
  });

  test('manifestOutputFile marks a file secret when one of its objects is a v1 Secret', () => {
    const file = (objects: any[]) => ({ fileName: 'x.k8s.yaml', objects, yaml: 'y' });
    expect(manifestOutputFile(file([{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'Secret' }]))).toEqual({ path: 'x.k8s.yaml', content: 'y', secret: true });
    expect(manifestOutputFile(file([{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'example.com/v1', kind: 'Secret' }]))).toEqual({ path: 'x.k8s.yaml', content: 'y' });
  });

  // Enable once src/workshop/workshop-app.ts builds its output with manifestOutputFile.
  test('the command writes the bundles holding Secrets 0600', async () => {
    const cwd = tempDir();
    const envFile = writeFile('.env', `RABBITMQ_USERNAME=${SECRETS.username}\nRABBITMQ_PASSWORD=${SECRETS.password}\nMYSQL_ROOT_PASSWORD=${SECRETS.root}\n`);
    const out = path.join(cwd, 'dist');
    expect(await runCli(['synth', '--out', out, '--profile', 'hardened', '--settings', envFile], { out: () => {}, err: () => {}, env: {} })).toBe(0);
    for (const file of ['01-store.k8s.yaml', '03-mesh.k8s.yaml', '04-storage.k8s.yaml', '08-secure-store.k8s.yaml', 'steps/04-storage.step3-mysql-statefulset.k8s.yaml']) {
      expect({ file, mode: modeOf(path.join(out, file)).toString(8) }).toEqual({ file, mode: '600' });
    }
  });
});

test('no message of the suites above holds a credential value they used', () => {
  expect(messages.length).toBeGreaterThan(30);
  const values = Object.values(SECRETS);
  const leaks = messages.flatMap(({ what, text }) => values.filter((v) => text.includes(v) || text.includes(v.slice(0, 6))).map((v) => `${what}: ${v}`));
  expect(leaks).toEqual([]);
});
