import * as fs from 'fs';
import { DotEnvEntry, parseDotEnvEntries } from './dotenv';
import { CREDENTIAL_TEXT, credentialTextProblem } from '../../core/credentials';
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
  /**
   * Why a value is not valid, in words that never quote it (for a secret's message).
   * @default - none: the message says what is expected
   */
  readonly problem?: (value: string) => string | undefined;
}

const CREDENTIAL = (value: string) => credentialTextProblem(value) === undefined;
const SHELL_SAFE = (value: string) => !/['"$`\\]/.test(value);

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
  tenantId: {
    variable: 'AZURE_TENANT_ID',
    expected: 'a GUID such as 00000000-0000-0000-0000-000000000000 (the Microsoft Entra tenant ID of the Key Vault)',
    isValid: isGuid,
    producedBy: 'you: az account show --query tenantId -o tsv; with USER_ASSIGNED_CLIENT_ID and the vault URI, the hardened profile syncs the credentials from Key Vault',
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
    expected: `a user name: ${CREDENTIAL_TEXT}`,
    isValid: CREDENTIAL,
    problem: credentialTextProblem,
    producedBy: 'you: the hardened profile puts it in a Secret in the store bundle (with RABBITMQ_PASSWORD)',
    secret: true,
  },
  rabbitmqPassword: {
    variable: 'RABBITMQ_PASSWORD',
    expected: `a password: ${CREDENTIAL_TEXT}`,
    isValid: CREDENTIAL,
    problem: credentialTextProblem,
    producedBy: 'you: the hardened profile puts it in a Secret in the store bundle (with RABBITMQ_USERNAME)',
    secret: true,
  },
  mysqlRootPassword: {
    variable: 'MYSQL_ROOT_PASSWORD',
    expected: `a password: ${CREDENTIAL_TEXT}, without quotes, $, backquotes or backslashes (the tutorial's scripts pass it through a shell)`,
    isValid: (value: string) => CREDENTIAL(value) && SHELL_SAFE(value),
    problem: (value: string) => credentialTextProblem(value) ?? (SHELL_SAFE(value) ? undefined : 'holds a quote, $, backquote or backslash'),
    producedBy: 'you: the hardened profile puts it in a Secret in the storage bundle',
    secret: true,
  },
} as const satisfies Record<string, SettingDefinition>;

/** The names of the workshop settings. */
export type WorkshopSettingName = keyof typeof WORKSHOP_SETTINGS;

/** Workshop values read from the environment and `.env`; a setting is undefined when not set. */
export type WorkshopSettings = { readonly [K in WorkshopSettingName]?: string };

/**
 * Thrown when a workshop variable is set to a value that cannot be right. The message names the
 * variable, where it was set (the environment, or the `.env` file and line) and what is
 * expected; the value only when it is not a secret and sits on one line of the file.
 */
export class InvalidSettingError extends AksLabsError {
  public readonly kind = 'input';

  constructor(
    /** The variable. */
    public readonly variable: string,
    /** The value it has, quoted, or a stand-in such as `(hidden)` for a secret. */
    public readonly value: string,
    /** Where the value came from. */
    public readonly source: string,
    /** What a valid value looks like. */
    public readonly expected: string,
    /** What is wrong with the value, in words that do not quote it; undefined when `expected` says enough. */
    public readonly problem?: string,
  ) {
    super(`${variable}=${value} (from ${source}) is not valid: ${problem === undefined ? '' : `it ${problem}; `}expected ${expected}`, 'InvalidSettingError');
  }
}

/** Thrown when the settings cannot be read: the `.env` file named is missing or unreadable, or settings that go together are not set together. */
export class SettingsError extends AksLabsError {
  public readonly kind = 'input';

  constructor(message: string) {
    super(message, 'SettingsError');
  }
}

/** Every variable the app reads. */
const SETTING_VARIABLES: readonly string[] = Object.values(WORKSHOP_SETTINGS).map((definition) => definition.variable);

/** Reads the `.env` file `envFile`; errors name the file, never a line's text. */
function readEnvFile(envFile: string): Map<string, DotEnvEntry> {
  let bytes: Buffer;
  try {
    if (!fs.statSync(envFile).isFile()) throw new SettingsError(`the .env file ${envFile} is not a file`);
    bytes = fs.readFileSync(envFile);
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SettingsError(`the .env file ${envFile} does not exist`);
    throw new SettingsError(`cannot read the .env file ${envFile}: ${code ?? (error as Error).message}`);
  }
  return parseDotEnvEntries(bytes, envFile, { knownKeys: SETTING_VARIABLES });
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
  const fromFile = envFile !== undefined && envFile !== '' ? readEnvFile(envFile) : new Map<string, DotEnvEntry>();
  const settings: Record<string, string | undefined> = {};
  for (const [key, definition] of Object.entries(WORKSHOP_SETTINGS) as [WorkshopSettingName, SettingDefinition][]) {
    const fromEnv = env[definition.variable];
    const entry = fromFile.get(definition.variable);
    const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : entry?.value;
    if (value === undefined || value === '') {
      settings[key] = definition.defaultValue;
      continue;
    }
    if (!definition.isValid(value)) {
      const inFile = value !== fromEnv && entry !== undefined;
      const lines = inFile && entry.lastLine > entry.line ? `lines ${entry.line}-${entry.lastLine}` : `line ${entry?.line}`;
      const source = inFile ? `${envFile}, ${lines}` : 'the environment';
      // A value over several lines of the file may have taken in the lines after it (a quote left open): never shown.
      const overLines = inFile && entry.lastLine > entry.line;
      const shown = definition.secret ? '(hidden)' : overLines ? '(not shown)' : JSON.stringify(value);
      const problem = definition.secret ? definition.problem?.(value)
        : overLines ? `goes on over ${lines} (is its closing quote missing?)` : undefined;
      throw new InvalidSettingError(definition.variable, shown, source, definition.expected, problem);
    }
    settings[key] = value;
  }
  return settings;
}

/** The settings among `required` that are not set. */
export function missingSettings(settings: WorkshopSettings, required: readonly WorkshopSettingName[]): SettingDefinition[] {
  return required.filter((name) => settings[name] === undefined).map((name) => WORKSHOP_SETTINGS[name]);
}
