import { App, Chart, Duration } from 'cdk8s';
import {
  AmaMetricsSettings,
  AzurePodMonitor,
  AzureServiceMonitor,
  InvalidPropError,
  OBSERVABILITY_SECTION,
  ObservabilityChart,
  PrometheusReferenceApp,
  synthesizeManifests,
  IWorkloadRef,
} from '../src';
import { compareManifests } from './support/fidelity';
import { describeWithShared, loadUpstream } from './support/shared';
import { findObject, synthObjects, synthSection } from './support/synth';

const [bundle] = synthSection(OBSERVABILITY_SECTION);
const ofKind = (kind: string) => bundle.objects.filter((o) => o.kind === kind || (kind === 'app' && ['Deployment', 'Service'].includes(o.kind)));

describeWithShared('observability objects equal the workshop files', () => {
  test('ama-metrics-settings-configmap equals the pinned upstream file', () => {
    expect(compareManifests(ofKind('ConfigMap'), loadUpstream('ama-metrics-settings-configmap.yaml'))).toEqual([]);
  });

  test('the reference app equals the workshop-era file (applied to default)', () => {
    expect(compareManifests(ofKind('app'), loadUpstream('prometheus-reference-app.workshop-era-0db6d70.yaml'), { namespace: 'default' })).toEqual([]);
  });

  test('the PodMonitor equals pod-monitor-reference-app.yaml', () => {
    expect(compareManifests(ofKind('PodMonitor'), loadUpstream('pod-monitor-reference-app.yaml'), { namespace: 'default' })).toEqual([]);
  });

  test('a ServiceMonitor built from the reference app equals service-monitor-reference-app.yaml', () => {
    const objects = synthObjects((scope) => {
      const app = new PrometheusReferenceApp(scope, 'app');
      new AzureServiceMonitor(scope, 'monitor', {
        name: 'prometheus-reference-app-monitor',
        workload: app,
        endpoints: app.ports.map((p) => ({ port: p.name, interval: Duration.seconds(30), path: '/metrics', scheme: 'http' as const })),
      });
    });
    expect(compareManifests(objects.filter((o) => o.kind === 'ServiceMonitor'), loadUpstream('service-monitor-reference-app.yaml'), { namespace: 'default' })).toEqual([]);
  });
});

