import { Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { hubbleUiNginxConf } from './hubble-ui-nginx';
import { hardenedResources, httpGetProbe, ProbeTiming, WritableFolder, writableVolumes } from '../core/hardening';
import { composeImage } from '../core/images';
import { clusterScoped, namespaceFor } from '../core/namespace-ref';
import { Profile, requirePinnedImage, requireProfile, restrictedSecurity } from '../core/profile';
import { IContainerResources, toResourceRequirements } from '../core/resources';
import {
  KnownKeys,
  requireBoolean,
  requireDns1123Subdomain,
  requireHostPort,
  requireImage,
  requireKnownKeys,
  requireNonNegativeInteger,
  requireProps,
} from '../core/validation';
import { IWorkloadRef, WorkloadPort } from '../core/workload-ref';

/** Props of {@link HubbleUi}. */
export interface HubbleUiProps {
  /**
   * The namespace Hubble UI runs in; Hubble Relay and its client certificates must be there.
   * @default - the chart's `namespace`, else 'kube-system'
   */
  readonly namespace?: string;
  /**
   * Registry of the `hubble-ui` and `hubble-ui-backend` images.
   * @default 'mcr.microsoft.com/oss/cilium'
   */
  readonly imageRegistry?: string;
  /**
   * Tag of both images.
   * @default 'v0.12.2'
   */
  readonly imageTag?: string;
  /**
   * Address of Hubble Relay, `host:port`.
   * @default 'hubble-relay:443'
   */
  readonly relayAddress?: string;
  /**
   * Whether the backend talks TLS to Hubble Relay (ACNS serves Relay over TLS).
   * @default true
   */
  readonly relayTls?: boolean;
  /**
   * TLS server name the backend expects from Hubble Relay.
   * @default 'ui.hubble-relay.cilium.io'
   */
  readonly relayTlsServerName?: string;
  /**
   * Secret holding the Relay client certificate (`tls.crt`, `tls.key`, `ca.crt`).
   * @default 'hubble-relay-client-certs'
   */
  readonly relayClientCertsSecret?: string;
  /**
   * Replicas of the UI.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Whole image references instead of `imageRegistry`/`imageTag`, e.g. to pin by digest.
   * @default - `<imageRegistry>/hubble-ui:<imageTag>` and `.../hubble-ui-backend:<imageTag>`
   */
  readonly images?: HubbleUiImages;
  /**
   * `workshop` writes `acns-hubble-ui.yaml`; `hardened` runs both containers under the
   * `restricted` Pod Security Standard as user and group 10005 (the group owns the client
   * certificates, mounted 0400), with read-only root file systems (nginx writes only `/tmp`, a
   * 256Mi `emptyDir`), requests and limits of CPU, memory and ephemeral storage, probes with
   * timings of their own, and pinned images. The backend keeps its service account token: it
   * reads the API.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * Resources of the frontend and the backend.
   * @default - none, as the workshop (hardened: 10m/100m CPU and 32Mi/128Mi memory each;
   * ephemeral storage 64Mi/512Mi for the frontend, 32Mi/128Mi for the backend, unless given)
   */
  readonly resources?: IContainerResources;
}

/** The images of Hubble UI. */
export interface HubbleUiImages {
  /**
   * The frontend (nginx serving the UI).
   * @default - `<imageRegistry>/hubble-ui:<imageTag>`
   */
  readonly frontend?: string;
  /**
   * The backend (talks to Hubble Relay).
   * @default - `<imageRegistry>/hubble-ui-backend:<imageTag>`
   */
  readonly backend?: string;
}

/**
 * The hardened profile's user and group (Cilium's own chart uses 1001; the images need neither:
 * the frontend writes only `/tmp`, the backend nothing). The group reads the client certificates.
 */
const HUBBLE_UI_USER = { user: 10005, group: 10005, fsGroup: 10005 };
/** nginx-unprivileged writes its pid and the temporary files of proxied responses to `/tmp`. */
const FRONTEND_FOLDERS: readonly WritableFolder[] = [{ name: 'tmp-dir', mountPath: '/tmp', sizeLimit: Size.mebibytes(256) }];
const EPHEMERAL_STORAGE = {
  frontend: { request: Size.mebibytes(64), limit: Size.mebibytes(512) },
  backend: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
};
const HUBBLE_UI_PROPS: KnownKeys<HubbleUiProps> = {
  namespace: true,
  imageRegistry: true,
  imageTag: true,
  relayAddress: true,
  relayTls: true,
  relayTlsServerName: true,
  relayClientCertsSecret: true,
  replicas: true,
  images: true,
  profile: true,
  resources: true,
};
const HUBBLE_UI_IMAGES: KnownKeys<HubbleUiImages> = { frontend: true, backend: true };
const HARDENED_RESOURCES: IContainerResources = {
  cpu: { request: Cpu.millis(10), limit: Cpu.millis(100) },
  memory: { request: Size.mebibytes(32), limit: Size.mebibytes(128) },
};

const NAME = 'hubble-ui';
const UI_PORT = 8081;
const BACKEND_PORT = 8090;
const CERTS_DIR = '/var/lib/hubble-ui/certs';
const PART_OF = { 'app.kubernetes.io/part-of': 'retina' };
const READ = ['get', 'list', 'watch'];

/**
 * Hubble UI for ACNS (`acns-hubble-ui.yaml`): ServiceAccount and read-only ClusterRole, the
 * nginx ConfigMap, the Deployment (frontend + backend talking TLS to Hubble Relay) and a
 * ClusterIP Service on port 80. Reach it with `kubectl -n kube-system port-forward svc/hubble-ui 12000:80`.
 */
export class HubbleUi extends Construct implements IWorkloadRef {
  /** The Deployment's name, `hubble-ui`. */
  public readonly name = NAME;
  /** The namespace it runs in. */
  public readonly namespace: string;
  /** Its pod labels. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** The UI port: Service port 80 to container port 8081. */
  public readonly ports: readonly WorkloadPort[] = [{ name: 'http', containerPort: UI_PORT, servicePort: 80, protocol: 'TCP' }];
  /** The Service, `hubble-ui`. */
  public readonly serviceName = NAME;
  /** This construct. */
  public readonly definedBy = this;
  /** The address of Hubble Relay the backend connects to, `host:port`. */
  public readonly relayAddress: string;
  /** The profile it is written in. */
  public readonly profile: Profile;

  constructor(scope: Construct, id: string, props: HubbleUiProps = {}) {
    super(scope, id);
    requireProps(this, props, "{ namespace: 'kube-system' }", HUBBLE_UI_PROPS);
    if (props.images !== undefined) requireKnownKeys(this, 'images', props.images, HUBBLE_UI_IMAGES, 'containers of Hubble UI');
    const namespace = namespaceFor(this, props.namespace, 'kube-system');
    const profile = requireProfile(this, 'profile', props.profile);
    this.profile = profile;
    const hardened = profile === 'hardened';
    const image = (part: keyof HubbleUiImages, repository: string) => requirePinnedImage(this, `images.${part}`, props.images?.[part] !== undefined
      ? requireImage(this, `images.${part}`, props.images[part])
      : composeImage(this, {
        registry: props.imageRegistry ?? 'mcr.microsoft.com/oss/cilium',
        registryProp: 'imageRegistry',
        repository,
        tag: props.imageTag ?? 'v0.12.2',
        tagProp: 'imageTag',
      }), profile);
    const resources = (part: keyof typeof EPHEMERAL_STORAGE): k8s.ResourceRequirements => {
      if (!hardened) return props.resources === undefined ? {} : toResourceRequirements(this, 'resources', props.resources);
      return hardenedResources(this, 'resources', props.resources, HARDENED_RESOURCES, EPHEMERAL_STORAGE[part], part === 'frontend' ? FRONTEND_FOLDERS : []);
    };
    const security = restrictedSecurity(HUBBLE_UI_USER);
    const containerSecurity = hardened ? security.container : {};
    // The hardened profile gives liveness and readiness timings of their own: a pod that stops
    // answering leaves the Service at once and is restarted only when it stays so.
    const probe = (path: string, port: number, timing: ProbeTiming): k8s.Probe => httpGetProbe(path, port, hardened ? timing : {});
    const liveness: ProbeTiming = { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 6 };
    const readiness: ProbeTiming = { periodSeconds: 5, failureThreshold: 2 };
    const relayAddress = requireHostPort(this, 'relayAddress', props.relayAddress ?? 'hubble-relay:443');
    const relayTls = requireBoolean(this, 'relayTls', props.relayTls ?? true);
    const serverName = requireDns1123Subdomain(this, 'relayTlsServerName', props.relayTlsServerName ?? 'ui.hubble-relay.cilium.io');
    const certsSecret = requireDns1123Subdomain(this, 'relayClientCertsSecret', props.relayClientCertsSecret ?? 'hubble-relay-client-certs');
    const replicas = requireNonNegativeInteger(this, 'replicas', props.replicas ?? 1);
    const labels = { 'k8s-app': NAME, 'app.kubernetes.io/name': NAME, ...PART_OF };
    this.namespace = namespace;
    this.podLabels = labels;
    this.relayAddress = relayAddress;

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: NAME, namespace } });
    clusterScoped(new k8s.KubeClusterRole(this, 'cluster-role', {
      metadata: { name: NAME, labels: PART_OF },
      rules: [
        { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
        { apiGroups: [''], resources: ['componentstatuses', 'endpoints', 'namespaces', 'nodes', 'pods', 'services'], verbs: READ },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ },
        { apiGroups: ['cilium.io'], resources: ['*'], verbs: READ },
      ],
    }));
    clusterScoped(new k8s.KubeClusterRoleBinding(this, 'cluster-role-binding', {
      metadata: { name: NAME, labels: PART_OF },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace }],
    }));
    new k8s.KubeConfigMap(this, 'nginx', {
      metadata: { name: 'hubble-ui-nginx', namespace },
      data: { 'nginx.conf': hubbleUiNginxConf(UI_PORT, BACKEND_PORT) },
    });

    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: NAME, namespace, labels },
      spec: {
        replicas,
        selector: { matchLabels: { 'k8s-app': NAME } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccount: NAME,
            serviceAccountName: NAME,
            automountServiceAccountToken: true,
            securityContext: hardened ? security.pod : undefined,
            containers: [
              {
                name: 'frontend',
                image: image('frontend', 'hubble-ui'),
                imagePullPolicy: 'Always',
                ports: [{ name: 'http', containerPort: UI_PORT }],
                livenessProbe: probe('/healthz', UI_PORT, liveness),
                readinessProbe: probe('/', UI_PORT, readiness),
                resources: resources('frontend'),
                volumeMounts: [
                  { name: 'hubble-ui-nginx-conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'nginx.conf' },
                  { name: 'tmp-dir', mountPath: '/tmp' },
                ],
                terminationMessagePolicy: 'FallbackToLogsOnError',
                securityContext: containerSecurity,
              },
              {
                name: 'backend',
                image: image('backend', 'hubble-ui-backend'),
                imagePullPolicy: 'Always',
                env: [
                  { name: 'EVENTS_SERVER_PORT', value: String(BACKEND_PORT) },
                  { name: 'FLOWS_API_ADDR', value: relayAddress },
                  { name: 'TLS_TO_RELAY_ENABLED', value: String(relayTls) },
                  { name: 'TLS_RELAY_SERVER_NAME', value: serverName },
                  { name: 'TLS_RELAY_CA_CERT_FILES', value: `${CERTS_DIR}/hubble-relay-ca.crt` },
                  { name: 'TLS_RELAY_CLIENT_CERT_FILE', value: `${CERTS_DIR}/client.crt` },
                  { name: 'TLS_RELAY_CLIENT_KEY_FILE', value: `${CERTS_DIR}/client.key` },
                ],
                livenessProbe: probe('/healthz', BACKEND_PORT, liveness),
                readinessProbe: probe('/healthz', BACKEND_PORT, readiness),
                ports: [{ name: 'grpc', containerPort: BACKEND_PORT }],
                resources: resources('backend'),
                volumeMounts: [{ name: 'hubble-ui-client-certs', mountPath: CERTS_DIR, readOnly: true }],
                terminationMessagePolicy: 'FallbackToLogsOnError',
                securityContext: containerSecurity,
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            volumes: [
              { name: 'hubble-ui-nginx-conf', configMap: { defaultMode: 0o644, name: 'hubble-ui-nginx' } },
              hardened ? writableVolumes(this, 'writableFolders', FRONTEND_FOLDERS)[0] : { name: 'tmp-dir', emptyDir: {} },
              {
                name: 'hubble-ui-client-certs',
                projected: {
                  defaultMode: 0o400,
                  sources: [{
                    secret: {
                      name: certsSecret,
                      items: [
                        { key: 'tls.crt', path: 'client.crt' },
                        { key: 'tls.key', path: 'client.key' },
                        { key: 'ca.crt', path: 'hubble-relay-ca.crt' },
                      ],
                    },
                  }],
                },
              },
            ],
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: NAME, namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: { 'k8s-app': NAME },
        ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(UI_PORT) }],
      },
    });
  }
}
