import { CLAIMS, cnp, deployment, istio, MESH, MESH_CONFIG, meshConfigMap, service, SHOP, withField } from './fixtures';
import { Claim } from '../../../src';

/** A definite verdict. */
export type Definite = 'allowed' | 'blocked';

/** Manifests with one field a model part does not read, placed where it applies to a claim's connection. */
export interface FieldCase {
  /** What the case is for: `<kind> <place> <field>`, as the enumeration names it. */
  readonly key: string;
  readonly manifests: readonly unknown[];
  readonly claim: Claim;
  /** The object (as messages name it) and the field's path in it, which the unknown verdict must report. */
  readonly names: { readonly object: string; readonly field: string | RegExp };
  /** The same manifests without the field, and the definite verdict they get (left out where they have none). */
  readonly without?: { readonly manifests: readonly unknown[]; readonly verdict: Definite };
}

type Path = readonly (string | number)[];

/** `spec.ingress[0].toPorts[0]`: a path as the verifier renders it. */
function render(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * A case that adds `field: value` at `parent` of object `index` of `base`; the verdict must name
 * that object and `parent.field`, and `base` itself gets `verdict`.
 */
function added(
  key: string, base: readonly unknown[], index: number, parent: Path, field: string, value: unknown, claim: Claim, verdict: Definite | undefined,
): FieldCase {
  const object = base[index] as { kind: string; metadata: { name: string; namespace?: string } };
  const describe = `${object.kind} ${object.metadata.namespace === undefined ? '' : `${object.metadata.namespace}/`}${object.metadata.name}`;
  return {
    key,
    manifests: withField(base, index, parent, field, value),
    claim,
    names: { object: describe, field: render([...parent, field]) },
    without: verdict === undefined ? undefined : { manifests: base, verdict },
  };
}

// ---------------------------------------------------------------------------------------------
// Cilium: the rule lists, toPorts, L7 rules and HTTP rules. Values follow the CRD schema
// (../shared/crds/cilium-1.16.12-cilium.io_ciliumnetworkpolicies.yaml).

const P = SHOP.length;
const select = (app: string) => ({ matchLabels: { app } });
const port = (number: number) => ({ ports: [{ port: String(number), protocol: 'TCP' }] });
/** SHOP and one policy selecting `app`. */
const shopWith = (app: string, spec: Record<string, unknown>) => [...SHOP, cnp('shop', `${app}-policy`, { endpointSelector: select(app), ...spec })];

const AWS_GROUP = [{ aws: { securityGroupsIds: ['sg-0123456789abcdef0'] } }];
const TO_SERVICE = [{ k8sService: { serviceName: 'external-api', namespace: 'shop' } }];

/** Values for the `toPorts[]` fields the model does not read. */
const PORT_FIELDS: Readonly<Record<string, unknown>> = {
  listener: { envoyConfig: { kind: 'CiliumEnvoyConfig', name: 'api-listener' }, name: 'api' },
  originatingTLS: { secret: { name: 'api-client-tls' } },
  serverNames: ['api.shop.example'],
  terminatingTLS: { secret: { name: 'api-tls' } },
};
/**
 * `rules` blocks with an L7 kind the model does not read. The schema's oneOf wants exactly one of
 * http, kafka, dns and l7proto in a block, and `l7` goes with `l7proto`: the block is what is added.
 */
const L7_RULES: Readonly<Record<string, Record<string, unknown>>> = {
  kafka: { kafka: [{ role: 'produce', topic: 'orders' }] },
  l7: { l7proto: 'r2d2', l7: [{ cmd: 'READ' }] },
  l7proto: { l7proto: 'r2d2' },
};

/** A port rule of api's ingress (from web) or web's egress (to api) on 3000, with an L7 `rules` block naming `field`. */
function l7Case(direction: 'ingress' | 'egress', field: string): FieldCase {
  const base = direction === 'ingress'
    ? shopWith('api', { ingress: [{ fromEndpoints: [select('web')], toPorts: [port(3000)] }] })
    : shopWith('web', { egress: [{ toEndpoints: [select('api')], toPorts: [port(3000)] }] });
  const rules = L7_RULES[field];
  // Without the block the port rule allows the connection; a block with other unread kinds has no definite control.
  const c = added(`CiliumNetworkPolicy spec.${direction}[].toPorts[].rules ${field}`, base, P, ['spec', direction, 0, 'toPorts', 0], 'rules', rules,
    CLAIMS.shopPods, Object.keys(rules).length === 1 ? 'allowed' : undefined);
  return { ...c, names: { object: c.names.object, field: `spec.${direction}[0].toPorts[0].rules.${field}` } };
}

const CILIUM_CASES: FieldCase[] = [
  added('CiliumNetworkPolicy spec.ingress[] authentication', shopWith('api', { ingress: [{ fromEndpoints: [select('web')] }] }),
    P, ['spec', 'ingress', 0], 'authentication', { mode: 'required' }, CLAIMS.shopPods, 'allowed'),
  added('CiliumNetworkPolicy spec.ingress[] fromGroups', shopWith('api', { ingress: [{ toPorts: [port(3000)] }] }),
    P, ['spec', 'ingress', 0], 'fromGroups', AWS_GROUP, CLAIMS.shopPods, 'allowed'),
  // A deny rule of port 3000 from every peer; with fromGroups, only from the group's addresses.
  added('CiliumNetworkPolicy spec.ingressDeny[] fromGroups', shopWith('api', { ingress: [{ fromEndpoints: [select('web')] }], ingressDeny: [{ toPorts: [port(3000)] }] }),
    P, ['spec', 'ingressDeny', 0], 'fromGroups', AWS_GROUP, CLAIMS.shopPods, 'blocked'),
  added('CiliumNetworkPolicy spec.egress[] authentication', shopWith('web', { egress: [{ toEndpoints: [select('api')] }] }),
    P, ['spec', 'egress', 0], 'authentication', { mode: 'required' }, CLAIMS.shopPods, 'allowed'),
  added('CiliumNetworkPolicy spec.egress[] toGroups', shopWith('web', { egress: [{ toPorts: [port(443)] }] }),
    P, ['spec', 'egress', 0], 'toGroups', AWS_GROUP, CLAIMS.shopOutside, 'allowed'),
  // toServices names a Service without a selector whose Endpoints point outside the cluster (here, maybe at 203.0.113.20).
  added('CiliumNetworkPolicy spec.egress[] toServices', shopWith('web', { egress: [{ toPorts: [port(443)] }] }),
    P, ['spec', 'egress', 0], 'toServices', TO_SERVICE, CLAIMS.shopOutside, 'allowed'),
  added('CiliumNetworkPolicy spec.egressDeny[] toGroups', shopWith('web', { egress: [{ toEntities: ['world'] }], egressDeny: [{ toPorts: [port(443)] }] }),
    P, ['spec', 'egressDeny', 0], 'toGroups', AWS_GROUP, CLAIMS.shopOutside, 'blocked'),
  added('CiliumNetworkPolicy spec.egressDeny[] toServices', shopWith('web', { egress: [{ toEntities: ['world'] }], egressDeny: [{ toPorts: [port(443)] }] }),
    P, ['spec', 'egressDeny', 0], 'toServices', TO_SERVICE, CLAIMS.shopOutside, 'blocked'),
  ...Object.entries(PORT_FIELDS).flatMap(([field, value]) => [
    added(`CiliumNetworkPolicy spec.ingress[].toPorts[] ${field}`, shopWith('api', { ingress: [{ fromEndpoints: [select('web')], toPorts: [port(3000)] }] }),
      P, ['spec', 'ingress', 0, 'toPorts', 0], field, value, CLAIMS.shopPods, 'allowed'),
    added(`CiliumNetworkPolicy spec.egress[].toPorts[] ${field}`, shopWith('web', { egress: [{ toEntities: ['world'], toPorts: [port(443)] }] }),
      P, ['spec', 'egress', 0, 'toPorts', 0], field, value, CLAIMS.shopOutside, 'allowed'),
  ]),
  ...Object.keys(L7_RULES).flatMap((field) => [l7Case('ingress', field), l7Case('egress', field)]),
  added('CiliumNetworkPolicy spec.ingress[].toPorts[].rules.http[] headerMatches',
    shopWith('api', { ingress: [{ fromEndpoints: [select('web')], toPorts: [{ ...port(3000), rules: { http: [{ method: 'GET' }] } }] }] }),
    P, ['spec', 'ingress', 0, 'toPorts', 0, 'rules', 'http', 0], 'headerMatches', [{ name: 'x-token', value: 'abc' }], CLAIMS.shopPodsHttp, 'allowed'),
  added('CiliumNetworkPolicy spec.egress[].toPorts[].rules.http[] headerMatches',
    shopWith('web', { egress: [{ toEndpoints: [select('api')], toPorts: [{ ...port(3000), rules: { http: [{ method: 'GET' }] } }] }] }),
    P, ['spec', 'egress', 0, 'toPorts', 0, 'rules', 'http', 0], 'headerMatches', [{ name: 'x-token', value: 'abc' }], CLAIMS.shopPodsHttp, 'allowed'),
];

// ---------------------------------------------------------------------------------------------
// Istio: AuthorizationPolicy conditions, DestinationRule, Gateway, VirtualService,
// ServiceEntry, Sidecar (values follow the CRD schemas in ../shared/crds/istio-1.23.6-*).

const M = MESH.length;
const API_HOST = 'api.mesh.svc.cluster.local';
const WEB_PRINCIPAL = 'cluster.local/ns/mesh/sa/default';
const REGISTRY_ONLY = meshConfigMap({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });

/** `when` keys the model does not read, each with values Istio's validation accepts. */
const CONDITIONS: Readonly<Record<string, readonly [string, string[]]>> = {
  'destination.ip': ['destination.ip', ['10.0.0.0/8']],
  'connection.sni': ['connection.sni', [API_HOST]],
  'experimental.envoy.filters.*': ['experimental.envoy.filters.network.mysql_proxy[db.table]', ['[update]']],
};

const allowWeb = istio('AuthorizationPolicy', 'mesh', 'api', { selector: select('api'), action: 'ALLOW', rules: [{ from: [{ source: { principals: [WEB_PRINCIPAL] } }] }] });
const TUNNEL = { targetHost: 'egress.example.com', targetPort: 8443 };
const subsetRule = (trafficPolicy: Record<string, unknown>) => istio('DestinationRule', 'mesh', 'api', {
  host: API_HOST, subsets: [{ name: 'v1', labels: { app: 'api' }, trafficPolicy }],
});
const toSubset = istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST], http: [{ route: [{ destination: { host: API_HOST, subset: 'v1' } }] }] });
const gatewayBase = [
  ...MESH,
  istio('Gateway', 'aks-istio-ingress', 'web-gateway', {
    selector: { istio: 'aks-istio-ingressgateway-external' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
  }),
  istio('VirtualService', 'mesh', 'api-public', { hosts: ['*'], gateways: ['aks-istio-ingress/web-gateway'], http: [{ route: [{ destination: { host: 'api', port: { number: 3000 } } }] }] }),
];
/** MESH with the api Service's port named for its protocol (`tcp-api`, `tls-api`). */
const meshWithApiPort = (name: string) => MESH.map((o) => (o === MESH[4] ? service('mesh', 'api', 3000, { portName: name }) : o));
const apiSidecar = istio('Sidecar', 'mesh', 'api', { workloadSelector: { labels: { app: 'api' } } });

const ISTIO_CASES: FieldCase[] = [
  ...Object.entries(CONDITIONS).map(([name, [key, values]]) => {
    const c = added(`AuthorizationPolicy spec.rules[].when[].key ${name}`, [...MESH, allowWeb], M, ['spec', 'rules', 0], 'when', [{ key, values }], CLAIMS.meshService, 'allowed');
    return { ...c, names: { object: 'AuthorizationPolicy mesh/api', field: `spec.rules[0].when[0] key ${key}` } };
  }),
  added('DestinationRule spec.trafficPolicy tunnel', [...MESH, istio('DestinationRule', 'mesh', 'api', { host: API_HOST, trafficPolicy: {} })],
    M, ['spec', 'trafficPolicy'], 'tunnel', TUNNEL, CLAIMS.meshService, 'allowed'),
  added('DestinationRule spec.trafficPolicy proxyProtocol', [...MESH, istio('DestinationRule', 'mesh', 'api', { host: API_HOST, trafficPolicy: {} })],
    M, ['spec', 'trafficPolicy'], 'proxyProtocol', { version: 'V1' }, CLAIMS.meshService, 'allowed'),
  // A subset's traffic policy applies where a route sends requests to the subset.
  added('DestinationRule spec.subsets[].trafficPolicy tunnel', [...MESH, subsetRule({}), toSubset],
    M, ['spec', 'subsets', 0, 'trafficPolicy'], 'tunnel', TUNNEL, CLAIMS.meshServiceHttp, 'allowed'),
  added('DestinationRule spec.subsets[].trafficPolicy proxyProtocol', [...MESH, subsetRule({}), toSubset],
    M, ['spec', 'subsets', 0, 'trafficPolicy'], 'proxyProtocol', { version: 'V2' }, CLAIMS.meshServiceHttp, 'allowed'),
  added('Gateway spec.servers[] bind', gatewayBase, M, ['spec', 'servers', 0], 'bind', '127.0.0.1', CLAIMS.gateway, 'allowed'),
  added('Gateway spec.servers[] defaultEndpoint', gatewayBase, M, ['spec', 'servers', 0], 'defaultEndpoint', '127.0.0.1:8080', CLAIMS.gateway, 'allowed'),
  // A TCP route for a port named tcp-*: the request's bytes go where the route sends them (here: `other`).
  // Without it the VirtualService has no routes at all, which Istio refuses: no control.
  added('VirtualService spec tcp', [...meshWithApiPort('tcp-api'), istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST] })],
    M, ['spec'], 'tcp', [{ route: [{ destination: { host: 'other', port: { number: 9000 } } }] }], CLAIMS.meshServiceHttp, undefined),
  // A TLS route (by SNI) for a port named tls-*: the claim's bytes may be TLS.
  added('VirtualService spec tls', [...meshWithApiPort('tls-api'), istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST] })],
    M, ['spec'], 'tls', [{ match: [{ port: 3000, sniHosts: [API_HOST] }], route: [{ destination: { host: 'other', port: { number: 9000 } } }] }], CLAIMS.meshService, undefined),
  added('VirtualService spec.http[] delegate',
    [...MESH, istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST], http: [{ match: [{ uri: { prefix: '/' } }] }] }),
      istio('VirtualService', 'mesh', 'api-routes', { http: [{ route: [{ destination: { host: 'other', port: { number: 9000 } } }] }] })],
    M, ['spec', 'http', 0], 'delegate', { name: 'api-routes', namespace: 'mesh' }, CLAIMS.meshServiceHttp, 'blocked'),
  added('VirtualService spec.http[] headers',
    [...MESH, istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST], http: [{ route: [{ destination: { host: API_HOST } }] }] })],
    M, ['spec', 'http', 0], 'headers', { request: { set: { 'x-user': 'admin' } } }, CLAIMS.meshServiceHttp, 'allowed'),
  // Under REGISTRY_ONLY the ServiceEntry is what lets web's sidecar reach the name at all.
  added('ServiceEntry spec endpoints',
    [...MESH, REGISTRY_ONLY, istio('ServiceEntry', 'mesh', 'api-example', {
      hosts: ['api.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], location: 'MESH_EXTERNAL', resolution: 'DNS',
    })],
    M + 1, ['spec'], 'endpoints', [{ address: 'mirror.example.net' }], CLAIMS.meshOutside, 'allowed'),
  // workloadSelector sends the name's traffic to the `other` pods, which listen on 9000, not 3000.
  added('ServiceEntry spec workloadSelector',
    [...MESH, REGISTRY_ONLY, istio('ServiceEntry', 'mesh', 'api-internal', {
      hosts: ['api.internal.example'], ports: [{ number: 3000, name: 'http', protocol: 'HTTP' }], location: 'MESH_INTERNAL', resolution: 'STATIC',
    })],
    M + 1, ['spec'], 'workloadSelector', { labels: { app: 'other' } },
    { ...CLAIMS.meshOutside, to: { fqdn: 'api.internal.example', port: 3000 } }, undefined),
  added('Sidecar spec egress', [...MESH, istio('Sidecar', 'mesh', 'default', {})],
    M, ['spec'], 'egress', [{ hosts: ['./other.mesh.svc.cluster.local'] }], CLAIMS.meshService, 'allowed'),
  // A Sidecar selecting the server configures its inbound side: here, it forwards 3000 to a port nothing listens on.
  // These two pass today only because the verifier misreads the selector and applies the Sidecar to web too (see the
  // Sidecar workloadSelector probe below); once that is fixed they show whether the server's Sidecar is consulted.
  added('Sidecar spec ingress', [...MESH, apiSidecar],
    M, ['spec'], 'ingress', [{ port: { number: 3000, protocol: 'TCP', name: 'tcp' }, defaultEndpoint: '127.0.0.1:9999' }], CLAIMS.meshService, 'allowed'),
  added('Sidecar spec inboundConnectionPool', [...MESH, apiSidecar],
    M, ['spec'], 'inboundConnectionPool', { tcp: { maxConnections: 1 } }, CLAIMS.meshService, 'allowed'),
];

