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
