import { compileRe2 } from '../../engine/re2';
import { Cidr, parseCidr } from '../cidr';
import { FieldList, FieldReader, Labels } from '../field-reader';
import { FieldPath, has, isMap, JsonMap, own, renderPath } from '../json';
import { UnmodelledField } from '../outcome';
import {
  AuthorizationCondition, AuthorizationOperation, AuthorizationPolicyRecord, AuthorizationSource, ClientTlsMode, DestinationRuleRecord,
  GatewayRecord, GatewayServer, HttpMatch, HttpRoute, MatchValues, MeshConfigRecord, MtlsMode, PeerAuthenticationRecord, RouteDestination,
  ServiceEntryRecord, SidecarRecord, StringMatch, VirtualServiceRecord,
} from '../records';

/** What the model reads of the Istio kinds, by kind and part. */
export const ISTIO_FIELDS = {
  authorizationPolicy: { understood: ['selector', 'action', 'rules', 'provider', 'targetRef', 'targetRefs'] } as FieldList,
  authorizationSource: {
    understood: ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'requestPrincipals', 'notRequestPrincipals', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'],
  } as FieldList,
  authorizationOperation: { understood: ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'] } as FieldList,
  destinationRule: { understood: ['host', 'trafficPolicy', 'subsets', 'exportTo', 'workloadSelector'] } as FieldList,
  trafficPolicy: { understood: ['tls', 'portLevelSettings'], ignored: ['loadBalancer', 'connectionPool', 'outlierDetection'] } as FieldList,
  gatewayServer: { understood: ['port', 'hosts', 'tls'], ignored: ['name'] } as FieldList,
  virtualService: { understood: ['hosts', 'gateways', 'exportTo', 'http'] } as FieldList,
  httpRoute: { understood: ['match', 'route', 'redirect', 'directResponse', 'fault', 'rewrite'], ignored: ['name', 'timeout', 'retries', 'mirror', 'mirrors', 'mirrorPercentage', 'mirror_percent', 'mirrorPercent', 'corsPolicy'] } as FieldList,
  httpMatch: {
    understood: ['uri', 'method', 'authority', 'scheme', 'headers', 'withoutHeaders', 'queryParams', 'port', 'gateways', 'sourceLabels', 'sourceNamespace', 'ignoreUriCase'],
    ignored: ['name', 'statPrefix'],
  } as FieldList,
  serviceEntry: { understood: ['hosts', 'addresses', 'ports', 'exportTo', 'location', 'resolution'], ignored: ['subjectAltNames'] } as FieldList,
  sidecar: { understood: ['workloadSelector', 'outboundTrafficPolicy'] } as FieldList,
  meshConfig: {
    understood: ['outboundTrafficPolicy'],
    ignored: ['accessLogFile', 'accessLogEncoding', 'accessLogFormat', 'enableTracing', 'extensionProviders', 'defaultProviders', 'enablePrometheusMerge', 'defaultConfig'],
  } as FieldList,
} as const;

function selectorLabels(reader: FieldReader, spec: JsonMap, key: string, path: FieldPath): Labels | undefined {
  const selector = reader.optionalMap(spec, key, path);
  if (selector === undefined) return undefined;
  return reader.labels(own(selector, 'matchLabels'), [...path, key, 'matchLabels']);
}

const MTLS_MODES = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'] as const;

/** A PeerAuthentication. */
export function readPeerAuthentication(reader: FieldReader, object: JsonMap, name: string, namespace: string): PeerAuthenticationRecord {
  const spec = reader.optionalMap(object, 'spec', []) ?? {};
  const mtls = reader.optionalMap(spec, 'mtls', ['spec']);
  const ports = new Map<number, MtlsMode>();
  const portLevel = reader.optionalMap(spec, 'portLevelMtls', ['spec']);
  for (const key of Object.keys(portLevel ?? {})) {
    if (!/^\d+$/.test(key) || Number(key) < 1 || Number(key) > 65535) reader.fail(['spec', 'portLevelMtls', key], 'must be a port number');
    const entry = reader.map(own(portLevel!, key), ['spec', 'portLevelMtls', key]);
    ports.set(Number(key), own(entry, 'mode') === undefined ? 'UNSET' : reader.oneOf(own(entry, 'mode'), ['spec', 'portLevelMtls', key, 'mode'], MTLS_MODES));
  }
  return {
    name,
    namespace,
    selector: selectorLabels(reader, spec, 'selector', ['spec']),
    mode: mtls === undefined || own(mtls, 'mode') === undefined ? undefined : reader.oneOf(own(mtls, 'mode'), ['spec', 'mtls', 'mode'], MTLS_MODES),
    ports,
  };
}

function matchValues(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): MatchValues {
  const notKey = `not${key[0].toUpperCase()}${key.slice(1)}`;
  return { values: reader.optionalStrings(map, key, path), notValues: reader.optionalStrings(map, notKey, path) };
}

/**
 * An operation's `ports`/`notPorts`: port numbers written as strings. Istio's validation refuses
 * anything else (istio/istio pkg/config/security/security.go, ValidatePorts: a base-10 unsigned
 * number of at most 65535).
 */
function portValues(reader: FieldReader, operation: JsonMap, path: FieldPath): MatchValues {
  const values = matchValues(reader, operation, 'ports', path);
  const check = (key: string, list: readonly string[] | undefined) => list?.forEach((port, i) => {
    if (!/^\d+$/.test(port) || Number(port) > 65535) reader.fail([...path, key, i], 'must be a port number of at most 65535, written as a string (Istio refuses names)');
  });
  check('ports', values.values);
  check('notPorts', values.notValues);
  return values;
}

function cidrValues(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): { values?: Cidr[]; notValues?: Cidr[] } {
  const read = (k: string) => reader.optionalStrings(map, k, path)?.map((text, i) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) reader.fail([...path, k, i], 'must be an IP address or CIDR');
    return cidr;
  });
  return { values: read(key), notValues: read(`not${key[0].toUpperCase()}${key.slice(1)}`) };
}

