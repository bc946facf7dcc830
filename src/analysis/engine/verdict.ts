import { Outcome, UnmodelledField } from '../model/outcome';
import { Workload } from '../model/records';

/** One end of a connection: the pods of a workload, or an address outside the cluster (its name and address where known). */
export type Endpoint =
  | { readonly kind: 'pod'; readonly workload: Workload }
  | { readonly kind: 'world'; readonly fqdn?: string; readonly ip?: string };

/** The pods of a workload as an endpoint. */
export function podEndpoint(workload: Workload): Endpoint {
  return { kind: 'pod', workload };
}

/** How reasons name an endpoint: `pets/order-service`, `world (www.bing.com)`. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === 'pod') return endpoint.workload.id;
  const known = [endpoint.fqdn, endpoint.ip].filter((x) => x !== undefined);
  return known.length === 0 ? 'world' : `world (${known.join(' at ')})`;
}

/** What was checked on the way to a verdict. */
export type CheckKind =
  | 'dns' | 'service' | 'cilium-egress' | 'cilium-ingress' | 'mtls' | 'authorization' | 'route' | 'mesh' | 'mesh-egress';

/** One finding on the way to a verdict. */
export interface Reason {
  /** What was checked: a DNS lookup, a network policy direction, Istio's mTLS or authorization, a route. */
  readonly check: CheckKind;
  /** Whether this check lets the connection through, stops it, or cannot be decided. */
  readonly outcome: Outcome;
  /** What was found, naming the objects (and rules) that decided it. */
  readonly text: string;
  /**
   * Set when nothing was in place to restrict the connection here (no policy selects the pod,
   * no sidecar, no AuthorizationPolicy): an allowance by default rather than by a rule.
   * @default false
   */
  readonly unrestricted?: boolean;
  /**
   * The fields the model does not read that leave this check undecided.
   * @default - none
   */
  readonly unmodelled?: readonly UnmodelledField[];
}

/** Whether a connection is allowed, blocked or undecidable, and every finding that decided it, in the order the traffic meets them. */
export interface ConnectionVerdict {
  readonly outcome: Outcome;
  readonly reasons: readonly Reason[];
  /** Whether the connection is mutual TLS between proxies. */
  readonly mtls: boolean;
}

/** `CiliumNetworkPolicy pets/x spec.egress[0].toServices (why)`, joined: how reasons list the fields that leave them undecided. */
export function describeUnmodelled(fields: readonly UnmodelledField[]): string {
  return fields.map((f) => `${f.object} ${f.field}${f.why === undefined ? '' : ` (${f.why})`}`).join('; ');
}

/**
 * A connection that must pass every check in turn: blocked at the first check that blocks (the
 * rest is never reached and left out), else unknown if any check is, else allowed.
 */
export function chain(reasons: readonly Reason[], mtls = false): ConnectionVerdict {
  const blocked = reasons.findIndex((r) => r.outcome === 'blocked');
  if (blocked >= 0) return { outcome: 'blocked', reasons: reasons.slice(0, blocked + 1), mtls: false };
  return { outcome: reasons.some((r) => r.outcome === 'unknown') ? 'unknown' : 'allowed', reasons, mtls };
}

/**
 * A connection that takes one of several ways (a Service's backends): allowed when one is,
 * else unknown when one is, else blocked (the first way's reasons tell why).
 */
export function anyOf(verdicts: readonly ConnectionVerdict[], none: () => ConnectionVerdict): ConnectionVerdict {
  return verdicts.find((v) => v.outcome === 'allowed') ?? verdicts.find((v) => v.outcome === 'unknown') ?? verdicts[0] ?? none();
}

/** A verdict of one reason. */
export function single(reason: Reason): ConnectionVerdict {
  return chain([reason]);
}
