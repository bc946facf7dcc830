import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { WorkloadIdentityPod, WorkloadIdentityServiceAccount } from './workload-identity';
import { InvalidPropError } from '../core/invalid-prop-error';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity, RunAsUser } from '../core/profile';
import { IContainerResources } from '../core/resources';
import { isKeyVaultUrl, KnownKeys, requireImage, requireProps } from '../core/validation';

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
   * @default 'ghcr.io/azure/azure-workload-identity/msal-go' (hardened: ':v1.3.0')
   */
  readonly keyVaultReaderImage?: string;
  /**
   * The image of the pod that shows the injected token.
   * @default 'busybox' (hardened: 'busybox:1.37.0')
   */
  readonly busyboxImage?: string;
  /**
   * `workshop` writes the workshop's two pods; `hardened` pins the images and runs them under
   * the `restricted` Pod Security Standard (busybox as `nobody`, msal-go as its image's
   * user 65532), with requests and limits and no Kubernetes API token.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

const SAMPLES_PROPS: KnownKeys<WorkloadIdentitySamplesProps> = {
  serviceAccount: true,
  keyVaultUrl: true,
  secretName: true,
  keyVaultReaderImage: true,
  busyboxImage: true,
  profile: true,
};
const HARDENED_RESOURCES: IContainerResources = {
  cpu: { request: Cpu.millis(5), limit: Cpu.millis(100) },
  memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
};

/**
 * The workshop's two sample pods: `sample-workload-identity` (busybox, to see the injected
 * token) and `sample-workload-identity-key-vault` (msal-go, which reads a secret from Key
 * Vault with the identity; `kubectl logs` shows it).
 */
export class WorkloadIdentitySamples extends Construct {
  constructor(scope: Construct, id: string, props: WorkloadIdentitySamplesProps) {
    super(scope, id);
    requireProps(this, props, "{ serviceAccount, keyVaultUrl: 'https://my-vault.vault.azure.net/' }", SAMPLES_PROPS);
    if (!isKeyVaultUrl(props.keyVaultUrl)) {
      throw new InvalidPropError(this, 'keyVaultUrl', props.keyVaultUrl, 'must be https://<vault-name>.vault.azure.net/');
    }
    const profile = requireProfile(this, 'profile', props.profile);
    const hardened = profile === 'hardened';
    const image = (prop: string, given: string | undefined, workshop: string, pinned: string) =>
      requirePinnedImage(this, prop, requireImage(this, prop, given ?? (hardened ? pinned : workshop)), profile);
    const hardening = (runAs: RunAsUser) => {
      if (!hardened) return { pod: {}, container: {} };
      const security = restrictedSecurity(runAs);
      return {
        pod: { securityContext: security.pod, automountServiceAccountToken: false },
        container: { securityContext: security.container, resources: HARDENED_RESOURCES },
      };
    };
    const busybox = hardening({ user: 65534 });
    new WorkloadIdentityPod(this, 'busybox', {
      name: 'sample-workload-identity',
      serviceAccount: props.serviceAccount,
      containers: [{ image: image('busyboxImage', props.busyboxImage, 'busybox', 'busybox:1.37.0'), name: 'busybox', command: ['sh', '-c', 'sleep 3600'], ...busybox.container }],
      ...busybox.pod,
    });
    const reader = hardening({ user: 65532 });
    new WorkloadIdentityPod(this, 'key-vault', {
      name: 'sample-workload-identity-key-vault',
      serviceAccount: props.serviceAccount,
      ...reader.pod,
      containers: [{
        ...reader.container,
        image: image('keyVaultReaderImage', props.keyVaultReaderImage, 'ghcr.io/azure/azure-workload-identity/msal-go', 'ghcr.io/azure/azure-workload-identity/msal-go:v1.3.0'),
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
