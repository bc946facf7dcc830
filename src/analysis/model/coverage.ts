import { CILIUM_HTTP_FIELDS, CILIUM_L7_FIELDS, CILIUM_PORT_RULE_FIELDS, CILIUM_RULE_FIELDS, CILIUM_SPEC_FIELDS } from './kinds/cilium';
import { ISTIO_FIELDS } from './kinds/istio';
import { NETWORK_POLICY_SPEC_FIELDS } from './kinds/network-policy';

/** What the model reads of one part of a kind, and what it does with the rest. */
export interface CoverageRow {
  /** The kinds. */
  readonly kinds: string;
  /** The part: `spec`, `egress rule`, ... */
  readonly part: string;
  /** The fields it reads. */
  readonly understood: readonly string[];
  /** Fields it knows cannot change a verdict. */
  readonly ignored: readonly string[];
  /** What any other field of the part does to a verdict it could change. */
  readonly otherwise: string;
}

const UNKNOWN = 'makes the verdict unknown';

/**
 * The fields the verifier reads, kind by kind: the README's "What the model covers" table is
 * this list (a test keeps the two equal). A field outside `understood` and `ignored` makes a
 * verdict it could change unknown, naming the object and field.
 */
export const MODEL_COVERAGE: readonly CoverageRow[] = [
  {
    kinds: 'Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob',
    part: 'pod template',
    understood: ['metadata.labels', 'metadata.annotations[sidecar.istio.io/inject]', 'spec.serviceAccountName', 'spec.serviceAccount', 'spec.hostNetwork', 'spec.containers[].ports'],
    ignored: ['every other field'],
    otherwise: 'spec.dnsPolicy (other than ClusterFirst), spec.dnsConfig, spec.hostNetwork: true and the traffic annotations (traffic.sidecar.istio.io/*, proxy.istio.io/config, ...) make verdicts that depend on them unknown',
  },
  { kinds: 'Namespace', part: 'metadata', understood: ['labels'], ignored: ['every other field'], otherwise: 'ignored' },
  {
    kinds: 'Service',
    part: 'spec',
    understood: ['type', 'selector', 'ports', 'clusterIP (None)'],
    ignored: ['every other field'],
    otherwise: 'loadBalancerSourceRanges and externalIPs make verdicts from outside unknown',
  },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'spec, specs[]', understood: CILIUM_SPEC_FIELDS.understood, ignored: CILIUM_SPEC_FIELDS.ignored ?? [], otherwise: 'refused (not a field)' },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'ingress[], ingressDeny[]', understood: CILIUM_RULE_FIELDS.ingress.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'egress[], egressDeny[]', understood: CILIUM_RULE_FIELDS.egress.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'toPorts[]', understood: CILIUM_PORT_RULE_FIELDS.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'toPorts[].rules', understood: CILIUM_L7_FIELDS.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy', part: 'toPorts[].rules.http[]', understood: CILIUM_HTTP_FIELDS.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'NetworkPolicy', part: 'spec', understood: NETWORK_POLICY_SPEC_FIELDS.understood, ignored: [], otherwise: 'refused (not a field)' },
  { kinds: 'PeerAuthentication', part: 'spec', understood: ['selector', 'mtls.mode', 'portLevelMtls'], ignored: [], otherwise: 'refused (not a field)' },
  { kinds: 'AuthorizationPolicy', part: 'spec', understood: ISTIO_FIELDS.authorizationPolicy.understood, ignored: ISTIO_FIELDS.authorizationPolicy.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'AuthorizationPolicy', part: 'rules[].from[].source', understood: ISTIO_FIELDS.authorizationSource.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'AuthorizationPolicy', part: 'rules[].to[].operation', understood: ISTIO_FIELDS.authorizationOperation.understood, ignored: [], otherwise: UNKNOWN },
  {
    kinds: 'AuthorizationPolicy',
    part: 'rules[].when[].key',
    understood: ['source.namespace', 'source.principal', 'source.ip', 'remote.ip', 'destination.port', 'request.headers[...]', 'request.auth.*'],
    ignored: [],
    otherwise: UNKNOWN,
  },
  { kinds: 'DestinationRule', part: 'spec', understood: ISTIO_FIELDS.destinationRule.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'DestinationRule', part: 'trafficPolicy', understood: ISTIO_FIELDS.trafficPolicy.understood, ignored: ISTIO_FIELDS.trafficPolicy.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'Gateway', part: 'spec.servers[]', understood: ISTIO_FIELDS.gatewayServer.understood, ignored: ISTIO_FIELDS.gatewayServer.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'VirtualService', part: 'spec', understood: ISTIO_FIELDS.virtualService.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'VirtualService', part: 'http[]', understood: ISTIO_FIELDS.httpRoute.understood, ignored: ISTIO_FIELDS.httpRoute.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'VirtualService', part: 'http[].match[]', understood: ISTIO_FIELDS.httpMatch.understood, ignored: ISTIO_FIELDS.httpMatch.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'ServiceEntry', part: 'spec', understood: ISTIO_FIELDS.serviceEntry.understood, ignored: ISTIO_FIELDS.serviceEntry.ignored ?? [], otherwise: UNKNOWN },
  { kinds: 'Sidecar', part: 'spec', understood: ISTIO_FIELDS.sidecar.understood, ignored: [], otherwise: UNKNOWN },
  { kinds: 'ConfigMap istio-shared-configmap-<revision>', part: 'data.mesh', understood: ISTIO_FIELDS.meshConfig.understood, ignored: ISTIO_FIELDS.meshConfig.ignored ?? [], otherwise: UNKNOWN },
];
