import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  PodMonitor,
  PodMonitorSpecPodMetricsEndpointsRelabelingsAction,
  PodMonitorSpecPodMetricsEndpointsScheme,
} from '../../imports/podmonitor-azmonitoring.coreos.com';
import {
  ServiceMonitor,
  ServiceMonitorSpecEndpointsRelabelingsAction,
  ServiceMonitorSpecEndpointsScheme,
} from '../../imports/servicemonitor-azmonitoring.coreos.com';
import { InvalidPropError } from '../core/invalid-prop-error';
import { prometheusDuration } from '../core/quantities';
import {
  KnownKeys,
  requireDns1123Subdomain,
  requireKnownKeys,
  requireNonNegativeInteger,
  requireOneOf,
  requireProps,
  requireRegex,
  requireSingleLine,
} from '../core/validation';
import { IWorkloadRef, requireWorkloadRef } from '../core/workload-ref';

/** Relabeling actions of Prometheus. */
export const RELABEL_ACTIONS = ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal'] as const;

/** A relabeling action of Prometheus. */
export type RelabelAction = typeof RELABEL_ACTIONS[number];

/** Schemes a scrape endpoint can use. */
export const SCRAPE_SCHEMES = ['http', 'https'] as const;

/** A scheme a scrape endpoint can use. */
export type ScrapeScheme = typeof SCRAPE_SCHEMES[number];

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
   * Scrape interval, e.g. `Duration.seconds(30)`.
   * @default - the collector's default
   */
  readonly interval?: Duration;
  /**
   * Metrics path.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Scheme.
   * @default 'http'
   */
  readonly scheme?: ScrapeScheme;
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
  readonly workload: IWorkloadRef;
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

const MONITOR_PROPS: KnownKeys<MonitorProps> = { name: true, workload: true, selectLabels: true, endpoints: true, labelLimits: true };
const ENDPOINT_KEYS: KnownKeys<MonitorEndpoint> = { port: true, interval: true, path: true, scheme: true, relabelings: true };
const RELABELING_KEYS: KnownKeys<Relabeling> = { sourceLabels: true, action: true, regex: true, targetLabel: true, replacement: true };
const LABEL_LIMITS_KEYS: KnownKeys<NonNullable<MonitorProps['labelLimits']>> = { count: true, nameLength: true, valueLength: true };

/** An endpoint as the generated L1 classes take it (both monitor kinds spell the same fields). */
interface RenderedEndpoint {
  readonly port?: string;
  readonly interval?: string;
  readonly path?: string;
  readonly scheme?: ScrapeScheme;
  readonly relabelings?: { sourceLabels?: string[]; action?: RelabelAction; regex?: string; targetLabel?: string; replacement?: string }[];
}

/** Validates what both monitor kinds share: the workload, the selector and the endpoints. */
function renderMonitor(
  scope: Construct,
  props: MonitorProps,
  defaultEndpoints: MonitorEndpoint[],
): { selector: Record<string, string>; endpoints: RenderedEndpoint[] } {
  requireProps(scope, props, "{ name: 'my-app-job', workload: app }", MONITOR_PROPS);
  const workload = requireWorkloadRef(scope, 'workload', props.workload);
  const podLabels = workload.podLabels;
  const selected = props.selectLabels ?? podLabels;
  if (selected === null || typeof selected !== 'object' || Object.keys(selected).length === 0) {
    throw new InvalidPropError(scope, 'selectLabels', selected, 'must name at least one label of the workload');
  }
  for (const [key, value] of Object.entries(selected)) {
    if (podLabels[key] !== value) {
      throw new InvalidPropError(scope, 'selectLabels', { [key]: value },
        `must match labels of ${workload.namespace}/${workload.name} (${JSON.stringify(podLabels)}); this selector would find no pods`);
    }
  }
  const endpoints = props.endpoints ?? defaultEndpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0) throw new InvalidPropError(scope, 'endpoints', endpoints, 'must list at least one endpoint');
  const portNames = workload.ports.map((p) => p.name).filter((n) => n !== undefined);
  return {
    selector: { ...selected },
    endpoints: endpoints.map((endpoint, i) => {
      const prop = `endpoints[${i}]`;
      if (endpoint === null || typeof endpoint !== 'object') throw new InvalidPropError(scope, prop, endpoint, 'must be an endpoint object');
      requireKnownKeys(scope, prop, endpoint, ENDPOINT_KEYS, 'a field of an endpoint');
      if (endpoint.port !== undefined && !portNames.includes(endpoint.port)) {
        throw new InvalidPropError(scope, `${prop}.port`, endpoint.port, `must be a named port of the workload: ${portNames.join(', ') || 'it has none'}`);
      }
      if (endpoint.path !== undefined && (typeof endpoint.path !== 'string' || !/^\/\S*$/.test(endpoint.path))) {
        throw new InvalidPropError(scope, `${prop}.path`, endpoint.path, "must start with '/' and hold no white space");
      }
      return {
        port: endpoint.port,
        interval: endpoint.interval === undefined ? undefined : prometheusDuration(scope, `${prop}.interval`, endpoint.interval),
        path: endpoint.path,
        scheme: endpoint.scheme === undefined ? undefined : requireOneOf(scope, `${prop}.scheme`, endpoint.scheme, SCRAPE_SCHEMES),
        relabelings: endpoint.relabelings?.map((r, j) => renderRelabeling(scope, `${prop}.relabelings[${j}]`, r)),
      };
    }),
  };
}

