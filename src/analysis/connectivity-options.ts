import { isIpv4 } from './model/cidr';
import { DEFAULT_ISTIO_REVISION, isIstioRevision } from '../core/aks-platform';
import { InputError } from '../core/errors';
import { isDns1123Label } from '../core/validation';

/** Whether `name` can be a host name that `addresses` maps (letters, digits, `-` and `.`, an optional final dot). */
export function isAddressName(name: string): boolean {
  return /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\.?$/.test(name);
}

/** What the options that describe the cluster must be; the command checks the same with its flags' names. */
interface CheckedOptions {
  readonly namespace?: unknown;
  readonly istioRevision?: unknown;
  readonly addresses?: unknown;
}

/**
 * Throws an {@link InputError} naming the option when the options a model is built with cannot
 * describe a cluster: a namespace that is not a DNS-1123 label, a revision that is not the
 * add-on's, an address that is not an IPv4 address.
 */
export function requireConnectivityOptions(options: CheckedOptions): void {
  const fail = (option: string, value: unknown, allowed: string) => {
    throw new InputError(`ConnectivityOptions.${option}: must be ${allowed}, not ${JSON.stringify(value)}`);
  };
  if (options.namespace !== undefined && (typeof options.namespace !== 'string' || !isDns1123Label(options.namespace))) {
    fail('namespace', options.namespace, 'a namespace name (a DNS-1123 label)');
  }
  if (options.istioRevision !== undefined && !isIstioRevision(options.istioRevision)) {
    fail('istioRevision', options.istioRevision, `an add-on revision such as ${DEFAULT_ISTIO_REVISION}`);
  }
  if (options.addresses === undefined) return;
  if (options.addresses === null || typeof options.addresses !== 'object' || Array.isArray(options.addresses)) {
    fail('addresses', options.addresses, 'a map of host names to IPv4 addresses');
  }
  for (const [name, ip] of Object.entries(options.addresses as object)) {
    if (!isAddressName(name)) fail('addresses', name, 'a map whose keys are host names');
    if (typeof ip !== 'string' || !isIpv4(ip)) fail(`addresses[${JSON.stringify(name)}]`, ip, 'an IPv4 address such as 203.0.113.20');
  }
}
