import type { SchemaIssue } from './openapi-schema';

/** A kubernetes-models class: its prototype's `validate` checks the object it is called on. */
export type KubernetesModel = { new(data: unknown): { validate(): void } };

/**
 * The kinds this library's constructs write, each loaded by a static `require`, so that a
 * bundler (the command's bundle, a user's esbuild or webpack) includes their schemas and a
 * run loads them from one file. Other kinds load from kubernetes-models by name at run time.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const BUILT_IN_MODELS: Readonly<Record<string, () => KubernetesModel>> = {
  'v1/ConfigMap': () => require('kubernetes-models/v1/ConfigMap').ConfigMap,
  'v1/Namespace': () => require('kubernetes-models/v1/Namespace').Namespace,
  'v1/Pod': () => require('kubernetes-models/v1/Pod').Pod,
  'v1/Secret': () => require('kubernetes-models/v1/Secret').Secret,
  'v1/Service': () => require('kubernetes-models/v1/Service').Service,
  'v1/ServiceAccount': () => require('kubernetes-models/v1/ServiceAccount').ServiceAccount,
  'apps/v1/Deployment': () => require('kubernetes-models/apps/v1/Deployment').Deployment,
  'apps/v1/StatefulSet': () => require('kubernetes-models/apps/v1/StatefulSet').StatefulSet,
  'networking.k8s.io/v1/NetworkPolicy': () => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy').NetworkPolicy,
  'rbac.authorization.k8s.io/v1/ClusterRole': () => require('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole').ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': () => require('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding').ClusterRoleBinding,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The `<apiVersion>/<kind>` keys of the kinds loaded by a static require. */
export const BUNDLED_MODEL_KINDS: readonly string[] = Object.keys(BUILT_IN_MODELS);

/**
 * The kubernetes-models class of a built-in kind, or undefined when kubernetes-models has none.
 * `apiVersion` and `kind` must already be checked to be a path-safe group/version and kind name.
 */
