import { HttpRequest, NO_HOST_FIELD } from './network-policy';
import { describeUnmodelled, Reason } from './verdict';
import { CLUSTER_DOMAIN, ISTIOD_NAMESPACE } from '../../core/aks-platform';
import { Cidr, cidrContains, parseCidr, parseIp } from '../model/cidr';
import { ClusterModel, matchesLabels } from '../model/cluster';
import { and, every, maybe, NO, not, or, some, Tri, tri, UnmodelledField, YES } from '../model/outcome';
import {
  AuthorizationCondition, AuthorizationOperation, AuthorizationPolicyRecord, AuthorizationRule, AuthorizationSource, ClientTlsMode,
  DestinationRuleRecord, MatchValues, MtlsMode, PeerAuthenticationRecord, ServiceRecord, Workload,
} from '../model/records';

/** The mTLS mode that applies to a port of a workload, and which PeerAuthentication set it. */
export interface EffectiveMtls {
  readonly mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE';
  readonly setBy: string;
}

/** What a request carries that Istio's authorization can look at. */
export interface RequestAttributes {
  /** The client's SPIFFE principal (`cluster.local/ns/<ns>/sa/<sa>`); undefined for plaintext. */
  readonly principal?: string;
  /** The address of the connection's peer, where known. */
  readonly sourceIp?: string;
  /** The original client's address (from X-Forwarded-For or the connection), where known. */
  readonly remoteIp?: string;
  /** The port on the server's pods. */
  readonly port: number;
  /** The HTTP request; undefined for plain TCP. */
  readonly http?: HttpRequest;
}

/** What an attribute is for one request: a value, absent (no principal, no token), not applicable (HTTP-only on TCP), or not known. */
type Attribute = { readonly value: string } | { readonly absent: true } | { readonly tcp: true } | { readonly unknown: UnmodelledField };