describe('observability', () => {
  test('the PodMonitor selects the reference app\'s pods', () => {
    const monitor = findObject(bundle.objects, 'PodMonitor', 'prometheus-reference-app-job');
    const deployment = findObject(bundle.objects, 'Deployment', 'prometheus-reference-app');
    for (const [k, v] of Object.entries(monitor.spec.selector.matchLabels)) expect(deployment.spec.template.metadata.labels[k]).toBe(v);
    expect(monitor.apiVersion).toBe('azmonitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe(deployment.metadata.namespace);
  });

  test('metrics settings props change only what they name', () => {
    const [configMap] = synthObjects((scope) => new AmaMetricsSettings(scope, 'settings', {
      targets: { 'coredns': true, 'controlplane-etcd': false },
      keepLists: { kubelet: 'kubelet_volume_stats.*' },
      minimalIngestionProfile: false,
      scrapeIntervals: { coredns: Duration.minutes(1) },
      podAnnotationNamespaceRegex: 'pets|default',
      clusterAlias: 'lab "one"',
      debugMode: true,
    }));
    const data = configMap.data;
    expect(data['default-scrape-settings-enabled']).toContain('coredns = true\n');
    expect(data['default-scrape-settings-enabled']).toMatch(/controlplane-etcd = false$/);
    expect(data['default-scrape-settings-enabled']).toContain('kubelet = true\n');
    expect(data['default-targets-metrics-keep-list']).toContain('kubelet = "kubelet_volume_stats.*"\n');
    expect(data['default-targets-metrics-keep-list']).toMatch(/minimalingestionprofile = false$/);
    expect(data['default-targets-scrape-interval-settings']).toContain('coredns = "1m"\n');
    expect(data['pod-annotation-based-scraping']).toBe('podannotationnamespaceregex = "pets|default"');
    expect(data['prometheus-collector-settings']).toBe('cluster_alias = "lab \\"one\\""');
    expect(data['debug-mode']).toBe('enabled = true');
  });

  test("regexes are checked as Go's regexp reads them: RE2 syntax JavaScript lacks is taken", () => {
    const [configMap] = synthObjects((scope) => new AmaMetricsSettings(scope, 'settings', {
      keepLists: { kubelet: '(?i)KUBELET_.*', cadvisor: '(?P<name>container_cpu_.*)' },
      podAnnotationNamespaceRegex: '\\Apets\\z',
    }));
    expect(configMap.data['default-targets-metrics-keep-list']).toContain('kubelet = "(?i)KUBELET_.*"\n');
    expect(configMap.data['default-targets-metrics-keep-list']).toContain('cadvisor = "(?P<name>container_cpu_.*)"\n');
    expect(configMap.data['pod-annotation-based-scraping']).toBe('podannotationnamespaceregex = "\\\\Apets\\\\z"');
  });

  test('a ServiceMonitor defaults to every named port of the workload', () => {
    const objects = synthObjects((scope) => new AzureServiceMonitor(scope, 'm', { name: 'm', workload: new PrometheusReferenceApp(scope, 'app') }));
    expect(findObject(objects, 'ServiceMonitor', 'm').spec.endpoints.map((e: any) => e.port)).toEqual(['weather-app', 'untyped-metrics', 'python-client']);
  });
});

describe('observability bad input', () => {
  const app: IWorkloadRef = { name: 'web', namespace: 'default', podLabels: { app: 'web' }, ports: [{ name: 'metrics', containerPort: 9090, servicePort: 9090, protocol: 'TCP' }] };
  const chart = () => new Chart(new App(), 'c');
  test.each([
    ['unknown target', () => new AmaMetricsSettings(chart(), 's', { targets: { etcd: true } as any }), 'c/s: invalid targets "etcd": must name known targets: kubelet, coredns'],
    ['unknown keep-list target', () => new AmaMetricsSettings(chart(), 's', { keepLists: { prometheuscollectorhealth: '.*' } as any }), 'invalid keepLists "prometheuscollectorhealth"'],
    ['bad interval', () => new AmaMetricsSettings(chart(), 's', { scrapeIntervals: { kubelet: '30' as any } }), 'invalid scrapeIntervals.kubelet "30": must be a Duration, such as Duration.seconds(30)'],
    ['zero interval', () => new AmaMetricsSettings(chart(), 's', { scrapeIntervals: { kubelet: Duration.seconds(0) } }), 'invalid scrapeIntervals.kubelet "0 seconds": must be a whole number of milliseconds, more than zero'],
    ['cluster alias on two lines', () => new AmaMetricsSettings(chart(), 's', { clusterAlias: 'a\nb' }), 'c/s: invalid clusterAlias "a\\nb": must be a string of at most 253 characters on one line'],
    ['keep-list regex that does not compile', () => new AmaMetricsSettings(chart(), 's', { keepLists: { kubelet: 'kubelet_(' } }), 'c/s: invalid keepLists.kubelet "kubelet_(": must be a regular expression that compiles'],
    ['monitor interval as text', () => new AzurePodMonitor(chart(), 'm', { name: 'm', workload: app, endpoints: [{ interval: '30' as any }] }), 'c/m: invalid endpoints[0].interval "30": must be a Duration'],
    ['monitor without a workload', () => new AzurePodMonitor(chart(), 'm', { name: 'm' } as any), 'c/m: invalid workload (missing): must be a workload'],
    ['long config version', () => new AmaMetricsSettings(chart(), 's', { configVersion: 'version-2024-11' }), 'invalid configVersion "version-2024-11": must be 1 to 10 printable characters'],
    ['selector that matches no pod labels', () => new AzurePodMonitor(chart(), 'm', { name: 'm', workload: app, selectLabels: { app: 'api' } }), 'c/m: invalid selectLabels {"app":"api"}: must match labels of default/web ({"app":"web"}); this selector would find no pods'],
    ['empty selector', () => new AzurePodMonitor(chart(), 'm', { name: 'm', workload: app, selectLabels: {} }), 'invalid selectLabels {}: must name at least one label'],
    ['port the workload does not name', () => new AzurePodMonitor(chart(), 'm', { name: 'm', workload: app, endpoints: [{ port: 'http' }] }), 'invalid endpoints[0].port "http": must be a named port of the workload: metrics'],
    ['unknown relabel action', () => new AzurePodMonitor(chart(), 'm', { name: 'm', workload: app, endpoints: [{ relabelings: [{ action: 'rename' as any }] }] }), 'invalid endpoints[0].relabelings[0].action "rename"'],
  ])('%s', (_what, build, message) => {
    expect(build).toThrow(InvalidPropError);
    expect(build).toThrow(message);
  });

  test('the chart with custom metrics settings still synthesizes', () => {
    const app2 = new App({ outdir: 'unused' });
    new ObservabilityChart(app2, 'obs', { metricsSettings: { targets: { coredns: true } } });
    expect(synthesizeManifests(app2)[0].objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment', 'Service', 'PodMonitor']);
  });
});
