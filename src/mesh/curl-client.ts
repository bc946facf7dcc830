import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity } from '../core/profile';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import { KnownKeys, requireDns1123Label, requireDns1123Subdomain, requireImage, requireLabels, requireProps } from '../core/validation';
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
   * @default 'curlimages/curl' (hardened: 'curlimages/curl:8.11.1')
   */
  readonly image?: string;
  /**
   * `workshop` writes the workshop's Deployment; `hardened` runs curl as the image's own user
   * (`curl_user`, 100) under the `restricted` Pod Security Standard, with a pinned image,
   * requests and limits, and no service account token.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * The container's resources.
   * @default - none (hardened: 5m/100m CPU, 16Mi/64Mi memory)
   */
  readonly resources?: IContainerResources;
  /**
   * Labels of its pods. Two clients in one namespace need different labels, or each
   * Deployment would count the other's pods as its own.
   * @default { app: 'curl' }
   */
  readonly podLabels?: Readonly<Record<string, string>>;
}

const HARDENED_IMAGE = 'curlimages/curl:8.11.1';
/** curlimages/curl runs as `curl_user` (a name, which `runAsNonRoot` cannot check): its ids. */
const CURL_USER = 100;
const CURL_GROUP = 101;
const CURL_CLIENT_PROPS: KnownKeys<CurlClientProps> = { name: true, namespace: true, image: true, profile: true, resources: true, podLabels: true };
const HARDENED_RESOURCES: IContainerResources = {
  cpu: { request: Cpu.millis(5), limit: Cpu.millis(100) },
  memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
};

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
    requireProps(this, props, "{ name: 'curl-deployment', namespace: 'default' }", CURL_CLIENT_PROPS);
    this.name = requireDns1123Subdomain(this, 'name', props.name ?? 'curl-deployment');
    this.namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'default');
    const profile = requireProfile(this, 'profile', props.profile);
    const hardened = profile === 'hardened';
    const image = requirePinnedImage(this, 'image', requireImage(this, 'image', props.image ?? (hardened ? HARDENED_IMAGE : 'curlimages/curl')), profile);
    const labels = requireLabels(this, 'podLabels', props.podLabels ?? { app: 'curl' }, 1);
    this.podLabels = labels;
    const resources = props.resources ?? (hardened ? HARDENED_RESOURCES : undefined);
    const security = restrictedSecurity({ user: CURL_USER, group: CURL_GROUP });
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{
              name: 'curl',
              image,
              command: ['sleep', '3600'],
              resources: resources === undefined ? undefined : toResourceRequirements(this, 'resources', resources),
              securityContext: hardened ? security.container : undefined,
            }],
            ...(hardened ? { automountServiceAccountToken: false, securityContext: security.pod } : {}),
          },
        },
      },
    });
  }
}
