import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { requireDns1123Label, requireDns1123Subdomain, requireToken } from '../core/validation';
import { Workload } from '../core/workload';

/** Props of {@link CurlClient}. */
export interface CurlClientProps {
  /**
   * The Deployment's name.
   * @default 'curl-deployment'
   */
  readonly name?: string;
  /**
   * The namespace it runs in. In a namespace with sidecar injection it joins the mesh.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The image.
   * @default 'curlimages/curl'
   */
  readonly image?: string;
}

/**
 * A pod that sleeps so that `kubectl exec` can run curl from it: the workshop's test client
 * for checking mesh policies (`kubectl get pod -l app=curl`).
 */
export class CurlClient extends Construct {
  /** The client as a workload (label `app: curl`, no ports). */
  public readonly workload: Workload;

  constructor(scope: Construct, id: string, props: CurlClientProps = {}) {
    super(scope, id);
    const name = requireDns1123Subdomain(this, 'name', props.name ?? 'curl-deployment');
    const namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'default');
    const image = requireToken(this, 'image', props.image ?? 'curlimages/curl');
    const labels = { app: 'curl' };
    this.workload = { name, namespace, podLabels: labels, ports: [] };
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'curl', image, command: ['sleep', '3600'] }] },
        },
      },
    });
  }
}
