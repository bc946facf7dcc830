import { Workload } from './cluster-model';

/** One end of a connection: the pods of a workload, or an address outside the cluster. */
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
  const known = endpoint.fqdn ?? endpoint.ip;
  return known === undefined ? 'world' : `world (${known})`;
}

/** One finding on the way to a verdict. */
export interface Reason {
  /** What was checked: a DNS lookup, a Cilium policy direction, Istio's mTLS or authorization, a route. */
  readonly check: 'dns' | 'service' | 'cilium-egress' | 'cilium-ingress' | 'mtls' | 'authorization' | 'route' | 'mesh';
  /** Whether this check lets the connection through. */
  readonly allowed: boolean;
  /** What was found, naming the objects (and rules) that decided it. */
  readonly text: string;
  /**
   * Set when nothing was in place to restrict the connection here (no policy selects the pod,
   * no sidecar, no AuthorizationPolicy): an allowance by default rather than by a rule.
   * @default false
   */
  readonly unrestricted?: boolean;
}
