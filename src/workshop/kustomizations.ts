import { clusterFolder, WORKSHOP_CLUSTERS, WorkshopSection } from './section';
import { OutputFile } from '../output/write-output';

/**
 * One `kustomization.yaml` per cluster folder of the output, listing the end-state bundles
 * written there, so that `kubectl apply -k <folder>`, a Flux `Kustomization` or an Argo CD
 * `Application` pointed at the folder apply that cluster's coherent end state, each object once.
 */
export function kustomizations(written: readonly WorkshopSection[], folder: string = ''): OutputFile[] {
  return WORKSHOP_CLUSTERS.flatMap((cluster) => {
    const resources = written
      .filter((s) => (s.cluster ?? 'member') === cluster && !(s.leftOutWith ?? []).some((id) => written.some((w) => w.id === id)))
      .map((s) => `${s.id}.k8s.yaml`);
    if (resources.length === 0) return [];
    return [{
      path: `${folder}${clusterFolder(cluster)}kustomization.yaml`,
      // Every YAML file starts a document, so files joined end to end (cdk8s synth --stdout) stay valid YAML.
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
