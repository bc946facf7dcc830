import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { WorkloadIdentityContainer, WorkloadIdentityPod, WorkloadIdentityServiceAccount } from './workload-identity';
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
   * the `restricted` Pod Security Standard (busybox as user and group 10007, msal-go as 10008)
   * with read-only root file systems (neither writes files), requests and limits of CPU, memory
   * and ephemeral storage, no Kubernetes API token (the workload identity token is a volume of
   * its own), an `app` label each (so that a network policy can tell them apart), and for
   * busybox probes that the injected token is there. msal-go gets no probe: it serves nothing,
   * and its distroless image has no shell or tool to run one with.
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
  ephemeralStorage: { request: Size.mebibytes(8), limit: Size.mebibytes(64) },
};

/** The workload identity token the webhook mounts into a pod (`AZURE_FEDERATED_TOKEN_FILE`). */
export const WORKLOAD_IDENTITY_TOKEN_FILE = '/var/run/secrets/azure/tokens/azure-identity-token';

/** The names of the two sample pods. */
export const WORKLOAD_IDENTITY_SAMPLE_PODS = { busybox: 'sample-workload-identity', keyVault: 'sample-workload-identity-key-vault' } as const;

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
    const hardening = (runAs: RunAsUser, app: string) => {
      if (!hardened) return { pod: {}, container: {} };
      const security = restrictedSecurity(runAs);
      return {
        pod: { labels: { app }, securityContext: security.pod, automountServiceAccountToken: false },
        container: { securityContext: security.container, resources: HARDENED_RESOURCES },
      };
    };
    const busybox = hardening({ user: 10007, group: 10007, fsGroup: 10007 }, WORKLOAD_IDENTITY_SAMPLE_PODS.busybox);
    // busybox only sleeps: its probes check what the sample is for, the token the webhook injects.
    const tokenProbes: Pick<WorkloadIdentityContainer, 'readinessProbe' | 'livenessProbe'> = hardened ? {
      readinessProbe: { command: ['test', '-s', WORKLOAD_IDENTITY_TOKEN_FILE], periodSeconds: 10 },
      livenessProbe: { command: ['test', '-e', WORKLOAD_IDENTITY_TOKEN_FILE], initialDelaySeconds: 10, periodSeconds: 60, failureThreshold: 3 },
    } : {};
    new WorkloadIdentityPod(this, 'busybox', {
      name: WORKLOAD_IDENTITY_SAMPLE_PODS.busybox,
      serviceAccount: props.serviceAccount,
      containers: [{
        image: image('busyboxImage', props.busyboxImage, 'busybox', 'busybox:1.37.0'), name: 'busybox', command: ['sh', '-c', 'sleep 3600'], ...busybox.container, ...tokenProbes,
      }],
      ...busybox.pod,
    });
    const reader = hardening({ user: 10008, group: 10008, fsGroup: 10008 }, WORKLOAD_IDENTITY_SAMPLE_PODS.keyVault);
    new WorkloadIdentityPod(this, 'key-vault', {
      name: WORKLOAD_IDENTITY_SAMPLE_PODS.keyVault,
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
