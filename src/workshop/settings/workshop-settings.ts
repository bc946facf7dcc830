import * as fs from 'fs';
import { parseDotEnv } from './dotenv';
import { AksLabsError } from '../../core/errors';
import { isDns1123Label, isDns1123Subdomain, isGuid, isKeyVaultUrl } from '../../core/validation';

/** A workshop variable the app reads: its name, what it must look like and the step that produces it. */
export interface SettingDefinition {
  /** The variable's name in `.env` / the environment. */
  readonly variable: string;
  /** What a valid value looks like (for messages). */
  readonly expected: string;
  /** Whether `value` is valid. */
  readonly isValid: (value: string) => boolean;
  /** The workshop step that writes the variable to `.env`. */
  readonly producedBy: string;
  /**
   * The value when the variable is not set.
   * @default - none: the variable is required by the sections that use it
   */
  readonly defaultValue?: string;
  /**
   * Whether the value is a secret, never repeated in messages.
   * @default false
   */
  readonly secret?: boolean;
}

const SINGLE_LINE = (value: string) => value.length > 0 && !/[\0\r\n]/.test(value);

/** The workshop variables this app uses. */
export const WORKSHOP_SETTINGS = {
  userAssignedClientId: {
    variable: 'USER_ASSIGNED_CLIENT_ID',
    expected: 'a GUID such as 00000000-0000-0000-0000-000000000000 (the managed identity\'s client ID)',
    isValid: isGuid,
    producedBy: 'Workload Identity > Create a Managed Identity (az identity show --query clientId)',
  },
  keyVaultUrl: {
    variable: 'AKV_URL',
    expected: 'https://<vault-name>.vault.azure.net/ (the vault URI)',
    isValid: isKeyVaultUrl,
    producedBy: 'Enabling AKS Monitoring and Logging (az keyvault list --query "[0].properties.vaultUri")',
  },
  advancedAksKeyVaultUrl: {
    variable: 'KEYVAULT_URL',
    expected: 'https://<vault-name>.vault.azure.net/ (the vault URI)',
    isValid: isKeyVaultUrl,
    producedBy: 'Advanced AKS > Workload Identity > Create an Azure KeyVault (az keyvault show --query properties.vaultUri)',
  },
  keyVaultSecretName: {
    variable: 'KEYVAULT_SECRET_NAME',
    expected: 'a Key Vault secret name: 1 to 127 letters, digits and hyphens',
    isValid: (value: string) => /^[0-9A-Za-z-]{1,127}$/.test(value),
    producedBy: 'Advanced AKS > Workload Identity > Create an Azure KeyVault (export KEYVAULT_SECRET_NAME="my-secret")',
    defaultValue: 'my-secret',
  },
  placementApiVersion: {
    variable: 'FLEET_PLACEMENT_API_VERSION',
    expected: 'v1beta1 (as the workshops apply it) or v1 (Fleet\'s GA API)',
    isValid: (value: string) => value === 'v1beta1' || value === 'v1',
    producedBy: 'you: the API version of the ClusterResourcePlacement in the Fleet bundle',
    defaultValue: 'v1beta1',
  },
  serviceAccountNamespace: {
    variable: 'SERVICE_ACCOUNT_NAMESPACE',
    expected: 'a namespace name (DNS-1123 label)',
    isValid: isDns1123Label,
    producedBy: 'Workload Identity > Create a Managed Identity',
    defaultValue: 'default',
  },
  serviceAccountName: {
    variable: 'SERVICE_ACCOUNT_NAME',
    expected: 'a ServiceAccount name (DNS-1123 subdomain)',
    isValid: isDns1123Subdomain,
    producedBy: 'Workload Identity > Create a Managed Identity',
    defaultValue: 'workload-identity-sa',
  },
  rabbitmqUsername: {
    variable: 'RABBITMQ_USERNAME',
    expected: 'a user name on one line',
    isValid: SINGLE_LINE,
    producedBy: 'you: the hardened profile puts it in a Secret in the store bundle (with RABBITMQ_PASSWORD)',
    secret: true,
  },
  rabbitmqPassword: {
    variable: 'RABBITMQ_PASSWORD',
    expected: 'a password on one line',
    isValid: SINGLE_LINE,
    producedBy: 'you: the hardened profile puts it in a Secret in the store bundle (with RABBITMQ_USERNAME)',
    secret: true,
  },
  mysqlRootPassword: {
    variable: 'MYSQL_ROOT_PASSWORD',
    expected: 'a password on one line without quotes, $, backquotes or backslashes',
    isValid: (value: string) => SINGLE_LINE(value) && !/['"$`\\]/.test(value),
    producedBy: 'you: the hardened profile puts it in a Secret in the storage bundle',
    secret: true,
  },
} as const satisfies Record<string, SettingDefinition>;

/** The names of the workshop settings. */
export type WorkshopSettingName = keyof typeof WORKSHOP_SETTINGS;

/** Workshop values read from the environment and `.env`; a setting is undefined when not set. */
export type WorkshopSettings = { readonly [K in WorkshopSettingName]?: string };

/** Thrown when a workshop variable is set to a value that cannot be right. */
export class InvalidSettingError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** The variable. */
    public readonly variable: string,
    /** The value it has, quoted (or `(hidden)` for a secret). */
    public readonly value: string,
    /** Where the value came from. */
    public readonly source: string,
    /** What a valid value looks like. */
    public readonly expected: string,
  ) {
    super(`${variable}=${value} (from ${source}) is not valid: expected ${expected}`, 'InvalidSettingError');
  }
}