function renderRelabeling(scope: Construct, prop: string, r: Relabeling) {
  if (r === null || typeof r !== 'object') throw new InvalidPropError(scope, prop, r, 'must be a relabeling object');
  requireKnownKeys(scope, prop, r, RELABELING_KEYS, 'a field of a relabeling');
  (r.sourceLabels ?? []).forEach((label, i) => {
    if (typeof label !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) {
      throw new InvalidPropError(scope, `${prop}.sourceLabels[${i}]`, label, 'must be a Prometheus label name: letters, digits and \'_\', not starting with a digit');
    }
  });
  if (r.targetLabel !== undefined && (typeof r.targetLabel !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_$]*$/.test(r.targetLabel))) {
    throw new InvalidPropError(scope, `${prop}.targetLabel`, r.targetLabel, 'must be a Prometheus label name (or use ${1}-style references)');
  }
  return {
    sourceLabels: r.sourceLabels === undefined ? undefined : [...r.sourceLabels],
    action: r.action === undefined ? undefined : requireOneOf(scope, `${prop}.action`, r.action, RELABEL_ACTIONS),
    regex: r.regex === undefined ? undefined : requireRegex(scope, `${prop}.regex`, r.regex),
    targetLabel: r.targetLabel,
    replacement: r.replacement === undefined ? undefined : requireSingleLine(scope, `${prop}.replacement`, r.replacement),
  };
}

/** The label limits, each a whole number 0 or more. */
function renderLabelLimits(scope: Construct, limits: MonitorProps['labelLimits']) {
  if (limits === undefined) return {};
  requireKnownKeys(scope, 'labelLimits', limits, LABEL_LIMITS_KEYS, 'a label limit');
  return {
    labelLimit: limits.count === undefined ? undefined : requireNonNegativeInteger(scope, 'labelLimits.count', limits.count),
    labelNameLengthLimit: limits.nameLength === undefined ? undefined : requireNonNegativeInteger(scope, 'labelLimits.nameLength', limits.nameLength),
    labelValueLengthLimit: limits.valueLength === undefined ? undefined : requireNonNegativeInteger(scope, 'labelLimits.valueLength', limits.valueLength),
  };
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
    const { selector, endpoints } = renderMonitor(this, props, [{}]);
    this.resource = new PodMonitor(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', props.name), namespace: props.workload.namespace },
      spec: {
        ...renderLabelLimits(this, props.labelLimits),
        selector: { matchLabels: selector },
        podMetricsEndpoints: endpoints.map((e) => ({
          ...e,
          scheme: e.scheme as PodMonitorSpecPodMetricsEndpointsScheme | undefined,
          relabelings: e.relabelings?.map((r) => ({ ...r, action: r.action as PodMonitorSpecPodMetricsEndpointsRelabelingsAction | undefined })),
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
    const named = (props?.workload?.ports ?? []).filter((p) => p.name !== undefined).map((p) => ({ port: p.name }));
    const { selector, endpoints } = renderMonitor(this, props, named);
    if (props.workload.serviceName === undefined) {
      throw new InvalidPropError(this, 'workload', `${props.workload.namespace}/${props.workload.name}`, 'must have a Service: a ServiceMonitor scrapes Service endpoints');
    }
    endpoints.forEach((e, i) => {
      if (e.port === undefined) throw new InvalidPropError(this, `endpoints[${i}].port`, undefined, `must name a port of Service ${props.workload.serviceName}`);
    });
    this.resource = new ServiceMonitor(this, 'Resource', {
      metadata: { name: requireDns1123Subdomain(this, 'name', props.name), namespace: props.workload.namespace },
      spec: {
        selector: { matchLabels: selector },
        endpoints: endpoints.map((e) => ({
          ...e,
          scheme: e.scheme as ServiceMonitorSpecEndpointsScheme | undefined,
          relabelings: e.relabelings?.map((r) => ({ ...r, action: r.action as ServiceMonitorSpecEndpointsRelabelingsAction | undefined })),
        })),
      },
    });
  }
}