/** An AuthorizationPolicy. */
export function readAuthorizationPolicy(reader: FieldReader, object: JsonMap, name: string, namespace: string): AuthorizationPolicyRecord {
  const spec = reader.optionalMap(object, 'spec', []) ?? {};
  const unmodelled = reader.unmodelled(spec, ['spec'], ISTIO_FIELDS.authorizationPolicy);
  const action = own(spec, 'action') === undefined ? 'ALLOW' : reader.oneOf(own(spec, 'action'), ['spec', 'action'], ['ALLOW', 'DENY', 'CUSTOM', 'AUDIT'] as const);
  const rules = reader.optionalMaps(spec, 'rules', ['spec'], (rule, at, index) => ({
    index,
    from: reader.optionalMaps(rule, 'from', at, (from, fromAt): AuthorizationSource => {
      const source = reader.optionalMap(from, 'source', fromAt) ?? {};
      const sourceAt = [...fromAt, 'source'];
      return {
        principals: matchValues(reader, source, 'principals', sourceAt),
        namespaces: matchValues(reader, source, 'namespaces', sourceAt),
        requestPrincipals: matchValues(reader, source, 'requestPrincipals', sourceAt),
        ipBlocks: cidrValues(reader, source, 'ipBlocks', sourceAt),
        remoteIpBlocks: cidrValues(reader, source, 'remoteIpBlocks', sourceAt),
        unmodelled: reader.unmodelled(source, sourceAt, ISTIO_FIELDS.authorizationSource),
      };
    }),
    to: reader.optionalMaps(rule, 'to', at, (to, toAt): AuthorizationOperation => {
      const operation = reader.optionalMap(to, 'operation', toAt) ?? {};
      const operationAt = [...toAt, 'operation'];
      return {
        hosts: matchValues(reader, operation, 'hosts', operationAt),
        ports: portValues(reader, operation, operationAt),
        methods: matchValues(reader, operation, 'methods', operationAt),
        paths: matchValues(reader, operation, 'paths', operationAt),
        unmodelled: reader.unmodelled(operation, operationAt, ISTIO_FIELDS.authorizationOperation),
      };
    }),
    when: reader.optionalMaps(rule, 'when', at, (condition, conditionAt): AuthorizationCondition => ({
      where: `${reader.object} ${renderPath(conditionAt)}`,
      key: reader.string(own(condition, 'key'), [...conditionAt, 'key']),
      values: reader.optionalStrings(condition, 'values', conditionAt),
      notValues: reader.optionalStrings(condition, 'notValues', conditionAt),
    })),
  }));
  const annotations = reader.annotations(own(reader.optionalMap(object, 'metadata', []) ?? {}, 'annotations'), ['metadata', 'annotations']);
  const dryRun = Object.prototype.hasOwnProperty.call(annotations, 'istio.io/dry-run') && annotations['istio.io/dry-run'] === 'true';
  // istio/api security/v1beta1/authorization_policy.proto (1.23): targetRefs decide which resources
  // the policy attaches to (Gateway API Gateways, waypoints' Services), instead of the selector.
  const targeted = has(spec, 'targetRef') || has(spec, 'targetRefs');
  return { name, namespace, selector: selectorLabels(reader, spec, 'selector', ['spec']), action, rules, dryRun, targeted, unmodelled };
}

