import * as fs from 'fs';
import { ValidationPluginContext } from './manifest-schema-validation';
import { checkClaims, parseClaims } from '../analysis/claims';
import { ConnectivityModel } from '../analysis/connectivity';

/** What {@link ConnectivityClaimsValidation} checks: `properties` of its entry in `cdk8s.yaml`. */
export interface ConnectivityClaimsProperties {
  /** Claims files to check. */
  readonly claims: readonly string[];
  /**
   * The manifest files or folders the claims are about, read as `aks-labs-cdk8s verify` reads
   * them (a folder with a `kustomization.yaml` as `kubectl apply -k`).
   * @default - the output folder of the synth, `dist`
   */
  readonly manifests?: readonly string[];
  /**
   * The installed Istio add-on revision.
   * @default 'asm-1-22'
   */
  readonly istioRevision?: string;
}

/**
 * A cdk8s validation plugin that checks connectivity claims against what the synth wrote, as
 * `aks-labs-cdk8s verify` does: each claim that does not hold is a violation with its reasons.
 *
 * ```yaml
 * validations:
 *   - package: aks-labs-cdk8s
 *     version: <the version you installed>
 *     class: ConnectivityClaimsValidation
 *     properties:
 *       manifests: [dist/]
 *       claims: [dist/claims/08-secure-store.claims.yaml]
 * ```
 */
export class ConnectivityClaimsValidation {
  private readonly properties: ConnectivityClaimsProperties;

  constructor(properties: ConnectivityClaimsProperties) {
    if (properties === null || typeof properties !== 'object' || !Array.isArray(properties.claims) || properties.claims.length === 0) {
      throw new Error('ConnectivityClaimsValidation: properties.claims must list at least one claims file (cdk8s.yaml, validations[].properties)');
    }
    this.properties = properties;
  }

  /** Checks the claims and submits the report. */
  public async validate(context: ValidationPluginContext): Promise<void> {
    const model = ConnectivityModel.fromPaths(this.properties.manifests ?? ['dist'], { istioRevision: this.properties.istioRevision });
    let checked = 0;
    let failed = 0;
    for (const file of this.properties.claims) {
      for (const result of checkClaims(model, parseClaims(fs.readFileSync(file, 'utf8'), file))) {
        checked++;
        if (result.holds) continue;
        failed++;
        context.report.addViolation({
          ruleName: `claim ${result.claim.id}: expected ${result.claim.expect}, ${result.actual}`,
          recommendation: result.claim.description ?? 'Make the manifests allow or block the connection as the claim says.',
          fix: 'Change the policies, mesh settings or routes the reasons name, or the claim.',
          violatingResources: [{ resourceName: result.claim.id, locations: result.reasons.map((r) => `${r.allowed ? '+' : '-'} ${r.text}`), manifestPath: file }],
        });
      }
    }
    context.report.submit(failed === 0 ? 'success' : 'failure', { 'claims': String(checked), 'not holding': String(failed) });
  }
}