export function loadKubernetesModel(apiVersion: string, kind: string): KubernetesModel | undefined {
  const bundled = BUILT_IN_MODELS[`${apiVersion}/${kind}`];
  if (bundled !== undefined) return bundled();
  try {
    // kubernetes-models lays modules out as <group>/<version>/<Kind> (core: v1/<Kind>).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}

/**
 * Fields the Kubernetes 1.30 OpenAPI declares but the kubernetes-models validators never read:
 * its generator drops schema keys named `description` and `x-kubernetes-*`, and with them the
 * fields of those names. Keyed by the fields the validator does read at that place (sorted, joined
 * by commas), which tells the types apart; test/schema-validation.test.ts derives this table
 * from kubernetes-models' type declarations, so an upgrade that changes it fails there.
 */
export const FIELDS_VALIDATORS_SKIP: Readonly<Record<string, readonly string[]>> = {
  // PriorityClass (scheduling.k8s.io v1 and v1beta1)
  'apiVersion,globalDefault,kind,metadata,preemptionPolicy,value': ['description'],
  // CustomResourceColumnDefinition (apiextensions.k8s.io v1, v1beta1)
  'format,jsonPath,name,priority,type': ['description'],
  'JSONPath,format,name,priority,type': ['description'],
  // ExternalDocumentation (apiextensions.k8s.io v1, v1beta1)
  'url': ['description'],
  // JSONSchemaProps (apiextensions.k8s.io v1, v1beta1): a CRD's schema
  '$ref,$schema,additionalItems,additionalProperties,allOf,anyOf,default,definitions,dependencies,enum,example,exclusiveMaximum,exclusiveMinimum,externalDocs,format,id,items,maxItems,maxLength,maxProperties,maximum,minItems,minLength,minProperties,minimum,multipleOf,not,nullable,oneOf,pattern,patternProperties,properties,required,title,type,uniqueItems': [
    'description', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type',
    'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
  ],
};

/**
 * What a field that the schema does not declare gets: the fields allowed there, in the words the
 * verifier's readers use. (Here rather than in openapi-schema.ts, whose exports are public.)
 */
export function unknownFieldMessage(fields: readonly string[]): string {
  return fields.length === 0 ? 'is not a field here (the schema allows none)' : `is not a field here (the fields are ${fields.join(', ')})`;
}

/** A field's place in the objects of one kind, as its validator reads the objects there. */
class FieldPlace {
  /** The fields the validator reads here (the schema's `properties`), each with its place; undefined until learned. */
  public fields?: Map<string, FieldPlace>;
  /** For a map (the schema's `additionalProperties`): the place of its values. */
  public values?: FieldPlace;
  /** Whether the validator accepts any object here without reading a field of it (a RawExtension). */
  public open = false;
}

/** What {@link DeclaredFields.check} does at a place the validator has not been seen reading. */
type Unlearned = 'incomplete' | 'open' | 'skip';

/** Thrown out of a walk that reached a place not learned yet. */
const INCOMPLETE = Symbol('a place not learned yet');

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * The fields a built-in kind's schema declares, learned from its kubernetes-models validator
 * (compiled from the Kubernetes 1.30 OpenAPI), so that a field the schema does not declare is
 * refused as `kubectl apply`'s strict field validation refuses it, while maps
 * (`additionalProperties`: labels, annotations, data) and free-form objects (RawExtension)
 * take any key.
 *
 * The validator reads every field its schema declares at each object it checks (`data.x ===
 * undefined || check(data.x)`) and enumerates the keys of maps (`for (key in data)`): run once on
 * an object seen through proxies, it shows the fields of every place the object has. What is
 * learned is kept per place (a field's path with list items and map values merged), so later
 * objects of the same shapes are checked by a walk against it, without proxies.
 */
export class DeclaredFields {
  private readonly root = new FieldPlace();

  constructor(
    /** Runs the kind's validator on an object (or a proxy of it): its problems, as JSON pointers. */
    private readonly validate: (object: unknown) => SchemaIssue[],
  ) {}

  /** The validator's problems with `object`, then the fields it has that the schema does not declare. */
  public check(object: unknown): SchemaIssue[] {
    const unknown: SchemaIssue[] = [];
    try {
      this.walk(object, this.root, [], unknown, 'incomplete');
      return [...this.validate(object), ...unknown];
    } catch (error) {
      if (error !== INCOMPLETE) throw error;
    }
    const touched = new Set<FieldPlace>();
    const issues = this.validate(recording(object, this.root, touched));
    for (const place of touched) addSkippedFields(place);
    // A place the validator reached without reading a field is free-form, unless the object has
    // problems (the validator may have stopped at a value of the wrong type).
    const found: SchemaIssue[] = [];
    this.walk(object, this.root, [], found, issues.length === 0 ? 'open' : 'skip');
    return [...issues, ...found];
  }

  private walk(value: unknown, place: FieldPlace, path: (string | number)[], out: SchemaIssue[], unlearned: Unlearned): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        this.walk(value[i], place, path, out, unlearned);
        path.pop();
      }
      return;
    }
    const map = value as Record<string, unknown>;
    if (place.values !== undefined) {
      for (const key of Object.keys(map)) {
        path.push(key);
        this.walk(map[key], place.values, path, out, unlearned);
        path.pop();
      }
    } else if (place.fields !== undefined) {
      for (const key of Object.keys(map)) {
        if (map[key] === undefined) continue;
        path.push(key);
        const field = place.fields.get(key);
        if (field === undefined) out.push({ path: jsonPointer(path), message: unknownFieldMessage([...place.fields.keys()].sort()) });
        else this.walk(map[key], field, path, out, unlearned);
        path.pop();
      }
    } else if (!place.open) {
      if (unlearned === 'incomplete') throw INCOMPLETE;
      if (unlearned === 'open') place.open = true;
    }
  }
}

/** `/spec/template/spec/containers/0/portz`. */
function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Adds the fields the validator skips at `place` (see {@link FIELDS_VALIDATORS_SKIP}). */
function addSkippedFields(place: FieldPlace): void {
  if (place.fields === undefined) return;
  const read = [...place.fields.keys()].sort().join(',');
  if (!Object.prototype.hasOwnProperty.call(FIELDS_VALIDATORS_SKIP, read)) return;
  const skipped = FIELDS_VALIDATORS_SKIP[read];
  for (const field of skipped) if (!place.fields.has(field)) place.fields.set(field, new FieldPlace());
}

/**
 * `value` seen through proxies that record, at each place, the fields the validator reads and
 * whether it enumerates the keys (a map); `touched` collects the places that recorded something.
 */
function recording(value: unknown, place: FieldPlace, touched: Set<FieldPlace>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return new Proxy(value, {
      get: (target, key) => {
        const item = Reflect.get(target, key);
        return typeof key === 'string' && INDEX.test(key) ? recording(item, place, touched) : item;
      },
    });
  }
  return new Proxy(value as object, {
    ownKeys: (target) => {
      if (place.fields === undefined) place.values ??= new FieldPlace();
      touched.add(place);
      return Reflect.ownKeys(target);
    },
    get: (target, key) => {
      const item = Reflect.get(target, key);
      if (typeof key !== 'string') return item;
      touched.add(place);
      if (place.values !== undefined) return recording(item, place.values, touched);
      place.fields ??= new Map();
      let field = place.fields.get(key);
      if (field === undefined) place.fields.set(key, field = new FieldPlace());
      return recording(item, field, touched);
    },
  });
}
