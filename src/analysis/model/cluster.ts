import { FieldReader, Labels } from './field-reader';
import { plainRecord } from './json';
import { describeSource, ModelParts, readModelParts } from './kinds';
import { readMeshConfig } from './kinds/istio';
import { ManifestSet } from './manifest-set';
import {
  AuthorizationPolicyRecord, CiliumRuleSet, ContainerPort, DestinationRuleRecord, GatewayRecord, MeshConfigRecord, MeshProxy,
  NetworkPolicyRecord, PeerAuthenticationRecord, ServiceEntryRecord, ServiceRecord, SidecarRecord, VirtualServiceRecord, Workload,
} from './records';
import {
  DEFAULT_ISTIO_REVISION, INGRESS_GATEWAY_KINDS, INGRESS_GATEWAY_NAMESPACE, INGRESS_GATEWAY_PORTS, IngressGatewayKind, ingressGatewayName,
  ISTIO_REVISION_LABEL, ISTIOD_NAMESPACE, ISTIOD_POD_LABELS, ISTIOD_XDS_PORT, istiodName, KUBE_DNS, meshConfigMapName,
} from '../../core/aks-platform';
import { readYamlText } from '../read';

/** How the cluster around the manifests is set up. */
export interface ClusterOptions {
  /**
   * The Istio add-on revision installed on the cluster: namespaces labelled `istio.io/rev`
   * with it get sidecars.
   * @default 'asm-1-22'
   */
  readonly istioRevision?: string;
  /**
   * The search domain AKS nodes add to pods' `resolv.conf` after the cluster's own.
   * @default 'aks0.xx.internal.cloudapp.net'
   */
  readonly nodeSearchDomain?: string;
}

const AKS = 'AKS (assumed)';

function labelRecord(entries: Record<string, string>): Labels {
  return plainRecord(Object.entries(entries));
}

function builtInWorkloads(revision: string): Workload[] {
  const base = { builtIn: true, source: AKS, unmodelled: [] };
  const istiod = istiodName(revision);
  return [
    {
      ...base,
      id: `${KUBE_DNS.namespace}/coredns`,
      name: 'coredns',
      namespace: KUBE_DNS.namespace,
      kind: 'Deployment',
      labels: labelRecord({ ...KUBE_DNS.podLabels }),
      serviceAccount: 'coredns',
      proxyReason: 'kube-system is not in the mesh',
      ports: [{ name: 'dns', port: KUBE_DNS.port, protocol: 'UDP' }, { name: 'dns-tcp', port: KUBE_DNS.port, protocol: 'TCP' }],
    },
    {
      ...base,
      id: `${ISTIOD_NAMESPACE}/${istiod}`,
      name: istiod,
      namespace: ISTIOD_NAMESPACE,
      kind: 'Deployment',
      labels: labelRecord({ ...ISTIOD_POD_LABELS, istio: 'pilot', [ISTIO_REVISION_LABEL]: revision }),
      serviceAccount: istiod,
      proxyReason: 'istiod is the control plane',
      ports: [15010, ISTIOD_XDS_PORT, 15014, 15017].map((port): ContainerPort => ({ port, protocol: 'TCP' })),
    },
    ...INGRESS_GATEWAY_KINDS.map((kind): Workload => ({
      ...base,
      id: `${INGRESS_GATEWAY_NAMESPACE}/${ingressGatewayName(kind)}-${revision}`,
      name: `${ingressGatewayName(kind)}-${revision}`,
      namespace: INGRESS_GATEWAY_NAMESPACE,
      kind: 'Deployment',
      labels: labelRecord({ app: ingressGatewayName(kind), istio: ingressGatewayName(kind), [ISTIO_REVISION_LABEL]: revision }),
      serviceAccount: ingressGatewayName(kind),
      proxy: 'gateway',
      proxyReason: `the add-on's ${kind} ingress gateway`,
      ports: INGRESS_GATEWAY_PORTS.map((p): ContainerPort => ({ name: p.name, port: p.port, protocol: 'TCP' })),
    })),
  ];
}

