import { clusterFolder, WORKSHOP_CLUSTERS, WorkshopCluster, WorkshopSection } from './section';
import { OutputFile } from '../output/write-output';

/**
 * The sections whose end-state bundles `cluster` applies, in workshop order: those of the
 * cluster that no other written section holds or conflicts with (`leftOutWith`). It is what
 * the cluster folder's `kustomization.yaml` lists, and what `synth --stdout` prints.
 */
export function clusterBundles(written: readonly WorkshopSection[], cluster: WorkshopCluster): WorkshopSection[] {
  return written.filter((s) => (s.cluster ?? 'member') === cluster && !(s.leftOutWith ?? []).some((id) => written.some((w) => w.id === id)));
}

/**
 * One `kustomization.yaml` per cluster folder of the output, listing the end-state bundles
 * written there (see {@link clusterBundles}), so that `kubectl apply -k <folder>`, a Flux
 * `Kustomization` or an Argo CD `Application` pointed at the folder apply that cluster's
 * coherent end state, each object once.
 */
export function kustomizations(written: readonly WorkshopSection[], folder: string = ''): OutputFile[] {
  return WORKSHOP_CLUSTERS.flatMap((cluster) => {
    const resources = clusterBundles(written, cluster).map((s) => `${s.id}.k8s.yaml`);
    if (resources.length === 0) return [];
    return [{
      path: `${folder}${clusterFolder(cluster)}kustomization.yaml`,
      // Every YAML file starts a document, so files joined end to end stay valid YAML.
      content: [
        '---',
        `# The ${cluster === 'member' ? 'member (workload) cluster' : 'Fleet hub cluster'}'s end state; written by aks-labs-cdk8s.`,
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        ...resources.map((r) => `  - ${r}`),
        '',
      ].join('\n'),
    }];
  });
}
