/**
 * Field lists for the parts of MODEL_COVERAGE that no CRD describes, written from the upstream
 * API definitions (names only; nothing copied).
 */

/**
 * The fields of Istio's MeshConfig (the `mesh` key of the add-on's shared ConfigMap), as JSON
 * names: every field of `message MeshConfig` in istio/api, tag 1.23.6 (commit
 * ed909087eb364d7e219723c1ea77827838f1c5af), file mesh/v1alpha1/config.proto, including the
 * fields of its oneofs and the ones marked deprecated, without the `reserved` ones.
 * Rendered at https://istio.io/v1.23/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig.
 */
export const MESH_CONFIG_FIELDS: readonly string[] = [
  'proxyListenPort', 'proxyInboundListenPort', 'proxyHttpPort', 'connectTimeout', 'protocolDetectionTimeout', 'tcpKeepalive',
  'ingressClass', 'ingressService', 'ingressControllerMode', 'ingressSelector', 'enableTracing', 'accessLogFile', 'accessLogFormat',
  'accessLogEncoding', 'enableEnvoyAccessLogService', 'disableEnvoyListenerLog', 'defaultConfig', 'outboundTrafficPolicy',
  'inboundTrafficPolicy', 'configSources', 'enableAutoMtls', 'trustDomain', 'trustDomainAliases', 'caCertificates',
  'defaultServiceExportTo', 'defaultVirtualServiceExportTo', 'defaultDestinationRuleExportTo', 'rootNamespace', 'localityLbSetting',
  'dnsRefreshRate', 'h2UpgradePolicy', 'inboundClusterStatName', 'outboundClusterStatName', 'certificates', 'serviceSettings',
  'enablePrometheusMerge', 'verifyCertificateAtClient', 'ca', 'extensionProviders', 'defaultProviders', 'discoverySelectors',
  'pathNormalization', 'defaultHttpRetryPolicy', 'meshMTLS', 'tlsDefaults',
];

/**
 * The keys an AuthorizationPolicy `when` condition may use, written as MODEL_COVERAGE writes
 * them (`[...]` for a bracketed name). Sources: Istio's "Authorization Policy Conditions" page
 * (istio/istio.io, content/en/docs/reference/config/security/conditions/index.md, commit
 * 083416aaa74d697b7b46d7203330ebf4d7ef1759, table "Supported Conditions") and the keys its
 * validation accepts (istio/istio, pkg/config/security/security.go, `ValidateAttribute`), which
 * add `remote.ip`. The keys it refuses (`destination.labels`, `destination.name`, ...) are left out.
 */
export const CONDITION_KEYS: readonly string[] = [
  'request.headers[...]', 'source.ip', 'remote.ip', 'source.namespace', 'source.principal', 'request.auth.principal',
  'request.auth.audiences', 'request.auth.presenter', 'request.auth.claims[...]', 'destination.ip', 'destination.port',
  'connection.sni', 'experimental.envoy.filters.*',
];
