import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { isImageReference, parseImageReference, requireImage } from './validation';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** @internal Throws unless `tag` is an image tag: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'. */
export function requireImageTag(scope: IConstruct, prop: string, tag: unknown): string {
  if (typeof tag !== 'string' || !TAG.test(tag)) {
    throw new InvalidPropError(scope, prop, tag, "must be an image tag: 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
  }
  return tag;
}

/** @internal Throws unless `digest` is `sha256:` and 64 lower-case hex digits. */
export function requireImageDigest(scope: IConstruct, prop: string, digest: unknown): string {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new InvalidPropError(scope, prop, digest, "must be an image digest: 'sha256:' and 64 lower-case hex digits");
  }
  return digest;
}

/** @internal Throws unless `registry` can prefix a repository: `host[:port][/path]`, e.g. `myregistry.azurecr.io/aks-store`. */
export function requireImageRegistry(scope: IConstruct, prop: string, registry: unknown): string {
  if (typeof registry !== 'string' || registry.endsWith('/') || !isImageReference(`${registry}/x`)) {
    throw new InvalidPropError(scope, prop, registry, "must be a registry and optional path such as 'myregistry.azurecr.io/aks-store' (lower-case path, no trailing '/')");
  }
  return registry;
}

/** @internal `registry/repository:tag`, each part checked and named in errors. */
export function composeImage(scope: IConstruct, parts: {
  readonly registry: string; readonly registryProp: string; readonly repository: string; readonly tag: string; readonly tagProp: string;
}): string {
  const registry = requireImageRegistry(scope, parts.registryProp, parts.registry);
  const tag = requireImageTag(scope, parts.tagProp, parts.tag);
  return requireImage(scope, parts.registryProp, `${registry}/${parts.repository}:${tag}`);
}

/** @internal Whether an image reference names a fixed version: a digest, or a tag other than `latest`. */
export function isPinnedImage(image: string): boolean {
  const parsed = parseImageReference(image);
  if (parsed === undefined) return false;
  return parsed.digest !== undefined || (parsed.tag !== undefined && parsed.tag !== 'latest');
}

/** @internal `image` pinned to `digest` (replacing any digest it had). */
export function withDigest(scope: IConstruct, prop: string, image: string, digest: string): string {
  const withoutDigest = image.replace(/@sha256:[a-f0-9]{64}$/, '');
  return requireImage(scope, prop, `${withoutDigest}@${requireImageDigest(scope, prop, digest)}`);
}
