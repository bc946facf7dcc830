import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { prometheusDuration } from '../core/quantities';
import { KnownKeys, requireBoolean, requireKnownKeys, requireProps, requireRegex, requireSingleLine } from '../core/validation';

/** Targets Azure Managed Prometheus can scrape by default (`default-scrape-settings-enabled`), in file order, with the workshop file's values. */
export const SCRAPE_TARGET_DEFAULTS = {
  'kubelet': true,
  'coredns': false,
  'cadvisor': true,
  'kubeproxy': false,
  'apiserver': false,
  'kubestate': true,
  'nodeexporter': true,
  'windowsexporter': false,
  'windowskubeproxy': false,
  'kappiebasic': true,
  'prometheuscollectorhealth': false,
  'controlplane-apiserver': true,
  'controlplane-cluster-autoscaler': false,
  'controlplane-kube-scheduler': false,
  'controlplane-kube-controller-manager': false,
  'controlplane-etcd': true,
};

/** A default scrape target of Azure Managed Prometheus. */
export type ScrapeTarget = keyof typeof SCRAPE_TARGET_DEFAULTS;

/** The default scrape targets, in file order. */
export const SCRAPE_TARGETS = Object.keys(SCRAPE_TARGET_DEFAULTS) as ScrapeTarget[];

/** Targets that take a metrics keep-list (`default-targets-metrics-keep-list`), in file order. */
export const KEEP_LIST_TARGETS = [
  'kubelet', 'coredns', 'cadvisor', 'kubeproxy', 'apiserver', 'kubestate', 'nodeexporter', 'windowsexporter', 'windowskubeproxy',
  'podannotations', 'kappiebasic', 'controlplane-apiserver', 'controlplane-cluster-autoscaler', 'controlplane-kube-scheduler',
  'controlplane-kube-controller-manager', 'controlplane-etcd',
] as const;

/** A target with a metrics keep-list. */
export type KeepListTarget = typeof KEEP_LIST_TARGETS[number];

/** Targets whose scrape interval can be set (`default-targets-scrape-interval-settings`), in file order. */
export const INTERVAL_TARGETS = [
  'kubelet', 'coredns', 'cadvisor', 'kubeproxy', 'apiserver', 'kubestate', 'nodeexporter', 'windowsexporter', 'windowskubeproxy',
  'kappiebasic', 'prometheuscollectorhealth', 'podannotations',
] as const;

/** A target with a configurable scrape interval. */
export type IntervalTarget = typeof INTERVAL_TARGETS[number];

/** Props of {@link AmaMetricsSettings}. */
export interface AmaMetricsSettingsProps {
  /**
   * Turn default scrape targets on or off (the rest keep the workshop file's values: kubelet,
   * cadvisor, kubestate, nodeexporter, kappiebasic, control plane apiserver and etcd on).
   * @default - the workshop file's values
   */
  readonly targets?: Partial<Record<ScrapeTarget, boolean>>;
  /**
   * Keep only the metrics matching a regex, per target (on top of the minimal profile).
   * @default - no keep-lists
   */
  readonly keepLists?: Partial<Record<KeepListTarget, string>>;
  /**
   * Ingest only the minimal set of metrics of each default target (saves cost).
   * @default true
   */
  readonly minimalIngestionProfile?: boolean;
  /**
   * Scrape interval per target, e.g. `Duration.seconds(30)` or `Duration.minutes(1)`.
   * @default - 30 seconds for every target
   */
  readonly scrapeIntervals?: Partial<Record<IntervalTarget, Duration>>;
  /**
   * Namespaces (regex) whose pods are scraped when annotated `prometheus.io/scrape: "true"`.
   * @default '' (none)
   */
  readonly podAnnotationNamespaceRegex?: string;
  /**
   * Cluster label value to use instead of the cluster's resource name.
   * @default '' (the resource name)
   */
  readonly clusterAlias?: string;
  /**
   * Collector debug mode.
   * @default false
   */
  readonly debugMode?: boolean;
  /**
   * Your version of this configuration (at most 10 characters).
   * @default 'ver1'
   */
  readonly configVersion?: string;
}