// ---------------------------------------------------------------------------------------------
// The add-on's mesh configuration: one sample value per MeshConfig field the model does not read
// (field types from istio/api 1.23.6 mesh/v1alpha1/config.proto).

/** A value for each MeshConfig field outside MODEL_COVERAGE's understood and ignored lists. */
export const MESH_CONFIG_VALUES: Readonly<Record<string, unknown>> = {
  proxyListenPort: 15001,
  proxyInboundListenPort: 15006,
  proxyHttpPort: 15080,
  connectTimeout: '1s',
  protocolDetectionTimeout: '5s',
  tcpKeepalive: { time: '300s' },
  ingressClass: 'istio',
  ingressService: 'istio-ingressgateway',
  ingressControllerMode: 'STRICT',
  ingressSelector: 'ingressgateway',
  enableEnvoyAccessLogService: true,
  disableEnvoyListenerLog: true,
  inboundTrafficPolicy: { mode: 'LOCALHOST' },
  configSources: [{ address: 'xds://config.example.org:15010' }],
  enableAutoMtls: false,
  trustDomain: 'example.org',
  trustDomainAliases: ['old.example.org'],
  caCertificates: [{ spiffeBundleUrl: 'https://bundle.example.org' }],
  defaultServiceExportTo: ['.'],
  defaultVirtualServiceExportTo: ['.'],
  defaultDestinationRuleExportTo: ['.'],
  rootNamespace: 'istio-config',
  localityLbSetting: { enabled: true },
  dnsRefreshRate: '60s',
  h2UpgradePolicy: 'UPGRADE',
  inboundClusterStatName: '%SERVICE%',
  outboundClusterStatName: '%SERVICE%',
  certificates: [{ secretName: 'dns.example-cert', dnsNames: ['example.org'] }],
  serviceSettings: [{ settings: { clusterLocal: true }, hosts: ['*.mesh.svc.cluster.local'] }],
  verifyCertificateAtClient: true,
  ca: { address: 'ca.example.org:15012' },
  discoverySelectors: [{ matchLabels: { env: 'prod' } }],
  pathNormalization: { normalization: 'NONE' },
  defaultHttpRetryPolicy: { attempts: 0 },
  meshMTLS: { minProtocolVersion: 'TLSV1_3' },
  tlsDefaults: { ecdhCurves: ['P-256'] },
};

