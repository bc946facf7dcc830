import { IConstruct } from 'constructs';

/**
 * Thrown when a construct prop has a value Kubernetes (or the workshop) would reject.
 *
 * The message names the construct path, the prop, the bad value and what is allowed, so the
 * error points at the line of user code to fix rather than at a `kubectl apply` failure.
 */
export class InvalidPropError extends Error {
  /** Path of the construct that received the bad value. */
  public readonly constructPath: string;
  /** Name of the prop (dotted for nested props, e.g. `replicas.storeFront`). */
  public readonly prop: string;
  /** The value that was rejected. */
  public readonly value: unknown;
  /** What the prop accepts. */
  public readonly allowed: string;

  constructor(scope: IConstruct, prop: string, value: unknown, allowed: string) {
    const path = scope.node.path || '<root>';
    super(`${path}: invalid ${prop} ${formatValue(value)}: ${allowed}`);
    this.name = 'InvalidPropError';
    this.constructPath = path;
    this.prop = prop;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_VAULT_URL = /^https:\/\/[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\.vault\.azure\.net\/?$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?\d+))?$/;

/** Whether `value` is a DNS-1123 label (namespaces, Service names): lower-case alphanumerics and '-', at most 63 characters. */
export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Whether `value` is a DNS-1123 subdomain (most object names): labels joined by '.', at most 253 characters. */
export function isDns1123Subdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Whether `value` is a Kubernetes resource quantity such as `250m`, `128Mi` or `1.5`. */
export function isQuantity(value: unknown): value is string {
  return typeof value === 'string' && QUANTITY.test(value);
}

/** Whether `value` is a GUID such as a managed identity's client ID. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** Whether `value` is a Key Vault URI, `https://<vault-name>.vault.azure.net/` (the trailing slash is optional). */
export function isKeyVaultUrl(value: unknown): value is string {
  return typeof value === 'string' && KEY_VAULT_URL.test(value);
}

/** Throws unless `value` is a DNS-1123 label. */
export function requireDns1123Label(scope: IConstruct, prop: string, value: unknown): string {
  if (!isDns1123Label(value)) {
    throw new InvalidPropError(scope, prop, value,
      "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit");
  }
  return value;
}

/** Throws unless `value` is a DNS-1123 subdomain. */
export function requireDns1123Subdomain(scope: IConstruct, prop: string, value: unknown): string {
  if (!isDns1123Subdomain(value)) {
    throw new InvalidPropError(scope, prop, value,
      "must be a DNS-1123 subdomain: at most 253 characters of lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit");
  }
  return value;
}

/** Throws unless `value` is a whole number that is 0 or more. */
export function requireNonNegativeInteger(scope: IConstruct, prop: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidPropError(scope, prop, value, 'must be a whole number, 0 or more');
  }
  return value;
}

/** Throws unless `value` is a whole number from `min` to `max`. */
export function requireIntegerInRange(scope: IConstruct, prop: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropError(scope, prop, value, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Throws unless `value` is a non-blank string without white space (container images, URLs). */
export function requireToken(scope: IConstruct, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
    throw new InvalidPropError(scope, prop, value, 'must be a non-empty string without white space');
  }
  return value;
}

/** Throws unless `value` is a Kubernetes quantity. */
export function requireQuantity(scope: IConstruct, prop: string, value: unknown): string {
  if (!isQuantity(value)) {
    throw new InvalidPropError(scope, prop, value, "must be a Kubernetes quantity such as '250m', '128Mi' or '10Gi'");
  }
  return value;
}

/** Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(scope: IConstruct, prop: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidPropError(scope, prop, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}
