import { ClaimResult } from '../claims/claim';
import { describeSource } from '../claims/sources';
import { withTargetKind } from '../claims/targets/registry';
import { Reason } from '../engine/verdict';
import { Outcome, UnmodelledField } from '../model/outcome';

/** The version of the JSON report's shape; it changes when a field changes meaning or goes away. */
export const VERIFY_REPORT_VERSION = 2;

/** One claim's result as the JSON report writes it. */
export interface ReportedClaim {
  readonly id: string;
  readonly description?: string;
  /** The claims file (or what stands for it). */
  readonly file: string;
  /** How the report names where the connection starts and where it goes. */
  readonly from: string;
  readonly to: string;
  readonly expect: 'allowed' | 'blocked';
  readonly actual: Outcome;
  readonly holds: boolean;
  readonly mtls: boolean;
  /** For an unknown verdict: the fields that leave it undecided. */
  readonly unknownFields: readonly UnmodelledField[];
  readonly reasons: readonly Reason[];
}

/** What `verify` found: the shape of `--format json`. */
export interface VerifyReport {
  readonly version: typeof VERIFY_REPORT_VERSION;
  /** How many objects the manifests hold once applied. */
  readonly objects: number;
  readonly summary: { readonly claims: number; readonly holding: number; readonly failing: number; readonly unknown: number };
  readonly claims: readonly ReportedClaim[];
}

/** The report of checked claims. */
export function buildReport(objects: number, results: readonly ClaimResult[]): VerifyReport {
  const claims = results.map((r): ReportedClaim => ({
    id: r.claim.id,
    ...(r.claim.description === undefined ? {} : { description: r.claim.description }),
    file: r.claim.origin.file,
    from: describeSource(r.claim.source),
    to: withTargetKind(r.claim.target, (kind, target) => kind.describe(target)),
    expect: r.claim.expect,
    actual: r.actual,
    holds: r.holds,
    mtls: r.mtls,
    unknownFields: r.unknownFields,
    reasons: r.reasons,
  }));
  return {
    version: VERIFY_REPORT_VERSION,
    objects,
    summary: {
      claims: claims.length,
      holding: claims.filter((c) => c.holds).length,
      failing: claims.filter((c) => !c.holds && c.actual !== 'unknown').length,
      unknown: claims.filter((c) => c.actual === 'unknown').length,
    },
    claims,
  };
}