const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;

function tlsMode(reader: FieldReader, policy: JsonMap | undefined, path: FieldPath): ClientTlsMode | undefined {
  const tls = policy === undefined ? undefined : reader.optionalMap(policy, 'tls', path);
  return tls === undefined || own(tls, 'mode') === undefined ? undefined : reader.oneOf(own(tls, 'mode'), [...path, 'tls', 'mode'], TLS_MODES);
}

/** A traffic policy (a rule's or a subset's): its TLS, by port too, and the fields the model does not read. */
function readTrafficPolicy(reader: FieldReader, parent: JsonMap, path: FieldPath): {
  tls?: ClientTlsMode; portTls: Map<number, ClientTlsMode>; unmodelled: UnmodelledField[];
} {
  const policy = reader.optionalMap(parent, 'trafficPolicy', path);
  const portTls = new Map<number, ClientTlsMode>();
  if (policy === undefined) return { portTls, unmodelled: [] };
  const at = [...path, 'trafficPolicy'];
  const unmodelled = reader.unmodelled(policy, at, ISTIO_FIELDS.trafficPolicy);
  reader.optionalMaps(policy, 'portLevelSettings', at, (setting, settingAt) => {
    const port = reader.optionalMap(setting, 'port', settingAt);
    const mode = tlsMode(reader, setting, settingAt);
    if (port !== undefined && mode !== undefined) portTls.set(reader.integer(own(port, 'number'), [...settingAt, 'port', 'number'], 1, 65535), mode);
  });
  return { tls: tlsMode(reader, policy, at), portTls, unmodelled };
}

/** A DestinationRule. */
export function readDestinationRule(reader: FieldReader, object: JsonMap, name: string, namespace: string): DestinationRuleRecord {
  const spec = reader.map(own(object, 'spec'), ['spec']);
  const unmodelled = reader.unmodelled(spec, ['spec'], ISTIO_FIELDS.destinationRule);
  const policy = readTrafficPolicy(reader, spec, ['spec']);
  unmodelled.push(...policy.unmodelled);
  const subsets = reader.optionalMaps(spec, 'subsets', ['spec'], (subset, at) => {
    const subsetPolicy = readTrafficPolicy(reader, subset, at);
    return {
      name: reader.string(own(subset, 'name'), [...at, 'name']),
      labels: reader.labels(own(subset, 'labels'), [...at, 'labels']),
      tls: subsetPolicy.tls,
      portTls: subsetPolicy.portTls,
      unmodelled: subsetPolicy.unmodelled,
    };
  }) ?? [];
  return {
    name,
    namespace,
    host: reader.string(own(spec, 'host'), ['spec', 'host']),
    exportTo: reader.optionalStrings(spec, 'exportTo', ['spec']) ?? ['*'],
    workloadSelector: selectorLabels(reader, spec, 'workloadSelector', ['spec']),
    tls: policy.tls,
    portTls: policy.portTls,
    subsets,
    unmodelled,
  };
}

