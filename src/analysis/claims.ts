import { GATEWAY_KINDS } from './cluster-model';
import { ConnectionQuery, ConnectionSource, ConnectionTarget, ConnectivityModel } from './connectivity';
import { Reason } from './endpoint';
import { ManifestInputError } from './manifest-input-error';
import { ManifestEmitter } from '../core/manifest-emitter';
import { parseManifestYaml } from '../core/manifest-yaml';

/** What a claim expects of a connection. */
export const CLAIM_EXPECTATIONS = ['allowed', 'blocked'] as const;

/** What a claim expects of a connection. */
export type ClaimExpectation = typeof CLAIM_EXPECTATIONS[number];

/** A statement about one connection: that it is allowed, or that it is blocked. */
export interface Claim extends ConnectionQuery {
  /** A name for the claim, unique in its file. */
  readonly id: string;
  /**
   * What the claim stands for, such as the workshop's words.
   * @default - none
   */
  readonly description?: string;
  readonly expect: ClaimExpectation;
}

/** A claim checked against a model. */
export interface ClaimResult {
  readonly claim: Claim;
  /** What the model says. */
  readonly actual: ClaimExpectation;
  /** Whether the model agrees with the claim. */
  readonly holds: boolean;
  readonly reasons: readonly Reason[];
  readonly mtls: boolean;
}

const ID = /^[A-Za-z0-9][-A-Za-z0-9_.]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

class ClaimReader {
  constructor(private readonly where: string) {}

  public fail(field: string, value: unknown, allowed: string): never {
    throw new ManifestInputError(`${this.where}: ${field} ${value === undefined ? 'is missing' : `is ${JSON.stringify(value)}`}: ${allowed}`);
  }

  public mapping(field: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(field, value, `must be a mapping with ${keys.join(', ')}`);
    const unknown = Object.keys(value as object).filter((k) => !keys.includes(k));
    if (unknown.length > 0) this.fail(`${field}.${unknown[0]}`, (value as any)[unknown[0]], `is not a field here (the fields are ${keys.join(', ')})`);
    return value as Record<string, unknown>;
  }

  public port(field: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) this.fail(field, value, 'must be a port number from 1 to 65535');
    return value;
  }

  public text(field: string, value: unknown, pattern: RegExp, allowed: string): string {
    if (typeof value !== 'string' || !pattern.test(value)) this.fail(field, value, allowed);
    return value;
  }

  public labels(field: string, value: unknown): Record<string, string> {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string' || v === '')) {
      this.fail(field, value, 'must be a mapping of label names to non-empty strings');
    }
    return value as Record<string, string>;
  }
}

function readSource(reader: ClaimReader, value: unknown): ConnectionSource {
  if (value === 'world') return 'world';
  if (value !== null && typeof value === 'object' && 'ingressGateway' in value) {
    const gateway = reader.mapping('from', value, ['ingressGateway']);
    if (!GATEWAY_KINDS.includes(gateway.ingressGateway as any)) reader.fail('from.ingressGateway', gateway.ingressGateway, `must be one of ${GATEWAY_KINDS.join(', ')}`);
    return { ingressGateway: gateway.ingressGateway as any };
  }
  if (typeof value !== 'object' || value === null) reader.fail('from', value, 'must be world, { ingressGateway: external | internal } or { namespace, labels }');
  const pod = reader.mapping('from', value, ['namespace', 'labels', 'serviceAccount']);
  return {
    namespace: reader.text('from.namespace', pod.namespace, DNS_LABEL, 'must be a namespace name'),
    labels: reader.labels('from.labels', pod.labels ?? {}),
    ...(pod.serviceAccount !== undefined ? { serviceAccount: reader.text('from.serviceAccount', pod.serviceAccount, DNS_LABEL, 'must be a service account name') } : {}),
  };
}