const AMA_METRICS_SETTINGS_PROPS: KnownKeys<AmaMetricsSettingsProps> = {
  targets: true,
  keepLists: true,
  minimalIngestionProfile: true,
  scrapeIntervals: true,
  podAnnotationNamespaceRegex: true,
  clusterAlias: true,
  debugMode: true,
  configVersion: true,
};

/**
 * The `ama-metrics-settings-configmap` in `kube-system` (schema v1): which default targets
 * Azure Managed Prometheus scrapes, their keep-lists and intervals, pod annotation scraping
 * and debug mode. Defaults equal the file the workshop applies (prometheus-collector 89e865a).
 */
export class AmaMetricsSettings extends Construct {
  constructor(scope: Construct, id: string, props: AmaMetricsSettingsProps = {}) {
    super(scope, id);
    requireProps(this, props, '{ targets: { coredns: true }, minimalIngestionProfile: true }', AMA_METRICS_SETTINGS_PROPS);
    const targets = this.checkKeys('targets', props.targets ?? {}, SCRAPE_TARGETS);
    for (const [target, on] of Object.entries(targets)) requireBoolean(this, `targets.${target}`, on);
    const keepLists = this.checkKeys('keepLists', props.keepLists ?? {}, KEEP_LIST_TARGETS);
    for (const [target, regex] of Object.entries(keepLists)) requireRegex(this, `keepLists.${target}`, regex);
    const intervals: Partial<Record<string, string>> = {};
    for (const [target, interval] of Object.entries(this.checkKeys('scrapeIntervals', props.scrapeIntervals ?? {}, INTERVAL_TARGETS))) {
      intervals[target] = prometheusDuration(this, `scrapeIntervals.${target}`, interval);
    }
    const configVersion = props.configVersion ?? 'ver1';
    if (typeof configVersion !== 'string' || !/^[\x21-\x7e]{1,10}$/.test(configVersion)) {
      throw new InvalidPropError(this, 'configVersion', configVersion, 'must be 1 to 10 printable characters without spaces (the agent truncates longer values)');
    }
    const podAnnotationRegex = requireRegex(this, 'podAnnotationNamespaceRegex', props.podAnnotationNamespaceRegex ?? '');
    const clusterAlias = requireSingleLine(this, 'clusterAlias', props.clusterAlias ?? '', 253);
    const minimalIngestionProfile = requireBoolean(this, 'minimalIngestionProfile', props.minimalIngestionProfile ?? true);
    const debugMode = requireBoolean(this, 'debugMode', props.debugMode ?? false);
    const enabled = { ...SCRAPE_TARGET_DEFAULTS, ...targets };
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: 'ama-metrics-settings-configmap', namespace: 'kube-system' },
      data: {
        'schema-version': 'v1',
        'config-version': configVersion,
        'prometheus-collector-settings': `cluster_alias = ${tomlString(clusterAlias)}`,
        'default-scrape-settings-enabled': lines(Object.entries(enabled).map(([k, v]) => `${k} = ${v}`)),
        'pod-annotation-based-scraping': `podannotationnamespaceregex = ${tomlString(podAnnotationRegex)}`,
        'default-targets-metrics-keep-list': lines([
          ...KEEP_LIST_TARGETS.map((t) => `${t} = ${tomlString(keepLists[t] ?? '')}`),
          `minimalingestionprofile = ${minimalIngestionProfile}`,
        ]),
        'default-targets-scrape-interval-settings': lines(INTERVAL_TARGETS.map((t) => `${t} = ${tomlString(intervals[t] ?? '30s')}`)),
        'debug-mode': `enabled = ${debugMode}`,
      },
    });
  }

  private checkKeys<T>(prop: string, values: Partial<Record<string, T>>, allowed: readonly string[]): Partial<Record<string, T>> {
    return requireKnownKeys(this, prop, values, allowed, 'known targets');
  }
}

/** @internal A TOML basic string, as the agent parses these settings: backslash, quote and control characters escaped. */
export function tomlString(value: string): string {
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '"': return '\\"';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `"${escaped}"`;
}

function lines(entries: string[]): string {
  return entries.join('\n');
}