/** A Gateway. */
export function readGateway(reader: FieldReader, object: JsonMap, name: string, namespace: string): GatewayRecord {
  const spec = reader.map(own(object, 'spec'), ['spec']);
  const servers = reader.optionalMaps(spec, 'servers', ['spec'], (server, at): GatewayServer => {
    const port = reader.map(own(server, 'port'), [...at, 'port']);
    const tls = reader.optionalMap(server, 'tls', at);
    const unmodelled = reader.unmodelled(server, at, ISTIO_FIELDS.gatewayServer);
    if (tls !== undefined && own(tls, 'mode') !== undefined && own(tls, 'mode') !== 'SIMPLE') {
      unmodelled.push({ object: reader.object, field: renderPath([...at, 'tls', 'mode']), why: 'TLS other than SIMPLE termination' });
    }
    return {
      where: `${reader.object} ${renderPath(at.slice(1))}`,
      port: reader.integer(own(port, 'number'), [...at, 'port', 'number'], 1, 65535),
      protocol: (reader.optionalString(port, 'protocol', [...at, 'port']) ?? 'HTTP').toUpperCase(),
      hosts: reader.strings(own(server, 'hosts'), [...at, 'hosts']).map((entry) => {
        const slash = entry.indexOf('/');
        if (slash < 0) return { namespace: '*', host: entry };
        const ns = entry.slice(0, slash);
        return { namespace: ns === '.' ? namespace : ns, host: entry.slice(slash + 1) };
      }),
      tls: tls === undefined ? undefined : {
        mode: reader.optionalString(tls, 'mode', [...at, 'tls']),
        httpsRedirect: own(tls, 'httpsRedirect') === true,
        credentialName: reader.optionalString(tls, 'credentialName', [...at, 'tls']),
      },
      unmodelled,
    };
  }) ?? [];
  const selector = reader.optionalMap(spec, 'selector', ['spec']);
  return { name, namespace, describe: reader.object, selector: reader.labels(selector ?? {}, ['spec', 'selector']), servers };
}

function stringMatch(reader: FieldReader, value: unknown, path: FieldPath, caseInsensitive = false): StringMatch {
  const map = reader.map(value, path);
  const keys = Object.keys(map);
  if (keys.length !== 1 || !['exact', 'prefix', 'regex'].includes(keys[0])) reader.fail(path, 'must have exactly one of exact, prefix and regex');
  const text = reader.string(own(map, keys[0]), [...path, keys[0]]);
  if (keys[0] === 'exact') return { exact: text };
  if (keys[0] === 'prefix') return { prefix: text };
  const compiled = compileRe2(text, caseInsensitive);
  if ('error' in compiled) reader.fail([...path, 'regex'], `must be a regular expression Envoy accepts: ${compiled.error}`);
  return { regex: compiled };
}

function stringMatches(reader: FieldReader, map: JsonMap, key: string, path: FieldPath): Map<string, StringMatch> {
  const entries = reader.optionalMap(map, key, path);
  const result = new Map<string, StringMatch>();
  for (const name of Object.keys(entries ?? {})) result.set(key === 'queryParams' ? name : name.toLowerCase(), stringMatch(reader, own(entries!, name), [...path, key, name]));
  return result;
}

function gatewayReference(reference: string, namespace: string): string {
  return reference === 'mesh' || reference.includes('/') ? reference : `${namespace}/${reference}`;
}

