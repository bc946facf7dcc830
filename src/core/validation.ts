import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { GO_REGEX_SYNTAX, re2Problem } from './regex';
import { registerSynthesisChecks } from './synthesis-checks';

export { InvalidPropError } from './invalid-prop-error';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_VAULT_URL = /^https:\/\/[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]\.vault\.azure\.net\/?$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?\d+))?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// The container image reference grammar (distribution/reference): [host[:port]/]path[:tag][@digest].
const IMAGE_HOST = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?';
const IMAGE_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:(${IMAGE_HOST})/)?(${IMAGE_PATH_COMPONENT}(?:/${IMAGE_PATH_COMPONENT})*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$`);

/** The largest value of a Kubernetes `int32` field (replicas, ports, seconds). */
export const INT32_MAX = 2147483647;

/** Whether `value` is a DNS-1123 label (namespaces, most names): lower-case alphanumerics and '-', at most 63 characters. */
export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Whether `value` is a DNS-1123 subdomain (most object names): labels joined by '.', at most 253 characters. */
export function isDns1123Subdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Whether `value` is a DNS-1035 label (Service names): a DNS-1123 label that starts with a letter. */
export function isDns1035Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
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

/** Whether `value` is a label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const slash = value.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, value] : [value.slice(0, slash), value.slice(slash + 1)];
  return (prefix === undefined || isDns1123Subdomain(prefix)) && name.length <= 63 && LABEL_NAME.test(name);
}

/** Whether `value` is a label value: at most 63 characters, alphanumeric at both ends, with '-', '_' and '.' between (or empty). */
export function isLabelValue(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * Whether `value` is a container image reference Kubernetes can pull: `[registry[:port]/]repository[:tag][@sha256:<64 hex>]`
 * with a lower-case repository path.
 */
export function isImageReference(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 4096 && IMAGE_REFERENCE.test(value);
}

/** The parts of an image reference, or undefined when it is not one. */
export function parseImageReference(value: string): { readonly repository: string; readonly tag?: string; readonly digest?: string } | undefined {
  const match = IMAGE_REFERENCE.exec(value);
  if (!match) return undefined;
  const [, host, path, tag, digest] = match;
  return { repository: host === undefined ? path : `${host}/${path}`, tag, digest };
}

/**
 * @internal Every key of the props interface `P`, each mapped to `true`: the keys a construct
 * takes. A constant of this type cannot drift from the interface: the compiler refuses a key
 * missing from it and a key `P` does not have.
 *
 * @example
 * const CURL_CLIENT_PROPS: KnownKeys<CurlClientProps> = { name: true, namespace: true, image: true, profile: true, resources: true, podLabels: true };
 */
export type KnownKeys<P> = { readonly [K in keyof Required<P>]: true };

/**
 * @internal Throws when `props` (the construct's props object) is missing or not an object, or,
 * given `keys`, when it has a key the construct does not take; returns it. Every construct of
 * the library calls it first, so it also registers the synthesis checks (schema, duplicate
 * objects, selectors, layout) with cdk8s's construct validation for the construct's chart and
 * app, which `App.synth()` and `Testing.synth` then run.
 */
export function requireProps<T>(scope: IConstruct, props: T | undefined | null, example: string, keys?: KnownKeys<T>): T {
  registerSynthesisChecks(scope);
  if (props === undefined || props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new InvalidPropError(scope, 'props', props, `must be an object such as ${example}`);
  }
  if (keys !== undefined) requireKnownKeys(scope, 'props', props, keys, 'a prop it takes');
  return props;
}

/**
 * @internal Throws unless `value` is an object whose own keys are all among `keys` (a
 * {@link KnownKeys} constant, or a list of the keys of a map such as `STORE_COMPONENTS`); returns
 * it. A key the construct does not read would be ignored without a word (a misspelt prop, or
 * Kubernetes' shape where cdk8s-plus's is taken), so it is an error that names the key, `what`
 * the keys are (`must name ${what}: <keys>`) and, when one is close, the key meant. Only the key
 * is shown, never its value, so a credential given under a wrong name stays hidden.
 */
export function requireKnownKeys<P>(
  scope: IConstruct, prop: string, value: P, keys: KnownKeys<P> | readonly string[], what: string, note?: string,
): P {
  const allowed: readonly string[] = Array.isArray(keys) ? keys : Object.keys(keys);
  const list = allowed.join(', ');
  const suffix = note === undefined ? '' : ` (${note})`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidPropError(scope, prop, value, `must be an object whose keys name ${what}: ${list}${suffix}`);
  }
  const unknown = unknownKey(value, allowed);
  if (unknown !== undefined) throw new InvalidPropError(scope, prop, unknown.key, `must name ${what}: ${list}${didYouMean(unknown)}${suffix}`);
  return value;
}

/** @internal The first key of `value` that `allowed` lacks, with the allowed key it most likely misspells; undefined when every key is allowed. */
export function unknownKey(value: object, allowed: readonly string[]): { readonly key: string; readonly meant?: string } | undefined {
  const key = Object.keys(value).find((k) => !allowed.includes(k));
  return key === undefined ? undefined : { key, meant: closestKey(key, allowed) };
}

/** @internal ` (did you mean 'x'?)` for an unknown key with a likely meaning, else ''. */
export function didYouMean(unknown: { readonly meant?: string }): string {
  return unknown.meant === undefined ? '' : ` (did you mean '${unknown.meant}'?)`;
}

/** The key of `allowed` that `key` most likely misspells (same letters in another case, or at most two edits away), if any. */
function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = allowed.find((k) => k.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(key.length / 3));
  for (const candidate of allowed) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The Levenshtein distance of `a` and `b`, or `limit + 1` when it is more than `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** @internal Throws unless `value` is a DNS-1123 label. */
export function requireDns1123Label(scope: IConstruct, prop: string, value: unknown): string {
  if (!isDns1123Label(value)) {
    throw new InvalidPropError(scope, prop, value,
      "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit");
  }
  return value;
}

/** @internal Throws unless `value` is a DNS-1123 subdomain. */
export function requireDns1123Subdomain(scope: IConstruct, prop: string, value: unknown): string {
  if (!isDns1123Subdomain(value)) {
    throw new InvalidPropError(scope, prop, value,
      "must be a DNS-1123 subdomain: at most 253 characters of lower-case letters, digits, '-' and '.', each part starting and ending with a letter or digit");
  }
  return value;
}

/**
 * @internal Throws unless `value` can name a Service: a DNS-1035 label. `derived` lists names
 * made from it (`<name>-read`), which must be DNS-1035 labels as well.
 */
export function requireServiceName(scope: IConstruct, prop: string, value: unknown, derived: (name: string) => string[] = () => []): string {
  if (!isDns1035Label(value)) {
    throw new InvalidPropError(scope, prop, value,
      "must be a DNS-1035 label, as it names a Service: at most 63 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit");
  }
  for (const name of derived(value)) {
    if (!isDns1035Label(name)) {
      throw new InvalidPropError(scope, prop, value, `must leave room for the Service name '${name}' made from it (at most 63 characters)`);
    }
  }
  return value;
}

/** @internal Throws unless `value` is a whole number that is 0 or more (and fits an int32). */
export function requireNonNegativeInteger(scope: IConstruct, prop: string, value: unknown): number {
  return requireIntegerInRange(scope, prop, value, 0, INT32_MAX);
}

/** @internal Throws unless `value` is a whole number from `min` to `max`. */
export function requireIntegerInRange(scope: IConstruct, prop: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropError(scope, prop, value, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** @internal Throws unless `value` is a port number, 1 to 65535. */
export function requirePort(scope: IConstruct, prop: string, value: unknown): number {
  return requireIntegerInRange(scope, prop, value, 1, 65535);
}

/** @internal Throws unless `value` is a non-blank string without white space (URLs, host:port). */
export function requireToken(scope: IConstruct, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
    throw new InvalidPropError(scope, prop, value, 'must be a non-empty string without white space');
  }
  return value;
}

/** @internal Throws unless `value` is `host:port` with a DNS name (or IPv4 address) and a port number. */
export function requireHostPort(scope: IConstruct, prop: string, value: unknown): string {
  const match = typeof value === 'string' ? /^([^:\s]+):(\d{1,5})$/.exec(value) : null;
  if (!match || !isDns1123Subdomain(match[1]) || Number(match[2]) < 1 || Number(match[2]) > 65535) {
    throw new InvalidPropError(scope, prop, value, "must be host:port with a DNS name and a port from 1 to 65535, such as 'hubble-relay:443'");
  }
  return value as string;
}

/** @internal Throws unless `value` is a container image reference (see {@link isImageReference}). */
export function requireImage(scope: IConstruct, prop: string, value: unknown): string {
  if (!isImageReference(value)) {
    throw new InvalidPropError(scope, prop, value,
      'must be a container image reference [registry[:port]/]repository[:tag][@sha256:<64 hex digits>]: '
      + "a lower-case repository path, a tag of up to 128 letters, digits, '_', '.' or '-' not starting with '.' or '-'");
  }
  return value;
}

/** @internal Throws unless `value` is a Kubernetes quantity. */
export function requireQuantity(scope: IConstruct, prop: string, value: unknown): string {
  if (!isQuantity(value)) {
    throw new InvalidPropError(scope, prop, value, "must be a Kubernetes quantity such as '250m', '128Mi' or '10Gi'");
  }
  return value;
}

/** @internal Throws unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(scope: IConstruct, prop: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidPropError(scope, prop, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}

/** @internal Throws unless `value` is a boolean. */
export function requireBoolean(scope: IConstruct, prop: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidPropError(scope, prop, value, 'must be true or false');
  return value;
}

/** @internal Throws unless `value` is a string of at most `maxLength` characters without line breaks. */
export function requireSingleLine(scope: IConstruct, prop: string, value: unknown, maxLength: number = 1024): string {
  if (typeof value !== 'string' || value.length > maxLength || /[\r\n\0]/.test(value)) {
    throw new InvalidPropError(scope, prop, value, `must be a string of at most ${maxLength} characters on one line`);
  }
  return value;
}

/**
 * @internal Throws unless `value` is a regular expression Go's `regexp` compiles (RE2 syntax:
 * what Prometheus relabelings and the Azure Monitor metrics agent use), on one line.
 */
export function requireRegex(scope: IConstruct, prop: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidPropError(scope, prop, value, 'must be a regular expression (a string)');
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidPropError(scope, prop, value,
      'must be a regular expression on one line, without control characters (write \\n or \\t for them; names and labels hold none)');
  }
  const problem = re2Problem(value);
  if (problem !== undefined) {
    throw new InvalidPropError(scope, prop, value, `must be a regular expression that compiles in ${GO_REGEX_SYNTAX} (Go refuses it: ${problem})`);
  }
  return value;
}

/**
 * @internal Throws unless `labels` is a map of valid label keys and values, and returns a copy.
 * `minEntries` 1 refuses an empty map (a selector that would select everything).
 */
export function requireLabels(scope: IConstruct, prop: string, labels: unknown, minEntries: number = 0): Record<string, string> {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    throw new InvalidPropError(scope, prop, labels, "must be a map of label keys to values, such as { app: 'store-front' }");
  }
  const entries = Object.entries(labels as Record<string, unknown>);
  if (entries.length < minEntries) {
    throw new InvalidPropError(scope, prop, labels, 'must name at least one label: an empty selector selects every pod');
  }
  for (const [key, value] of entries) {
    if (!isLabelKey(key)) {
      throw new InvalidPropError(scope, `${prop} key`, key,
        "must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    if (!isLabelValue(value)) {
      throw new InvalidPropError(scope, `${prop}.${key}`, value,
        "must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or empty)");
    }
  }
  return { ...(labels as Record<string, string>) };
}

/** @internal Throws unless `value` is a non-empty array, and returns it. */
export function requireNonEmptyArray<T>(scope: IConstruct, prop: string, value: readonly T[] | undefined, what: string): readonly T[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidPropError(scope, prop, value, `must list at least one ${what}`);
  return value;
}

/**
 * Whether `name` is a port name the API server accepts (an IANA_SVC_NAME), as Kubernetes'
 * `IsValidPortName` (k8s.io/apimachinery/pkg/util/validation/validation.go) checks the string
 * form of a Service's `targetPort` and of a NetworkPolicy's `port`, and a container port's `name`: at most 15 characters of
 * a-z, 0-9 and '-', at least one letter, no '--', no '-' first or last. A port given as a string
 * is a name, so `"8080"` in quotes (no letter) is refused, not read as the number.
 */
export function isValidPortName(name: string): boolean {
  return name.length <= 15 && /^[-a-z0-9]+$/.test(name) && /[a-z]/.test(name) && !name.includes('--') && !name.startsWith('-') && !name.endsWith('-');
}

/** What a port given as a string must be, in messages. */
export const PORT_NAME_RULE = 'a container port name: at most 15 characters of a-z, 0-9 and -, with a letter (a number in quotes is a name, and not a valid one)';

/**
 * Whether `key` can be a key of a Secret or ConfigMap, as Kubernetes' `IsConfigMapKey`
 * (k8s.io/apimachinery/pkg/util/validation) checks it: 1 to 253 letters, digits, '-', '_' or
 * '.', and not '.' or a name starting with '..' (it becomes a file name in a volume).
 */
export function isConfigKey(key: string): boolean {
  return /^[-._a-zA-Z0-9]{1,253}$/.test(key) && key !== '.' && !key.startsWith('..');
}
