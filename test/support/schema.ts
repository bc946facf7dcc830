import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as yaml from 'js-yaml';
import { HAS_SHARED, SHARED_DIR } from './shared';
import { STORAGE_POOL_SCHEMA, StoragePool } from '../../src';

/** Result of validating one object against its schema. */
export interface SchemaResult {
  /** `apiVersion/kind name` of the object. */
  readonly object: string;
  /** Where the schema came from, or undefined when none is known for the kind. */
  readonly schema?: string;
  /** Validation errors; empty when the object is valid. */
  readonly errors: readonly string[];
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
/** Validators of custom resources by `apiVersion/kind`, compiled on first use. */
const crdValidators = new Map<string, { source: string; validate: ValidateFunction }>();
let crdsLoaded = false;

/** Registers the schema of a custom resource that has no CRD file in ../shared/crds. */
export function registerSchema(apiVersion: string, kind: string, source: string, schema: object): void {
  crdValidators.set(`${apiVersion}/${kind}`, { source, validate: lazyCompile(schema) });
}

registerSchema(StoragePool.GVK.apiVersion, StoragePool.GVK.kind, 'src/storage/storage-pool-schema.ts', STORAGE_POOL_SCHEMA);

function loadCrds(): void {
  if (crdsLoaded || !HAS_SHARED) return;
  crdsLoaded = true;
  const dir = path.join(SHARED_DIR, 'crds');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8')) as any[]) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      for (const version of doc.spec.versions) {
        const key = `${doc.spec.group}/${version.name}/${doc.spec.names.kind}`;
        const schema = version.schema?.openAPIV3Schema;
        if (schema) crdValidators.set(key, { source: `crds/${file}`, validate: lazyCompile(schema) });
      }
    }
  }
}

function lazyCompile(schema: object): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    compiled ??= ajv.compile(schema);
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as ValidateFunction;
  return validate;
}

function builtInModel(apiVersion: string, kind: string): any {
  try {
    // kubernetes-models lays modules out as <group>/<version>/<Kind> (core: v1/<Kind>); the path is only known at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}

/**
 * Validates one synthesized object: built-in kinds against the Kubernetes 1.30 OpenAPI
 * schema (kubernetes-models), custom resources against their CRD's `openAPIV3Schema`.
 */
export function validateObject(object: any): SchemaResult {
  const name = `${object.apiVersion}/${object.kind} ${object.metadata?.name}`;
  const Model = builtInModel(object.apiVersion, object.kind);
  if (Model) {
    try {
      new Model(object).validate();
      return { object: name, schema: 'kubernetes-models', errors: [] };
    } catch (error: any) {
      const details = (error.errors ?? []).map((e: any) => `${e.instancePath} ${e.message}`);
      return { object: name, schema: 'kubernetes-models', errors: details.length ? details : [String(error.message)] };
    }
  }
  loadCrds();
  const crd = crdValidators.get(`${object.apiVersion}/${object.kind}`);
  if (!crd) return { object: name, errors: [`no schema known for ${object.apiVersion}/${object.kind}`] };
  return { object: name, schema: crd.source, errors: crd.validate(object) ? [] : formatErrors(crd.validate) };
}

function formatErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