function readTarget(reader: ClaimReader, value: unknown, source: ConnectionSource): ConnectionTarget {
  if (typeof source === 'object' && 'ingressGateway' in source) {
    const request = reader.mapping('to', value, ['host', 'path', 'port']);
    return {
      port: reader.port('to.port', request.port),
      ...(request.host !== undefined ? { host: reader.text('to.host', request.host, /^[-A-Za-z0-9.*]+$/, 'must be a host name or address') } : {}),
      ...(request.path !== undefined ? { path: reader.text('to.path', request.path, /^\//, "must be a path starting with '/'") } : {}),
    };
  }
  const kinds = ['service', 'fqdn', 'ip', 'labels'].filter((k) => value !== null && typeof value === 'object' && (value as any)[k] !== undefined);
  if (kinds.length !== 1) reader.fail('to', value, 'must name exactly one of service (with namespace), fqdn, ip, or labels (with namespace)');
  const kind = kinds[0];
  if (source === 'world' && kind !== 'service') reader.fail('to', value, 'from world must name a service (a LoadBalancer Service), or use from: { ingressGateway: external }');
  if (kind === 'fqdn' || kind === 'ip') {
    const outside = reader.mapping('to', value, [kind, 'port']);
    const pattern = kind === 'fqdn' ? /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\.?$/ : /^\d{1,3}(\.\d{1,3}){3}$/;
    const target = reader.text(`to.${kind}`, outside[kind], pattern, kind === 'fqdn' ? 'must be a DNS name' : 'must be an IPv4 address');
    return kind === 'fqdn' ? { fqdn: target, port: reader.port('to.port', outside.port) } : { ip: target, port: reader.port('to.port', outside.port) };
  }
  if (kind === 'service') {
    const service = reader.mapping('to', value, ['service', 'namespace', 'port', 'host', 'path']);
    return {
      service: reader.text('to.service', service.service, DNS_LABEL, 'must be a Service name'),
      namespace: reader.text('to.namespace', service.namespace, DNS_LABEL, 'must be a namespace name'),
      port: reader.port('to.port', service.port),
      ...(service.host !== undefined ? { host: reader.text('to.host', service.host, /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?\.?$/, 'must be the DNS name the client looks up') } : {}),
      ...(service.path !== undefined ? { path: reader.text('to.path', service.path, /^\//, "must be a path starting with '/'") } : {}),
    };
  }
  const pods = reader.mapping('to', value, ['namespace', 'labels', 'port']);
  return {
    namespace: reader.text('to.namespace', pods.namespace, DNS_LABEL, 'must be a namespace name'),
    labels: reader.labels('to.labels', pods.labels),
    port: reader.port('to.port', pods.port),
  };
}

/** Reads claims from YAML: a list of `{ id, from, to, expect }` (see the README). Throws {@link ManifestInputError} naming the claim and field. */
export function parseClaims(text: string, source: string = 'the claims'): Claim[] {
  let documents: unknown[];
  try {
    documents = parseManifestYaml(text, source);
  } catch (error) {
    throw new ManifestInputError((error as Error).message);
  }
  const list = documents.length === 1 ? documents[0] : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new ManifestInputError(`${source}: must be one YAML list of claims (- id: ..., from: ..., to: ..., expect: ...)`);
  const ids = new Set<string>();
  return list.map((entry, index) => {
    const id = (entry as any)?.id;
    const reader = new ClaimReader(`${source}: claim ${index + 1}${typeof id === 'string' ? ` (${id})` : ''}`);
    const fields = reader.mapping('claim', entry, ['id', 'description', 'from', 'to', 'protocol', 'expect']);
    reader.text('id', fields.id, ID, 'must be a name of letters, digits, -, _ and .');
    if (ids.has(id)) reader.fail('id', id, 'is used by an earlier claim; ids must be unique');
    ids.add(id);
    if (fields.description !== undefined && typeof fields.description !== 'string') reader.fail('description', fields.description, 'must be text');
    const from = readSource(reader, fields.from);
    const to = readTarget(reader, fields.to, from);
    if (fields.protocol !== undefined && !PROTOCOLS.includes(fields.protocol as string)) reader.fail('protocol', fields.protocol, `must be one of ${PROTOCOLS.join(', ')}`);
    if (!CLAIM_EXPECTATIONS.includes(fields.expect as any)) reader.fail('expect', fields.expect, `must be one of ${CLAIM_EXPECTATIONS.join(', ')}`);
    return {
      id,
      ...(fields.description !== undefined ? { description: fields.description as string } : {}),
      from,
      to,
      ...(fields.protocol !== undefined ? { protocol: fields.protocol as any } : {}),
      expect: fields.expect as ClaimExpectation,
    };
  });
}

/**
 * Claims as the YAML {@link parseClaims} reads: YAML 1.1, written as the manifests are, so a
 * name such as `yes` or `1_000` is quoted and reads back as the string it is.
 */
export function renderClaims(claims: readonly Claim[]): string {
  return new ManifestEmitter().stringify([claims.map((c) => ({ ...c }))]);
}

/** Checks each claim against the model. */
export function checkClaims(model: ConnectivityModel, claims: readonly Claim[]): ClaimResult[] {
  return claims.map((claim) => {
    const result = model.query(claim);
    const actual: ClaimExpectation = result.allowed ? 'allowed' : 'blocked';
    return { claim, actual, holds: actual === claim.expect, reasons: result.reasons, mtls: result.mtls };
  });
}
