import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { AppliedObject, isClusterScoped, KubeObject, objectKey } from './kube-object';
import { ManifestInputError } from './manifest-input-error';
import { parseManifestYaml } from '../core/manifest-yaml';
import { apiGroup } from '../core/object-identity';
import { synthesizeManifests } from '../core/synthesizer';

/** How manifests are applied. */
export interface ApplyOptions {
  /**
   * The namespace given to `kubectl apply -n`: objects without one go there, and an object
   * that names another namespace is refused, as kubectl refuses it.
   * @default - objects without a namespace go to `default`; any namespace is accepted
   */
  readonly namespace?: string;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace']);

/** An object given as JSON with where it came from. */
export interface SourcedJson {
  readonly object: unknown;
  readonly source: string;
}

/** A raw object and where it came from, before `kubectl apply` semantics. */
interface SourcedObject {
  readonly value: unknown;
  readonly source: string;
  /** The namespace a kustomization sets for every object, if any. */
  readonly kustomizeNamespace?: string;
}

function readObjects(file: string): SourcedObject[] {
  let values: unknown[];
  try {
    values = parseManifestYaml(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    throw new ManifestInputError((error as Error).message);
  }
  return values.flatMap((value, index) => {
    const source = values.length === 1 ? file : `${file}#${index + 1}`;
    const list = value as { kind?: unknown; items?: unknown };
    if (list !== null && typeof list === 'object' && list.kind === 'List' && Array.isArray(list.items)) {
      return list.items.map((item, itemIndex) => ({ value: item, source: `${source} items[${itemIndex}]` }));
    }
    return [{ value, source }];
  });
}

function kustomizationFile(folder: string): string | undefined {
  return KUSTOMIZATION_FILES.map((name) => path.join(folder, name)).find((file) => fs.existsSync(file));
}

/** The objects of a kustomization's `resources`, in order, as `kubectl apply -k` would build them (only `resources` and `namespace`). */
function readKustomization(file: string, seen: Set<string>): SourcedObject[] {
  const [spec] = parseManifestYaml(fs.readFileSync(file, 'utf8'), file) as any[];
  if (spec === null || typeof spec !== 'object' || (spec.resources !== undefined && !Array.isArray(spec.resources))) {
    throw new ManifestInputError(`${file}: not a kustomization with a list of resources`);
  }
  const unsupported = Object.keys(spec).filter((field) => !KUSTOMIZATION_FIELDS.has(field));
  if (unsupported.length > 0) {
    throw new ManifestInputError(`${file}: verify reads only the resources and namespace of a kustomization, not ${unsupported.join(', ')}; `
      + 'build it first (kubectl kustomize <folder> > built.yaml) and verify the result');
  }
  const folder = path.dirname(file);
  return (spec.resources as unknown[]).flatMap((resource) => {
    if (typeof resource !== 'string' || /^[a-z]+:\/\//i.test(resource)) {
      throw new ManifestInputError(`${file}: resource ${JSON.stringify(resource)} is not a local file or folder`);
    }
    const objects = expandPath(path.join(folder, resource), seen);
    return typeof spec.namespace === 'string' ? objects.map((o) => ({ ...o, kustomizeNamespace: spec.namespace })) : objects;
  });
}

/** The objects `kubectl apply -f <p>` reads: a file, or a folder's manifest files in name order (not its subfolders); a folder with a kustomization is read as `-k`. */
function expandPath(p: string, seen: Set<string> = new Set()): SourcedObject[] {
  if (!fs.existsSync(p)) throw new ManifestInputError(`${p}: no such file or folder`);
  const real = fs.realpathSync(p);
  if (seen.has(real)) throw new ManifestInputError(`${p}: read twice (a kustomization that includes itself?)`);
  seen.add(real);
  if (!fs.statSync(p).isDirectory()) return readObjects(p);
  const kustomization = kustomizationFile(p);
  if (kustomization !== undefined) return readKustomization(kustomization, seen);
  return fs.readdirSync(p, { withFileTypes: true })
    .filter((entry) => entry.isFile() && MANIFEST_EXTENSIONS.includes(path.extname(entry.name)))
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => readObjects(path.join(p, name)));
}

function checkObject(value: unknown, source: string): KubeObject {
  const object = value as any;
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new ManifestInputError(`${source}: not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)`);
  }
  for (const field of ['apiVersion', 'kind']) {
    if (typeof object[field] !== 'string' || object[field] === '') throw new ManifestInputError(`${source}: the object has no ${field}`);
  }
  if (typeof object.metadata?.name !== 'string' || object.metadata.name === '') {
    throw new ManifestInputError(`${source}: the ${object.kind} has no metadata.name (generateName is not supported)`);
  }
  return object as KubeObject;
}