function builtInServices(revision: string): ServiceRecord[] {
  const base = { builtIn: true, source: AKS, headless: false, unmodelled: [] };
  return [
    {
      ...base,
      name: KUBE_DNS.serviceName,
      namespace: KUBE_DNS.namespace,
      type: 'ClusterIP',
      selector: labelRecord({ ...KUBE_DNS.podLabels }),
      ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }],
    },
    {
      ...base,
      name: istiodName(revision),
      namespace: ISTIOD_NAMESPACE,
      type: 'ClusterIP',
      selector: labelRecord({ ...ISTIOD_POD_LABELS, [ISTIO_REVISION_LABEL]: revision }),
      ports: [[15010, 15010], [ISTIOD_XDS_PORT, ISTIOD_XDS_PORT], [443, 15017], [15014, 15014]].map(([port, targetPort]) => ({ port, targetPort, protocol: 'TCP' as const })),
    },
    ...INGRESS_GATEWAY_KINDS.map((kind): ServiceRecord => ({
      ...base,
      name: ingressGatewayName(kind),
      namespace: INGRESS_GATEWAY_NAMESPACE,
      type: 'LoadBalancer',
      selector: labelRecord({ istio: ingressGatewayName(kind) }),
      ports: INGRESS_GATEWAY_PORTS.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP' as const })),
    })),
  ];
}

/** Why pods get (or do not get) an Istio sidecar from the add-on. */
function sidecarInjection(
  podLabels: Labels, podAnnotations: Labels, namespace: string, namespaceLabels: Labels, revision: string, hostNetwork: boolean,
): { proxy?: MeshProxy; reason: string } {
  const get = (map: Labels, key: string) => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);
  if (hostNetwork) return { reason: 'pods on the host network are never injected' };
  if (get(podLabels, 'sidecar.istio.io/inject') === 'false' || get(podAnnotations, 'sidecar.istio.io/inject') === 'false') {
    return { reason: 'the pod turns injection off (sidecar.istio.io/inject: "false")' };
  }
  const podRevision = get(podLabels, ISTIO_REVISION_LABEL);
  const namespaceRevision = get(namespaceLabels, ISTIO_REVISION_LABEL);
  const chosen = podRevision ?? namespaceRevision;
  const where = podRevision !== undefined ? 'the pod' : `namespace ${namespace}`;
  if (chosen === revision) return { proxy: 'sidecar', reason: `${where} is labelled ${ISTIO_REVISION_LABEL}=${revision} (pods created after the label get the sidecar)` };
  if (chosen !== undefined) return { reason: `${where} is labelled ${ISTIO_REVISION_LABEL}=${chosen}, but the installed revision is ${revision}` };
  if (get(namespaceLabels, 'istio-injection') === 'enabled') {
    return { reason: `namespace ${namespace} is labelled istio-injection=enabled, which the AKS add-on ignores (it needs ${ISTIO_REVISION_LABEL}=${revision})` };
  }
  return { reason: `namespace ${namespace} has no ${ISTIO_REVISION_LABEL} label` };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/**
 * The pods, Services, policies and mesh settings of a set of manifests as typed records, with
 * the parts of an AKS cluster around them that connections depend on (kube-dns, istiod, the
 * add-on's ingress gateways), indexed so that a check costs the same for 10 tenants as for 10,000.
 */
export class ClusterModel {
  /** Reads the manifests' objects into a model (throws an input error for a bad object); the model keeps none of their JSON. */
  public static of(manifests: ManifestSet, options: ClusterOptions = {}): ClusterModel {
    return new ClusterModel(manifests, readModelParts(manifests), options);
  }

