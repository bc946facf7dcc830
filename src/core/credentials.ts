import { k8s } from 'cdk8s-plus-30';
import { Construct, IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { requireDns1123Subdomain } from './validation';

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

/** @internal A Secret reference as an environment variable source. */
export function secretEnv(name: string, secretName: string, key: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}

/**
 * @internal Checks `credentials` for a Secret with exactly `keys`, adds the Secret to `scope`
 * when it carries values, and returns the Secret's name.
 */
export function credentialSecret(
  scope: Construct, prop: string, credentials: SecretCredentials | undefined,
  options: { readonly defaultName: string; readonly namespace: string; readonly keys: readonly string[] },
): string {
  const given = credentials ?? {};
  if (given === null || typeof given !== 'object') {
    throw new InvalidPropError(scope, prop, given, `must be { secretName?, values? } with values for ${options.keys.join(', ')}`);
  }
  const secretName = requireDns1123Subdomain(scope, `${prop}.secretName`, given.secretName ?? options.defaultName);
  if (given.values !== undefined) {
    const keys = Object.keys(given.values ?? {}).sort();
    if (keys.join() !== [...options.keys].sort().join()) {
      throw new InvalidPropError(scope, `${prop}.values`, keys, `must set exactly these keys: ${options.keys.join(', ')}`);
    }
    for (const key of keys) {
      const value = given.values[key];
      if (typeof value !== 'string' || value.length === 0 || /[\0\r\n]/.test(value)) {
        throw new InvalidPropError(scope, `${prop}.values.${key}`, '(hidden)', 'must be a non-empty string on one line');
      }
    }
    new k8s.KubeSecret(scope as IConstruct as Construct, `${secretName}-secret`, {
      metadata: { name: secretName, namespace: options.namespace },
      type: 'Opaque',
      stringData: { ...given.values },
    });
  }
  return secretName;
}
