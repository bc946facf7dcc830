import { k8s } from 'cdk8s-plus-30';
import { Construct, IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { hasLoneSurrogate } from './manifest-emitter';
import { KnownKeys, requireDns1123Subdomain, requireKnownKeys } from './validation';

/** Where a workload's credentials come from: a Secret you create, or one the bundle holds. */
export interface SecretCredentials {
  /**
   * The Secret's name.
   * @default - the construct's own default, such as `rabbitmq-credentials`
   */
  readonly secretName?: string;
  /**
   * The values, by key. When given, the bundle holds the Secret with them (in plain text, as
   * Secrets are); when left out, create the Secret yourself before applying the bundle.
   * @default - the Secret is created outside the bundle
   */
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * @internal What a credential may hold, for messages: what {@link credentialTextProblem} accepts.
 * Tabs, other control characters, DEL, U+0085, U+2028 and U+2029 are allowed: the manifest
 * emitter writes them escaped, so that kubectl reads them as they are.
 */
export const CREDENTIAL_TEXT = 'non-empty text on one line, of any Unicode characters but NUL, CR and LF';

/**
 * Why `value` cannot be a credential, or undefined when it can: it must be non-empty text on one
 * line that UTF-8 can carry. The answer never quotes the value. (Public because the workshop
 * settings' declarations name its type.)
 */
export function credentialTextProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `is ${value === null ? 'null' : `a ${typeof value}`}, not a string`;
  if (value.length === 0) return 'is empty';
  if (value.includes('\0')) return 'holds a NUL character';
  if (/[\r\n]/.test(value)) return 'holds a line break (CR or LF)';
  if (hasLoneSurrogate(value)) return 'holds a lone UTF-16 surrogate, which UTF-8 (and so YAML and Kubernetes) cannot carry';
  return undefined;
}

/** @internal A Secret reference as an environment variable source. */
export function secretEnv(name: string, secretName: string, key: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

const SECRET_CREDENTIALS_KEYS: KnownKeys<SecretCredentials> = { secretName: true, values: true };

/** Whether `value` is a plain object, from any realm (not null, an array or a class instance). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * @internal Checks `credentials` for a Secret with exactly `keys`, adds the Secret to `scope`
 * when it carries values, and returns the Secret's name. Its errors never show a value
 * (`(hidden)` stands for it): the credentials may have been given in the wrong place.
 */
export function credentialSecret(
  scope: Construct, prop: string, credentials: SecretCredentials | undefined,
  options: { readonly defaultName: string; readonly namespace: string; readonly keys: readonly string[] },
): string {
  const given: SecretCredentials = credentials ?? {};
  if (!isPlainObject(given)) {
    throw new InvalidPropError(scope, prop, given === null ? null : '(hidden)', `must be { secretName?, values? } with values for ${options.keys.join(', ')}`);
  }
  // Names the key alone: a password given as { password: '...' } stays out of the message.
  requireKnownKeys(scope, prop, given, SECRET_CREDENTIALS_KEYS, 'a field of the credentials',
    `the values go under values: { ${options.keys.map((k) => `${k}: ...`).join(', ')} }`);
  const secretName = requireDns1123Subdomain(scope, `${prop}.secretName`, given.secretName ?? options.defaultName);
  if (given.values !== undefined) {
    if (!isPlainObject(given.values)) {
      throw new InvalidPropError(scope, `${prop}.values`, given.values === null ? null : '(hidden)', `must be an object with a string for each of ${options.keys.join(', ')}`);
    }
    const keys = Object.keys(given.values).sort();
    if (keys.join() !== [...options.keys].sort().join()) {
      throw new InvalidPropError(scope, `${prop}.values`, keys, `must set exactly these keys: ${options.keys.join(', ')}`);
    }
    const values: Record<string, string> = {};
    for (const key of Object.keys(given.values)) {
      const value = given.values[key];
      const problem = credentialTextProblem(value);
      if (problem !== undefined) {
        throw new InvalidPropError(scope, `${prop}.values.${key}`, '(hidden)', `must be a non-empty string on one line, but it ${problem}; allowed: ${CREDENTIAL_TEXT}`);
      }
      values[key] = value as string;
    }
    new k8s.KubeSecret(scope as IConstruct as Construct, `${secretName}-secret`, {
      metadata: { name: secretName, namespace: options.namespace },
      type: 'Opaque',
      stringData: values,
    });
  }
  return secretName;
}