/**
 * Manifests as they are once applied to a cluster in order, as `kubectl apply` applies them:
 * namespaced objects without a namespace go to the `-n` namespace (default `default`), and a
 * later object with the same kind, namespace and name replaces the earlier one in its place.
 */
export class ManifestSet {
  /** Reads files and folders in the order given (see {@link ManifestSet.fromPaths}). */
  public static fromPaths(paths: readonly string[], options: ApplyOptions = {}): ManifestSet {
    if (paths.length === 0) throw new ManifestInputError('no manifest files or folders given');
    const seen = new Set<string>();
    return ManifestSet.apply(paths.flatMap((p) => expandPath(p, seen)), options);
  }

  /** Objects given as JSON, each with where it came from (its index when no source is given). */
  public static fromObjects(objects: readonly (unknown | SourcedJson)[], options: ApplyOptions = {}): ManifestSet {
    return ManifestSet.apply(objects.map((entry, index) => {
      const sourced = entry as { object?: unknown; source?: unknown };
      return sourced !== null && typeof sourced === 'object' && 'object' in sourced && typeof sourced.source === 'string'
        ? { value: sourced.object, source: sourced.source }
        : { value: entry, source: `object ${index + 1}` };
    }), options);
  }

  /** What a cdk8s app synthesizes, chart by chart (each object's source is its chart's file name). */
  public static fromApp(app: App, options: ApplyOptions = {}): ManifestSet {
    return ManifestSet.apply(synthesizeManifests(app).flatMap((file) => file.objects.map((value) => ({ value, source: file.fileName }))), options);
  }

  private static apply(sourced: readonly SourcedObject[], options: ApplyOptions): ManifestSet {
    const applied = new Map<string, AppliedObject>();
    for (const { value, source, kustomizeNamespace } of sourced) {
      const object = checkObject(value, source);
      if (object.apiVersion.startsWith('kustomize.config.k8s.io/')) continue;
      applied.set(...ManifestSet.place(object, source, kustomizeNamespace, options));
    }
    return new ManifestSet([...applied.values()]);
  }

  private static place(object: KubeObject, source: string, kustomizeNamespace: string | undefined, options: ApplyOptions): [string, AppliedObject] {
    let placed = object;
    if (!isClusterScoped(object.kind)) {
      const own = kustomizeNamespace ?? object.metadata.namespace;
      if (own !== undefined && options.namespace !== undefined && own !== options.namespace) {
        throw new ManifestInputError(`${source}: the namespace of ${object.kind} ${object.metadata.name} is ${JSON.stringify(own)}, `
          + `not the --namespace ${JSON.stringify(options.namespace)} (kubectl apply refuses this too)`);
      }
      placed = { ...object, metadata: { ...object.metadata, namespace: own ?? options.namespace ?? 'default' } };
    }
    return [objectKey(placed), { object: placed, source }];
  }

  private constructor(
    /** The objects, each once, in the order they were first applied. */
    public readonly objects: readonly AppliedObject[],
  ) {}

  /** The objects of one kind (and API group, when given). */
  public ofKind(kind: string, group?: string): AppliedObject[] {
    return this.objects.filter(({ object }) => object.kind === kind && (group === undefined || apiGroup(object.apiVersion) === group));
  }
}
