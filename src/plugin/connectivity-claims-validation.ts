import { ValidationPluginContext } from './manifest-schema-validation';
import { describeUnmodelled } from '../analysis/engine/verdict';
import { ManifestInputError } from '../analysis/model/input-error';
import { claimPasses, verify } from '../analysis/pipeline';
import { OUTCOME_MARK } from '../analysis/report/text';

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
  /**
   * Let claims the model cannot decide pass, as `verify --allow-unknown` does.
   * @default false
   */
  readonly allowUnknown?: boolean;
  /**
   * Addresses of names outside the cluster, as `verify --address name=ip` gives them.
   * @default - none: a CIDR rule that could apply to such a name leaves the verdict unknown
   */
  readonly addresses?: Readonly<Record<string, string>>;
  /**
   * Whether the add-on's ingress gateways see clients' own addresses, as `verify --gateway-keeps-client-ip`.
   * @default false
   */
  readonly gatewayKeepsClientIp?: boolean;
  /**
   * The namespace of objects that name none, as `verify -n`.
   * @default 'default'
   */
  readonly namespace?: string;
}

/**
 * A cdk8s validation plugin that checks connectivity claims against what the synth wrote, with
 * the same pipeline as `aks-labs-cdk8s verify`: each claim that does not hold (or cannot be
 * decided) is a violation with its reasons; a file or claim it cannot read fails the
 * validation with the same message the command prints.
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
      throw new ManifestInputError('ConnectivityClaimsValidation: properties.claims must list at least one claims file (cdk8s.yaml, validations[].properties)');
    }
    this.properties = properties;
  }

  /** Checks the claims and submits the report. */
  public async validate(context: ValidationPluginContext): Promise<void> {
    const { report, passed } = verify({
      manifests: this.properties.manifests ?? ['dist'],
      claimFiles: this.properties.claims,
      options: {
        istioRevision: this.properties.istioRevision,
        allowUnknown: this.properties.allowUnknown,
        addresses: this.properties.addresses,
        gatewayKeepsClientIp: this.properties.gatewayKeepsClientIp,
        namespace: this.properties.namespace,
      },
    });
    for (const claim of report.claims) {
      if (claimPasses(claim, this.properties.allowUnknown)) continue;
      const unknown = claim.actual === 'unknown' ? ` (the model does not read: ${describeUnmodelled(claim.unknownFields)})` : '';
      context.report.addViolation({
        ruleName: `claim ${claim.id}: expected ${claim.expect}, ${claim.actual}${unknown}`,
        recommendation: claim.description ?? 'Make the manifests allow or block the connection as the claim says.',
        fix: 'Change the policies, mesh settings or routes the reasons name, or the claim.',
        violatingResources: [{ resourceName: claim.id, locations: claim.reasons.map((r) => `${OUTCOME_MARK[r.outcome]} ${r.text}`), manifestPath: claim.file }],
      });
    }
    const { claims, failing, unknown } = report.summary;
    context.report.submit(passed ? 'success' : 'failure', { 'claims': String(claims), 'not holding': String(failing), 'unknown': String(unknown) });
  }
}
