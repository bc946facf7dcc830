// The verifier's input layer: manifest files, folders and kustomizations read as kubectl and
// kustomize read them (YAML as go-yaml v2 reads it, through sigs.k8s.io/yaml), within bounds,
// with errors that name the file, document, line and column but never quote its text.

export { ManifestReadError } from './errors';
export type { ReadErrorLocation } from './errors';
export { DEFAULT_READ_LIMITS, READ_LIMIT_OPTIONS } from './limits';
export type { ReadLimitName, ReadLimitOption, ReadLimits, ResolvedReadLimits } from './limits';
export { KUSTOMIZATION_FILE_NAMES } from './kustomize';
export { readManifestPaths } from './paths';
export type { ReadOptions } from './paths';
export type { SourceDocument } from './stream';
export { readYamlText } from './text';
export { parseManifestYaml } from './manifest-yaml';
export type { PlainObject } from './values';
