import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { httpGetProbe, workloadServiceAccount } from '../core/hardening';
import { composeImage } from '../core/images';
import { namespaceFor } from '../core/namespace-ref';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity } from '../core/profile';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import { KnownKeys, requireImage, requireKnownKeys, requireProps } from '../core/validation';
import { IWorkloadRef, WorkloadPort } from '../core/workload-ref';

/** Props of {@link PrometheusReferenceApp}. */
export interface PrometheusReferenceAppProps {
  /**
   * Namespace.
   * @default - the chart's `namespace`, else 'default'
   */
  readonly namespace?: string;
  /**
   * Tag prefix of the Go and Python images (`<tag>-ref-app-golang`, `<tag>-ref-app-python`).
   * @default '6.7.5-main-09-12-2023-8fbde9ca'
   */
  readonly imageTag?: string;
  /**
   * Whole image references instead of the ones made from `imageTag`, e.g. to pin by digest
   * (`...@sha256:<digest>`) or to pull from a mirror.
   * @default - the images made from `imageTag`
   */
  readonly images?: PrometheusReferenceAppImages;
  /**
   * `workshop` writes the reference app's file; `hardened` runs both containers under the
   * `restricted` Pod Security Standard as user and group 10009 with read-only root file systems
   * (neither app writes files; Python is told not to write bytecode), requests and limits of CPU,
   * memory and ephemeral storage, liveness and readiness probes on their metrics endpoints (the
   * apps serve nothing else), and a ServiceAccount of its own (`prometheus-reference-app`) whose
   * token is not mounted.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

const REFERENCE_APP_PROPS: KnownKeys<PrometheusReferenceAppProps> = { namespace: true, imageTag: true, images: true, profile: true };
const REFERENCE_APP_IMAGES: KnownKeys<PrometheusReferenceAppImages> = { golang: true, python: true };
const HARDENED_EPHEMERAL_STORAGE = { request: Size.mebibytes(16), limit: Size.mebibytes(64) };
const HARDENED_RESOURCES: Record<'golang' | 'python', IContainerResources> = {
  golang: {
    cpu: { request: Cpu.millis(10), limit: Cpu.millis(500) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(512) },
    ephemeralStorage: HARDENED_EPHEMERAL_STORAGE,
  },
  python: {
    cpu: { request: Cpu.millis(10), limit: Cpu.millis(200) },
    memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
    ephemeralStorage: HARDENED_EPHEMERAL_STORAGE,
  },
};
/** The hardened profile's user and group: the images run as root by default, and their files are world-readable. */
const HARDENED_USER = 10009;

/** The images of the Prometheus reference app. */
export interface PrometheusReferenceAppImages {
  /**
   * The Go container (metrics on 2112 and 2113).
   * @default - `<registry>:<imageTag>-ref-app-golang`
   */
  readonly golang?: string;
  /**
   * The Python container (metrics on 2114).
   * @default - `<registry>:<imageTag>-ref-app-python`
   */
  readonly python?: string;
}

const NAME = 'prometheus-reference-app';
const REGISTRY = 'mcr.microsoft.com/azuremonitor/containerinsights/cidev/prometheus-collector';

/**
 * Azure Monitor's Prometheus reference app (the file the workshop applied, prometheus-collector
 * 0db6d70): a Go container serving metrics on 2112 (`weather-app`) and 2113
 * (`untyped-metrics`), a Python one on 2114 (`python-client`), and Service
 * `prometheus-reference-service`.
 */
export class PrometheusReferenceApp extends Construct implements IWorkloadRef {
  /** The Deployment's name. */
  public readonly name = NAME;
  /** Its namespace. */
  public readonly namespace: string;
  /** Its pod labels. */
  public readonly podLabels: Readonly<Record<string, string>> = { app: NAME };
  /** The metrics ports: `weather-app` 2112, `untyped-metrics` 2113, `python-client` 2114. */
  public readonly ports: readonly WorkloadPort[] = [
    { name: 'weather-app', containerPort: 2112, servicePort: 2112, protocol: 'TCP' },
    { name: 'untyped-metrics', containerPort: 2113, servicePort: 2113, protocol: 'TCP' },
    { name: 'python-client', containerPort: 2114, servicePort: 2114, protocol: 'TCP' },
  ];
  /** Its Service, `prometheus-reference-service`. */
  public readonly serviceName = 'prometheus-reference-service';
  /** This construct. */
  public readonly definedBy = this;

  constructor(scope: Construct, id: string, props: PrometheusReferenceAppProps = {}) {
    super(scope, id);
    requireProps(this, props, "{ namespace: 'default' }", REFERENCE_APP_PROPS);
    if (props.images !== undefined) requireKnownKeys(this, 'images', props.images, REFERENCE_APP_IMAGES, 'containers of the reference app');
    const namespace = namespaceFor(this, props.namespace, 'default');
    this.namespace = namespace;
    const tag = props.imageTag ?? '6.7.5-main-09-12-2023-8fbde9ca';
    const profile = requireProfile(this, 'profile', props.profile);
    const hardened = profile === 'hardened';
    const image = (prop: keyof PrometheusReferenceAppImages) => requirePinnedImage(this, `images.${prop}`, props.images?.[prop] !== undefined
      ? requireImage(this, `images.${prop}`, props.images[prop])
      : composeImage(this, { registry: REGISTRY, registryProp: 'imageTag', repository: 'images', tag: `${tag}-ref-app-${prop}`, tagProp: 'imageTag' }), profile);
    const security = restrictedSecurity({ user: HARDENED_USER, group: HARDENED_USER, fsGroup: HARDENED_USER });
    // Each app's only endpoint is its metrics page (the Python one serves it on any path).
    const metricsProbes = (port: number) => ({
      readinessProbe: httpGetProbe('/metrics', port, { initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5 }),
      livenessProbe: httpGetProbe('/metrics', port, { initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 }),
    });
    const hardening = (container: keyof PrometheusReferenceAppImages, port: number) => hardened
      ? { resources: toResourceRequirements(this, `resources.${container}`, HARDENED_RESOURCES[container]), securityContext: security.container, ...metricsProbes(port) }
      : {};
    if (hardened) workloadServiceAccount(this, 'service-account', { name: NAME, namespace });
    const labels = { ...this.podLabels };
    const containerPorts = (names: string[]) => this.ports
      .filter((p) => names.includes(p.name!))
      .map((p) => ({ containerPort: p.containerPort, protocol: p.protocol, name: p.name }));

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: NAME, namespace },
      spec: {
        selector: { matchLabels: labels },
        replicas: 1,
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: `${NAME}-golang`,
                image: image('golang'),
                env: [
                  { name: 'RUN_PERF_TEST', value: 'false' },
                  { name: 'SCRAPE_INTERVAL', value: '15' },
                  { name: 'METRIC_COUNT', value: '125000' },
                ],
                ports: containerPorts(['weather-app', 'untyped-metrics']),
                ...hardening('golang', 2112),
              },
              {
                name: `${NAME}-python`,
                image: image('python'),
                env: hardened ? [{ name: 'PYTHONDONTWRITEBYTECODE', value: '1' }] : undefined,
                ports: containerPorts(['python-client']),
                ...hardening('python', 2114),
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
            ...(hardened ? { serviceAccountName: NAME, automountServiceAccountToken: false, securityContext: security.pod } : {}),
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: this.serviceName, namespace, labels },
      spec: {
        selector: labels,
        ports: this.ports.map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: p.servicePort!,
          targetPort: k8s.IntOrString.fromNumber(p.containerPort),
        })),
      },
    });
  }
}