  /** The installed Istio revision. */
  public readonly istioRevision: string;
  /** The search domain the nodes add. */
  public readonly nodeSearchDomain: string;
  /** Every workload, the cluster's own first. */
  public readonly workloads: readonly Workload[];
  /** Every Service, the cluster's own first. */
  public readonly services: readonly ServiceRecord[];
  /** Cilium rule sets (CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy). */
  public readonly ciliumRuleSets: readonly CiliumRuleSet[];
  /** Kubernetes NetworkPolicies. */
  public readonly networkPolicies: readonly NetworkPolicyRecord[];
  /** Istio's DestinationRules. */
  public readonly destinationRules: readonly DestinationRuleRecord[];
  /** Istio's Gateways. */
  public readonly gateways: readonly GatewayRecord[];
  /** Istio's VirtualServices. */
  public readonly virtualServices: readonly VirtualServiceRecord[];
  /** Istio's ServiceEntries. */
  public readonly serviceEntries: readonly ServiceEntryRecord[];
  /** Istio's Sidecar resources. */
  public readonly sidecars: readonly SidecarRecord[];
  /** The add-on's mesh configuration, as far as the model reads it. */
  public readonly meshConfig: MeshConfigRecord;
  /** kube-dns's pods. */
  public readonly kubeDns: Workload;
  /** istiod's pods. */
  public readonly istiod: Workload;

  private readonly namespaceLabelsByName: ReadonlyMap<string, Labels>;
  private readonly namespaceLabelCache = new Map<string, Labels>();
  private readonly workloadsByNamespace: ReadonlyMap<string, Workload[]>;
  private readonly servicesByName = new Map<string, ServiceRecord>();
  private readonly ciliumByNamespace: ReadonlyMap<string, CiliumRuleSet[]>;
  private readonly clusterwide: readonly CiliumRuleSet[];
  private readonly networkPoliciesByNamespace: ReadonlyMap<string, NetworkPolicyRecord[]>;
  private readonly gatewayWorkloads = new Map<IngressGatewayKind, Workload>();
  private readonly backendCache = new WeakMap<ServiceRecord, Workload[]>();
  private readonly madeUp = new Map<string, Workload>();
  private readonly secrets: ReadonlySet<string>;
  private readonly serviceNamespaces: ReadonlySet<string>;
  private readonly index: {
    readonly peerAuthentications: ReadonlyMap<string, PeerAuthenticationRecord[]>;
    readonly authorizationPolicies: ReadonlyMap<string, AuthorizationPolicyRecord[]>;
    readonly destinationRules: ReadonlyMap<string, DestinationRuleRecord[]>;
    readonly sidecars: ReadonlyMap<string, SidecarRecord[]>;
    readonly virtualServicesByGateway: ReadonlyMap<string, VirtualServiceRecord[]>;
  };

