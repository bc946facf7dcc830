import * as fs from 'fs';
import { parseManifestYaml } from '../analysis/read/manifest-yaml';
import { validateManifest } from '../core/schema/manifest-validation';
import { isSchemaValidatedOutput } from '../output/output-marker';

/** The part of the cdk8s CLI's validation context a plugin uses (`cdk8s-cli/plugins`). */
export interface ValidationPluginContext {
  /** The manifest files the synth wrote. */
  readonly manifests: readonly string[];
  /** The report the plugin fills in. */
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Readonly<Record<string, string>>): void;
  };
}

/** Whether a YAML document is a Kubernetes object: not kustomize's own file, nor a list such as a claims file. */
function isKubernetesObject(document: unknown): document is { apiVersion: string; kind: string; metadata?: { name?: string } } {
  const object = document as { apiVersion?: unknown; kind?: unknown };
  return object !== null && typeof object === 'object' && !Array.isArray(object) && typeof object.kind === 'string'
    && typeof object.apiVersion === 'string' && !object.apiVersion.startsWith('kustomize.config.k8s.io/');
}

/**
 * A cdk8s validation plugin that checks every object of every manifest `cdk8s synth` wrote
 * against its schema, as `synthesizeManifests` does: built-in kinds against the Kubernetes
 * 1.30 OpenAPI schema, custom resources against their CRD's `openAPIV3Schema`. It works for
 * any cdk8s app, not only this library's. Files this library wrote after validating them
 * (listed with their SHA-256 in a schema-validated output marker) are not checked twice.
 * List it in `cdk8s.yaml`:
 *
 * ```yaml
 * validations:
 *   - package: aks-labs-cdk8s
 *     version: <the version you installed>
 *     class: ManifestSchemaValidation
 * ```
 */
export class ManifestSchemaValidation {
  /** Validates the manifests and submits the report. */
  public async validate(context: ValidationPluginContext): Promise<void> {
    let checked = 0;
    let failed = 0;
    let trusted = 0;
    for (const manifestPath of context.manifests) {
      // Read here rather than with cdk8s's Yaml.load, which starts a process per file.
      const text = fs.readFileSync(manifestPath, 'utf8');
      if (isSchemaValidatedOutput(manifestPath, text)) {
        trusted++;
        continue;
      }
      for (const object of parseManifestYaml(text, manifestPath).filter(isKubernetesObject)) {
        checked++;
        const { issues } = validateManifest(object);
        if (issues.length === 0) continue;
        failed++;
        context.report.addViolation({
          ruleName: `schema of ${object.apiVersion}/${object.kind}`,
          recommendation: 'Make the object match its schema: the API server (or kubectl apply with strict field validation) would refuse it.',
          fix: 'Change the construct props that set the fields named in the locations.',
          violatingResources: [{
            resourceName: object.metadata?.name ?? '(unnamed)',
            locations: issues.map((i) => `${i.path || '/'} ${i.message}`),
            manifestPath,
          }],
        });
      }
    }
    context.report.submit(failed === 0 ? 'success' : 'failure', {
      'objects': String(checked),
      'invalid': String(failed),
      'files validated when written': String(trusted),
    });
  }
}
