import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { WorkloadIdentitySamples } from '../../identity/key-vault-sample';
import { WorkloadIdentityServiceAccount } from '../../identity/workload-identity';
import { addWorkloadIdentityPolicies } from '../hardened-policies';

/** Props of {@link IdentityChart}. */
export interface IdentityChartProps extends ChartProps {
  /** Client ID of the user-assigned managed identity (`USER_ASSIGNED_CLIENT_ID`). */
  readonly clientId: string;
  /** Key Vault URI (`AKV_URL`). */
  readonly keyVaultUrl: string;
  /**
   * The Key Vault secret the sample reads (`KEYVAULT_SECRET_NAME` in the Advanced AKS workshop).
   * @default 'my-secret'
   */
  readonly secretName?: string;
  /**
   * ServiceAccount name (`SERVICE_ACCOUNT_NAME`).
   * @default 'workload-identity-sa'
   */
  readonly serviceAccountName?: string;
  /**
   * ServiceAccount namespace (`SERVICE_ACCOUNT_NAMESPACE`).
   * @default 'default'
   */
  readonly serviceAccountNamespace?: string;
  /**
   * The profile of the sample pods. In the hardened profile the ServiceAccount's token is not
   * mounted by default (`automountServiceAccountToken: false`: the samples never call the
   * Kubernetes API, and the workload identity token is a volume of its own), and each sample
   * gets a network policy: busybox nothing in or out, the Key Vault reader out only to Microsoft
   * Entra ID and the vault on 443.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/** The workshop's Workload Identity objects: the ServiceAccount and the two sample pods. */
export class IdentityChart extends Chart {
  /** The ServiceAccount bound to the managed identity. */
  public readonly serviceAccount: WorkloadIdentityServiceAccount;

  constructor(scope: Construct, id: string, props: IdentityChartProps) {
    super(scope, id, props);
    const hardened = props.profile === 'hardened';
    this.serviceAccount = new WorkloadIdentityServiceAccount(this, 'service-account', {
      clientId: props.clientId,
      name: props.serviceAccountName,
      namespace: props.serviceAccountNamespace,
      automountServiceAccountToken: hardened ? false : undefined,
    });
    new WorkloadIdentitySamples(this, 'samples', {
      serviceAccount: this.serviceAccount, keyVaultUrl: props.keyVaultUrl, secretName: props.secretName, profile: props.profile,
    });
    if (hardened) addWorkloadIdentityPolicies(this, this.serviceAccount.namespace, props.keyVaultUrl);
  }
}
