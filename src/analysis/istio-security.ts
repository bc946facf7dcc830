import { ClusterModel, MESH_ROOT_NAMESPACE, Workload } from './cluster-model';
import { Reason } from './endpoint';
import { AppliedObject, describeObject } from './kube-object';
import { selectorMatches } from './label-selector';

/** The mTLS modes a sidecar accepts traffic in. */
export type AcceptedMtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

/** The mode that applies to a port of a workload, and which PeerAuthentication set it. */
export interface EffectiveMtls {
  readonly mode: AcceptedMtlsMode;
  readonly setBy: string;
}

/** What a request carries that authorization can look at. */
export interface RequestAttributes {
  /** The client's SPIFFE principal (`cluster.local/ns/<ns>/sa/<sa>`); undefined for plaintext. */
  readonly principal?: string;
  /** The port on the server's pods. */
  readonly port: number;
  /** The HTTP path, when the claim names one. */
  readonly path?: string;
  /** The HTTP method, when the request is HTTP. */
  readonly method?: string;
  /** The HTTP host, when the request is HTTP. */
  readonly host?: string;
}

const SECURITY_GROUP = 'security.istio.io';

/** Istio's string match: exact, `prefix*`, `*suffix` or `*`. */
function stringMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  return pattern === value;
}

/**
 * One condition of a rule: true when `values` (if given) contains a match and `notValues` (if
 * given) none. An attribute the request does not carry (undefined) matches nothing, so a rule
 * that needs it does not match — except in a DENY policy, where Istio errs towards denying.
 */
function condition(values: unknown, notValues: unknown, actual: string | undefined, deny: boolean): boolean {
  if (actual === undefined && (Array.isArray(values) || Array.isArray(notValues))) return deny;
  if (Array.isArray(values) && !values.some((v) => stringMatches(String(v), actual))) return false;
  if (Array.isArray(notValues) && notValues.some((v) => stringMatches(String(v), actual))) return false;
  return true;
}

function namespaceOf(principal: string | undefined): string | undefined {
  return principal === undefined ? undefined : /\/ns\/([^/]+)\//.exec(principal)?.[1];
}

function sourceMatches(source: any, request: RequestAttributes, deny: boolean): boolean {
  return condition(source?.principals, source?.notPrincipals, request.principal, deny)
    && condition(source?.namespaces, source?.notNamespaces, namespaceOf(request.principal), deny)
    && condition(source?.requestPrincipals, source?.notRequestPrincipals, undefined, deny)
    && condition(source?.ipBlocks, source?.notIpBlocks, undefined, deny)
    && condition(source?.remoteIpBlocks, source?.notRemoteIpBlocks, undefined, deny);
}

function operationMatches(operation: any, request: RequestAttributes, deny: boolean): boolean {
  return condition(operation?.ports, operation?.notPorts, String(request.port), deny)
    && condition(operation?.paths, operation?.notPaths, request.path, deny)
    && condition(operation?.methods, operation?.notMethods, request.method, deny)
    && condition(operation?.hosts, operation?.notHosts, request.host, deny);
}

function ruleMatches(rule: any, request: RequestAttributes, deny: boolean): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  const from = Array.isArray(rule.from) ? rule.from.some((f: any) => sourceMatches(f?.source, request, deny)) : true;
  const to = Array.isArray(rule.to) ? rule.to.some((t: any) => operationMatches(t?.operation, request, deny)) : true;
  const when = Array.isArray(rule.when) && rule.when.length > 0 ? deny : true;
  return from && to && when;
}

/** Istio's PeerAuthentication and AuthorizationPolicy, as sidecars and gateways enforce them. */
export class IstioSecurity {
  private readonly peerAuthentications: readonly AppliedObject[];
  private readonly authorizationPolicies: readonly AppliedObject[];

  constructor(cluster: ClusterModel) {
    this.peerAuthentications = cluster.manifests.ofKind('PeerAuthentication', SECURITY_GROUP);
    this.authorizationPolicies = cluster.manifests.ofKind('AuthorizationPolicy', SECURITY_GROUP);
  }

  /** The mTLS mode of `port` on `server`'s pods: workload, then namespace, then mesh-wide PeerAuthentication; PERMISSIVE when none sets one. */
  public mtlsMode(server: Workload, port: number): EffectiveMtls {
    const inNamespace = (namespace: string, withSelector: boolean) => this.peerAuthentications.filter(({ object }) =>
      object.metadata.namespace === namespace && (withSelector
        ? object.spec?.selector?.matchLabels !== undefined && selectorMatches({ matchLabels: object.spec.selector.matchLabels }, server.labels)
        : object.spec?.selector === undefined));
    const levels = [
      ...inNamespace(server.namespace, true).slice(0, 1).flatMap(({ object }) => [
        { mode: object.spec?.portLevelMtls?.[String(port)]?.mode, setBy: `${describeObject(object)} (port ${port})` },
        { mode: object.spec?.mtls?.mode, setBy: describeObject(object) },
      ]),
      ...inNamespace(server.namespace, false).slice(0, 1).map(({ object }) => ({ mode: object.spec?.mtls?.mode, setBy: describeObject(object) })),
      ...inNamespace(MESH_ROOT_NAMESPACE, false).slice(0, 1).map(({ object }) => ({ mode: object.spec?.mtls?.mode, setBy: `${describeObject(object)} (mesh-wide)` })),
    ];
    const set = levels.find((level) => level.mode === 'STRICT' || level.mode === 'PERMISSIVE' || level.mode === 'DISABLE');
    return set === undefined ? { mode: 'PERMISSIVE', setBy: 'the default (no PeerAuthentication sets a mode)' } : set as EffectiveMtls;
  }

  /** Whether `server`'s proxy lets `request` in, given the AuthorizationPolicies that apply to it. */
  public authorize(server: Workload, request: RequestAttributes): Reason {
    const applying = this.authorizationPolicies.filter(({ object }) => {
      const namespace = object.metadata.namespace;
      if (namespace !== server.namespace && namespace !== MESH_ROOT_NAMESPACE) return false;
      if (object.spec?.targetRef !== undefined || object.spec?.targetRefs !== undefined) return false;
      const selector = object.spec?.selector?.matchLabels;
      return selector === undefined || selectorMatches({ matchLabels: selector }, server.labels);
    });
    const action = (object: any): string => object.spec?.action ?? 'ALLOW';
    const rules = (object: any): any[] => (Array.isArray(object.spec?.rules) ? object.spec.rules : []);
    const who = request.principal ?? 'a plaintext client (no principal)';
    for (const { object } of applying.filter((policy) => action(policy.object) === 'DENY')) {
      const index = rules(object).findIndex((rule) => ruleMatches(rule, request, true));
      if (index >= 0) return { check: 'authorization', allowed: false, text: `${describeObject(object)} (DENY) rules[${index}] matches ${who}: 403 / connection closed` };
    }
    const allowing = applying.filter(({ object }) => action(object) === 'ALLOW');
    if (allowing.length === 0) return { check: 'authorization', allowed: true, unrestricted: true, text: `no AuthorizationPolicy restricts ${server.id}` };
    for (const { object } of allowing) {
      const index = rules(object).findIndex((rule) => ruleMatches(rule, request, false));
      if (index >= 0) return { check: 'authorization', allowed: true, text: `${describeObject(object)} (ALLOW) rules[${index}] matches ${who}` };
    }
    return {
      check: 'authorization',
      allowed: false,
      text: `${allowing.map(({ object }) => describeObject(object)).join(', ')} (ALLOW) apply to ${server.id} and no rule matches ${who} on port ${request.port}: 403 / connection closed`,
    };
  }
}