const MESH_CONFIG_CASES: FieldCase[] = Object.entries(MESH_CONFIG_VALUES).map(([field, value]) => ({
  key: `ConfigMap istio-shared-configmap-<revision> data.mesh ${field}`,
  manifests: [...MESH, meshConfigMap({ [field]: value })],
  claim: CLAIMS.meshService,
  names: { object: `ConfigMap ${MESH_CONFIG.namespace}/${MESH_CONFIG.name}`, field: `data.mesh.${field}` },
  without: { manifests: [...MESH, meshConfigMap({})], verdict: 'allowed' },
}));

/** One case per field of every "makes the verdict unknown" part that the model does not read. */
export const FIELD_CASES: readonly FieldCase[] = [...CILIUM_CASES, ...ISTIO_CASES, ...MESH_CONFIG_CASES];

// ---------------------------------------------------------------------------------------------
// What the pod template and Service rows' `otherwise` column names: not unread fields, values.

const WEB = 1;
const API = 3;
const POD_SPEC = ['spec', 'template', 'spec'];
const POD_METADATA = ['spec', 'template', 'metadata'];
const shopAllowsWeb = shopWith('api', { ingress: [{ fromEndpoints: [select('web')] }] });
const strictMesh = [...MESH, istio('PeerAuthentication', 'mesh', 'default', { mtls: { mode: 'STRICT' } })];
const denyAll = [...MESH, istio('AuthorizationPolicy', 'mesh', 'deny-api', { selector: select('api'), action: 'DENY', rules: [{}] })];
const annotated = (base: readonly unknown[], index: number, key: string, name: string, value: string, claim: Claim, verdict: Definite): FieldCase => {
  const c = added(key, base, index, POD_METADATA, 'annotations', { [name]: value }, claim, verdict);
  return { ...c, names: { object: c.names.object, field: new RegExp(`annotation ${name.replace(/[./]/g, '\\$&')}$`) } };
};
const podField = (
  key: string, base: readonly unknown[], index: number, field: string, value: unknown, claim: Claim, verdict: Definite,
): FieldCase => {
  const c = added(key, base, index, POD_SPEC, field, value, claim, verdict);
  // The pod template's findings name the field without its place in the template (`dnsPolicy`); its full path is welcome too.
  return { ...c, names: { object: c.names.object, field: new RegExp(`(^|\\.)${field}$`) } };
};

