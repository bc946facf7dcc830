import { Construct } from 'constructs';
import { InvalidPropError, requireDns1123Subdomain, requireOneOf } from '../core/validation';
import { serviceNameOf, Workload } from '../core/workload';
import {
  PodMonitor,
  PodMonitorSpecPodMetricsEndpointsRelabelingsAction,
  PodMonitorSpecPodMetricsEndpointsScheme,
  ServiceMonitor,
  ServiceMonitorSpecEndpointsRelabelingsAction,
  ServiceMonitorSpecEndpointsScheme,
} from '../imports/azmonitoring.coreos.com';

/** Relabeling actions of Prometheus. */
export type RelabelAction = 'replace' | 'keep' | 'drop' | 'hashmod' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'lowercase' | 'uppercase' | 'keepequal' | 'dropequal';

const ACTIONS: readonly RelabelAction[] = ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal'];

/** A Prometheus relabeling step applied to targets before scraping. */
export interface Relabeling {
  /**
   * Labels whose values are joined and matched.
   * @default - none
   */
  readonly sourceLabels?: string[];
  /**
   * What to do.
   * @default 'replace'
   */
  readonly action?: RelabelAction;
  /**
   * Regex matched against the joined source values.
   * @default '(.*)'
   */
  readonly regex?: string;
  /**
   * Label written by `replace`.
   * @default - none
   */
  readonly targetLabel?: string;
  /**
   * Value written by `replace`.
   * @default '$1'
   */
  readonly replacement?: string;
}

/** One scrape endpoint of a monitor. */
export interface MonitorEndpoint {
  /**
   * Name of the port to scrape; it must be one of the workload's named ports.
   * @default - every port of the pod (PodMonitor only)
   */
  readonly port?: string;
  /**
   * Scrape interval, e.g. `'30s'`.
   * @default - the collector's default
   */
  readonly interval?: string;
  /**
   * Metrics path.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Scheme.
   * @default 'http'
   */
  readonly scheme?: 'http' | 'https';
  /**
   * Relabelings.
   * @default - none
   */
  readonly relabelings?: Relabeling[];
}

/** Props shared by {@link AzurePodMonitor} and {@link AzureServiceMonitor}. */
export interface MonitorProps {
  /** The monitor's name. */
  readonly name: string;
  /** The workload it scrapes; its selector comes from the workload's labels. */
  readonly workload: Workload;
  /**
   * Labels to select by, a subset of the workload's pod labels.
   * @default - all of the workload's pod labels
   */
  readonly selectLabels?: Readonly<Record<string, string>>;
  /**
   * The endpoints to scrape.
   * @default - one endpoint with the collector's defaults
   */
  readonly endpoints?: MonitorEndpoint[];
  /**
   * Limits on labels per sample: count, name length, value length.
   * @default - no limits
   */
  readonly labelLimits?: { readonly count?: number; readonly nameLength?: number; readonly valueLength?: number };
}

/** Validates what both monitor kinds share and returns the selector. */
function monitorSelector(scope: Construct, props: MonitorProps): Record<string, string> {
  const podLabels = props.workload.podLabels;
  const selected = props.selectLabels ?? podLabels;
  if (Object.keys(selected).length === 0) {
    throw new InvalidPropError(scope, 'selectLabels', selected, 'must name at least one label of the workload');
  }
  for (const [key, value] of Object.entries(selected)) {
    if (podLabels[key] !== value) {
      throw new InvalidPropError(scope, 'selectLabels', { [key]: value },
        `must match labels of ${props.workload.namespace}/${props.workload.name} (${JSON.stringify(podLabels)}); this selector would find no pods`);
    }
  }
  (props.endpoints ?? []).forEach((endpoint, i) => {
    if (endpoint.port !== undefined && !props.workload.ports.some((p) => p.name === endpoint.port)) {
      const names = props.workload.ports.map((p) => p.name).filter((n) => n !== undefined);
      throw new InvalidPropError(scope, `endpoints[${i}].port`, endpoint.port, `must be a named port of the workload: ${names.join(', ') || 'it has none'}`);
    }
    if (endpoint.scheme !== undefined) requireOneOf(scope, `endpoints[${i}].scheme`, endpoint.scheme, ['http', 'https']);
    (endpoint.relabelings ?? []).forEach((r, j) => {
      if (r.action !== undefined) requireOneOf(scope, `endpoints[${i}].relabelings[${j}].action`, r.action, ACTIONS);
    });
  });
  return { ...selected };
}

/** The relabelings with their action as the generated enum type `A` (the L1 classes of both monitors spell the same strings). */
function renderRelabelings<A>(relabelings: Relabeling[] | undefined) {
  return relabelings?.map((r) => ({ ...r, action: r.action as A | undefined }));
}

/**
 * An Azure Managed Prometheus PodMonitor (`azmonitoring.coreos.com/v1`, not
 * `monitoring.coreos.com`): the `ama-metrics` pods scrape the pods of a workload.
 */
export class AzurePodMonitor extends Construct {
  /** The generated object. */
  public readonly resource: PodMonitor;

  constructor(scope: Construct, id: string, props: MonitorProps) {
    super(scope, id);
    const matchLabels = monitorSelector(this, props);
    this.resource = new PodMonitor(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', props.name), namespace: props.workload.namespace },
      spec: {
        labelLimit: props.labelLimits?.count,
        labelNameLengthLimit: props.labelLimits?.nameLength,
        labelValueLengthLimit: props.labelLimits?.valueLength,
        selector: { matchLabels },
        podMetricsEndpoints: (props.endpoints ?? [{}]).map((e) => ({
          port: e.port,
          interval: e.interval,
          path: e.path,
          scheme: e.scheme as PodMonitorSpecPodMetricsEndpointsScheme | undefined,
          relabelings: renderRelabelings<PodMonitorSpecPodMetricsEndpointsRelabelingsAction>(e.relabelings),
        })),
      },
    });
  }
}

/**
 * An Azure Managed Prometheus ServiceMonitor (`azmonitoring.coreos.com/v1`): the `ama-metrics`
 * pods scrape the endpoints of a workload's Service, selected by the Service's labels.
 */
export class AzureServiceMonitor extends Construct {
  /** The generated object. */
  public readonly resource: ServiceMonitor;

  constructor(scope: Construct, id: string, props: MonitorProps) {
    super(scope, id);
    const matchLabels = monitorSelector(this, props);
    const endpoints = props.endpoints ?? props.workload.ports.filter((p) => p.name !== undefined).map((p) => ({ port: p.name }));
    if (endpoints.length === 0 || endpoints.some((e) => e.port === undefined)) {
      throw new InvalidPropError(this, 'endpoints', endpoints, `must each name a port of Service ${serviceNameOf(props.workload)}`);
    }
    this.resource = new ServiceMonitor(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', props.name), namespace: props.workload.namespace },
      spec: {
        selector: { matchLabels },
        endpoints: endpoints.map((e: MonitorEndpoint) => ({
          port: e.port,
          interval: e.interval,
          path: e.path,
          scheme: e.scheme as ServiceMonitorSpecEndpointsScheme | undefined,
          relabelings: renderRelabelings<ServiceMonitorSpecEndpointsRelabelingsAction>(e.relabelings),
        })),
      },
    });
  }
}
