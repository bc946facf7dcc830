import { ClaimHttp, ClaimProtocol, ClaimSource, ClaimTarget, ClaimTargetKind } from './claim';
import { Connections } from '../engine/connections';
import { HostedRequest, HttpRequest } from '../engine/network-policy';
import { ConnectionVerdict } from '../engine/verdict';
import { ClusterModel } from '../model/cluster';
import { FieldReader } from '../model/field-reader';
import { FieldPath, JsonMap } from '../model/json';
import { Workload } from '../model/records';

/** What answering a claim needs: the model, its checks, and what names resolve to outside the cluster. */
export interface QueryContext {
  readonly cluster: ClusterModel;
  readonly connections: Connections;
  /** Addresses of names outside the cluster (`--address name=ip`), where a claim states none. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Whether the ingress gateways see the client's own address. */
  readonly gatewayKeepsClientIp: boolean;
}

/** What a target draws itself on: boxes by id, added once. */
export interface GraphCanvas {
  /** The box of a workload of the manifests. */
  workload(workload: Workload): string;
  /** A box outside the cluster (a name, an address, a request without a route). */
  outside(id: string, label: string): string;
  /** A box for something a claim names that the manifests do not have. */
  missing(id: string, label: string, namespace?: string): string;
}

/** One kind of claim target: how it is recognized and read, checked against the manifests, described, queried and drawn. */
export interface TargetKind<K extends ClaimTargetKind> {
  readonly kind: K;
  /** The fields a target of this kind may have, for messages. */
  readonly fields: readonly string[];
  /** Whether a written `to` (from this source) is of this kind. */
  recognizes(to: JsonMap, source: ClaimSource): boolean;
  /** Reads and checks the written target. */
  read(reader: FieldReader, to: JsonMap, path: FieldPath, source: ClaimSource, protocol: ClaimProtocol): Extract<ClaimTarget, { kind: K }>;
  /** Throws an input error when the target names something the manifests do not have (a Service, a port, pods). */
  checkAgainst(target: Extract<ClaimTarget, { kind: K }>, context: QueryContext, reader: FieldReader, path: FieldPath): void;
  /** How reports name it: `store-front (Service pets/store-front) port 80`. */
  describe(target: Extract<ClaimTarget, { kind: K }>): string;
  /** Whether the connection from `source` is allowed, and why. */
  query(target: Extract<ClaimTarget, { kind: K }>, source: ClaimSource, protocol: ClaimProtocol, context: QueryContext): ConnectionVerdict;
  /** The box an arrow to it ends at. */
  draw(target: Extract<ClaimTarget, { kind: K }>, canvas: GraphCanvas, context: QueryContext): string;
}

/** The HTTP request of a target that states one; `host` is the Host it carries (undefined: not known). */
export function httpRequest(http: ClaimHttp | undefined, host: string): HostedRequest | undefined;
export function httpRequest(http: ClaimHttp | undefined, host: string | undefined): HttpRequest | undefined;
export function httpRequest(http: ClaimHttp | undefined, host: string | undefined): HttpRequest | undefined {
  return http === undefined ? undefined : { method: http.method, path: http.path, host, headers: http.headers };
}
