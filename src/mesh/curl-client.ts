import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { execProbe, hardenedResources, workloadServiceAccount } from '../core/hardening';
import { namespaceFor } from '../core/namespace-ref';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity } from '../core/profile';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import { KnownKeys, requireDns1123Subdomain, requireImage, requireLabels, requireProps } from '../core/validation';
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
   * @default - the chart's `namespace`, else 'default'
   */
  readonly namespace?: string;
  /**
   * The image.
   * @default 'curlimages/curl' (hardened: 'curlimages/curl:8.11.1')
   */
  readonly image?: string;
  /**
   * `workshop` writes the workshop's Deployment; `hardened` runs curl under the `restricted` Pod
   * Security Standard as user and group 10006 (curl and its CA bundle are world-readable) with a
   * read-only root file system (it writes nothing), a pinned image, requests and limits of CPU,
   * memory and ephemeral storage, exec probes that run curl (it serves nothing to probe), and a
   * ServiceAccount of its own (named after the Deployment) whose token is not mounted.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * The container's resources.
   * @default - none (hardened: 5m/100m CPU, 16Mi/64Mi memory, 8Mi/64Mi ephemeral storage)
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
/** The hardened profile's user and group (the image's `curl_user` is 100:101, a name `runAsNonRoot` cannot check). */
const CURL_USER = 10006;
const CURL_CLIENT_PROPS: KnownKeys<CurlClientProps> = { name: true, namespace: true, image: true, profile: true, resources: true, podLabels: true };
const HARDENED_RESOURCES: IContainerResources = {
  cpu: { request: Cpu.millis(5), limit: Cpu.millis(100) },
  memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
};
const HARDENED_EPHEMERAL_STORAGE = { request: Size.mebibytes(8), limit: Size.mebibytes(64) };

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
    this.namespace = namespaceFor(this, props.namespace, 'default');
    const profile = requireProfile(this, 'profile', props.profile);
    const hardened = profile === 'hardened';
    const image = requirePinnedImage(this, 'image', requireImage(this, 'image', props.image ?? (hardened ? HARDENED_IMAGE : 'curlimages/curl')), profile);
    const labels = requireLabels(this, 'podLabels', props.podLabels ?? { app: 'curl' }, 1);
    this.podLabels = labels;
    const resources = hardened ? hardenedResources(this, 'resources', props.resources, HARDENED_RESOURCES, HARDENED_EPHEMERAL_STORAGE, [])
      : props.resources === undefined ? undefined : toResourceRequirements(this, 'resources', props.resources);
    const security = restrictedSecurity({ user: CURL_USER, group: CURL_USER, fsGroup: CURL_USER });
    if (hardened) workloadServiceAccount(this, 'service-account', { name: this.name, namespace: this.namespace });
    // Nothing listens in the pod: the probes check that curl runs (the client's only job), the
    // liveness one less often and with more patience.
    const probes = hardened ? {
      readinessProbe: execProbe(['curl', '--version'], { periodSeconds: 30, timeoutSeconds: 5 }),
      livenessProbe: execProbe(['curl', '--version'], { initialDelaySeconds: 10, periodSeconds: 60, timeoutSeconds: 5, failureThreshold: 3 }),
    } : {};
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
              resources,
              securityContext: hardened ? security.container : undefined,
              ...probes,
            }],
            ...(hardened ? { serviceAccountName: this.name, automountServiceAccountToken: false, securityContext: security.pod } : {}),
          },
        },
      },
    });
  }
}