/** Istio's string match: exact, `prefix*`, `*suffix`, or `*` (any non-empty value). */
function istioMatch(pattern: string, value: string): boolean {
  if (pattern === '*') return value !== '';
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/**
 * One field of a rule: true when `values` (if given) holds a match and `notValues` (if given)
 * none. An absent attribute matches no value (so every `not` list). An HTTP-only field on TCP
 * traffic makes an ALLOW rule not match and is ignored in a DENY rule, as Istio does.
 */
function field(match: MatchValues, attribute: Attribute, deny: boolean, compare: (pattern: string, value: string) => boolean = istioMatch): Tri {
  if (match.values === undefined && match.notValues === undefined) return YES;
  if ('tcp' in attribute) return tri(deny);
  if ('unknown' in attribute) return maybe([attribute.unknown]);
  const value = 'value' in attribute ? attribute.value : undefined;
  const hit = (patterns: readonly string[]) => value !== undefined && patterns.some((p) => compare(p, value));
  return tri((match.values === undefined || hit(match.values)) && (match.notValues === undefined || !hit(match.notValues)));
}

function cidrField(match: { values?: readonly Cidr[]; notValues?: readonly Cidr[] }, attribute: Attribute): Tri {
  if (match.values === undefined && match.notValues === undefined) return YES;
  if (!('value' in attribute)) return 'unknown' in attribute ? maybe([attribute.unknown]) : NO;
  const ip = parseIp(attribute.value)!;
  const hit = (cidrs: readonly Cidr[]) => cidrs.some((c) => cidrContains(c, ip));
  return tri((match.values === undefined || hit(match.values)) && (match.notValues === undefined || !hit(match.notValues)));
}

function namespaceOf(principal: string | undefined): string | undefined {
  return principal === undefined ? undefined : /\/ns\/([^/]+)\//.exec(principal)?.[1];
}

const HOST_WITHOUT_PORT = /:\d+$/;

/** Istio's PeerAuthentication, DestinationRule TLS and AuthorizationPolicy, as sidecars and gateways enforce them. */
/** A request's attributes as AuthorizationPolicy fields see them. */
type RequestAttributeValues = ReturnType<MeshSecurity['attributesOf']>;

export class MeshSecurity {
  private readonly attributeCache = new WeakMap<RequestAttributes, RequestAttributeValues>();

  constructor(private readonly cluster: ClusterModel) {}

  /** The mTLS mode of `port` on `server`'s pods: workload, then namespace, then mesh-wide PeerAuthentication; PERMISSIVE when none sets one. */
  public mtlsMode(server: Workload, port: number): EffectiveMtls {
    const own = this.cluster.peerAuthenticationsIn(server.namespace);
    const describe = (p: PeerAuthenticationRecord) => `PeerAuthentication ${p.namespace}/${p.name}`;
    const workload = own.find((p) => p.selector !== undefined && matchesLabels(p.selector, server.labels));
    const namespace = own.find((p) => p.selector === undefined);
    const mesh = this.cluster.peerAuthenticationsIn(ISTIOD_NAMESPACE).find((p) => p.selector === undefined);
    const levels: { mode?: MtlsMode; setBy: string }[] = [
      ...(workload === undefined ? [] : [{ mode: workload.ports.get(port), setBy: `${describe(workload)} (port ${port})` }, { mode: workload.mode, setBy: describe(workload) }]),
      ...(namespace === undefined ? [] : [{ mode: namespace.mode, setBy: describe(namespace) }]),
      ...(mesh === undefined ? [] : [{ mode: mesh.mode, setBy: `${describe(mesh)} (mesh-wide)` }]),
    ];
    const set = levels.find((level) => level.mode !== undefined && level.mode !== 'UNSET');
    return set === undefined ? { mode: 'PERMISSIVE', setBy: 'the default (no PeerAuthentication sets a mode)' } : set as EffectiveMtls;
  }

  /** The DestinationRule a client's proxy applies to a Service's host: the client's namespace first, then the Service's, then the root namespace. */
  public destinationRule(client: Workload, service: ServiceRecord): DestinationRuleRecord | undefined {
    const fqdn = `${service.name}.${service.namespace}.svc.${CLUSTER_DOMAIN}`;
    const hostMatches = (rule: DestinationRuleRecord) => {
      // A short name is relative to the rule's namespace; anything with a dot (or a wildcard) is a host as written.
      const host = rule.host === '*' || rule.host.includes('.') ? rule.host.toLowerCase() : `${rule.host.toLowerCase()}.${rule.namespace}.svc.${CLUSTER_DOMAIN}`;
      return host === '*' || host === fqdn || (host.startsWith('*.') && fqdn.endsWith(host.slice(1)));
    };
    const visible = (rule: DestinationRuleRecord) => rule.exportTo.includes('*') || rule.exportTo.includes(client.namespace)
      || (rule.exportTo.includes('.') && rule.namespace === client.namespace);
    const applies = (rule: DestinationRuleRecord) => hostMatches(rule) && visible(rule)
      && (rule.workloadSelector === undefined || (rule.namespace === client.namespace && matchesLabels(rule.workloadSelector, client.labels)));
    for (const namespace of [client.namespace, service.namespace, ISTIOD_NAMESPACE]) {
      const found = this.cluster.destinationRulesIn(namespace).filter(applies);
      // The most specific host wins: an exact host before a wildcard.
      const exact = found.find((r) => !r.host.startsWith('*'));
      if (exact !== undefined || found.length > 0) return exact ?? found[0];
    }
    return undefined;
  }

  /**
   * The TLS a client's proxy uses towards a port of a Service (of a subset's pods, when a route
   * names one: the subset's traffic policy overrides the rule's), the DestinationRule that set it
   * (undefined: automatic mTLS), and the fields of the policies in force the model does not read.
   */
  public clientTls(client: Workload, service: ServiceRecord, port: number, subset?: string): {
    readonly mode?: ClientTlsMode; readonly rule?: DestinationRuleRecord; readonly unmodelled: readonly UnmodelledField[];
  } {
    const rule = this.destinationRule(client, service);
    if (rule === undefined) return { unmodelled: [] };
    const own = subset === undefined ? undefined : rule.subsets.find((s) => s.name === subset);
    const mode = own?.portTls.get(port) ?? own?.tls ?? rule.portTls.get(port) ?? rule.tls;
    return { rule, mode, unmodelled: [...rule.unmodelled, ...own?.unmodelled ?? []] };
  }

  /** The AuthorizationPolicies that apply to a workload's proxy: its namespace's and the root namespace's, by selector. */
  public policiesFor(server: Workload): AuthorizationPolicyRecord[] {
    const candidates = server.namespace === ISTIOD_NAMESPACE ? this.cluster.authorizationPoliciesIn(server.namespace)
      : [...this.cluster.authorizationPoliciesIn(server.namespace), ...this.cluster.authorizationPoliciesIn(ISTIOD_NAMESPACE)];
    return candidates.filter((p) => !p.dryRun && !p.targeted && (p.selector === undefined || matchesLabels(p.selector, server.labels)));
  }

  /** The attributes of a request, made once per request however many rule parts look at them. */
  private attributes(request: RequestAttributes): RequestAttributeValues {
    let attributes = this.attributeCache.get(request);
    if (attributes === undefined) {
      attributes = this.attributesOf(request);
      this.attributeCache.set(request, attributes);
    }
    return attributes;
  }

  private attributesOf(request: RequestAttributes) {
    const http = request.http;
    const absentOr = (value: string | undefined): Attribute => (value === undefined ? { absent: true } : { value });
    const httpOnly = (value: (h: HttpRequest) => Attribute): Attribute => (http === undefined ? { tcp: true } : value(http));
    const ip = (value: string | undefined, what: string): Attribute => (value === undefined
      ? { unknown: { object: 'the claim', field: what, why: 'the client address this proxy sees is not known (state it with from.ip; at a gateway, see --gateway-keeps-client-ip)' } } : { value });
    return {
      principal: absentOr(request.principal),
      namespace: absentOr(namespaceOf(request.principal)),
      // The claims carry no JWT: requests have no request principal.
      requestPrincipal: httpOnly(() => ({ absent: true })),
      host: httpOnly((h) => (h.host === undefined ? { unknown: NO_HOST_FIELD } : { value: h.host.replace(HOST_WITHOUT_PORT, '').toLowerCase() })),
      path: httpOnly((h) => ({ value: h.path.split('?')[0] })),
      method: httpOnly((h) => ({ value: h.method })),
      port: { value: String(request.port) } as Attribute,
      sourceIp: ip(request.sourceIp, 'from.ip'),
      remoteIp: ip(request.remoteIp ?? request.sourceIp, 'from.ip'),
      header: (name: string): Attribute => httpOnly((h) => {
        const key = name.toLowerCase();
        return absentOr(Object.prototype.hasOwnProperty.call(h.headers, key) ? h.headers[key] : undefined);
      }),
    };
  }

  private sourceMatches(source: AuthorizationSource, request: RequestAttributes, deny: boolean): Tri {
    const a = this.attributes(request);
    return and(
      field(source.principals, a.principal, deny),
      field(source.namespaces, a.namespace, deny),
      field(source.requestPrincipals, a.requestPrincipal, deny),
      cidrField(source.ipBlocks, a.sourceIp),
      cidrField(source.remoteIpBlocks, a.remoteIp),
      source.unmodelled.length > 0 ? maybe(source.unmodelled) : YES,
    );
  }

  private operationMatches(operation: AuthorizationOperation, request: RequestAttributes, deny: boolean): Tri {
    const a = this.attributes(request);
    const hostMatch = (pattern: string, value: string) => istioMatch(pattern.toLowerCase().replace(HOST_WITHOUT_PORT, ''), value);
    return and(
      field(operation.ports, a.port, deny),
      field(operation.paths, a.path, deny),
      field(operation.methods, a.method, deny),
      field(operation.hosts, a.host, deny, hostMatch),
      operation.unmodelled.length > 0 ? maybe(operation.unmodelled) : YES,
    );
  }

  private conditionMatches(condition: AuthorizationCondition, request: RequestAttributes, deny: boolean): Tri {
    const a = this.attributes(request);
    const key = condition.key;
    const header = /^request\.headers\[(.+)\]$/.exec(key);
    let attribute: Attribute;
    if (key === 'source.namespace') attribute = a.namespace;
    else if (key === 'source.principal') attribute = a.principal;
    else if (key === 'destination.port') attribute = a.port;
    else if (key === 'source.ip') attribute = a.sourceIp;
    else if (key === 'remote.ip') attribute = a.remoteIp;
    else if (header !== null) attribute = a.header(header[1]);
    else if (key.startsWith('request.auth.')) attribute = request.http === undefined ? { tcp: true } : { absent: true };
    else return maybe([{ object: condition.where, field: `key ${key}`, why: 'a condition the model does not read' }]);
    const values = { values: condition.values, notValues: condition.notValues };
    if ((key === 'source.ip' || key === 'remote.ip')) {
      const parse = (list?: readonly string[]) => list?.map((t) => parseCidr(t)).filter((c): c is Cidr => c !== undefined);
      return cidrField({ values: parse(condition.values), notValues: parse(condition.notValues) }, attribute);
    }
    return field(values, attribute, deny, key === 'destination.port' ? (p, v) => p === v : istioMatch);
  }

  private ruleMatches(rule: AuthorizationRule, request: RequestAttributes, deny: boolean): Tri {
    return and(
      rule.from === undefined ? YES : some(rule.from, (s) => this.sourceMatches(s, request, deny)),
      rule.to === undefined ? YES : some(rule.to, (o) => this.operationMatches(o, request, deny)),
      rule.when === undefined ? YES : every(rule.when, (c) => this.conditionMatches(c, request, deny)),
    );
  }

  private policyMatches(policy: AuthorizationPolicyRecord, request: RequestAttributes): { value: Tri; index?: number } {
    const deny = policy.action === 'DENY';
    const rules = policy.rules ?? [];
    const results = rules.map((rule) => this.ruleMatches(rule, request, deny));
    const index = results.findIndex((r) => r.value === 'yes');
    return { value: or(...results), index: index < 0 ? undefined : index };
  }

  /** Whether `server`'s proxy lets `request` in: CUSTOM policies first (an external authorizer decides), then DENY, then ALLOW. */
  public authorize(server: Workload, request: RequestAttributes): Reason {
    const applying = this.policiesFor(server);
    const describe = (p: AuthorizationPolicyRecord) => `AuthorizationPolicy ${p.namespace}/${p.name}`;
    const who = request.principal ?? (request.sourceIp !== undefined ? `a plaintext client at ${request.sourceIp}` : 'a plaintext client (no principal)');
    const custom = applying.filter((p) => p.action === 'CUSTOM').map((p) => ({ p, m: this.policyMatches(p, request) }));
    const denies = applying.filter((p) => p.action === 'DENY').map((p) => ({ p, m: this.policyMatches(p, request) }));
    const allows = applying.filter((p) => p.action === 'ALLOW').map((p) => ({ p, m: this.policyMatches(p, request) }));
    // Whether a policy applies at all: unknown where its spec has fields the model does not read.
    const applies = (p: AuthorizationPolicyRecord): Tri => (p.unmodelled.length > 0 ? maybe(p.unmodelled) : YES);
    const customEffect = or(...custom.map(({ p, m }) => and(applies(p), m.value, maybe([{ object: describe(p), field: 'action CUSTOM', why: 'an external authorizer decides' }]))));
    const denied = or(...denies.map(({ p, m }) => and(applies(p), m.value)));
    // Allowed when no ALLOW policy applies, or one that applies matches.
    const allowed = or(not(or(...allows.map(({ p }) => applies(p)))), ...allows.map(({ p, m }) => and(applies(p), m.value)));
    const value = and(not(customEffect), not(denied), allowed);
    if (value.value === 'no') {
      const deny = denies.find(({ m }) => m.value.value === 'yes');
      if (deny !== undefined) return { check: 'authorization', outcome: 'blocked', text: `${describe(deny.p)} (DENY) rules[${deny.m.index}] matches ${who}: 403 / connection closed` };
      return {
        check: 'authorization',
        outcome: 'blocked',
        text: `${allows.map(({ p }) => describe(p)).join(', ')} (ALLOW) apply to ${server.id} and no rule matches ${who} on port ${request.port}`
          + `${request.http === undefined ? '' : ` ${request.http.method} ${request.http.path}`}: 403 / connection closed`,
      };
    }
    if (value.value === 'maybe') return { check: 'authorization', outcome: 'unknown', text: `authorization at ${server.id} cannot be decided: ${describeUnmodelled(value.fields)}`, unmodelled: value.fields };
    if (allows.length === 0) return { check: 'authorization', outcome: 'allowed', unrestricted: true, text: `no AuthorizationPolicy restricts ${server.id}` };
    const allow = allows.find(({ m }) => m.value.value === 'yes')!;
    return { check: 'authorization', outcome: 'allowed', text: `${describe(allow.p)} (ALLOW) rules[${allow.m.index}] matches ${who}` };
  }
}