function httpRoute(reader: FieldReader, route: JsonMap, path: FieldPath, namespace: string): HttpRoute {
  const unmodelled = reader.unmodelled(route, path, ISTIO_FIELDS.httpRoute);
  const matches = reader.optionalMaps(route, 'match', path, (match, at): HttpMatch => {
    const ignoreUriCase = own(match, 'ignoreUriCase') === true;
    return {
      uri: own(match, 'uri') === undefined ? undefined : stringMatch(reader, own(match, 'uri'), [...at, 'uri'], ignoreUriCase),
      method: own(match, 'method') === undefined ? undefined : stringMatch(reader, own(match, 'method'), [...at, 'method']),
      authority: own(match, 'authority') === undefined ? undefined : stringMatch(reader, own(match, 'authority'), [...at, 'authority']),
      scheme: own(match, 'scheme') === undefined ? undefined : stringMatch(reader, own(match, 'scheme'), [...at, 'scheme']),
      headers: stringMatches(reader, match, 'headers', at),
      withoutHeaders: stringMatches(reader, match, 'withoutHeaders', at),
      queryParams: stringMatches(reader, match, 'queryParams', at),
      port: own(match, 'port') === undefined ? undefined : reader.integer(own(match, 'port'), [...at, 'port'], 1, 65535),
      gateways: reader.optionalStrings(match, 'gateways', at)?.map((g) => gatewayReference(g, namespace)),
      sourceLabels: has(match, 'sourceLabels') ? reader.labels(own(match, 'sourceLabels'), [...at, 'sourceLabels']) : undefined,
      sourceNamespace: reader.optionalString(match, 'sourceNamespace', at),
      ignoreUriCase,
      unmodelled: reader.unmodelled(match, at, ISTIO_FIELDS.httpMatch),
    };
  });
  const destinations = reader.optionalMaps(route, 'route', path, (item, at): RouteDestination => {
    if (has(item, 'headers')) unmodelled.push({ object: reader.object, field: renderPath([...at, 'headers']), why: 'changes the headers the destination sees' });
    const destination = reader.map(own(item, 'destination'), [...at, 'destination']);
    const port = reader.optionalMap(destination, 'port', [...at, 'destination']);
    return {
      host: reader.string(own(destination, 'host'), [...at, 'destination', 'host']),
      subset: reader.optionalString(destination, 'subset', [...at, 'destination']),
      port: port === undefined ? undefined : reader.integer(own(port, 'number'), [...at, 'destination', 'port', 'number'], 1, 65535),
      weight: own(item, 'weight') === undefined ? 100 : reader.integer(own(item, 'weight'), [...at, 'weight'], 0, 100),
    };
  }) ?? [];
  let answers: string | undefined;
  let partialAbort = false;
  if (has(route, 'redirect')) answers = 'redirects the request (3xx)';
  if (has(route, 'directResponse')) answers = 'answers the request itself (directResponse)';
  const abort = reader.optionalMap(reader.optionalMap(route, 'fault', path) ?? {}, 'abort', [...path, 'fault']);
  if (abort !== undefined) {
    const percentage = reader.optionalMap(abort, 'percentage', [...path, 'fault', 'abort']);
    const value = percentage === undefined ? 100 : own(percentage, 'value');
    if (typeof value === 'number' && value >= 100) answers = `aborts every request (fault.abort, ${String(own(abort, 'httpStatus') ?? 'an error')})`;
    else if (typeof value !== 'number' || value > 0) partialAbort = true;
  }
  const rewrite = reader.optionalMap(route, 'rewrite', path);
  if (rewrite !== undefined) {
    for (const key of Object.keys(rewrite)) {
      if (key !== 'uri') unmodelled.push({ object: reader.object, field: renderPath([...path, 'rewrite', key]), why: 'changes the request the destination sees' });
    }
  }
  return {
    where: `${reader.object} ${renderPath(path.slice(1))}`,
    matches,
    destinations,
    answers,
    partialAbort,
    rewriteUri: rewrite === undefined ? undefined : reader.optionalString(rewrite, 'uri', [...path, 'rewrite']),
    unmodelled,
  };
}

/** A VirtualService. */
export function readVirtualService(reader: FieldReader, object: JsonMap, name: string, namespace: string): VirtualServiceRecord {
  const spec = reader.map(own(object, 'spec'), ['spec']);
  return {
    name,
    namespace,
    describe: reader.object,
    hosts: reader.optionalStrings(spec, 'hosts', ['spec']) ?? [],
    gateways: (reader.optionalStrings(spec, 'gateways', ['spec']) ?? ['mesh']).map((g) => gatewayReference(g, namespace)),
    exportTo: reader.optionalStrings(spec, 'exportTo', ['spec']) ?? ['*'],
    http: reader.optionalMaps(spec, 'http', ['spec'], (route, at) => httpRoute(reader, route, at, namespace)) ?? [],
    unmodelled: reader.unmodelled(spec, ['spec'], ISTIO_FIELDS.virtualService),
  };
}

