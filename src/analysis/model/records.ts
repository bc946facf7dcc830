import { Cidr } from './cidr';
import { LabelSelector, Labels } from './field-reader';
import { UnmodelledField } from './outcome';
import { PolicyProtocol, PortProtocol } from '../../core/protocols';
import { FqdnSelector } from '../engine/fqdn-pattern';
import { Re2 } from '../engine/re2';

/** A port a container listens on. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: PortProtocol;
}

/** What runs in front of a workload's containers in the mesh. */
export type MeshProxy = 'sidecar' | 'gateway';

/** A group of identical pods: the pods of one Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod. */
export interface Workload {
  /** `namespace/name`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** The kind of object that makes the pods (`Deployment`, ...), or `Pod`. */
  readonly kind: string;
  /** The pods' labels. */
  readonly labels: Labels;
  readonly serviceAccount: string;
  readonly ports: readonly ContainerPort[];
  /** The Envoy proxy the pods run, if any. */
  readonly proxy?: MeshProxy;
  /** Why the pods have (or have not) a proxy. */
  readonly proxyReason: string;
  /** Where the workload is defined: a manifest file, or `AKS (assumed)` for what the cluster runs itself. */
  readonly source: string;
  /** Whether the cluster runs it (kube-dns, istiod, the ingress gateways) rather than the manifests. */
  readonly builtIn: boolean;
  /** Fields of the pod template the model does not read that change how its traffic flows (DNS settings, traffic annotations). */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A port of a Service. */
export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: PortProtocol;
}

