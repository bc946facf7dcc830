import { App } from 'cdk8s';
import { Claim, ClaimResult, ParsedClaim } from './claims/claim';
import { checkClaimAgainst, readClaims } from './claims/read-claims';
import { QueryContext } from './claims/target-kind';
import { withTargetKind } from './claims/targets/registry';
import { requireConnectivityOptions } from './connectivity-options';
import { Connections } from './engine/connections';
import { normalizeName } from './engine/fqdn-pattern';
import { ConnectionVerdict } from './engine/verdict';
import { ClusterModel, ClusterOptions } from './model/cluster';
import { AppliedSummary, ApplyOptions, ManifestDocument, ManifestSet } from './model/manifest-set';
import { ReadOptions, readManifestPaths } from './read';
import { synthesizeManifests } from '../core/synthesizer';

/** Options of a connectivity model: how manifests are read and applied, and the cluster around them. */
export interface ConnectivityOptions extends ClusterOptions, ApplyOptions, ReadOptions {
  /**
   * Addresses of names outside the cluster (`api.example.com` to `203.0.113.20`), for claims
   * that name a host without its address: CIDR rules can then be decided for them.
   * @default - none: a CIDR rule that could apply to such a name leaves the verdict unknown
   */
  readonly addresses?: Readonly<Record<string, string>>;
  /**
   * Whether the add-on's ingress gateways see the client's own address (their Service set to
   * `externalTrafficPolicy: Local`), so that `ipBlocks` and `remoteIpBlocks` at the gateway
   * can be decided for a claim that states the client's address.
   * @default false: the address the gateway sees is not known, and such rules leave the verdict unknown
   */
  readonly gatewayKeepsClientIp?: boolean;
}

/**
 * What a set of manifests lets through on an AKS cluster running Cilium (Azure CNI Powered by
 * Cilium, default enforcement) and the Istio add-on: network policies (Cilium's with DNS, FQDN
 * and HTTP rules, and Kubernetes NetworkPolicy), Istio sidecars, mTLS, DestinationRule TLS,
 * authorization, routing and outbound policy. Answers whether a connection is allowed, blocked,
 * or cannot be decided from what the model reads, with the chain of reasons.
 */
export class ConnectivityModel {
  /** A model of manifest files and folders, read as `kubectl apply -f` (`-k` for a kustomization) reads them. */
  public static fromPaths(paths: readonly string[], options: ConnectivityOptions = {}): ConnectivityModel {
    requireConnectivityOptions(options);
    return ConnectivityModel.fromDocuments(readManifestPaths(paths, options), options);
  }

  /** A model of what a cdk8s app synthesizes (each object's source is its chart's file name). */
  public static fromApp(app: App, options: ConnectivityOptions = {}): ConnectivityModel {
    const documents = synthesizeManifests(app).flatMap((file) => file.objects.map((value, i) => ({ value, file: file.fileName, document: i + 1 })));
    return ConnectivityModel.fromDocuments(documents, options);
  }

  /** A model of objects given as JSON, each named `object <n>` in messages. */
  public static fromObjects(objects: readonly unknown[], options: ConnectivityOptions = {}): ConnectivityModel {
    return ConnectivityModel.fromDocuments(objects.map((value, i) => ({ value, file: `object ${i + 1}` })), options);
  }

  /** @internal A model of documents already read. */
  public static fromDocuments(documents: Iterable<ManifestDocument>, options: ConnectivityOptions = {}): ConnectivityModel {
    requireConnectivityOptions(options);
    return new ConnectivityModel(ManifestSet.fromDocuments(documents, options), options);
  }

  /** The objects as applied, in order, without their fields (the model holds what it read of them). */
  public readonly objects: readonly AppliedSummary[];
  /** @internal The typed model of the cluster. */
  public readonly cluster: ClusterModel;
  /** @internal The connection checks. */
  public readonly connections: Connections;
  private readonly context: QueryContext;

  private constructor(manifests: ManifestSet, options: ConnectivityOptions = {}) {
    this.cluster = ClusterModel.of(manifests, options);
    this.objects = manifests.summaries();
    this.connections = new Connections(this.cluster);
    this.context = {
      cluster: this.cluster,
      connections: this.connections,
      addresses: new Map(Object.entries(options.addresses ?? {}).map(([name, ip]) => [normalizeName(name), ip])),
      gatewayKeepsClientIp: options.gatewayKeepsClientIp ?? false,
    };
  }

  /** @internal What answering claims needs: the model, its checks and the known addresses. */
  public get queryContext(): QueryContext {
    return this.context;
  }

  /** Whether the connection a claim describes is allowed, and why. Throws an input error for a claim naming something the manifests lack. */
  public query(claim: Claim | ParsedClaim): ConnectionVerdict {
    const parsed = 'origin' in claim ? claim : readClaims([claim])[0];
    checkClaimAgainst(parsed, this.context);
    return this.answer(parsed);
  }

  /** The verdict on a claim already checked against the manifests. */
  private answer(claim: ParsedClaim): ConnectionVerdict {
    return withTargetKind(claim.target, (kind, target) => kind.query(target, claim.source, claim.protocol, this.context));
  }

  /** Checks each claim: allowed, blocked or unknown, and whether that is what the claim expects. */
  public check(claims: readonly (Claim | ParsedClaim)[]): ClaimResult[] {
    const parsed = claims.every((c) => 'origin' in c) ? claims as ParsedClaim[] : readClaims(claims);
    for (const claim of parsed) checkClaimAgainst(claim, this.context);
    return parsed.map((claim) => {
      const verdict = this.answer(claim);
      const unknownFields = verdict.outcome === 'unknown' ? verdict.reasons.flatMap((r) => r.unmodelled ?? []) : [];
      return { claim, actual: verdict.outcome, holds: verdict.outcome === claim.expect, reasons: verdict.reasons, mtls: verdict.mtls, unknownFields };
    });
  }
}

/** Checks each claim against the model (see {@link ConnectivityModel.check}). */
export function checkClaims(model: ConnectivityModel, claims: readonly (Claim | ParsedClaim)[]): ClaimResult[] {
  return model.check(claims);
}
