import { Construct } from 'constructs';
import { credentialSecret, SecretCredentials } from './credentials';
import { InvalidPropError } from './invalid-prop-error';
import { isConfigKey, isGuid, isKeyVaultUrl, KnownKeys, requireDns1123Label, requireDns1123Subdomain, requireKnownKeys, requireProps } from './validation';
import { SecretProviderClass } from '../../imports/spc-secrets-store.csi.x-k8s.io';

/** The CSI driver of the Secrets Store CSI driver, which the AKS Azure Key Vault provider add-on installs. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** Where {@link KeyVaultSecretSync.volumeMount} mounts the Key Vault objects as files. */
export const KEY_VAULT_MOUNT_PATH = '/mnt/secrets-store';

/** A Key Vault secret name: 1 to 127 letters, digits and hyphens. */
const KEY_VAULT_SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;
/** A key of a Kubernetes Secret, which is also the file the object is mounted as. */

/**
 * The Azure Key Vault a workload's credentials are read from, and the managed identity that
 * reads them: the Secrets Store CSI driver's Azure provider (the AKS add-on
 * `azure-keyvault-secrets-provider`) signs in as that identity with the workload's own
 * ServiceAccount token (workload identity), so the identity needs a federated credential for
 * that ServiceAccount and the role Key Vault Secrets User on the vault.
 */
export interface KeyVaultSource {
  /** The vault's URI, `https://<vault-name>.vault.azure.net/` (the workshop's `AKV_URL`). */
  readonly keyVaultUrl: string;
  /** The Microsoft Entra tenant ID of the vault (`az account show --query tenantId -o tsv`). */
  readonly tenantId: string;
  /** The client ID of the user-assigned managed identity that reads the vault (the workshop's `USER_ASSIGNED_CLIENT_ID`). */
  readonly clientId: string;
  /**
   * The Key Vault secret holding each key of the Kubernetes Secret, by key.
   * @default - the construct's names, such as `rabbitmq-username` and `rabbitmq-password`
   */
  readonly secretNames?: Readonly<Record<string, string>>;
}

/**
 * Where a workload's credentials come from, in the hardened profile: a Secret created outside the
 * bundle (the default: `kubectl create secret ...`, which the synth prints), a Secret synced from
 * Azure Key Vault (`keyVault`), or, asked for by giving them, a Secret the bundle holds in plain
 * text (`values`).
 */
export interface WorkloadCredentials extends SecretCredentials {
  /**
   * Sync the Secret from Azure Key Vault: a SecretProviderClass per workload (using the
   * workload's ServiceAccount as its workload identity) that the pods mount, which makes the
   * driver create the Secret the workload reads. Not with `values`.
   * @default - not from Key Vault
   */
  readonly keyVault?: KeyVaultSource;
}

/** A pod volume of the Secrets Store CSI driver, in Kubernetes' shape (`spec.volumes[]`). */
export interface SecretsStoreVolume {
  /** The volume's name. */
  readonly name: string;
  /** The CSI volume: the driver, read-only, and the SecretProviderClass it mounts. */
  readonly csi: {
    readonly driver: string;
    readonly readOnly: boolean;
    readonly volumeAttributes: { readonly secretProviderClass: string };
  };
}

/** A container's mount of a {@link SecretsStoreVolume}, in Kubernetes' shape (`containers[].volumeMounts[]`). */
export interface SecretsStoreVolumeMount {
  /** The volume's name. */
  readonly name: string;
  /** Where the objects appear as files. */
  readonly mountPath: string;
  /** Always true: the files are read-only. */
  readonly readOnly: boolean;
}

/** Props of {@link KeyVaultSecretSync}. */
export interface KeyVaultSecretSyncProps {
  /** The SecretProviderClass's name (`<workload>-key-vault` for the library's workloads). */
  readonly name: string;
  /** Its namespace: the workload's. */
  readonly namespace: string;
  /** The vault, the identity and the Key Vault secret of each key. */
  readonly keyVault: KeyVaultSource;
  /** The Kubernetes Secret the driver creates from the objects while a pod mounts them. */
  readonly secretName: string;
  /** The keys of that Secret; each is also the file its object is mounted as. */
  readonly keys: readonly string[];
  /**
   * The Key Vault secret of each key, where `keyVault.secretNames` does not name one.
   * @default - `keyVault.secretNames` must name every key
   */
  readonly defaultSecretNames?: Readonly<Record<string, string>>;
}

