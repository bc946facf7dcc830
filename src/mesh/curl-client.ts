import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { requireDns1123Label, requireDns1123Subdomain, requireImage, requireLabels, requireProps } from '../core/validation';
import { IWorkloadRef, WorkloadPort } from '../core/workload-ref';

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
  /**
   * Labels of its pods. Two clients in one namespace need different labels, or each
   * Deployment would count the other's pods as its own.
   * @default { app: 'curl' }
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/**
 * A pod that sleeps so that `kubectl exec` can run curl from it: the workshop's test client
 * for checking mesh policies (`kubectl get pod -l app=curl`). It serves no ports.
 */
export class CurlClient extends Construct implements IWorkloadRef {
  /** The Deployment's name. */
  public readonly name: string;
  /** The namespace it runs in. */
  public readonly namespace: string;
  /** Its pod labels. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** None: it only makes requests. */
  public readonly ports: readonly WorkloadPort[] = [];
  /** This construct. */
  public readonly definedBy = this;

  constructor(scope: Construct, id: string, props: CurlClientProps = {}) {
    super(scope, id);
    requireProps(this, props, "{ name: 'curl-deployment', namespace: 'default' }");
    this.name = requireDns1123Subdomain(this, 'name', props.name ?? 'curl-deployment');
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'default');
    const image = requireImage(this, 'image', props.image ?? 'curlimages/curl');
    const labels = requireLabels(this, 'podLabels', props.podLabels ?? { app: 'curl' }, 1);
    this.podLabels = labels;
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: this.name, namespace: this.namespace },
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