/** A Service. */
export interface ServiceRecord {
  readonly name: string;
  readonly namespace: string;
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** The pods it sends to; undefined for a Service without a selector. */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly headless: boolean;
  readonly source: string;
  readonly builtIn: boolean;
  /** Fields that change which clients reach it or where it sends them. */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A Cilium port and protocol: a number, a named port, or every port (0). */
export interface CiliumPort {
  /** The port number (0: every port), or a container port's name. */
  readonly port: number | string;
  /**
   * The last port of a range.
   * @default - the one port
   */
  readonly endPort?: number;
  readonly protocol: PolicyProtocol;
}

/** One header a Cilium HTTP rule requires: present, or with this value. */
export interface HttpHeaderRule {
  readonly name: string;
  /**
   * The value it must have.
   * @default - only present
   */
  readonly value?: string;
}

/** A Cilium L7 HTTP rule: every field given must match (method, path and host are RE2 regexes of the whole value). */
export interface CiliumHttpRule {
  readonly method?: Re2;
  readonly path?: Re2;
  readonly host?: Re2;
  readonly headers: readonly HttpHeaderRule[];
  readonly unmodelled: readonly UnmodelledField[];
}

/** A `toPorts` entry: the ports, and the L7 rules on them. */
export interface CiliumPortRule {
  readonly where: string;
  /** The ports; empty means every port. */
  readonly ports: readonly CiliumPort[];
  /** DNS rules: which names the pods may look up (egress to a DNS server). */
  readonly dns?: readonly FqdnSelector[];
  /** HTTP rules: which requests pass. */
  readonly http?: readonly CiliumHttpRule[];
  /** L7 and TLS settings the model does not read (Kafka, `l7proto`, TLS interception, server names, listeners). */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A CIDR with the CIDRs it excludes. */
export interface CidrRule {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

/** An ICMP type a rule allows (`EchoRequest` is 8 for IPv4). */
export interface IcmpRule {
  readonly family: 4 | 6;
  readonly type: number;
}

/** One allow or deny rule of a Cilium policy, for one direction. */
export interface CiliumRule {
  /** `CiliumNetworkPolicy pets/x egress[1]`. */
  readonly where: string;
  /** Endpoint selectors (`fromEndpoints`/`toEndpoints`). */
  readonly endpoints?: readonly LabelSelector[];
  /** Entities (`world`, `cluster`, `all`, ...). */
  readonly entities?: readonly string[];
  /** CIDRs (`toCIDR`, `toCIDRSet`, and their `from` forms). */
  readonly cidrs?: readonly CidrRule[];
  /** `toFQDNs` selectors (egress). */
  readonly fqdns?: readonly FqdnSelector[];
  /** `fromRequires`/`toRequires`: selectors every peer of the endpoint's other rules must also match. */
  readonly requires?: readonly LabelSelector[];
  /** Whether the rule names any peer; a rule with only ports allows them from (to) anywhere. */
  readonly hasPeer: boolean;
  /** `toPorts`; undefined: every port (unless `icmps` limits the rule to ICMP). */
  readonly toPorts?: readonly CiliumPortRule[];
  /** `icmps`: the rule allows only these ICMP types. */
  readonly icmps?: readonly IcmpRule[];
  /** Peer or port fields the model does not read (`toServices`, `toGroups`, `fromNodes`, `authentication`, ...). */
  readonly unmodelled: readonly UnmodelledField[];
}

/** One rule set of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (`spec`, or one of `specs`). */
export interface CiliumRuleSet {
  /** `CiliumNetworkPolicy pets/name` (with `specs[i]`). */
  readonly name: string;
  /** The policy's namespace; undefined for a clusterwide policy. */
  readonly namespace?: string;
  readonly endpointSelector: LabelSelector;
  readonly ingress?: readonly CiliumRule[];
  readonly ingressDeny?: readonly CiliumRule[];
  readonly egress?: readonly CiliumRule[];
  readonly egressDeny?: readonly CiliumRule[];
  /** Whether the rule set makes each direction default-deny when it has rules for it (`enableDefaultDeny`). */
  readonly defaultDeny: { readonly ingress: boolean; readonly egress: boolean };
}

/** A Kubernetes NetworkPolicy port: a protocol, and a port number, name or range (none: every port). */
export interface NetworkPolicyPort {
  readonly protocol: PortProtocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

/** A Kubernetes NetworkPolicy peer: pods by selectors, or addresses. */
export type NetworkPolicyPeer =
  /** Pods: `podSelector` (default: every pod) in the namespaces `namespaceSelector` selects (default: the policy's). */
  | { readonly kind: 'pods'; readonly podSelector?: LabelSelector; readonly namespaceSelector?: LabelSelector }
  /** Addresses outside the cluster. */
  | { readonly kind: 'addresses'; readonly block: CidrRule };

/** One rule of a Kubernetes NetworkPolicy direction: peers (undefined: every peer) and ports (undefined: every port). */
export interface NetworkPolicyRule {
  readonly where: string;
  readonly peers?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

/** A Kubernetes NetworkPolicy: the pods it selects in its namespace, and its rules for each direction it restricts. */
export interface NetworkPolicyRecord {
  /** `NetworkPolicy pets/name`. */
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  /** Set when the policy restricts ingress (`policyTypes`): the rules that allow it. */
  readonly ingress?: readonly NetworkPolicyRule[];
  /** Set when the policy restricts egress. */
  readonly egress?: readonly NetworkPolicyRule[];
}

/** A mutual TLS mode of PeerAuthentication. */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';

/** A PeerAuthentication. */
export interface PeerAuthenticationRecord {
  readonly name: string;
  readonly namespace: string;
  /** `selector.matchLabels`; undefined: every workload of the namespace. */
  readonly selector?: Labels;
  readonly mode?: MtlsMode;
  /** `portLevelMtls`, by port. */
  readonly ports: ReadonlyMap<number, MtlsMode>;
}

/** Values of one AuthorizationPolicy field and its `not` form. */
export interface MatchValues {
  readonly values?: readonly string[];
  readonly notValues?: readonly string[];
}

/** A `from.source` of an AuthorizationPolicy rule. */
export interface AuthorizationSource {
  readonly principals: MatchValues;
  readonly namespaces: MatchValues;
  readonly requestPrincipals: MatchValues;
  readonly ipBlocks: { readonly values?: readonly Cidr[]; readonly notValues?: readonly Cidr[] };
  readonly remoteIpBlocks: { readonly values?: readonly Cidr[]; readonly notValues?: readonly Cidr[] };
  readonly unmodelled: readonly UnmodelledField[];
}

/** A `to.operation` of an AuthorizationPolicy rule. */
export interface AuthorizationOperation {
  readonly hosts: MatchValues;
  readonly ports: MatchValues;
  readonly methods: MatchValues;
  readonly paths: MatchValues;
  readonly unmodelled: readonly UnmodelledField[];
}

/** A `when` condition of an AuthorizationPolicy rule. */
export interface AuthorizationCondition {
  readonly where: string;
  readonly key: string;
  readonly values?: readonly string[];
  readonly notValues?: readonly string[];
}

/** A rule of an AuthorizationPolicy: every part given must match. */
export interface AuthorizationRule {
  readonly index: number;
  readonly from?: readonly AuthorizationSource[];
  readonly to?: readonly AuthorizationOperation[];
  readonly when?: readonly AuthorizationCondition[];
}

/** An AuthorizationPolicy. */
export interface AuthorizationPolicyRecord {
  readonly name: string;
  readonly namespace: string;
  /** `selector.matchLabels`; undefined: every workload of the namespace (of the mesh, in the root namespace). */
  readonly selector?: Labels;
  readonly action: 'ALLOW' | 'DENY' | 'CUSTOM' | 'AUDIT';
  /** Undefined for `rules` left out; `ALLOW` with no rules denies everything. */
  readonly rules?: readonly AuthorizationRule[];
  /** Annotated `istio.io/dry-run: "true"`: evaluated and logged, never enforced. */
  readonly dryRun: boolean;
  /**
   * Attached with `targetRef`/`targetRefs` (to a Gateway API Gateway or a waypoint's Service):
   * such a policy never applies to a sidecar or to the add-on's ingress gateway pods.
   */
  readonly targeted: boolean;
  /** Fields of its spec the model does not read: whether the policy applies at all is then unknown. */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A client TLS mode of a DestinationRule. */
export type ClientTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL';

/** A DestinationRule: how clients' sidecars connect to a host. */
export interface DestinationRuleRecord {
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  readonly exportTo: readonly string[];
  /** `workloadSelector.matchLabels`: the clients it applies to; undefined: all. */
  readonly workloadSelector?: Labels;
  readonly tls?: ClientTlsMode;
  readonly portTls: ReadonlyMap<number, ClientTlsMode>;
  /** Subsets: names, the labels of their pods, and their own traffic policy's TLS (which overrides the rule's). */
  readonly subsets: readonly DestinationSubset[];
  readonly unmodelled: readonly UnmodelledField[];
}

/** A DestinationRule's subset. */
export interface DestinationSubset {
  readonly name: string;
  readonly labels: Labels;
  /** `trafficPolicy.tls.mode` of the subset. @default - the rule's */
  readonly tls?: ClientTlsMode;
  /** `trafficPolicy.portLevelSettings[].tls.mode` of the subset, by port. */
  readonly portTls: ReadonlyMap<number, ClientTlsMode>;
  /** Fields of the subset's traffic policy the model does not read: they matter only where a route sends to this subset. */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A server of a Gateway. */
export interface GatewayServer {
  readonly where: string;
  readonly port: number;
  readonly protocol: string;
  /** `[namespace/]host` entries: which namespaces' VirtualServices may bind (`*`: all), and the host. */
  readonly hosts: readonly { readonly namespace: string; readonly host: string }[];
  readonly tls?: { readonly mode?: string; readonly httpsRedirect: boolean; readonly credentialName?: string };
  readonly unmodelled: readonly UnmodelledField[];
}

/** What every Istio routing record names: the object and how messages describe it (`Kind ns/name`). */
export interface IstioObjectRecord {
  readonly name: string;
  readonly namespace: string;
  readonly describe: string;
}

/** A Gateway. */
export interface GatewayRecord extends IstioObjectRecord {
  /** `selector`: the gateway pods it configures. */
  readonly selector: Labels;
  readonly servers: readonly GatewayServer[];
}

/** An Istio string match. */
export type StringMatch =
  | { readonly exact: string }
  | { readonly prefix: string }
  | { readonly regex: Re2 };

/** One `match` block of an HTTP route: every condition given must hold. */
export interface HttpMatch {
  readonly uri?: StringMatch;
  readonly method?: StringMatch;
  readonly authority?: StringMatch;
  readonly scheme?: StringMatch;
  readonly headers: ReadonlyMap<string, StringMatch>;
  readonly withoutHeaders: ReadonlyMap<string, StringMatch>;
  readonly queryParams: ReadonlyMap<string, StringMatch>;
  readonly port?: number;
  readonly gateways?: readonly string[];
  readonly sourceLabels?: Labels;
  readonly sourceNamespace?: string;
  readonly ignoreUriCase: boolean;
  readonly unmodelled: readonly UnmodelledField[];
}

/** A destination of an HTTP route. */
export interface RouteDestination {
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  readonly weight: number;
}

/** An HTTP route of a VirtualService. */
export interface HttpRoute {
  readonly where: string;
  /** Undefined: matches every request. */
  readonly matches?: readonly HttpMatch[];
  readonly destinations: readonly RouteDestination[];
  /** What answers instead of a destination: a redirect, a direct response, or a fault that aborts every request. */
  readonly answers?: string;
  /** Set when a fault aborts some requests but not all. */
  readonly partialAbort?: boolean;
  readonly rewriteUri?: string;
  readonly unmodelled: readonly UnmodelledField[];
}

/** A VirtualService. */
export interface VirtualServiceRecord extends IstioObjectRecord {
  readonly hosts: readonly string[];
  /** Gateways as `namespace/name`, or `mesh`. */
  readonly gateways: readonly string[];
  readonly exportTo: readonly string[];
  readonly http: readonly HttpRoute[];
  /** `tcp` and `tls` routes, which the model does not read. */
  readonly unmodelled: readonly UnmodelledField[];
}

/** A ServiceEntry: hosts outside (or inside) the mesh added to its registry. */
export interface ServiceEntryRecord extends IstioObjectRecord {
  readonly hosts: readonly string[];
  readonly addresses: readonly Cidr[];
  readonly ports: readonly { readonly number: number; readonly protocol: string }[];
  readonly exportTo: readonly string[];
  /** `MESH_EXTERNAL` (the default) or `MESH_INTERNAL`. */
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
  /** How the sidecar resolves the hosts' addresses. */
  readonly resolution: 'NONE' | 'STATIC' | 'DNS' | 'DNS_ROUND_ROBIN';
  readonly unmodelled: readonly UnmodelledField[];
}

/** A Sidecar resource: which hosts a workload's sidecar sees and how it treats others. */
export interface SidecarRecord extends IstioObjectRecord {
  readonly workloadSelector?: Labels;
  readonly outboundTrafficPolicy?: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** Fields the model does not read (`egress` host lists, `ingress` listeners). */
  readonly unmodelled: readonly UnmodelledField[];
}

/** The part of the add-on's mesh configuration the model reads. */
export interface MeshConfigRecord {
  readonly outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** The ConfigMap that set it, or the add-on's default. */
  readonly setBy: string;
  readonly unmodelled: readonly UnmodelledField[];
}