const KEY_VAULT_SOURCE_KEYS: KnownKeys<KeyVaultSource> = { keyVaultUrl: true, tenantId: true, clientId: true, secretNames: true };
const KEY_VAULT_SECRET_SYNC_PROPS: KnownKeys<KeyVaultSecretSyncProps> = {
  name: true, namespace: true, keyVault: true, secretName: true, keys: true, defaultSecretNames: true,
};

/** The vault name of a Key Vault URI. */
function vaultName(url: string): string {
  return new URL(url).hostname.split('.')[0];
}

/**
 * A `secrets-store.csi.x-k8s.io/v1` SecretProviderClass for the Azure provider that reads a
 * workload's credentials from Key Vault with its workload identity (`clientID`) and syncs them
 * into the Kubernetes Secret the workload reads (`secretObjects`). The driver creates that Secret
 * when a pod mounts the volume (`volume`) and deletes it with the last such pod, so every
 * pod that reads the Secret mounts it.
 *
 * @example
 * const sync = new KeyVaultSecretSync(chart, 'kv', {
 *   name: 'orders-key-vault', namespace: 'shop', secretName: 'orders-db', keys: ['password'],
 *   keyVault: { keyVaultUrl: 'https://my-vault.vault.azure.net/', tenantId, clientId, secretNames: { password: 'orders-db-password' } },
 * });
 * // in the pod: volumes: [sync.volume()], and in a container: volumeMounts: [sync.volumeMount()]
 */
export class KeyVaultSecretSync extends Construct {
  /** The SecretProviderClass's name. */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** The Secret it syncs. */
  public readonly secretName: string;
  /** The vault's name. */
  public readonly keyVaultName: string;
  /** The Key Vault secret of each key of the Secret. */
  public readonly secretNames: Readonly<Record<string, string>>;
  /** The generated SecretProviderClass. */
  public readonly resource: SecretProviderClass;

  constructor(scope: Construct, id: string, props: KeyVaultSecretSyncProps) {
    super(scope, id);
    requireProps(this, props, "{ name: 'app-key-vault', namespace: 'shop', secretName: 'app-credentials', keys: ['password'], keyVault: { keyVaultUrl, tenantId, clientId } }",
      KEY_VAULT_SECRET_SYNC_PROPS);
    this.name = requireDns1123Subdomain(this, 'name', props.name);
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace);
    this.secretName = requireDns1123Subdomain(this, 'secretName', props.secretName);
    if (!Array.isArray(props.keys) || props.keys.length === 0 || props.keys.some((k) => typeof k !== 'string' || !isConfigKey(k))) {
      throw new InvalidPropError(this, 'keys', props.keys, "must list the Secret's keys: letters, digits, '-', '_' and '.'");
    }
    const source = requireKeyVaultSource(this, 'keyVault', props.keyVault, props.keys);
    this.keyVaultName = vaultName(source.keyVaultUrl);
    const names: Record<string, string> = {};
    for (const key of props.keys) {
      const name = source.secretNames?.[key] ?? props.defaultSecretNames?.[key];
      if (name === undefined) throw new InvalidPropError(this, `keyVault.secretNames.${key}`, name, 'must name the Key Vault secret that holds this key');
      names[key] = name;
    }
    this.secretNames = names;
    // The Azure provider reads each array item as YAML into string fields: the names are quoted so
    // that one such as `1e3` or `no` stays a string.
    const objects = ['array:', ...props.keys.flatMap((key) => [
      '  - |',
      `    objectName: "${names[key]}"`,
      '    objectType: secret',
      `    objectAlias: "${key}"`,
    ])].join('\n') + '\n';
    this.resource = new SecretProviderClass(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: source.clientId,
          keyvaultName: this.keyVaultName,
          tenantID: source.tenantId,
          objects,
        },
        secretObjects: [{
          secretName: this.secretName,
          type: 'Opaque',
          data: props.keys.map((key) => ({ objectName: key, key })),
        }],
      },
    });
  }

  /** The pod volume that mounts the objects (and so makes the driver sync the Secret). */
  public volume(name: string = 'key-vault-secrets'): SecretsStoreVolume {
    return { name, csi: { driver: SECRETS_STORE_CSI_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass: this.name } } };
  }

  /** The container mount of `volume`: the objects as read-only files in `/mnt/secrets-store`. */
  public volumeMount(name: string = 'key-vault-secrets'): SecretsStoreVolumeMount {
    return { name, mountPath: KEY_VAULT_MOUNT_PATH, readOnly: true };
  }
}

