import { CLAIM_PROTOCOLS, ClaimHttp, ClaimProtocol } from './claim';
import { isDns1123Label, isDns1123Subdomain } from '../../core/validation';
import { isIpv4 } from '../model/cidr';
import { FieldReader, Labels } from '../model/field-reader';
import { FieldPath, has, JsonMap, own, plainRecord } from '../model/json';

/** The longest request path a claim may state. */
const MAX_PATH_LENGTH = 8192;
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HOST = /^(\*\.)?[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*\.?(:\d{1,5})?$/;

/** A namespace name. */
export function namespaceField(reader: FieldReader, map: JsonMap, path: FieldPath): string {
  return reader.string(own(map, 'namespace'), [...path, 'namespace'], 'must be a namespace name (a DNS-1123 label)', isDns1123Label);
}

/** A port from 1 to 65535 (required unless the protocol is ICMP, which has none). */
export function portField(reader: FieldReader, map: JsonMap, path: FieldPath, protocol: ClaimProtocol): number | undefined {
  if (protocol === 'ICMP') {
    if (has(map, 'port')) reader.fail([...path, 'port'], 'must be left out: an ICMP echo request has no port');
    return undefined;
  }
  return reader.integer(own(map, 'port'), [...path, 'port'], 1, 65535);
}

/** An IPv4 address. */
export function ipField(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): string {
  return reader.string(own(map, key), [...path, key], 'must be an IPv4 address such as 203.0.113.7', isIpv4);
}

/** A DNS name a client looks up (with an optional port, as a Host header carries it). */
export function hostField(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): string | undefined {
  return reader.optionalString(map, key, path, 'must be a DNS name (letters, digits, - and .)', (h) => h.length <= 253 && HOST.test(h));
}

/** Labels with keys and values Kubernetes accepts. */
export function labelsField(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): Labels {
  return reader.labels(own(map, key), [...path, key]);
}

/** A service account name. */
export function serviceAccountField(reader: FieldReader, map: JsonMap, path: FieldPath): string | undefined {
  return reader.optionalString(map, 'serviceAccount', path, 'must be a service account name (a DNS-1123 subdomain)', isDns1123Subdomain);
}

/** The protocol of a claim. */
export function protocolField(reader: FieldReader, map: JsonMap, path: FieldPath): ClaimProtocol {
  return own(map, 'protocol') === undefined ? 'TCP' : reader.oneOf(own(map, 'protocol'), [...path, 'protocol'], CLAIM_PROTOCOLS);
}

/** The HTTP request a target states (`path`, `method`, `headers`), or undefined when it states none; `always` makes one with defaults. */
export function httpFields(reader: FieldReader, map: JsonMap, path: FieldPath, always = false): ClaimHttp | undefined {
  if (!always && !has(map, 'path') && !has(map, 'method') && !has(map, 'headers')) return undefined;
  const requestPath = reader.optionalString(map, 'path', path, "must be a path starting with '/', without spaces", (p) => p.startsWith('/') && !/\s/.test(p)) ?? '/';
  if (requestPath.length > MAX_PATH_LENGTH) {
    reader.fail([...path, 'path'], `must be at most ${MAX_PATH_LENGTH} characters long (it has ${requestPath.length})`);
  }
  const method = reader.optionalString(map, 'method', path, 'must be an HTTP method such as GET', (m) => HTTP_TOKEN.test(m)) ?? 'GET';
  const headers = plainRecord<string>();
  const written = reader.optionalMap(map, 'headers', path);
  for (const name of Object.keys(written ?? {})) {
    if (!HTTP_TOKEN.test(name)) reader.fail([...path, 'headers', name], 'is not an HTTP header name');
    headers[name.toLowerCase()] = reader.string(own(written!, name), [...path, 'headers', name], 'must be a header value (a string)', (v) => !/[\r\n\0]/.test(v));
  }
  return { path: requestPath, method, headers };
}
