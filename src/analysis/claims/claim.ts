import { IngressGatewayKind } from '../../core/aks-platform';
import { Reason } from '../engine/verdict';
import { Labels } from '../model/field-reader';
import { Outcome, UnmodelledField } from '../model/outcome';

/** Where a connection starts, as a claims file writes it. */
export type ConnectionSource =
  /** A pod: one of the manifests' when its labels match, else a client pod like the workshop's test pods. */
  | { readonly namespace: string; readonly labels: Readonly<Record<string, string>>; readonly serviceAccount?: string }
  /** A client outside the cluster whose address is not stated. */
  | 'world'
  /** A client outside the cluster with this IPv4 address. */
  | { readonly ip: string }
  /** A request from outside through one of the add-on's ingress gateways. */
  | { readonly ingressGateway: IngressGatewayKind; readonly ip?: string };

/** The parts of an HTTP request a claim may state. */
export interface HttpFields {
  /** The path, with a query string where one matters. */
  readonly path?: string;
  /** The method (default GET when the claim is an HTTP request). */
  readonly method?: string;
  /** Header names to values. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Where a connection goes, as a claims file writes it. */
export type ConnectionTarget =
  /** A Service port, by the name the client looks up (default: the short name in its own namespace, else `name.namespace`). */
  | (HttpFields & { readonly service: string; readonly namespace: string; readonly port: number; readonly host?: string })
  /** A name outside the cluster, and the address it resolves to where that matters. */
  | { readonly fqdn: string; readonly port: number; readonly ip?: string }
  /** An IPv4 address outside the cluster. */
  | { readonly ip: string; readonly port: number }
  /** Pods by their labels, directly by pod address, on a container port (none for ICMP). */
  | (HttpFields & { readonly namespace: string; readonly labels: Readonly<Record<string, string>>; readonly port?: number })
  /** With an ingress gateway source: the request's Host, path and gateway port. */
  | (HttpFields & { readonly host?: string; readonly port: number });

/** The protocols a claim names: transport protocols, or ICMP (an echo request). */
export const CLAIM_PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ICMP'] as const;

/** A protocol a claim names. */
export type ClaimProtocol = typeof CLAIM_PROTOCOLS[number];

/** What a claim expects of a connection. */
export const CLAIM_EXPECTATIONS = ['allowed', 'blocked'] as const;

/** What a claim expects of a connection. */
export type ClaimExpectation = typeof CLAIM_EXPECTATIONS[number];

/** A statement about one connection, as a claims file writes it: that it is allowed, or that it is blocked. */
export interface Claim {
  /** A name for the claim, unique among the claims checked together. */
  readonly id: string;
  /**
   * What the claim stands for, such as the workshop's words.
   * @default - none
   */
  readonly description?: string;
  readonly from: ConnectionSource;
  readonly to: ConnectionTarget;
  /**
   * The protocol.
   * @default 'TCP'
   */
  readonly protocol?: ClaimProtocol;
  readonly expect: ClaimExpectation;
}

/** Where a connection starts, read and checked. */
export type ClaimSource =
  | { readonly kind: 'pod'; readonly namespace: string; readonly labels: Labels; readonly serviceAccount?: string }
  | { readonly kind: 'world'; readonly ip?: string }
  | { readonly kind: 'ingressGateway'; readonly gateway: IngressGatewayKind; readonly ip?: string };

/** An HTTP request a claim states, read and checked. */
export interface ClaimHttp {
  readonly path: string;
  readonly method: string;
  readonly headers: Labels;
}

/** Where a connection goes, read and checked: one kind per module of `targets/`. */
export type ClaimTarget =
  | { readonly kind: 'service'; readonly service: string; readonly namespace: string; readonly port: number; readonly host?: string; readonly http?: ClaimHttp }
  | { readonly kind: 'pods'; readonly namespace: string; readonly labels: Labels; readonly port?: number; readonly host?: string; readonly http?: ClaimHttp }
  | { readonly kind: 'fqdn'; readonly fqdn: string; readonly port: number; readonly ip?: string }
  | { readonly kind: 'ip'; readonly ip: string; readonly port: number }
  | { readonly kind: 'gatewayRequest'; readonly host?: string; readonly port: number; readonly http: ClaimHttp };

/** The kinds of claim target. */
export type ClaimTargetKind = ClaimTarget['kind'];

/** Where a claim was read. */
export interface ClaimOrigin {
  /** The claims file, or what stands for it (`the claims`). */
  readonly file: string;
  /** The claim's index in its list, from 0. */
  readonly index: number;
  /**
   * Where a field of the claim is.
   * @default - positions are not known (claims given as objects)
   */
  locate?(path: readonly (string | number)[]): { readonly line: number; readonly column: number } | undefined;
}

/** A claim read from a file (or given as an object) and checked: its source and target carry their kind. */
export interface ParsedClaim {
  readonly id: string;
  readonly description?: string;
  readonly source: ClaimSource;
  readonly target: ClaimTarget;
  readonly protocol: ClaimProtocol;
  readonly expect: ClaimExpectation;
  /** Where it was read: the file, the claim's place in its list, and where its fields are. */
  readonly origin: ClaimOrigin;
}

/** A claim checked against a model. */
export interface ClaimResult {
  readonly claim: ParsedClaim;
  /** What the model says: allowed, blocked, or unknown (a field it does not model could decide it). */
  readonly actual: Outcome;
  /** Whether the model agrees with the claim; an unknown verdict never holds. */
  readonly holds: boolean;
  readonly reasons: readonly Reason[];
  readonly mtls: boolean;
  /** For an unknown verdict: the fields that leave it undecided. */
  readonly unknownFields: readonly UnmodelledField[];
}
