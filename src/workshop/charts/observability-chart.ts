import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AmaMetricsSettings, AmaMetricsSettingsProps } from '../../observability/ama-metrics-settings';
import { AzurePodMonitor } from '../../observability/monitors';
import { PrometheusReferenceApp } from '../../observability/prometheus-reference-app';
import { addScrapedAppPolicy } from '../hardened-policies';

/** Props of {@link ObservabilityChart}. */
export interface ObservabilityChartProps extends ChartProps {
  /**
   * Azure Managed Prometheus settings.
   * @default - the workshop file's settings
   */
  readonly metricsSettings?: AmaMetricsSettingsProps;
  /**
   * The profile of the reference app. In the hardened profile the chart also holds its network
   * policy: in only from Azure Monitor's `ama-metrics` pods on its metrics ports, nothing out.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/**
 * The workshop's observability objects: the `ama-metrics-settings-configmap`, the Prometheus
 * reference app and the PodMonitor that scrapes it (`podMonitor/default/prometheus-reference-app-job/0`).
 */
export class ObservabilityChart extends Chart {
  /** The reference app. */
  public readonly referenceApp: PrometheusReferenceApp;

  constructor(scope: Construct, id: string, props: ObservabilityChartProps = {}) {
    super(scope, id, props);
    new AmaMetricsSettings(this, 'ama-metrics-settings', props.metricsSettings);
    this.referenceApp = new PrometheusReferenceApp(this, 'reference-app', { profile: props.profile });
    const app = this.referenceApp;
    if (props.profile === 'hardened') addScrapedAppPolicy(this, 'reference-app-policy', app);
    new AzurePodMonitor(this, 'pod-monitor', {
      name: `${app.name}-job`,
      workload: app,
      labelLimits: { count: 63, nameLength: 511, valueLength: 1023 },
      endpoints: [{
        relabelings: [
          { sourceLabels: ['__meta_kubernetes_pod_label_app'], action: 'keep', regex: app.podLabels.app },
          // $$NODE_NAME$$ is replaced by the ama-metrics agent with the node it runs on.
          { sourceLabels: ['__meta_kubernetes_pod_node_name'], action: 'replace', regex: "('$$NODE_NAME$$')", targetLabel: 'instance' },
        ],
      }],
    });
  }
}
