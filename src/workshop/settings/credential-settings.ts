import { SettingsError, WorkshopSettings } from './workshop-settings';
import { SecretCredentials } from '../../core/credentials';
import { Profile } from '../../core/profile';

/**
 * RabbitMQ's credentials for the store in the hardened profile: held in the bundle when both
 * RABBITMQ_USERNAME and RABBITMQ_PASSWORD are set, else a Secret the user creates.
 */
export function rabbitmqCredentials(settings: WorkshopSettings, profile: Profile): SecretCredentials | undefined {
  if (profile !== 'hardened') return undefined;
  const { rabbitmqUsername: username, rabbitmqPassword: password } = settings;
  if ((username === undefined) !== (password === undefined)) {
    const [set, unset] = username === undefined ? ['RABBITMQ_PASSWORD', 'RABBITMQ_USERNAME'] : ['RABBITMQ_USERNAME', 'RABBITMQ_PASSWORD'];
    throw new SettingsError(`${set} is set but ${unset} is not: set both RABBITMQ_USERNAME and RABBITMQ_PASSWORD, or neither (then create the Secret rabbitmq-credentials yourself)`);
  }
  return username === undefined ? undefined : { values: { username, password: password! } };
}

/** MySQL's root password in the hardened profile: held in the bundle when MYSQL_ROOT_PASSWORD is set, else a Secret the user creates. */
export function mysqlRootPassword(settings: WorkshopSettings, profile: Profile): SecretCredentials | undefined {
  if (profile !== 'hardened' || settings.mysqlRootPassword === undefined) return undefined;
  return { values: { password: settings.mysqlRootPassword } };
}
