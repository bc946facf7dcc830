import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { AksStore, parseManifestYaml, PROFILES, readWorkshopSettings, ReplicatedMysql, synthesizeManifests, synthesizeWorkshop, WORKSHOP_EDITIONS } from '../src';
import { describeWithGoYaml, readManyWithGoYaml } from './support/go-yaml';
import { SAMPLE_SETTINGS } from './support/synth';
import { outputFiles, tempDir } from './support/temp';

// Every file the synth writes, read the way kubectl reads it (go-yaml v2 through
// sigs.k8s.io/yaml), must give exactly the objects that were synthesized, credentials with
// characters YAML cannot carry as they are included.

/** Characters YAML cannot carry as they are (see test/go-yaml-reader.test.ts), each in a credential. */
const TRICKY = {
  del: 'pa\x7fss',
  c1: 'pa\x80\x9fss',
  nel: 'pa\u0085ss',
  lineSeparator: 'pa\u2028ss',
  paragraphSeparator: 'pa\u2029ss',
  bom: '\ufeffpass',
  nonCharacters: 'pa\ufffe\uffffss',
  c0: 'pa\x01\x07\x1bss',
  tab: '\tpass',
  nbsp: 'pa\u00a0ss',
  emoji: 'pa🙂ss',
  number: '0o17',
  spaces: ' pass ',
};

/** Every setting, the credentials as the environment gives them: through `readWorkshopSettings`, which checks them. */
function allSettings(username: string, password: string, mysqlRootPassword: string) {
  return readWorkshopSettings({
    env: {
      USER_ASSIGNED_CLIENT_ID: SAMPLE_SETTINGS.userAssignedClientId,
      AKV_URL: SAMPLE_SETTINGS.keyVaultUrl,
      KEYVAULT_URL: 'https://kv-advanced-7.vault.azure.net/',
      KEYVAULT_SECRET_NAME: 'my-secret',
      FLEET_PLACEMENT_API_VERSION: 'v1beta1',
      SERVICE_ACCOUNT_NAMESPACE: 'default',
      SERVICE_ACCOUNT_NAME: 'workload-identity-sa',
      RABBITMQ_USERNAME: username,
      RABBITMQ_PASSWORD: password,
      MYSQL_ROOT_PASSWORD: mysqlRootPassword,
    },
  });
}

describeWithGoYaml('kubectl reads every bundle as synthesized (go-yaml)', () => {
  const cases = WORKSHOP_EDITIONS.flatMap((workshop) => PROFILES.map((profile) => [workshop, profile] as const));

  test.each(cases)('%s, %s profile, every setting given, credentials with tricky characters', (workshop, profile) => {
    const outdir = path.join(tempDir(), 'dist');
    const settings = allSettings(TRICKY.lineSeparator + TRICKY.bom, Object.values(TRICKY).join(''), `${TRICKY.nel}${TRICKY.del}${TRICKY.c1}`);
    const result = synthesizeWorkshop({ outdir, workshop, profile, settings });
    expect(result.skipped).toEqual([]);
    const files = outputFiles(outdir).filter((file) => /\.ya?ml$/.test(file));
    const texts = files.map((file) => fs.readFileSync(path.join(outdir, file), 'utf8'));
    const read = readManyWithGoYaml(texts);
    const synthesized = new Map(result.files.map((f) => [f.fileName, f.objects]));
    expect(result.files.length).toBeGreaterThan(3);
    expect(files).toEqual(expect.arrayContaining(result.files.map((f) => f.fileName)));
    files.forEach((file, i) => {
      const documents = read[i].filter((d) => !('empty' in d));
      // Bundles: the objects synthesized; kustomizations and claims: what the yaml library reads as YAML 1.1.
      const objects = synthesized.get(file) ?? parseManifestYaml(texts[i], file);
      expect({ file, documents }).toEqual({ file, documents: objects.map((o) => ({ json: JSON.parse(JSON.stringify(o)) })) });
    });
    const secrets = read.flat().flatMap((d) => ('json' in d && (d.json as any)?.kind === 'Secret' ? [(d.json as any).stringData] : []));
    if (profile === 'hardened') {
      expect(secrets.length).toBeGreaterThan(0);
      for (const stringData of secrets) {
        if ('username' in stringData) expect(stringData).toEqual({ username: settings.rabbitmqUsername, password: settings.rabbitmqPassword });
        else expect(stringData).toEqual({ password: settings.mysqlRootPassword });
      }
    } else {
      expect(secrets).toEqual([]);
    }
  });

  test('each tricky credential reaches the Secret as it was given, through the constructs', () => {
    const app = new App({ outdir: 'unused' });
    const entries = Object.entries(TRICKY);
    entries.forEach(([name, value], i) => {
      const chart = new Chart(app, `c${i}-${name.toLowerCase()}`);
      new AksStore(chart, 'store', { namespace: `shop-${i}`, profile: 'hardened', rabbitmqCredentials: { values: { username: value, password: `${value}${value}` } } });
      new ReplicatedMysql(chart, 'mysql', { profile: 'hardened', rootPassword: { values: { password: value } } });
    });
    const files = synthesizeManifests(app);
    const read = readManyWithGoYaml(files.map((f) => f.yaml));
    files.forEach((file, i) => {
      const [, value] = entries[i];
      expect(read[i]).toEqual(file.objects.map((o) => ({ json: JSON.parse(JSON.stringify(o)) })));
      const secrets = read[i].flatMap((d) => ('json' in d && (d.json as any).kind === 'Secret' ? [(d.json as any).stringData] : []));
      expect({ file: file.fileName, secrets }).toEqual({ file: file.fileName, secrets: [{ username: value, password: `${value}${value}` }, { password: value }] });
    });
  });

  test.each([
    ['U+0085, which go-yaml folded to a space', 'pa\u0085ss'],
    ['DEL, for which go-yaml refused the whole bundle', 'pa\x7fss'],
  ])('a password with %s, from a .env file, is the password kubectl reads', (_what, password) => {
    const cwd = tempDir();
    const envFile = path.join(cwd, '.env');
    fs.writeFileSync(envFile, `RABBITMQ_USERNAME="shop"\nRABBITMQ_PASSWORD="${password}"\n`);
    const outdir = path.join(cwd, 'dist');
    synthesizeWorkshop({ outdir, profile: 'hardened', only: ['01-store'], settings: readWorkshopSettings({ env: {}, envFile }) });
    const [documents] = readManyWithGoYaml([fs.readFileSync(path.join(outdir, '01-store.k8s.yaml'))]);
    const secret = documents.map((d) => ('json' in d ? d.json as any : d)).find((o) => o?.kind === 'Secret' || 'error' in o);
    expect(secret).toMatchObject({ stringData: { username: 'shop', password } });
  });
});