export const NON_FIELD_CASES: readonly FieldCase[] = [
  podField('pod template spec.dnsPolicy Default', SHOP, WEB, 'dnsPolicy', 'Default', CLAIMS.shopService, 'allowed'),
  podField('pod template spec.dnsConfig', SHOP, WEB, 'dnsConfig', { options: [{ name: 'ndots', value: '1' }] }, CLAIMS.shopService, 'allowed'),
  // On the host network the pod has the node's identity, which a policy selecting app=api does not select.
  podField('pod template spec.hostNetwork true', shopAllowsWeb, API, 'hostNetwork', true, CLAIMS.shopPods, 'allowed'),
  // Port 3000 leaves web without its sidecar: plaintext, which api's STRICT sidecar refuses.
  annotated(strictMesh, WEB, 'pod template traffic.sidecar.istio.io/excludeOutboundPorts', 'traffic.sidecar.istio.io/excludeOutboundPorts', '3000', CLAIMS.meshService, 'allowed'),
  // Port 3000 reaches api's container without its sidecar: the DENY policy is not enforced there.
  annotated(denyAll, API, 'pod template traffic.sidecar.istio.io/excludeInboundPorts', 'traffic.sidecar.istio.io/excludeInboundPorts', '3000', CLAIMS.meshService, 'blocked'),
  // No traffic capture at all (ProxyConfig interceptionMode NONE): web sends plaintext.
  annotated(strictMesh, WEB, 'pod template proxy.istio.io/config', 'proxy.istio.io/config', '{"interceptionMode": "NONE"}', CLAIMS.meshService, 'allowed'),
  annotated(strictMesh, WEB, 'pod template sidecar.istio.io/interceptionMode', 'sidecar.istio.io/interceptionMode', 'NONE', CLAIMS.meshService, 'allowed'),
  added('Service spec.loadBalancerSourceRanges', SHOP.map((o) => (o === SHOP[4] ? service('shop', 'api', 3000, { type: 'LoadBalancer' }) : o)),
    4, ['spec'], 'loadBalancerSourceRanges', ['10.0.0.0/8'], CLAIMS.worldToApi, 'allowed'),
  // externalIPs make a ClusterIP Service reachable from outside at those addresses.
  added('Service spec.externalIPs', SHOP, 4, ['spec'], 'externalIPs', ['198.51.100.10'], CLAIMS.worldToApi, 'blocked'),
];