/** Where to read workshop settings from. */
export interface ReadSettingsOptions {
  /**
   * The environment.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A `.env` file to read as well; the environment wins where both set a variable.
   * @default - `$AKS_LABS_ENV_FILE` when set, else no file
   */
  readonly envFile?: string;
}

/**
 * Reads the workshop settings from the environment and, when given, a `.env` file, and checks
 * each value that is set (a GUID for the client ID, a vault URI, DNS names). Unset variables
 * stay undefined (or take their workshop default); sections that need them decide what to do.
 */
export function readWorkshopSettings(options: ReadSettingsOptions = {}): WorkshopSettings {
  const env = options.env ?? process.env;
  const envFile = options.envFile ?? env.AKS_LABS_ENV_FILE;
  let fromFile: Record<string, string> = {};
  if (envFile !== undefined && envFile !== '') {
    if (!fs.existsSync(envFile)) throw new Error(`the .env file ${envFile} does not exist`);
    if (!fs.statSync(envFile).isFile()) throw new Error(`the .env file ${envFile} is not a file`);
    fromFile = parseDotEnv(fs.readFileSync(envFile, 'utf8'), envFile);
  }
  const settings: Record<string, string | undefined> = {};
  for (const [key, definition] of Object.entries(WORKSHOP_SETTINGS) as [WorkshopSettingName, SettingDefinition][]) {
    const fromEnv = env[definition.variable];
    const [value, source] = fromEnv !== undefined && fromEnv !== ''
      ? [fromEnv, 'the environment']
      : [fromFile[definition.variable], envFile ?? ''];
    if (value === undefined || value === '') {
      settings[key] = definition.defaultValue;
      continue;
    }
    if (!definition.isValid(value)) {
      throw new InvalidSettingError(definition.variable, definition.secret ? '(hidden)' : JSON.stringify(value), source, definition.expected);
    }
    settings[key] = value;
  }
  return settings;
}

/** The settings among `required` that are not set. */
export function missingSettings(settings: WorkshopSettings, required: readonly WorkshopSettingName[]): SettingDefinition[] {
  return required.filter((name) => settings[name] === undefined).map((name) => WORKSHOP_SETTINGS[name]);
}
