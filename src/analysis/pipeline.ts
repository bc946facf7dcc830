import { App } from 'cdk8s';
import { Claim, ClaimResult, ParsedClaim } from './claims/claim';
import { checkUniqueIds, parseClaims, readClaims } from './claims/read-claims';
import { ConnectivityModel, ConnectivityOptions } from './connectivity-model';
import { Outcome } from './model/outcome';
import { readRegularFile } from './read/file';
import { resolveLimits } from './read/limits';
import { buildReport, VerifyReport } from './report/report';

/** Options of {@link verify}: how manifests are read and applied, the cluster around them, and how unknown verdicts count. */
export interface VerifyOptions extends ConnectivityOptions {
  /**
   * Let claims the model cannot decide pass: the run then fails only for claims that definitely
   * do not hold. They are reported as unknown either way.
   * @default false: an unknown verdict fails the run like a claim that does not hold
   */
  readonly allowUnknown?: boolean;
}

/** The manifests to verify: files and folders (read as `kubectl apply -f`), objects, or a cdk8s app. */
export type VerifyManifests = readonly string[] | { readonly objects: readonly unknown[] } | { readonly app: App };

/** Whether a claim's result lets the run pass: it holds, or it is unknown and unknown verdicts are allowed. */
export function claimPasses(result: { readonly holds: boolean; readonly actual: Outcome }, allowUnknown: boolean = false): boolean {
  return result.holds || (allowUnknown && result.actual === 'unknown');
}

/** What {@link verify} checks. */
export interface VerifyInput {
  readonly manifests: VerifyManifests;
  /**
   * Claims files (YAML lists of claims); ids must be unique across them.
   * @default - none
   */
  readonly claimFiles?: readonly string[];
  /**
   * Claims given as objects, checked after those of the files.
   * @default - none
   */
  readonly claims?: readonly Claim[];
  /**
   * How manifests are read and the cluster around them.
   * @default - kubectl's defaults, the add-on revision asm-1-22
   */
  readonly options?: VerifyOptions;
}

/** What {@link verify} found. */
export interface Verification {
  /** The model of the manifests (for pictures, or more queries). */
  readonly model: ConnectivityModel;
  readonly results: readonly ClaimResult[];
  readonly report: VerifyReport;
  /** Whether every claim holds (unknown ones too, with `allowUnknown`). */
  readonly passed: boolean;
}

function modelOf(manifests: VerifyManifests, options: ConnectivityOptions): ConnectivityModel {
  if (Array.isArray(manifests)) return ConnectivityModel.fromPaths(manifests as readonly string[], options);
  if ('app' in manifests) return ConnectivityModel.fromApp(manifests.app, options);
  return ConnectivityModel.fromObjects((manifests as { readonly objects: readonly unknown[] }).objects, options);
}

/**
 * Reads the manifests and the claims, checks every claim, and reports: the one pipeline of
 * `aks-labs-cdk8s verify`, the cdk8s validation plugin and library users. Throws an input
 * error (exit 2 in the command) for a file, object or claim it cannot use, before any verdict.
 */
export function verify(input: VerifyInput): Verification {
  const options = input.options ?? {};
  const model = modelOf(input.manifests, options);
  const limits = resolveLimits(options.limits);
  const claims: ParsedClaim[] = [
    ...(input.claimFiles ?? []).flatMap((file) => parseClaims(readRegularFile(file, file, limits), file)),
    ...(input.claims === undefined ? [] : readClaims(input.claims)),
  ];
  checkUniqueIds(claims);
  const results = model.check(claims);
  const report = buildReport(model.objects.length, results);
  const passed = results.every((r) => claimPasses(r, options.allowUnknown));
  return { model, results, report, passed };
}