// ---------------------------------------------------------------------------------------------
// Fields the readers flag inside parts they read (no coverage row of their own).

export const NESTED_CASES: readonly FieldCase[] = [
  added('CiliumNetworkPolicy spec.egress[].toCIDRSet[] cidrGroupRef', shopWith('web', { egress: [{ toCIDRSet: [{}] }] }),
    P, ['spec', 'egress', 0, 'toCIDRSet', 0], 'cidrGroupRef', 'partner-addresses', CLAIMS.shopOutside, undefined),
  added('VirtualService spec.http[].route[] headers',
    [...MESH, istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST], http: [{ route: [{ destination: { host: API_HOST } }] }] })],
    M, ['spec', 'http', 0, 'route', 0], 'headers', { request: { set: { 'x-user': 'admin' } } }, CLAIMS.meshServiceHttp, 'allowed'),
  added('VirtualService spec.http[].rewrite authority',
    [...MESH, istio('VirtualService', 'mesh', 'api', { hosts: [API_HOST], http: [{ rewrite: { uri: '/' }, route: [{ destination: { host: API_HOST } }] }] })],
    M, ['spec', 'http', 0, 'rewrite'], 'authority', 'admin.internal', CLAIMS.meshServiceHttp, 'allowed'),
  added('Sidecar spec.outboundTrafficPolicy egressProxy', [...MESH, istio('Sidecar', 'mesh', 'default', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } })],
    M, ['spec', 'outboundTrafficPolicy'], 'egressProxy', { host: 'egress.example.com', port: { number: 3128 } }, CLAIMS.meshOutside, 'allowed'),
  {
    key: 'ConfigMap istio-shared-configmap-<revision> data.mesh.outboundTrafficPolicy egressProxy',
    manifests: [...MESH, meshConfigMap({ outboundTrafficPolicy: { mode: 'ALLOW_ANY', egressProxy: { host: 'egress.example.com', port: { number: 3128 } } } })],
    claim: CLAIMS.meshOutside,
    names: { object: `ConfigMap ${MESH_CONFIG.namespace}/${MESH_CONFIG.name}`, field: 'data.mesh.outboundTrafficPolicy.egressProxy' },
    without: { manifests: [...MESH, meshConfigMap({ outboundTrafficPolicy: { mode: 'ALLOW_ANY' } })], verdict: 'allowed' },
  },
  added('Gateway spec.servers[].tls mode PASSTHROUGH',
    gatewayBase.map((o, i) => (i === M ? istio('Gateway', 'aks-istio-ingress', 'web-gateway', {
      selector: { istio: 'aks-istio-ingressgateway-external' }, servers: [{ port: { number: 80, name: 'tls', protocol: 'TLS' }, hosts: ['*'], tls: {} }],
    }) : o)),
    M, ['spec', 'servers', 0, 'tls'], 'mode', 'PASSTHROUGH', CLAIMS.gateway, undefined),
];

