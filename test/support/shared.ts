import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

/** The workshop reference material beside the checkout (`../shared`), or `$AKS_LABS_SHARED_DIR`. */
export const SHARED_DIR = process.env.AKS_LABS_SHARED_DIR ?? path.resolve(__dirname, '..', '..', '..', 'shared');

/** Whether the reference material is present (it is not in a user's clone). */
export const HAS_SHARED = fs.existsSync(path.join(SHARED_DIR, 'upstream'));

let warned = false;

/**
 * `describe` for tests that read `../shared`: skipped, with a message saying why, when the
 * folder is absent.
 */
export function describeWithShared(name: string, body: () => void): void {
  if (HAS_SHARED) {
    describe(name, body);
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`Skipping tests that need the workshop reference files: ${SHARED_DIR} does not exist. `
      + 'Set AKS_LABS_SHARED_DIR to the folder holding upstream/, crds/ and workshop/ to run them.');
  }
  const skipped: typeof describe.skip = describe.skip;
  skipped(`${name} (needs ${SHARED_DIR})`, body);
}

/** Reads a file under `../shared`. */
export function readShared(...segments: string[]): string {
  return fs.readFileSync(path.join(SHARED_DIR, ...segments), 'utf8');
}

/**
 * YAML 1.1 octal integers such as `0400`, as Kubernetes (go-yaml) reads them; js-yaml follows
 * YAML 1.2 and would read `0400` as four hundred.
 */
const yaml11Octal = new yaml.Type('tag:aks-labs-cdk8s,2026:yaml11-octal-int', {
  kind: 'scalar',
  resolve: (data: string) => /^[-+]?0[0-7]+$/.test(data),
  construct: (data: string) => parseInt(data, 8),
});

/** js-yaml's built-in types (exported at run time, missing from @types/js-yaml). */
const builtIn = (yaml as unknown as { types: Record<string, yaml.Type> }).types;

/** js-yaml's default schema, reading integers the way Kubernetes does (the octal type is tried first). */
const KUBERNETES_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [yaml11Octal, builtIn.null, builtIn.bool, builtIn.int, builtIn.float, builtIn.timestamp, builtIn.merge],
  explicit: [builtIn.binary, builtIn.omap, builtIn.pairs, builtIn.set],
});

/** The objects of a multi-document YAML text, without empty documents, read as Kubernetes reads them. */
export function parseYamlDocuments(text: string): any[] {
  return yaml.loadAll(text, undefined, { schema: KUBERNETES_YAML_SCHEMA }).filter((doc) => doc !== null && doc !== undefined);
}

/** The objects of an upstream file (`../shared/upstream/<file>`). */
export function loadUpstream(file: string): any[] {
  return parseYamlDocuments(readShared('upstream', file));
}
