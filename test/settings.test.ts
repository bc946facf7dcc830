import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { InvalidSettingError, parseDotEnv, readWorkshopSettings, synthesizeWorkshop } from '../src';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';

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
      'not a variable line',
    ].join('\n'))).toEqual({
      RG_NAME: 'myResourceGroup', LOCATION: 'eastus', SERVICE_ACCOUNT_NAME: 'workload-identity-sa', AKV_URL,
    });
  });
});

describe('readWorkshopSettings', () => {
  test('reads a .env file like the workshop\'s and applies the workshop defaults', () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nAKV_URL="${AKV_URL}"\n`);
    expect(readWorkshopSettings({ env: {}, envFile })).toEqual({
      userAssignedClientId: CLIENT_ID, keyVaultUrl: AKV_URL, serviceAccountNamespace: 'default', serviceAccountName: 'workload-identity-sa',
    });
  });

  test('the environment wins over the file, and AKS_LABS_ENV_FILE names the file', () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nSERVICE_ACCOUNT_NAME=from-file\n`);
    expect(readWorkshopSettings({ env: { AKS_LABS_ENV_FILE: envFile, SERVICE_ACCOUNT_NAME: 'from-env' } })).toMatchObject({
      userAssignedClientId: CLIENT_ID, serviceAccountName: 'from-env',
    });
  });

  test('unset values stay unset', () => {
    expect(readWorkshopSettings({ env: {} })).toEqual({ serviceAccountNamespace: 'default', serviceAccountName: 'workload-identity-sa' });
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

  test('a malformed value in the file names the file', () => {
    const envFile = writeEnvFile('USER_ASSIGNED_CLIENT_ID="1234"\n');
    expect(() => readWorkshopSettings({ env: {}, envFile })).toThrow(`USER_ASSIGNED_CLIENT_ID="1234" (from ${envFile}) is not valid`);
  });

  test('a .env path that does not exist is an error', () => {
    expect(() => readWorkshopSettings({ env: {}, envFile: '/nonexistent/.env' })).toThrow('the .env file /nonexistent/.env does not exist');
  });
});

describe('synthesizeWorkshop and settings', () => {
  test('without identity settings the identity bundle is skipped and the others are written', () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = synthesizeWorkshop({ outdir, settings: readWorkshopSettings({ env: {} }) });
    expect(result.skipped.map((s) => [s.section.id, s.missing.map((m) => m.variable)])).toEqual([['05-identity', ['USER_ASSIGNED_CLIENT_ID', 'AKV_URL']]]);
    const written = outputFiles(outdir);
    expect(written).not.toContain('05-identity.k8s.yaml');
    expect(written).toEqual(expect.arrayContaining(['01-store.k8s.yaml', '06-observability.k8s.yaml', '07-fleet.k8s.yaml']));
  });

  test('with the settings it is written', () => {
    const outdir = path.join(tempDir(), 'dist');
    const result = synthesizeWorkshop({ outdir, settings: SAMPLE_SETTINGS, only: ['05-identity'] });
    expect(result.files.map((f) => f.fileName)).toEqual(['05-identity.k8s.yaml']);
    expect(outputFiles(outdir)).toEqual(['05-identity.k8s.yaml']);
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

describe('the app from the command line', () => {
  const main = path.join(__dirname, '..', 'src', 'main.ts');
  const run = (args: string[], env: Record<string, string>) => {
    const cwd = tempDir();
    const result = spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), main, ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH!, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json'), CDK8S_OUTDIR: path.join(cwd, 'dist'), ...env },
    });
    const files = outputFiles(path.join(cwd, 'dist'));
    return { status: result.status, stderr: result.stderr, files };
  };

  test('warns and succeeds without the identity settings', () => {
    const { status, stderr, files } = run([], {});
    expect(status).toBe(0);
    expect(stderr).toContain('warning: skipped section 05-identity');
    expect(stderr).toContain('USER_ASSIGNED_CLIENT_ID');
    expect(files).not.toContain('05-identity.k8s.yaml');
    expect(files).toContain('01-store.k8s.yaml');
  }, 60_000);

  test('--env-file and --section write just that bundle', () => {
    const envFile = writeEnvFile(`USER_ASSIGNED_CLIENT_ID="${CLIENT_ID}"\nAKV_URL="${AKV_URL}"\n`);
    const { status, stderr, files } = run(['--env-file', envFile, '--section', '05-identity'], {});
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(files).toEqual(['05-identity.k8s.yaml']);
  }, 60_000);

  test('AKS_LABS_SECTIONS asking for identity without settings fails and writes nothing', () => {
    const { status, stderr, files } = run([], { AKS_LABS_SECTIONS: '05-identity' });
    expect(status).toBe(1);
    expect(stderr).toContain('AKV_URL: set by the workshop step');
    expect(files).toEqual([]);
  }, 60_000);

  test('a malformed value fails the run', () => {
    const { status, stderr } = run([], { USER_ASSIGNED_CLIENT_ID: 'abc' });
    expect(status).toBe(1);
    expect(stderr).toContain('USER_ASSIGNED_CLIENT_ID="abc" (from the environment) is not valid');
  }, 60_000);

  test('an unknown argument is refused', () => {
    expect(run(['--sections', 'x'], {}).stderr).toContain('unknown argument --sections');
  }, 60_000);
});