// ---------------------------------------------------------------------------------------------
// Controls: a field that is present but cannot apply to the claim's connection, or cannot change
// its answer, leaves the verdict definite.

export interface Control {
  readonly name: string;
  readonly manifests: readonly unknown[];
  readonly claim: Claim;
  readonly verdict: Definite;
}

const auth = { mode: 'required' };
export const CONTROLS: readonly Control[] = [
  {
    name: 'a Cilium rule with an unread field in a policy that selects other pods',
    manifests: shopWith('other', { ingress: [{ fromEndpoints: [select('web')], authentication: auth }] }),
    claim: CLAIMS.shopPods,
    verdict: 'allowed',
  },
  {
    name: 'a rule with an unread peer field beside a rule that allows the connection (yes OR maybe is yes)',
    manifests: shopWith('api', { ingress: [{ fromEndpoints: [select('web')] }, { fromGroups: AWS_GROUP }] }),
    claim: CLAIMS.shopPods,
    verdict: 'allowed',
  },
  {
    name: 'a deny rule with an unread peer field for another port',
    manifests: shopWith('api', { ingress: [{ fromEndpoints: [select('web')] }], ingressDeny: [{ fromGroups: AWS_GROUP, toPorts: [port(9999)] }] }),
    claim: CLAIMS.shopPods,
    verdict: 'allowed',
  },
  {
    name: 'an egress rule with an unread field for another port, under default-deny',
    manifests: shopWith('web', { egress: [{ toEndpoints: [select('api')], toPorts: [port(9000)], authentication: auth }] }),
    claim: CLAIMS.shopPods,
    verdict: 'blocked',
  },
  {
    name: 'an unread condition key in an AuthorizationPolicy that selects other workloads',
    manifests: [...MESH, istio('AuthorizationPolicy', 'mesh', 'other', { selector: select('other'), rules: [{ when: [{ key: 'connection.sni', values: ['x'] }] }] })],
    claim: CLAIMS.meshService,
    verdict: 'allowed',
  },
  {
    name: 'a DestinationRule tunnel for another host',
    manifests: [...MESH, istio('DestinationRule', 'mesh', 'other', { host: 'other.mesh.svc.cluster.local', trafficPolicy: { tunnel: TUNNEL } })],
    claim: CLAIMS.meshService,
    verdict: 'allowed',
  },
  {
    name: 'a VirtualService with unread route fields for another host',
    manifests: [...MESH, istio('VirtualService', 'mesh', 'other', { hosts: ['other'], http: [{ headers: { request: { set: { a: 'b' } } }, route: [{ destination: { host: 'other' } }] }] })],
    claim: CLAIMS.meshServiceHttp,
    verdict: 'allowed',
  },
  {
    name: 'a Sidecar resource with egress listeners in another namespace',
    manifests: [...MESH, ...SHOP, istio('Sidecar', 'shop', 'default', { egress: [{ hosts: ['./*'] }] })],
    claim: CLAIMS.meshService,
    verdict: 'allowed',
  },
  {
    name: 'a Gateway server with bind on a port the request does not use',
    manifests: gatewayBase.map((o, i) => (i === M ? istio('Gateway', 'aks-istio-ingress', 'web-gateway', {
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] },
        { port: { number: 443, name: 'http-alt', protocol: 'HTTP' }, hosts: ['*'], bind: '127.0.0.1' },
      ],
    }) : o)),
    claim: CLAIMS.gateway,
    verdict: 'allowed',
  },
  {
    name: 'mesh settings between pods without sidecars',
    manifests: [...SHOP, meshConfigMap({ enableAutoMtls: false, rootNamespace: 'istio-config' })],
    claim: CLAIMS.shopPods,
    verdict: 'allowed',
  },
  {
    name: 'dnsPolicy of a client that connects to pod addresses (no lookup)',
    manifests: withField(SHOP, WEB, POD_SPEC, 'dnsPolicy', 'Default'),
    claim: CLAIMS.shopPods,
    verdict: 'allowed',
  },
  {
    name: 'loadBalancerSourceRanges for a client inside the cluster',
    manifests: SHOP.map((o) => (o === SHOP[4] ? service('shop', 'api', 3000, { type: 'LoadBalancer', spec: { loadBalancerSourceRanges: ['10.0.0.0/8'] } }) : o)),
    claim: CLAIMS.shopService,
    verdict: 'allowed',
  },
  {
    name: 'a traffic annotation on a pod that is neither end of the connection',
    manifests: withField(strictMesh, 5, POD_METADATA, 'annotations', { 'traffic.sidecar.istio.io/excludeOutboundPorts': '3000' }),
    claim: CLAIMS.meshService,
    verdict: 'allowed',
  },
];

