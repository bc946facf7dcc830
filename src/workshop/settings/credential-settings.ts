import { SettingsError, WorkshopSettings } from './workshop-settings';
import { KeyVaultSource, WorkloadCredentials } from '../../core/key-vault-secrets';
import { Profile } from '../../core/profile';

/**
 * The Key Vault the hardened profile syncs credentials from: the vault at `keyVaultUrl` (AKV_URL,
 * or KEYVAULT_URL in the Advanced AKS workshop), read by the managed identity USER_ASSIGNED_CLIENT_ID
 * in the tenant AZURE_TENANT_ID; undefined unless all three are set.
 */
export function keyVaultSource(settings: WorkshopSettings, keyVaultUrl: string | undefined = settings.keyVaultUrl): KeyVaultSource | undefined {
  const { tenantId, userAssignedClientId: clientId } = settings;
  if (tenantId === undefined || clientId === undefined || keyVaultUrl === undefined) return undefined;
  return { keyVaultUrl, tenantId, clientId };
}

/**
 * RabbitMQ's credentials for the store in the hardened profile: held in the bundle when both
 * RABBITMQ_USERNAME and RABBITMQ_PASSWORD are set (the explicit request for a plain Secret),
 * else synced from Key Vault when AZURE_TENANT_ID, USER_ASSIGNED_CLIENT_ID and the vault URI
 * (`keyVaultUrl`, AKV_URL by default) are set, else a Secret the user creates.
 */
export function rabbitmqCredentials(
  settings: WorkshopSettings, profile: Profile, keyVaultUrl: string | undefined = settings.keyVaultUrl,
): WorkloadCredentials | undefined {
  if (profile !== 'hardened') return undefined;
  const { rabbitmqUsername: username, rabbitmqPassword: password } = settings;
  if ((username === undefined) !== (password === undefined)) {
    const [set, unset] = username === undefined ? ['RABBITMQ_PASSWORD', 'RABBITMQ_USERNAME'] : ['RABBITMQ_USERNAME', 'RABBITMQ_PASSWORD'];
    throw new SettingsError(`${set} is set but ${unset} is not: set both RABBITMQ_USERNAME and RABBITMQ_PASSWORD, or neither (then create the Secret rabbitmq-credentials yourself)`);
  }
  if (username !== undefined) return { values: { username, password: password! } };
  const keyVault = keyVaultSource(settings, keyVaultUrl);
  return keyVault === undefined ? undefined : { keyVault };
}

/**
 * MySQL's root password in the hardened profile: held in the bundle when MYSQL_ROOT_PASSWORD is
 * set (the explicit request for a plain Secret), else synced from Key Vault when AZURE_TENANT_ID,
 * USER_ASSIGNED_CLIENT_ID and AKV_URL are set, else a Secret the user creates.
 */
export function mysqlRootPassword(settings: WorkshopSettings, profile: Profile): WorkloadCredentials | undefined {
  if (profile !== 'hardened') return undefined;
  if (settings.mysqlRootPassword !== undefined) return { values: { password: settings.mysqlRootPassword } };
  const keyVault = keyVaultSource(settings);
  return keyVault === undefined ? undefined : { keyVault };
}
