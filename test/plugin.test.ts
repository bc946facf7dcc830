import * as fs from 'fs';
import * as path from 'path';
import { ConnectivityClaimsValidation, ManifestSchemaValidation, synthesizeWorkshop, ValidationPluginContext } from '../src';
import { tempDir } from './support/temp';

function context(manifests: string[]) {
  const violations: any[] = [];
  let submitted: { status: string; metadata?: Readonly<Record<string, string>> } | undefined;
  const ctx: ValidationPluginContext = {
    manifests,
    report: {
      addViolation: (v) => violations.push(v),
      submit: (status, metadata) => { submitted = { status, metadata }; },
    },
  };
  return { ctx, violations, submitted: () => submitted };
}

describe('the cdk8s validation plugin', () => {
  const dir = tempDir('aks-labs-plugin-');
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('passes valid manifests and skips kustomize and claims files', async () => {
    const good = write('good.k8s.yaml', '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n');
    const kustomization = write('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - good.k8s.yaml\n');
    const claims = write('a.claims.yaml', '---\n- id: a\n  from: world\n  to: { service: s, namespace: n, port: 80 }\n  expect: allowed\n');
    const { ctx, violations, submitted } = context([good, kustomization, claims]);
    await new ManifestSchemaValidation().validate(ctx);
    expect(violations).toEqual([]);
    expect(submitted()).toEqual({ status: 'success', metadata: { 'objects': '1', 'invalid': '0', 'files validated when written': '0' } });
  });

  test('reports each invalid object with its fields, for the CLI to name the construct', async () => {
    const bad = write('bad.k8s.yaml', [
      '---',
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: two', '  selector: {}', '  template: {}',
      '---',
      'apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata:', '  name: pa', 'spec:', '  mtls:', '    mode: strict',
      '',
    ].join('\n'));
    const { ctx, violations, submitted } = context([bad]);
    await new ManifestSchemaValidation().validate(ctx);
    const summary = violations.map((v) => [v.ruleName, ...['resourceName', 'manifestPath', 'locations'].map((k) => v.violatingResources[0][k])]);
    expect(summary).toEqual([
      ['schema of apps/v1/Deployment', 'web', bad, ['/spec/replicas must be integer']],
      ['schema of security.istio.io/v1/PeerAuthentication', 'pa', bad, ['/spec/mtls/mode must be one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT", not "strict"']],
    ]);
    expect(submitted()).toEqual({ status: 'failure', metadata: { 'objects': '2', 'invalid': '2', 'files validated when written': '0' } });
  });

  test('trusts files this library validated when it wrote them, but checks them once changed', async () => {
    const outdir = path.join(tempDir('aks-labs-plugin-'), 'dist');
    const { files } = synthesizeWorkshop({ outdir, only: ['03-mesh'] });
    const manifests = files.map((f) => path.join(outdir, f.fileName));
    const first = context(manifests);
    await new ManifestSchemaValidation().validate(first.ctx);
    expect(first.submitted()).toEqual({
      status: 'success',
      metadata: { 'objects': '0', 'invalid': '0', 'files validated when written': String(files.length) },
    });

    const changed = manifests.find((m) => m.endsWith('03-mesh.k8s.yaml'))!;
    fs.writeFileSync(changed, fs.readFileSync(changed, 'utf8').replace('mode: STRICT', 'mode: strict'));
    const second = context(manifests);
    await new ManifestSchemaValidation().validate(second.ctx);
    expect(second.violations.map((v) => [v.violatingResources[0].manifestPath, v.violatingResources[0].locations])).toEqual([
      [changed, ['/spec/mtls/mode must be one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT", not "strict"']],
    ]);
    expect(second.submitted()!.metadata!['files validated when written']).toBe(String(files.length - 1));
  });
});

describe('the claims validation plugin', () => {
  const outdir = path.join(tempDir('aks-labs-plugin-'), 'dist');
  synthesizeWorkshop({ outdir });

  test('passes when every claim holds on the manifests', async () => {
    const { ctx, violations, submitted } = context([]);
    await new ConnectivityClaimsValidation({ manifests: [outdir], claims: [path.join(outdir, 'claims', '08-secure-store.claims.yaml')] }).validate(ctx);
    expect(violations).toEqual([]);
    expect(submitted()).toEqual({ status: 'success', metadata: { 'claims': '14', 'not holding': '0', 'unknown': '0' } });
  });

  test('reports each claim that does not hold, with its reasons', async () => {
    const { ctx, violations, submitted } = context([]);
    const manifests = ['01-store.k8s.yaml', 'steps/02-networking.step1-network-policy.k8s.yaml'].map((f) => path.join(outdir, f));
    await new ConnectivityClaimsValidation({ manifests, claims: [path.join(outdir, 'claims', 'steps', '02-networking.step1-network-policy.claims.yaml')] }).validate(ctx);
    expect(violations.map((v) => v.ruleName)).toContain('claim order-service-reaches-rabbitmq: expected allowed, blocked');
    expect(violations.find((v) => v.violatingResources[0].resourceName === 'order-service-reaches-rabbitmq').violatingResources[0].locations[0])
      .toContain('- lookup of rabbitmq fails at rabbitmq.pets.svc.cluster.local');
    expect(submitted()).toEqual({ status: 'failure', metadata: { 'claims': '8', 'not holding': '4', 'unknown': '0' } });
  });

  test('takes the command\'s cluster options, checked as the command checks them', async () => {
    const claims = [path.join(outdir, 'claims', '08-secure-store.claims.yaml')];
    const { ctx } = context([]);
    await expect(new ConnectivityClaimsValidation({ manifests: [outdir], claims, addresses: { 'api.example.com': 'nowhere' } }).validate(ctx))
      .rejects.toThrow('ConnectivityOptions.addresses["api.example.com"]: must be an IPv4 address');
    await expect(new ConnectivityClaimsValidation({ manifests: [outdir], claims, namespace: 'Not_A_Namespace' }).validate(ctx))
      .rejects.toThrow('ConnectivityOptions.namespace: must be a namespace name');
  });

  test('needs claims files', () => {
    expect(() => new ConnectivityClaimsValidation({} as any)).toThrow('properties.claims must list at least one claims file');
  });
});