  private constructor(manifests: ManifestSet, parts: ModelParts, options: ClusterOptions) {
    this.istioRevision = options.istioRevision ?? DEFAULT_ISTIO_REVISION;
    this.nodeSearchDomain = options.nodeSearchDomain ?? 'aks0.xx.internal.cloudapp.net';
    this.namespaceLabelsByName = parts.namespaceLabels;
    const ownWorkloads = parts.workloads.map(({ applied, template }): Workload => {
      const namespace = applied.namespace!;
      const injection = sidecarInjection(
        template.labels, template.annotations, namespace, this.namespaceLabels(namespace), this.istioRevision, template.hostNetwork);
      return {
        id: `${namespace}/${applied.name}`,
        name: applied.name,
        namespace,
        kind: applied.kind,
        labels: template.labels,
        serviceAccount: template.serviceAccount,
        ports: template.ports,
        proxy: injection.proxy,
        proxyReason: injection.reason,
        source: describeSource(applied),
        builtIn: false,
        unmodelled: template.unmodelled,
      };
    });
    this.workloads = [...builtInWorkloads(this.istioRevision), ...ownWorkloads];
    this.services = [...builtInServices(this.istioRevision), ...parts.services];
    for (const service of this.services) this.servicesByName.set(`${service.namespace}/${service.name}`, service);
    this.workloadsByNamespace = groupBy(this.workloads, (w) => w.namespace);
    this.ciliumRuleSets = parts.ciliumRuleSets;
    this.ciliumByNamespace = groupBy(parts.ciliumRuleSets, (r) => r.namespace);
    this.clusterwide = parts.ciliumRuleSets.filter((r) => r.namespace === undefined);
    this.networkPolicies = parts.networkPolicies;
    this.networkPoliciesByNamespace = groupBy(parts.networkPolicies, (p) => p.namespace);
    this.destinationRules = parts.destinationRules;
    this.gateways = parts.gateways;
    this.virtualServices = parts.virtualServices;
    this.serviceEntries = parts.serviceEntries;
    this.sidecars = parts.sidecars;
    this.serviceNamespaces = new Set(this.services.map((s) => s.namespace));
    this.secrets = new Set(manifests.objects.filter((o) => o.kind === 'Secret' && o.apiVersion === 'v1').map((o) => `${o.namespace}/${o.name}`));
    const byGateway = new Map<string, VirtualServiceRecord[]>();
    for (const vs of parts.virtualServices) {
      for (const gateway of new Set(vs.gateways)) {
        const bound = byGateway.get(gateway);
        if (bound === undefined) byGateway.set(gateway, [vs]);
        else bound.push(vs);
      }
    }
    this.index = {
      peerAuthentications: groupBy(parts.peerAuthentications, (p) => p.namespace),
      authorizationPolicies: groupBy(parts.authorizationPolicies, (p) => p.namespace),
      destinationRules: groupBy(parts.destinationRules, (r) => r.namespace),
      sidecars: groupBy(parts.sidecars, (s) => s.namespace),
      virtualServicesByGateway: byGateway,
    };
    this.kubeDns = this.workloads[0];
    this.istiod = this.workloads[1];
    INGRESS_GATEWAY_KINDS.forEach((kind, i) => this.gatewayWorkloads.set(kind, this.workloads[2 + i]));
    const configMapName = meshConfigMapName(this.istioRevision);
    const configMap = parts.configMaps.get(`${ISTIOD_NAMESPACE}/${configMapName}`);
    if (configMap === undefined) {
      this.meshConfig = { outboundTrafficPolicy: 'ALLOW_ANY', setBy: `the add-on's default (no ConfigMap ${ISTIOD_NAMESPACE}/${configMapName})`, unmodelled: [] };
    } else {
      const reader = new FieldReader(configMap.source, configMap.describe);
      const data = reader.optionalMap(configMap.object, 'data', []);
      const text = data === undefined ? undefined : reader.optionalString(data, 'mesh', ['data']);
      const [document] = text === undefined ? [] : readYamlText(text, `${configMap.source.file} (${configMap.describe} data.mesh)`);
      this.meshConfig = readMeshConfig(reader, document?.value, configMap.describe);
    }
  }

  /** Whether the manifests hold the Secret `namespace/name`. */
  public hasSecret(namespace: string, name: string): boolean {
    return this.secrets.has(`${namespace}/${name}`);
  }

  /** A namespace's labels, with the `kubernetes.io/metadata.name` label Kubernetes adds. */
  public namespaceLabels(namespace: string): Labels {
    let labels = this.namespaceLabelCache.get(namespace);
    if (labels === undefined) {
      labels = plainRecord([...Object.entries(this.namespaceLabelsByName.get(namespace) ?? {}), ['kubernetes.io/metadata.name', namespace]]);
      this.namespaceLabelCache.set(namespace, labels);
    }
    return labels;
  }

  /** The namespaces that hold workloads (the built-in ones included). */
  public workloadNamespaces(): IterableIterator<string> {
    return this.workloadsByNamespace.keys();
  }

  /** Whether the manifests create the namespace (or the cluster has it: kube-system, the add-on's). */
  public hasNamespace(namespace: string): boolean {
    return this.namespaceLabelsByName.has(namespace) || this.workloadsByNamespace.has(namespace) || this.serviceNamespaces.has(namespace)
      || namespace === 'default';
  }