/** @internal Checks a {@link KeyVaultSource} whose secret names may name `keys` only; returns it. */
export function requireKeyVaultSource(scope: Construct, prop: string, source: KeyVaultSource, keys: readonly string[]): KeyVaultSource {
  requireKnownKeys(scope, prop, source, KEY_VAULT_SOURCE_KEYS, 'a field of a Key Vault source');
  if (!isKeyVaultUrl(source.keyVaultUrl)) throw new InvalidPropError(scope, `${prop}.keyVaultUrl`, source.keyVaultUrl, 'must be https://<vault-name>.vault.azure.net/');
  if (!isGuid(source.tenantId)) throw new InvalidPropError(scope, `${prop}.tenantId`, source.tenantId, 'must be a GUID, the Microsoft Entra tenant ID of the vault');
  if (!isGuid(source.clientId)) throw new InvalidPropError(scope, `${prop}.clientId`, source.clientId, 'must be a GUID, the client ID of the managed identity that reads the vault');
  if (source.secretNames !== undefined) {
    requireKnownKeys(scope, `${prop}.secretNames`, source.secretNames, keys, 'a key of the Secret');
    for (const [key, name] of Object.entries(source.secretNames)) {
      if (typeof name !== 'string' || !KEY_VAULT_SECRET_NAME.test(name)) {
        throw new InvalidPropError(scope, `${prop}.secretNames.${key}`, name, "must be a Key Vault secret name: 1 to 127 letters, digits or '-'");
      }
    }
  }
  return source;
}

/** What {@link resolveCredentials} found: the Secret the workload reads, and where it comes from. */
export interface ResolvedCredentials {
  /** The Secret's name. */
  readonly secretName: string;
  /**
   * The Key Vault it is synced from.
   * @default - not from Key Vault
   */
  readonly keyVault?: KeyVaultSource;
  /** Whether the bundle holds the Secret itself (its values were given). */
  readonly held: boolean;
}

const WORKLOAD_CREDENTIALS_KEYS: KnownKeys<WorkloadCredentials> = { secretName: true, values: true, keyVault: true };

/**
 * @internal Checks `credentials` (named `prop` of `scope`): with `values`, adds the Secret to
 * `scope` (as `credentialSecret` does); with `keyVault`, checks the source; never both. Errors
 * never show a value.
 */
export function resolveCredentials(
  scope: Construct, prop: string, credentials: WorkloadCredentials | undefined,
  options: { readonly defaultName: string; readonly namespace: string; readonly keys: readonly string[] },
): ResolvedCredentials {
  if (credentials === undefined || credentials === null || typeof credentials !== 'object' || Array.isArray(credentials)) {
    return { secretName: credentialSecret(scope, prop, credentials, options), held: credentials?.values !== undefined };
  }
  requireKnownKeys(scope, prop, credentials, WORKLOAD_CREDENTIALS_KEYS, 'a field of the credentials',
    `the values go under values: { ${options.keys.map((k) => `${k}: ...`).join(', ')} }`);
  const { keyVault, ...secret } = credentials;
  if (keyVault !== undefined && secret.values !== undefined) {
    throw new InvalidPropError(scope, prop, '(hidden)', 'must give keyVault or values, not both: the Secret is either synced from Key Vault or held in the bundle');
  }
  const secretName = credentialSecret(scope, prop, secret, options);
  if (keyVault === undefined) return { secretName, held: secret.values !== undefined };
  return { secretName, keyVault: requireKeyVaultSource(scope, `${prop}.keyVault`, keyVault, options.keys), held: false };
}