// ---------------------------------------------------------------------------------------------
// Probes beyond the enumeration: fields MODEL_COVERAGE calls harmless (`ignored`) or reads in one
// place only, set where they change the connection. The verdict must not be the one stated.

export interface Probe {
  readonly name: string;
  readonly manifests: readonly unknown[];
  readonly claim: Claim;
  /** The verdict that would be wrong. */
  readonly wrong: Definite;
  /** Why it would be wrong, with the source. */
  readonly because: string;
}

export const PROBES: readonly Probe[] = [
  {
    name: 'AuthorizationPolicy spec.targetRefs (ignored): a DENY policy attached to a Gateway does not apply to the namespace\'s sidecars',
    manifests: [...MESH, istio('AuthorizationPolicy', 'mesh', 'deny-at-gateway', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' }], action: 'DENY', rules: [{}],
    })],
    claim: CLAIMS.meshService,
    wrong: 'blocked',
    because: 'istio/api 1.23.6 security/v1beta1/authorization_policy.proto, AuthorizationPolicy.targetRefs: "The targeted resources specified '
      + 'will determine which workloads the policy applies to"; a policy is namespace-wide only when neither selector nor targetRefs is set',
  },
  {
    name: 'DestinationRule spec.subsets[].trafficPolicy.tls (read only at the top level): ISTIO_MUTUAL to a subset whose pods have no sidecar',
    manifests: [
      ...MESH.map((o) => (o === MESH[3] ? deployment('mesh', 'api', 3000, { annotations: { 'sidecar.istio.io/inject': 'false' } }) : o)),
      subsetRule({ tls: { mode: 'ISTIO_MUTUAL' } }), toSubset,
    ],
    claim: CLAIMS.meshServiceHttp,
    wrong: 'allowed',
    because: 'docs/verifier.md: "ISTIO_MUTUAL towards a pod without a sidecar fails"; a subset\'s trafficPolicy overrides the rule\'s for '
      + 'requests routed to the subset (istio/api 1.23.6 networking/v1alpha3/destination_rule.proto, Subset.traffic_policy)',
  },
  {
    name: 'Sidecar spec.workloadSelector.labels (understood): REGISTRY_ONLY in a Sidecar that selects api does not apply to web',
    manifests: [...MESH, istio('Sidecar', 'mesh', 'api-registry-only', { workloadSelector: { labels: { app: 'api' } }, outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })],
    claim: CLAIMS.meshOutside,
    wrong: 'blocked',
    because: 'a Sidecar\'s workloadSelector selects pods by `labels` (the only field the 1.23.6 CRD allows there, '
      + '../shared/crds/istio-1.23.6-networking.istio.io_sidecars.yaml; istio/api networking/v1alpha3/sidecar.proto WorkloadSelector.labels), '
      + 'and a Sidecar with a selector applies only to the pods it selects',
  },
];

