import { Construct } from 'constructs';
import { WorkloadIdentityPod, WorkloadIdentityServiceAccount } from './workload-identity';
import { InvalidPropError } from '../core/invalid-prop-error';
import { isKeyVaultUrl, requireImage, requireProps } from '../core/validation';

/** Props of {@link WorkloadIdentitySamples}. */
export interface WorkloadIdentitySamplesProps {
  /** The identity's ServiceAccount. */
  readonly serviceAccount: WorkloadIdentityServiceAccount;
  /** The Key Vault URI (`AKV_URL`), `https://<vault>.vault.azure.net/`. */
  readonly keyVaultUrl: string;
  /**
   * The secret the sample reads.
   * @default 'my-secret'
   */
  readonly secretName?: string;
  /**
   * The image of the Key Vault reader.
   * @default 'ghcr.io/azure/azure-workload-identity/msal-go'
   */
  readonly keyVaultReaderImage?: string;
}

/**
 * The workshop's two sample pods: `sample-workload-identity` (busybox, to see the injected
 * token) and `sample-workload-identity-key-vault` (msal-go, which reads a secret from Key
 * Vault with the identity; `kubectl logs` shows it).
 */
export class WorkloadIdentitySamples extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadIdentitySamplesProps) {
    super(scope, id);
    requireProps(this, props, "{ serviceAccount, keyVaultUrl: 'https://my-vault.vault.azure.net/' }");
    if (!isKeyVaultUrl(props.keyVaultUrl)) {
      throw new InvalidPropError(this, 'keyVaultUrl', props.keyVaultUrl, 'must be https://<vault-name>.vault.azure.net/');
    }
    new WorkloadIdentityPod(this, 'busybox', {
      name: 'sample-workload-identity',
      serviceAccount: props.serviceAccount,
      containers: [{ image: 'busybox', name: 'busybox', command: ['sh', '-c', 'sleep 3600'] }],
    });
    new WorkloadIdentityPod(this, 'key-vault', {
      name: 'sample-workload-identity-key-vault',
      serviceAccount: props.serviceAccount,
      containers: [{
        image: requireImage(this, 'keyVaultReaderImage', props.keyVaultReaderImage ?? 'ghcr.io/azure/azure-workload-identity/msal-go'),
        name: 'oidc',
        env: [
          { name: 'KEYVAULT_URL', value: props.keyVaultUrl },
          { name: 'SECRET_NAME', value: this.secretName(props.secretName ?? 'my-secret') },
        ],
      }],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
    });
  }

  private secretName(name: string): string {
    if (typeof name !== 'string' || !/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
      throw new InvalidPropError(this, 'secretName', name, "must be a Key Vault secret name: 1 to 127 letters, digits or '-'");
    }
    return name;
  }
}