  /** The PeerAuthentications of a namespace. */
  public peerAuthenticationsIn(namespace: string): readonly PeerAuthenticationRecord[] {
    return this.index.peerAuthentications.get(namespace) ?? [];
  }

  /** The AuthorizationPolicies of a namespace. */
  public authorizationPoliciesIn(namespace: string): readonly AuthorizationPolicyRecord[] {
    return this.index.authorizationPolicies.get(namespace) ?? [];
  }

  /** The DestinationRules of a namespace. */
  public destinationRulesIn(namespace: string): readonly DestinationRuleRecord[] {
    return this.index.destinationRules.get(namespace) ?? [];
  }

  /** The Sidecar resources of a namespace. */
  public sidecarsIn(namespace: string): readonly SidecarRecord[] {
    return this.index.sidecars.get(namespace) ?? [];
  }

  /** The VirtualServices that name a gateway (`namespace/name`, or `mesh`). */
  public virtualServicesBoundTo(gateway: string): readonly VirtualServiceRecord[] {
    return this.index.virtualServicesByGateway.get(gateway) ?? [];
  }

  /** The workloads of a namespace. */
  public workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /** The Service `namespace/name`, if there is one. */
  public service(namespace: string, name: string): ServiceRecord | undefined {
    return this.servicesByName.get(`${namespace}/${name}`);
  }

  /** The Cilium rule sets that may select a pod of `namespace`: the namespace's own and the clusterwide ones. */
  public ciliumRuleSetsFor(namespace: string): readonly CiliumRuleSet[] {
    const own_ = this.ciliumByNamespace.get(namespace);
    return own_ === undefined ? this.clusterwide : [...own_, ...this.clusterwide];
  }

  /** The NetworkPolicies of a namespace. */
  public networkPoliciesIn(namespace: string): readonly NetworkPolicyRecord[] {
    return this.networkPoliciesByNamespace.get(namespace) ?? [];
  }

  /** The workloads whose pods a Service sends to. */
  public backends(service: ServiceRecord): readonly Workload[] {
    const cached = this.backendCache.get(service);
    if (cached !== undefined) return cached;
    const selector = service.selector;
    const backends = selector === undefined ? [] : this.workloadsIn(service.namespace).filter((w) => matchesLabels(selector, w.labels));
    this.backendCache.set(service, backends);
    return backends;
  }

  /**
   * A client pod the manifests do not have, such as the workshop's test pods (`kubectl run`):
   * in `namespace`, with `labels`, a sidecar when the namespace injects one. The same pod for
   * the same description.
   */
  public madeUpPod(namespace: string, labels: Labels, serviceAccount: string = 'default'): Workload {
    const text = Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');
    const key = `${namespace}\u0000${serviceAccount}\u0000${text}`;
    let pod = this.madeUp.get(key);
    if (pod === undefined) {
      const injection = sidecarInjection(labels, plainRecord(), namespace, this.namespaceLabels(namespace), this.istioRevision, false);
      pod = {
        id: `${namespace}/(pod ${text || 'without labels'})`,
        name: `pod ${text}`,
        namespace,
        kind: 'Pod',
        labels: plainRecord(Object.entries(labels)),
        serviceAccount,
        ports: [],
        proxy: injection.proxy,
        proxyReason: injection.reason,
        source: 'the claim',
        builtIn: false,
        unmodelled: [],
      };
      this.madeUp.set(key, pod);
    }
    return pod;
  }

  /** The add-on's ingress gateway pods of `kind`. */
  public gatewayWorkload(kind: IngressGatewayKind): Workload {
    return this.gatewayWorkloads.get(kind)!;
  }
}

/** Whether `labels` has every entry of `required` (own keys only). */
export function matchesLabels(required: Labels, labels: Labels): boolean {
  for (const key of Object.keys(required)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== required[key]) return false;
  }
  return true;
}
