import * as fs from 'fs';
import * as path from 'path';
import { appendAll } from './append';
import { ManifestReadError, ReadErrorLocation } from './errors';
import { fileSystemError, NOT_REGULAR, pathKind, readRegularFile } from './file';
import { ResolvedReadLimits } from './limits';
import { SourceDocument, StreamReader } from './stream';
import { PlainObject } from './values';

// A kustomization read as `kubectl apply -k` (kustomize build) reads it, for the part the
// verifier applies (`resources` and `namespace`), under kustomize's default load restrictions
// (LoadRestrictionsRootOnly): a resource file must lie inside its kustomization's root once
// symlinks are resolved; a resource folder is another kustomization root, which may lie
// elsewhere (`../base`) but not be the root itself or one above it (a cycle); nothing remote is
// fetched. Every other kustomize field is refused by name, as the verifier cannot apply it.

/** The file names kustomize looks for in a kustomization root, in its order. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomize fields the verifier applies (`metadata` changes no resource, so it is allowed). */
const APPLIED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'metadata']);

/** Every other field of kustomize's Kustomization type: refused by name. */
const KUSTOMIZE_FIELDS = new Set([
  'openapi', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'patchesStrategicMerge',
  'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars', 'sortOptions', 'components', 'crds',
  'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions',
  'configurations', 'generators', 'transformers', 'validators', 'buildMetadata',
]);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What kustomize would fetch from elsewhere: a URL, a git repository spec, a hosted repository path. */
const REMOTE = [
  /^[A-Za-z][A-Za-z0-9+.-]*:\/\//, // https://, ssh://, file://, ...
  /^[A-Za-z][A-Za-z0-9+.-]*::/, // git::https://...
  /^[^/@:\s]+@[^/:\s]+:/, // git@github.com:org/repo
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)(?:\/|:)/i,
  /\?(?:ref|version|timeout|submodules)=/,
  /(?:^|\/)[^/]+\.git(?:\/|$|\?)/,
  /^[^/]+\/\//, // repo//subfolder
];

/** The kustomization files a folder holds, by kustomize's names (kustomize refuses a folder with more than one). */
export function kustomizationFiles(folder: string, display: string): string[] {
  // A folder that cannot be searched fails the lookup of every name in it: say so of the folder,
  // not of a kustomization file it may not even hold.
  try {
    fs.accessSync(folder, fs.constants.X_OK);
  } catch (error) {
    throw fileSystemError(display, error);
  }
  return KUSTOMIZATION_FILE_NAMES.filter((name) => pathKind(path.join(folder, name), path.join(display, name)) !== 'missing');
}

/** Whether `inner` is `outer` or lies under it (both resolved, absolute). */
function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realPath(file: string, display: string): string {
  try {
    return fs.realpathSync(file);
  } catch (error) {
    throw fileSystemError(display, error);
  }
}

/** Reads kustomization roots, following `resources` through files and other roots. */
export class KustomizationReader {
  constructor(private readonly limits: ResolvedReadLimits) {}

