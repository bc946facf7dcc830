import { App, Chart } from 'cdk8s';
import { IDENTITY_SECTION, InvalidPropError, WorkloadIdentityPod, WorkloadIdentitySamples, WorkloadIdentityServiceAccount } from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared } from './support/shared';
import { SAMPLE_SETTINGS, synthObjects, synthSection } from './support/synth';
import { workshopInlineManifests } from './support/workshop';

/** The workshop's inline objects with its `${VAR}` placeholders filled in. */
function substitute(value: any, vars: Record<string, string>): any {
  if (typeof value === 'string') return value.replace(/\$\{([A-Z_]+)\}/g, (whole, name) => vars[name] ?? whole);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, vars), substitute(v, vars)]));
  }
  return value;
}

const ENV = {
  USER_ASSIGNED_CLIENT_ID: SAMPLE_SETTINGS.userAssignedClientId!,
  AKV_URL: SAMPLE_SETTINGS.keyVaultUrl!,
  SERVICE_ACCOUNT_NAMESPACE: 'default',
  SERVICE_ACCOUNT_NAME: 'workload-identity-sa',
  // The Advanced AKS text names the vault URL and secret differently.
  KEYVAULT_URL: SAMPLE_SETTINGS.keyVaultUrl!,
  KEYVAULT_SECRET_NAME: 'my-secret',
};

describeWithShared('identity objects equal the workshop inline YAML with the .env values', () => {
  test.each(['aks-deep-dives.md', 'advanced-aks-day2-operations.md'] as const)('%s', (text) => {
    const inline = workshopInlineManifests(text)
      .map((m) => m.object)
      .filter((o) => o.kind === 'ServiceAccount' || (o.kind === 'Pod' && String(o.metadata.name).startsWith('sample-workload-identity')))
      .map((o) => substitute(o, ENV));
    expect(inline.length).toBeGreaterThanOrEqual(2);
    const [bundle] = synthSection(IDENTITY_SECTION);
    const ours = bundle.objects.filter((o) => inline.some((i) => i.kind === o.kind && i.metadata.name === o.metadata.name));
    expect(ours).toHaveLength(inline.length);
    expect(compareManifests(ours, inline)).toEqual([]);
  });
});

describe('workload identity', () => {
  const [bundle] = synthSection(IDENTITY_SECTION);

  test('every pod runs as the identity\'s ServiceAccount and carries the use label', () => {
    const serviceAccount = bundle.objects.find((o) => o.kind === 'ServiceAccount');
    expect(serviceAccount.metadata.annotations).toEqual({ 'azure.workload.identity/client-id': SAMPLE_SETTINGS.userAssignedClientId });
    const pods = bundle.objects.filter((o) => o.kind === 'Pod');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.spec.serviceAccountName).toBe(serviceAccount.metadata.name);
      expect(pod.metadata.namespace).toBe(serviceAccount.metadata.namespace);
      expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    }
  });

  test('the label is added even when a pod brings its own labels', () => {
    const objects = synthObjects((scope) => {
      const sa = new WorkloadIdentityServiceAccount(scope, 'sa', { clientId: SAMPLE_SETTINGS.userAssignedClientId!, namespace: 'apps', name: 'reader' });
      new WorkloadIdentityPod(scope, 'pod', { name: 'reader', serviceAccount: sa, labels: { app: 'reader' }, containers: [{ name: 'c', image: 'busybox' }] });
      expect(sa.subject).toBe('system:serviceaccount:apps:reader');
    });
    expect(objects[1].metadata).toEqual({ name: 'reader', namespace: 'apps', labels: { 'app': 'reader', 'azure.workload.identity/use': 'true' } });
  });

  test('bad input', () => {
    const chart = () => new Chart(new App(), 'c');
    expect(() => new WorkloadIdentityServiceAccount(chart(), 'sa', { clientId: 'my-identity' }))
      .toThrow('c/sa: invalid clientId "my-identity": must be a GUID');
    const sa = new WorkloadIdentityServiceAccount(chart(), 'sa', { clientId: SAMPLE_SETTINGS.userAssignedClientId! });
    expect(() => new WorkloadIdentitySamples(chart(), 'samples', { serviceAccount: sa, keyVaultUrl: 'https://kv.azure.com' }))
      .toThrow('c/samples: invalid keyVaultUrl "https://kv.azure.com": must be https://<vault-name>.vault.azure.net/');
    expect(() => new WorkloadIdentitySamples(chart(), 'samples', { serviceAccount: sa, keyVaultUrl: SAMPLE_SETTINGS.keyVaultUrl!, secretName: 'my secret' }))
      .toThrow('invalid secretName "my secret"');
    expect(() => new WorkloadIdentityPod(chart(), 'pod', { name: 'p', serviceAccount: sa, containers: [] })).toThrow(InvalidPropError);
  });
});