/** A ServiceEntry. */
export function readServiceEntry(reader: FieldReader, object: JsonMap, name: string, namespace: string): ServiceEntryRecord {
  const spec = reader.map(own(object, 'spec'), ['spec']);
  return {
    name,
    namespace,
    describe: reader.object,
    hosts: reader.strings(own(spec, 'hosts'), ['spec', 'hosts']),
    addresses: (reader.optionalStrings(spec, 'addresses', ['spec']) ?? []).map((text, i) => {
      const cidr = parseCidr(text);
      if (cidr === undefined) reader.fail(['spec', 'addresses', i], 'must be an IP address or CIDR');
      return cidr;
    }),
    ports: reader.optionalMaps(spec, 'ports', ['spec'], (port, at) => ({
      number: reader.integer(own(port, 'number'), [...at, 'number'], 1, 65535),
      protocol: (reader.optionalString(port, 'protocol', at) ?? 'TCP').toUpperCase(),
    })) ?? [],
    exportTo: reader.optionalStrings(spec, 'exportTo', ['spec']) ?? ['*'],
    location: own(spec, 'location') === undefined ? 'MESH_EXTERNAL' : reader.oneOf(own(spec, 'location'), ['spec', 'location'], SERVICE_ENTRY_LOCATIONS),
    resolution: own(spec, 'resolution') === undefined ? 'NONE' : reader.oneOf(own(spec, 'resolution'), ['spec', 'resolution'], SERVICE_ENTRY_RESOLUTIONS),
    unmodelled: reader.unmodelled(spec, ['spec'], ISTIO_FIELDS.serviceEntry),
  };
}

/** ServiceEntry `location` values (istio/api networking/v1alpha3/service_entry.proto, Location). */
const SERVICE_ENTRY_LOCATIONS = ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const;
/** ServiceEntry `resolution` values (istio/api networking/v1alpha3/service_entry.proto, Resolution). */
const SERVICE_ENTRY_RESOLUTIONS = ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN'] as const;

const TRAFFIC_POLICY_MODES = ['ALLOW_ANY', 'REGISTRY_ONLY'] as const;

/**
 * A Sidecar's `workloadSelector`: networking's WorkloadSelector, whose field is `labels`
 * (istio/api networking/v1alpha3/sidecar.proto), not the `matchLabels` of the security kinds.
 */
function sidecarSelector(reader: FieldReader, spec: JsonMap): Labels | undefined {
  const selector = reader.optionalMap(spec, 'workloadSelector', ['spec']);
  if (selector === undefined) return undefined;
  reader.refuseUnknown(selector, ['spec', 'workloadSelector'], ['labels']);
  return reader.labels(own(selector, 'labels'), ['spec', 'workloadSelector', 'labels']);
}

/** A Sidecar resource. */
export function readSidecar(reader: FieldReader, object: JsonMap, name: string, namespace: string): SidecarRecord {
  const spec = reader.optionalMap(object, 'spec', []) ?? {};
  const policy = reader.optionalMap(spec, 'outboundTrafficPolicy', ['spec']);
  const unmodelled = reader.unmodelled(spec, ['spec'], ISTIO_FIELDS.sidecar);
  if (policy !== undefined && has(policy, 'egressProxy')) unmodelled.push({ object: reader.object, field: 'spec.outboundTrafficPolicy.egressProxy' });
  return {
    name,
    namespace,
    describe: reader.object,
    workloadSelector: sidecarSelector(reader, spec),
    outboundTrafficPolicy: policy === undefined || own(policy, 'mode') === undefined ? undefined
      : reader.oneOf(own(policy, 'mode'), ['spec', 'outboundTrafficPolicy', 'mode'], TRAFFIC_POLICY_MODES),
    unmodelled,
  };
}

/** The mesh configuration a shared ConfigMap's `mesh` key holds (already read as YAML into `mesh`). */
export function readMeshConfig(reader: FieldReader, mesh: unknown, setBy: string): MeshConfigRecord {
  if (mesh === undefined || mesh === null) return { outboundTrafficPolicy: 'ALLOW_ANY', setBy, unmodelled: [] };
  const config = reader.map(mesh, ['data', 'mesh']);
  const policy = reader.optionalMap(config, 'outboundTrafficPolicy', ['data', 'mesh']);
  const mode = policy === undefined || own(policy, 'mode') === undefined ? 'ALLOW_ANY'
    : reader.oneOf(own(policy, 'mode'), ['data', 'mesh', 'outboundTrafficPolicy', 'mode'], TRAFFIC_POLICY_MODES);
  const unmodelled: UnmodelledField[] = reader.unmodelled(config, ['data', 'mesh'], ISTIO_FIELDS.meshConfig)
    .map((f) => ({ ...f, why: 'a mesh-wide setting the model does not read' }));
  if (isMap(policy) && has(policy, 'egressProxy')) unmodelled.push({ object: reader.object, field: 'data.mesh.outboundTrafficPolicy.egressProxy' });
  return { outboundTrafficPolicy: mode, setBy, unmodelled };
}