  /**
   * The objects a kustomization root gives, in the order of its `resources` (and theirs).
   * `display` names the folder as given; `outerNamespace` is the namespace an enclosing
   * kustomization sets (which wins over this one's, as kustomize's namespace transformer of
   * an overlay rewrites its bases' objects).
   */
  public read(folder: string, display: string, outerNamespace?: string, chain: readonly string[] = []): SourceDocument[] {
    const root = realPath(folder, display);
    const files = kustomizationFiles(folder, display);
    if (files.length === 0) {
      throw new ManifestReadError(display, `a folder given as a kustomization resource holds no kustomization file (kustomize requires one of ${KUSTOMIZATION_FILE_NAMES.join(', ')})`);
    }
    if (files.length > 1) {
      throw new ManifestReadError(display, `the folder holds several kustomization files (${files.join(', ')}); kustomize refuses this, keep one`);
    }
    const fileDisplay = path.join(display, files[0]);
    const filePath = path.join(folder, files[0]);
    const fileReal = realPath(filePath, fileDisplay);
    if (!isWithin(fileReal, root)) {
      throw new ManifestReadError(fileDisplay, 'the kustomization file is a symlink leading outside its folder (kustomize\'s load restrictions refuse this)');
    }
    const bytes = readRegularFile(fileReal, fileDisplay, this.limits, true);
    const spec = this.parse(bytes, fileDisplay);
    const namespace = outerNamespace ?? spec.namespace;
    const roots = [...chain, root];

    const documents: SourceDocument[] = [];
    spec.resources.forEach((resource, index) => {
      const where = spec.locate(['resources', index]);
      const refuse = (problem: string): ManifestReadError => new ManifestReadError(fileDisplay, problem, { document: 1, ...where, fieldPath: `resources[${index}]` });
      if (typeof resource !== 'string' || resource === '') throw refuse('a resource that is not a file or folder path');
      if (REMOTE.some((pattern) => pattern.test(resource))) {
        throw refuse('a remote resource (a URL or git repository): the verifier reads only local files; build the kustomization first (kubectl kustomize <folder> > built.yaml) and verify the result');
      }
      if (path.isAbsolute(resource) || path.win32.isAbsolute(resource)) {
        throw refuse('an absolute resource path (kustomize\'s load restrictions refuse paths outside the kustomization\'s folder; give it relative to the folder)');
      }
      const resourcePath = path.join(folder, resource);
      const resourceDisplay = path.join(display, resource);
      const kind = pathKind(resourcePath, resourceDisplay);
      if (kind === 'missing') throw refuse('a resource that does not exist');
      if (kind === 'loop') throw refuse('a resource that is a symlink loop');
      if (kind === 'other') throw refuse(`a resource that is ${NOT_REGULAR}`);
      const real = realPath(resourcePath, resourceDisplay);
      if (kind === 'folder') {
        const cycle = roots.find((visited) => isWithin(visited, real));
        if (cycle !== undefined) {
          throw refuse('a resource folder that holds this kustomization or one that includes it (kustomize refuses this cycle)');
        }
        appendAll(documents, this.read(resourcePath, resourceDisplay, namespace, roots));
        return;
      }
      if (!isWithin(real, root)) {
        throw refuse('a resource file outside the kustomization\'s folder (through \'..\' or a symlink); kustomize\'s load restrictions refuse it');
      }
      const resourceBytes = readRegularFile(real, resourceDisplay, this.limits, true);
      appendAll(documents, new StreamReader(resourceDisplay, this.limits, namespace).read(resourceBytes));
    });
    return documents;
  }

  private parse(bytes: Uint8Array, display: string): { resources: unknown[]; namespace?: string; locate: SourceDocument['locate'] } {
    const documents = new StreamReader(display, this.limits).read(bytes);
    if (documents.length !== 1 || documents[0].item !== undefined) {
      throw new ManifestReadError(display, documents.length === 0 ? 'the kustomization file is empty' : 'the kustomization file holds more than one document');
    }
    const [document] = documents;
    const spec = document.value as PlainObject;
    const at = (field: string): ReadErrorLocation => ({ document: 1, ...document.locate([field]), fieldPath: field });
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new ManifestReadError(display, 'the kustomization file does not hold a mapping', { document: 1 });
    }
    for (const field of Object.keys(spec)) {
      if (APPLIED_FIELDS.has(field)) continue;
      if (KUSTOMIZE_FIELDS.has(field)) {
        throw new ManifestReadError(display, `the kustomization uses ${field}, which the verifier does not apply; build it first (kubectl kustomize <folder> > built.yaml) and verify the result`, at(field));
      }
      throw new ManifestReadError(display, 'the kustomization has a field kustomize does not know (kustomize refuses unknown fields)', at(field));
    }
    if (spec.apiVersion !== undefined && spec.apiVersion !== 'kustomize.config.k8s.io/v1beta1') {
      throw new ManifestReadError(display, 'the kustomization\'s apiVersion is not kustomize.config.k8s.io/v1beta1', at('apiVersion'));
    }
    if (spec.kind !== undefined && spec.kind !== 'Kustomization') {
      throw new ManifestReadError(display, spec.kind === 'Component'
        ? 'a kustomize Component, which the verifier does not apply; build the kustomization that uses it first (kubectl kustomize <folder> > built.yaml)'
        : 'the kustomization\'s kind is not Kustomization', at('kind'));
    }
    let namespace: string | undefined;
    if (spec.namespace !== undefined && spec.namespace !== null && spec.namespace !== '') {
      if (typeof spec.namespace !== 'string' || spec.namespace.length > 63 || !DNS_LABEL.test(spec.namespace)) {
        throw new ManifestReadError(display, 'the kustomization\'s namespace is not a DNS label (at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit)', at('namespace'));
      }
      namespace = spec.namespace;
    }
    const resources = spec.resources ?? [];
    if (!Array.isArray(resources)) throw new ManifestReadError(display, 'the kustomization\'s resources is not a list', at('resources'));
    return { resources, namespace, locate: document.locate };
  }
}
