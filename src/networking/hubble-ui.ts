import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { hubbleUiNginxConf } from './hubble-ui-nginx';
import { requireDns1123Label, requireDns1123Subdomain, requireNonNegativeInteger, requireToken } from '../core/validation';
import { Workload } from '../core/workload';

/** Props of {@link HubbleUi}. */
export interface HubbleUiProps {
  /**
   * The namespace Hubble UI runs in; Hubble Relay and its client certificates must be there.
   * @default 'kube-system'
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
}

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
export class HubbleUi extends Construct {
  /** The UI as a workload (Service `hubble-ui`, port 80 to 8081). */
  public readonly workload: Workload;

  constructor(scope: Construct, id: string, props: HubbleUiProps = {}) {
    super(scope, id);
    const namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'kube-system');
    const registry = requireToken(this, 'imageRegistry', props.imageRegistry ?? 'mcr.microsoft.com/oss/cilium');
    const tag = requireToken(this, 'imageTag', props.imageTag ?? 'v0.12.2');
    const relayAddress = requireToken(this, 'relayAddress', props.relayAddress ?? 'hubble-relay:443');
    const serverName = requireToken(this, 'relayTlsServerName', props.relayTlsServerName ?? 'ui.hubble-relay.cilium.io');
    const certsSecret = requireDns1123Subdomain(this, 'relayClientCertsSecret', props.relayClientCertsSecret ?? 'hubble-relay-client-certs');
    const replicas = requireNonNegativeInteger(this, 'replicas', props.replicas ?? 1);
    const labels = { 'k8s-app': NAME, 'app.kubernetes.io/name': NAME, ...PART_OF };
    this.workload = { name: NAME, namespace, podLabels: labels, ports: [{ name: 'http', containerPort: UI_PORT, servicePort: 80, protocol: 'TCP' }] };

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: NAME, namespace } });
    new k8s.KubeClusterRole(this, 'cluster-role', {
      metadata: { name: NAME, labels: PART_OF },
      rules: [
        { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
        { apiGroups: [''], resources: ['componentstatuses', 'endpoints', 'namespaces', 'nodes', 'pods', 'services'], verbs: READ },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: READ },
        { apiGroups: ['cilium.io'], resources: ['*'], verbs: READ },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'cluster-role-binding', {
      metadata: { name: NAME, labels: PART_OF },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace }],
    });
    new k8s.KubeConfigMap(this, 'nginx', {
      metadata: { name: 'hubble-ui-nginx', namespace },
      data: { 'nginx.conf': hubbleUiNginxConf(UI_PORT, BACKEND_PORT) },
    });

    const httpGet = (path: string, port: number): k8s.Probe => ({ httpGet: { path, port: k8s.IntOrString.fromNumber(port) } });
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
            containers: [
              {
                name: 'frontend',
                image: `${registry}/hubble-ui:${tag}`,
                imagePullPolicy: 'Always',
                ports: [{ name: 'http', containerPort: UI_PORT }],
                livenessProbe: httpGet('/healthz', UI_PORT),
                readinessProbe: httpGet('/', UI_PORT),
                resources: {},
                volumeMounts: [
                  { name: 'hubble-ui-nginx-conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'nginx.conf' },
                  { name: 'tmp-dir', mountPath: '/tmp' },
                ],
                terminationMessagePolicy: 'FallbackToLogsOnError',
                securityContext: {},
              },
              {
                name: 'backend',
                image: `${registry}/hubble-ui-backend:${tag}`,
                imagePullPolicy: 'Always',
                env: [
                  { name: 'EVENTS_SERVER_PORT', value: String(BACKEND_PORT) },
                  { name: 'FLOWS_API_ADDR', value: relayAddress },
                  { name: 'TLS_TO_RELAY_ENABLED', value: String(props.relayTls ?? true) },
                  { name: 'TLS_RELAY_SERVER_NAME', value: serverName },
                  { name: 'TLS_RELAY_CA_CERT_FILES', value: `${CERTS_DIR}/hubble-relay-ca.crt` },
                  { name: 'TLS_RELAY_CLIENT_CERT_FILE', value: `${CERTS_DIR}/client.crt` },
                  { name: 'TLS_RELAY_CLIENT_KEY_FILE', value: `${CERTS_DIR}/client.key` },
                ],
                livenessProbe: httpGet('/healthz', BACKEND_PORT),
                readinessProbe: httpGet('/healthz', BACKEND_PORT),
                ports: [{ name: 'grpc', containerPort: BACKEND_PORT }],
                resources: {},
                volumeMounts: [{ name: 'hubble-ui-client-certs', mountPath: CERTS_DIR, readOnly: true }],
                terminationMessagePolicy: 'FallbackToLogsOnError',
                securityContext: {},
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            volumes: [
              { name: 'hubble-ui-nginx-conf', configMap: { defaultMode: 0o644, name: 'hubble-ui-nginx' } },
              { name: 'tmp-dir', emptyDir: {} },
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
