import { DeclaredFields, loadKubernetesModel } from './built-in-models';
import { SchemaIssue, validateAgainstSchema } from './openapi-schema';
import { PORT_PROTOCOLS } from '../protocols';

/** Where an object's schema came from. */
export type SchemaSource = 'kubernetes' | 'crd' | 'registered' | 'none';

/** The result of checking one manifest object against its schema. */
export interface ManifestValidation {
  /** Where the schema came from; `none` when no schema is known for the kind (the object is not checked). */
  readonly source: SchemaSource;
  /** The problems found; empty when the object is valid. */
  readonly issues: readonly SchemaIssue[];
}

type Check = (object: unknown) => SchemaIssue[];

const registered = new Map<string, object>();
const checks = new Map<string, Check | undefined>();
let crdSchemas: Readonly<Record<string, object>> | undefined;

/**
 * Registers the schema of a kind that has no published CRD (the StoragePool registers its
 * hand-written one), for `validateManifest` to use.
 */
export function registerManifestSchema(apiVersion: string, kind: string, schema: object): void {
  registered.set(`${apiVersion}/${kind}`, schema);
  checks.delete(`${apiVersion}/${kind}`);
}

/** The built-in kind's check from kubernetes-models (the Kubernetes 1.30 OpenAPI), or undefined. */
function kubernetesCheck(apiVersion: string, kind: string): Check | undefined {
  if (!/^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const model = loadKubernetesModel(apiVersion, kind);
  if (model === undefined) return undefined;
  // The model's validate reads the object it is called on; calling it on the JSON itself skips
  // copying every object into a model first (objects rendered by cdk8s hold no undefined values).
  const validate = model.prototype.validate;
  const declared = new DeclaredFields((object) => {
    try {
      validate.call(object);
      return [];
    } catch (error) {
      const errors: AjvError[] = (error as { errors?: [] }).errors ?? [];
      return errors.length > 0
        ? errors.map((e) => ({ path: e.instancePath ?? '', message: ajvMessage(e, object) }))
        : [{ path: '', message: (error as Error).message }];
    }
  });
  // Fields the schema does not declare are refused, as `kubectl apply` refuses them (strict field validation).
  return (object) => declared.check(object);
}

/** An error of a validator compiled by ajv (kubernetes-models), its message in English. */
interface AjvError {
  readonly instancePath?: string;
  readonly keyword?: string;
  readonly params?: { readonly allowedValues?: readonly unknown[] };
  readonly message?: string;
}

/**
 * Enumerations the Kubernetes OpenAPI lists sorted, in the order Kubernetes' documentation and
 * its own validation messages give them (`supported values: "TCP", "UDP", "SCTP"`).
 */
const USUAL_ORDER: readonly (readonly string[])[] = [
  PORT_PROTOCOLS,
  ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  ['Ingress', 'Egress'],
];

/** The allowed values of an enumeration, in their usual order when there is one. */
function inUsualOrder(values: readonly unknown[]): readonly unknown[] {
  const usual = USUAL_ORDER.find((order) => order.length === values.length && order.every((v) => values.includes(v)));
  return usual ?? values;
}

/** A short rendering of a value: JSON, cut after 60 characters. */
function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

/** The value at a JSON pointer of `object`, or undefined. */
function valueAt(object: unknown, pointer: string): unknown {
  let value = object;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** An ajv error in the words of the CRD checks: an enumeration names its values (ajv's English message does not). */
function ajvMessage(error: AjvError, object: unknown): string {
  const allowed = error.params?.allowedValues;
  if (error.keyword === 'enum' && Array.isArray(allowed)) {
    return `must be one of ${inUsualOrder(allowed).map(describeValue).join(', ')}, not ${describeValue(valueAt(object, error.instancePath ?? ''))}`;
  }
  return error.message ?? 'is not valid';
}

function crdCheck(apiVersion: string, kind: string): Check | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  crdSchemas ??= (require('../../../imports/crd-schemas') as { CRD_SCHEMAS: Readonly<Record<string, object>> }).CRD_SCHEMAS;
  const schema = crdSchemas[`${apiVersion}/${kind}`] as { properties?: Record<string, object> } | undefined;
  if (schema === undefined) return undefined;
  // The API server knows these fields of every object, whether the CRD's schema lists them or not.
  const root = { ...schema, properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...schema.properties } };
  return (object) => validateAgainstSchema(root, object);
}

function checkFor(apiVersion: string, kind: string): [SchemaSource, Check | undefined] {
  const key = `${apiVersion}/${kind}`;
  const schema = registered.get(key);
  if (schema !== undefined) return ['registered', (object) => validateAgainstSchema(schema, object)];
  if (!checks.has(key)) checks.set(key, apiVersion.includes('.') && !apiVersion.includes('.k8s.io/') ? crdCheck(apiVersion, kind) : kubernetesCheck(apiVersion, kind));
  const check = checks.get(key);
  if (check === undefined) return ['none', undefined];
  return [apiVersion.includes('.') && !apiVersion.includes('.k8s.io/') ? 'crd' : 'kubernetes', check];
}

/**
 * Checks one manifest object against its schema: built-in kinds against the Kubernetes 1.30
 * OpenAPI schema (types, required fields and enumerations, as kubernetes-models encodes it, and
 * fields the schema does not declare, which `kubectl apply` refuses), custom
 * resources against the `openAPIV3Schema` of the CRDs this library imports, and kinds with a
 * registered schema (the StoragePool) against theirs. Kinds without a known schema are not
 * checked (`source: 'none'`).
 */
export function validateManifest(object: { readonly apiVersion?: unknown; readonly kind?: unknown }): ManifestValidation {
  if (typeof object?.apiVersion !== 'string' || typeof object.kind !== 'string') {
    return { source: 'none', issues: [{ path: '', message: 'must have an apiVersion and a kind' }] };
  }
  const [source, check] = checkFor(object.apiVersion, object.kind);
  return { source, issues: check === undefined ? [] : check(object) };
}
