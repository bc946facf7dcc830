import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SHARED_DIR } from './support/shared';
import { tempDir } from './support/temp';
import { runCli } from '../src/cli/run';

async function verify(args: string[], cwd?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const resolved = cwd === undefined ? args : args.map((a) => (a.startsWith('-') || !fs.existsSync(path.join(cwd, a)) ? a : path.join(cwd, a)));
  const status = await runCli(['verify', ...resolved], { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

describe('aks-labs-cdk8s verify', () => {
  const dir = tempDir('aks-labs-verify-');
  const dist = path.join(dir, 'dist');
  beforeAll(async () => {
    const out: string[] = [];
    expect(await runCli(['synth', '--out', dist], { out: (t) => out.push(t), err: () => undefined, env: {} })).toBe(0);
  });
  const inDist = (file: string) => path.join(dist, file);

  test('exits 0 when every shipped claim holds on the end state', async () => {
    const result = await verify([dist, '--claims', inDist('claims/08-secure-store.claims.yaml'), '--claims', inDist('claims/04-storage.claims.yaml')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('holds  gateway-serves-store-front: world through the external ingress gateway -> Host the gateway IP / port 80: allowed');
    expect(result.stdout).toContain('all 16 claims hold');
  });

  test('exits 1 when a claim does not hold, with the reasons of each failing claim', async () => {
    const files = ['01-store.k8s.yaml', 'steps/02-networking.step1-network-policy.k8s.yaml'].map(inDist);
    const result = await verify([...files, '--claims', inDist('claims/steps/02-networking.step1-network-policy.claims.yaml')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAILS  order-service-reaches-rabbitmq: pods app=order-service in pets -> rabbitmq (Service pets/rabbitmq) port 5672: expected allowed, but blocked\n'
      + '    - lookup of rabbitmq fails at rabbitmq.pets.svc.cluster.local ("bad address")');
    expect(result.stdout).toContain('4 of 8 claims do not hold');
  });

  test('--format json prints each claim with its verdict and reasons', async () => {
    const result = await verify([inDist('03-mesh.k8s.yaml'), '--claims', inDist('claims/03-mesh.claims.yaml'), '--format', 'json']);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ version: 2, summary: { claims: parsed.claims.length, failing: 0, unknown: 0 } });
    expect(parsed.claims.map((r: any) => [r.id, r.expect, r.actual, r.holds])).toContainEqual(['curl-outside-mesh-refused', 'blocked', 'blocked', true]);
    expect(parsed.claims[0].reasons[parsed.claims[0].reasons.length - 1]).toEqual({
      check: 'mtls',
      outcome: 'blocked',
      text: 'plaintext from default/curl-deployment (no sidecar: namespace default has no istio.io/rev label) is refused by pets/store-front\'s sidecar: STRICT by PeerAuthentication pets/pets-default (connection reset by peer)',
    });
  });

  test.each([['svg', '<svg'], ['dot', 'digraph flows {'], ['mmd', 'flowchart LR']])('--graph writes .%s', async (extension, start) => {
    const file = path.join(dir, `flows.${extension}`);
    const failing = path.join(dir, 'failing.yaml');
    fs.writeFileSync(failing, '- id: world-reaches-orders\n  from: world\n  to: { service: order-service, namespace: pets, port: 3000 }\n  expect: allowed\n');
    const result = await verify([inDist('08-secure-store.k8s.yaml'), '--claims', failing, '--graph', file]);
    expect(result.status).toBe(1);
    const text = fs.readFileSync(file, 'utf8').replace(/&#45;/g, '-');
    expect(text).toContain(start);
    expect(text).toContain('world-reaches-orders: expected allowed, blocked');
    expect(text).toContain('d93025');
    expect(text).toContain('store-front');
  });

  test('the picture of the secure store shows the gateway route and the sidecars reaching istiod', async () => {
    const file = path.join(dir, 'secure.dot');
    await verify([inDist('08-secure-store.k8s.yaml'), '--graph', file]);
    const dot = fs.readFileSync(file, 'utf8');
    expect(dot).toContain('"aks-istio-ingress/aks-istio-ingressgateway-external-asm-1-22" -> "pets/store-front" [label="Host 203.0.113.10 → 80 (mTLS)"');
    expect(dot).toContain('"pets/rabbitmq" -> "aks-istio-system/istiod-asm-1-22" [label="15012/TCP"');
    expect(dot).toContain('"pets/order-service" -> "pets/rabbitmq" [label="5672/TCP (mTLS)"');
    expect(dot).not.toContain('"pets/store-front" -> "pets/rabbitmq"');
  });

  test("the README's picture is what verify draws for the secure store today", async () => {
    const svg = path.join(dir, 'picture.svg');
    const cwd = process.cwd();
    process.chdir(dist);
    try {
      await verify(['08-secure-store.k8s.yaml', '--claims', 'claims/08-secure-store.claims.yaml', '--graph', svg]);
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readFileSync(svg, 'utf8')).toBe(fs.readFileSync(path.join(__dirname, '..', 'docs', 'secure-store-flows.svg'), 'utf8'));
  });

  test.each([
    [[], 'verify: the command line names no manifest files or folders to check'],
    [['nope/'], 'verify: nope/: no such file or folder'],
    [['DIST', '--claims', 'nope.yaml'], 'verify: nope.yaml: no such file or folder'],
    [['DIST', '--format', 'xml'], 'verify: --format must be one of text, json, not "xml"'],
    [['DIST', '--graph', 'flows.png'], 'verify: --graph must end in .svg, .dot, .mmd, not "flows.png"'],
    [['DIST', '--istio-revision', '1.22'], 'verify: --istio-revision must be an add-on revision such as asm-1-22'],
    [['DIST', '--namespace', 'Pets'], 'verify: --namespace must be a namespace name'],
    [['DIST', '--claim', 'x'], "verify: Unknown option '--claim'"],
    [['DIST/01-store.k8s.yaml', '-n', 'default'], '01-store.k8s.yaml:11:3 (document 2, StatefulSet rabbitmq) metadata.namespace: is not the --namespace default'],
  ])('%j exits 2 with a message', async (args, message) => {
    const result = await verify(args.map((a) => a.replace('DIST', dist)));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  test.each([
    ['an invalid metadata.name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n', 'x.yaml:4:3 (document 1) metadata.name: must be an object name'],
    ['a missing kind', 'apiVersion: v1\nmetadata: {name: a}\n', 'x.yaml:1:1 (document 1) kind: is missing'],
    ['a kind that is not a string', 'apiVersion: v1\nmetadata: {name: a}\nkind: [ConfigMap]\n', 'x.yaml:3:1 (document 1) kind: is missing'],
  ])('%s is refused with its line and column', async (_what, text, message) => {
    const file = path.join(dir, 'x.yaml');
    fs.writeFileSync(file, text);
    const result = await verify([file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('a claim id used twice is refused at the second, naming the first with its line', async () => {
    const claim = '- id: a\n  from: world\n  to: { service: store-front, namespace: pets, port: 80 }\n  expect: allowed\n';
    const [first, second] = ['one.yaml', 'two.yaml'].map((name) => path.join(dir, name));
    fs.writeFileSync(first, claim);
    fs.writeFileSync(second, `# the same id again\n${claim}`);
    const result = await verify([dist, '--claims', first, '--claims', second]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${second}:2:3 (claim 1 (a)) id: is used by an earlier claim (${first}, claim 1), whose id is at line 1, column 3`);
  });

  test('a claims file that cannot be read exits 2, naming the claim', async () => {
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, '- id: a\n  from: world\n  to: { service: store-front, namespace: pets, port: 80 }\n  expect: open\n');
    const result = await verify([dist, '--claims', bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`verify: ${bad}:4:3 (document 1, claim 1 (a)) expect: must be one of allowed, blocked`);
  });

  test('runs as a process (from source, as cdk8s.yaml runs it) and exits with the verdict', () => {
    const bin = path.join(__dirname, '..', 'tools', 'run-from-source.js');
    const run = (claims: string) => spawnSync(process.execPath, [bin, 'verify', inDist('03-mesh.k8s.yaml'), '--claims', claims], { encoding: 'utf8' });
    expect(run(inDist('claims/03-mesh.claims.yaml')).status).toBe(0);
    expect(run(inDist('claims/08-secure-store.claims.yaml')).status).toBe(1);
  });

  test('the workshop files fail the claims the README lists', async () => {
    if (!fs.existsSync(path.join(SHARED_DIR, 'upstream'))) return;
    const upstream = ['aks-store-quickstart.workshop-era-afe11f4.yaml', 'acns-network-policy.yaml', 'acns-network-policy-fqdn.yaml',
      'acns-network-policy-chaos.yaml', 'acns-network-policy-allow-store-front-traffic.yaml'].map((f) => path.join(SHARED_DIR, 'upstream', f));
    const result = await verify([...upstream, '-n', 'pets', '--claims', inDist('claims/02-networking.claims.yaml')]);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('FAILS')).map((l) => l.split(':')[0])).toEqual([
      'FAILS  store-front-reaches-order-service', 'FAILS  store-front-reaches-product-service', 'FAILS  order-service-reaches-rabbitmq', 'FAILS  rabbitmq-egress-blocked',
    ]);
  });
});

describe('aks-labs-cdk8s <command>', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
    return { status, stdout: out.join(''), stderr: err.join('') };
  };

  test.each([['constructor'], ['toString'], ['__proto__'], ['help', 'toString'], ['help', 'hasOwnProperty'], ['nope']])(
    '%j: a name that is not a command (own keys only) is a usage error listing the commands', async (...argv) => {
      expect(await run(argv)).toEqual({
        status: 2, stdout: '', stderr: `aks-labs-cdk8s: unknown command ${JSON.stringify(argv[argv.length - 1])}: the commands are synth, verify (see aks-labs-cdk8s --help)\n`,
      });
    });

  test('help <command> prints its help', async () => {
    const result = await run(['help', 'verify']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: aks-labs-cdk8s verify /);
  });
});
