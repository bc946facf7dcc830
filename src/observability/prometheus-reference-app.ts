import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { requireDns1123Label, requireToken } from '../core/validation';
import { Workload } from '../core/workload';

/** Props of {@link PrometheusReferenceApp}. */
export interface PrometheusReferenceAppProps {
  /**
   * Namespace.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Tag prefix of the Go and Python images (`<tag>-ref-app-golang`, `<tag>-ref-app-python`).
   * @default '6.7.5-main-09-12-2023-8fbde9ca'
   */
  readonly imageTag?: string;
}

const NAME = 'prometheus-reference-app';
const IMAGES = 'mcr.microsoft.com/azuremonitor/containerinsights/cidev/prometheus-collector/images';

/**
 * Azure Monitor's Prometheus reference app (the file the workshop applied, prometheus-collector
 * 0db6d70): a Go container serving metrics on 2112 (`weather-app`) and 2113
 * (`untyped-metrics`), a Python one on 2114 (`python-client`), and Service
 * `prometheus-reference-service`.
 */
export class PrometheusReferenceApp extends Construct {
  /** The app as a workload, for monitors. */
  public readonly workload: Workload;

  constructor(scope: Construct, id: string, props: PrometheusReferenceAppProps = {}) {
    super(scope, id);
    const namespace = requireDns1123Label(this, 'namespace', props.namespace ?? 'default');
    const tag = requireToken(this, 'imageTag', props.imageTag ?? '6.7.5-main-09-12-2023-8fbde9ca');
    const labels = { app: NAME };
    this.workload = {
      name: NAME,
      serviceName: 'prometheus-reference-service',
      namespace,
      podLabels: labels,
      ports: [
        { name: 'weather-app', containerPort: 2112, servicePort: 2112, protocol: 'TCP' },
        { name: 'untyped-metrics', containerPort: 2113, servicePort: 2113, protocol: 'TCP' },
        { name: 'python-client', containerPort: 2114, servicePort: 2114, protocol: 'TCP' },
      ],
    };
    const containerPorts = (names: string[]) => this.workload.ports
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
                image: `${IMAGES}:${tag}-ref-app-golang`,
                env: [
                  { name: 'RUN_PERF_TEST', value: 'false' },
                  { name: 'SCRAPE_INTERVAL', value: '15' },
                  { name: 'METRIC_COUNT', value: '125000' },
                ],
                ports: containerPorts(['weather-app', 'untyped-metrics']),
              },
              {
                name: `${NAME}-python`,
                image: `${IMAGES}:${tag}-ref-app-python`,
                ports: containerPorts(['python-client']),
              },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: this.workload.serviceName, namespace, labels },
      spec: {
        selector: labels,
        ports: this.workload.ports.map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: p.servicePort,
          targetPort: k8s.IntOrString.fromNumber(p.containerPort),
        })),
      },
    });
  }
}
