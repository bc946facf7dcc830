import { KubeObject } from './kube-object';
import { Labels, selectorMatches } from './label-selector';
import { ManifestSet } from './manifest-set';

/** A port a container listens on. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** What runs in front of a workload's containers in the mesh. */
export type MeshProxy = 'sidecar' | 'gateway';

/** A group of identical pods: the pods of one Deployment, StatefulSet, DaemonSet, Job or Pod. */
export interface Workload {
  /** `namespace/name`. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** The kind of object that makes the pods (`Deployment`, ...). */
  readonly kind: string;
  /** The pods' labels. */
  readonly labels: Labels;
  readonly serviceAccount: string;
  readonly ports: readonly ContainerPort[];
  /** The Envoy proxy the pods run, if any. */
  readonly proxy?: MeshProxy;
  /** Why the pods have (or have not) a proxy. */
  readonly proxyReason: string;
  /** Where the workload is defined: a manifest file, or `AKS` for what the cluster runs itself. */
  readonly source: string;
  /** Whether the cluster runs it (kube-dns, istiod, the ingress gateways) rather than the manifests. */
  readonly builtIn: boolean;
}

/** A port of a Service. */
export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: string;
}

/** A Service. */
export interface ServiceModel {
  readonly name: string;
  readonly namespace: string;
  readonly type: string;
  /** The pods it sends to; undefined for a Service without a selector. */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly headless: boolean;
  readonly source: string;
  readonly builtIn: boolean;
}

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

/** The Istio add-on's root namespace: mesh-wide policies live there, and istiod runs there. */
export const MESH_ROOT_NAMESPACE = 'aks-istio-system';
/** Where the add-on's ingress gateways run. */
export const GATEWAY_NAMESPACE = 'aks-istio-ingress';
/** The kinds of ingress gateway the add-on offers. */
export const GATEWAY_KINDS = ['external', 'internal'] as const;
/** An ingress gateway of the add-on. */
export type GatewayKind = typeof GATEWAY_KINDS[number];

const AKS = 'AKS (assumed)';

/** The name of an add-on ingress gateway's pods' `istio` label, Service and service account. */
export function gatewayName(kind: GatewayKind): string {
  return `aks-istio-ingressgateway-${kind}`;
}

function builtInWorkloads(revision: string): Workload[] {
  const base = { builtIn: true, source: AKS };
  return [
    {
      ...base,
      id: 'kube-system/coredns',
      name: 'coredns',
      namespace: 'kube-system',
      kind: 'Deployment',
      labels: { 'k8s-app': 'kube-dns' },
      serviceAccount: 'coredns',
      proxyReason: 'kube-system is not in the mesh',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }],
    },
    {
      ...base,
      id: `${MESH_ROOT_NAMESPACE}/istiod-${revision}`,
      name: `istiod-${revision}`,
      namespace: MESH_ROOT_NAMESPACE,
      kind: 'Deployment',
      labels: { 'app': 'istiod', 'istio': 'pilot', 'istio.io/rev': revision },
      serviceAccount: `istiod-${revision}`,
      proxyReason: 'istiod is the control plane',
      ports: [15010, 15012, 15014, 15017].map((port) => ({ port, protocol: 'TCP' })),
    },
    ...GATEWAY_KINDS.map((kind): Workload => ({
      ...base,
      id: `${GATEWAY_NAMESPACE}/${gatewayName(kind)}-${revision}`,
      name: `${gatewayName(kind)}-${revision}`,
      namespace: GATEWAY_NAMESPACE,
      kind: 'Deployment',
      labels: { 'app': gatewayName(kind), 'istio': gatewayName(kind), 'istio.io/rev': revision },
      serviceAccount: gatewayName(kind),
      proxy: 'gateway',
      proxyReason: `the add-on's ${kind} ingress gateway`,
      ports: [{ name: 'http2', port: 80, protocol: 'TCP' }, { name: 'https', port: 443, protocol: 'TCP' }, { name: 'status-port', port: 15021, protocol: 'TCP' }],
    })),
  ];
}

function builtInServices(revision: string): ServiceModel[] {
  const base = { builtIn: true, source: AKS, headless: false };
  return [
    {
      ...base,
      name: 'kube-dns',
      namespace: 'kube-system',
      type: 'ClusterIP',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }],
    },
    {
      ...base,
      name: `istiod-${revision}`,
      namespace: MESH_ROOT_NAMESPACE,
      type: 'ClusterIP',
      selector: { 'app': 'istiod', 'istio.io/rev': revision },
      ports: [[15010, 15010], [15012, 15012], [443, 15017], [15014, 15014]].map(([port, targetPort]) => ({ port, targetPort, protocol: 'TCP' })),
    },
    ...GATEWAY_KINDS.map((kind): ServiceModel => ({
      ...base,
      name: gatewayName(kind),
      namespace: GATEWAY_NAMESPACE,
      type: 'LoadBalancer',
      selector: { istio: gatewayName(kind) },
      ports: [['status-port', 15021], ['http2', 80], ['https', 443]].map(([name, port]) => ({ name: name as string, port: port as number, targetPort: port as number, protocol: 'TCP' })),
    })),
  ];
}

const POD_TEMPLATE_PATHS: Readonly<Record<string, (spec: any) => any>> = {
  Deployment: (spec) => spec?.template,
  StatefulSet: (spec) => spec?.template,
  DaemonSet: (spec) => spec?.template,
  ReplicaSet: (spec) => spec?.template,
  Job: (spec) => spec?.template,
  CronJob: (spec) => spec?.jobTemplate?.spec?.template,
};

/** Why pods get (or do not get) an Istio sidecar from the add-on. */
function sidecarInjection(
  podLabels: Labels, podAnnotations: Labels, namespace: string, namespaceLabels: Labels, revision: string, hostNetwork: boolean,
): { proxy?: MeshProxy; reason: string } {
  if (hostNetwork) return { reason: 'pods on the host network are never injected' };
  if (podLabels['sidecar.istio.io/inject'] === 'false' || podAnnotations['sidecar.istio.io/inject'] === 'false') {
    return { reason: 'the pod turns injection off (sidecar.istio.io/inject: "false")' };
  }
  const podRevision = podLabels['istio.io/rev'];
  const namespaceRevision = namespaceLabels['istio.io/rev'];
  const chosen = podRevision ?? namespaceRevision;
  const where = podRevision !== undefined ? 'the pod' : `namespace ${namespace}`;
  if (chosen === revision) return { proxy: 'sidecar', reason: `${where} is labelled istio.io/rev=${revision} (pods created after the label get the sidecar)` };
  if (chosen !== undefined) return { reason: `${where} is labelled istio.io/rev=${chosen}, but the installed revision is ${revision}` };
  if (namespaceLabels['istio-injection'] === 'enabled') {
    return { reason: `namespace ${namespace} is labelled istio-injection=enabled, which the AKS add-on ignores (it needs istio.io/rev=${revision})` };
  }
  return { reason: `namespace ${namespace} has no istio.io/rev label` };
}

/**
 * The pods, Services and namespaces of a set of manifests, and the parts of an AKS cluster
 * around them that connections depend on: kube-dns, istiod and the add-on's ingress gateways.
 */
export class ClusterModel {
  /** The installed Istio revision. */
  public readonly istioRevision: string;
  /** The search domain the nodes add. */
  public readonly nodeSearchDomain: string;
  /** Every workload, the cluster's own first. */
  public readonly workloads: readonly Workload[];
  /** Every Service, the cluster's own first. */
  public readonly services: readonly ServiceModel[];
  private readonly namespaceLabelsByName = new Map<string, Labels>();

  constructor(
    /** The applied manifests. */
    public readonly manifests: ManifestSet,
    options: ClusterOptions = {},
  ) {
    this.istioRevision = options.istioRevision ?? 'asm-1-22';
    this.nodeSearchDomain = options.nodeSearchDomain ?? 'aks0.xx.internal.cloudapp.net';
    for (const { object } of manifests.ofKind('Namespace', '')) {
      this.namespaceLabelsByName.set(object.metadata.name, { ...object.metadata.labels });
    }
    this.workloads = [...builtInWorkloads(this.istioRevision), ...manifests.objects.flatMap(({ object, source }) => this.workloadOf(object, source))];
    this.services = [...builtInServices(this.istioRevision), ...manifests.ofKind('Service', '').map(({ object, source }) => serviceOf(object, source))];
  }

  /** A namespace's labels, with the `kubernetes.io/metadata.name` label Kubernetes adds. */
  public namespaceLabels(namespace: string): Labels {
    return { ...this.namespaceLabelsByName.get(namespace), 'kubernetes.io/metadata.name': namespace };
  }

  /** The Service `namespace/name`, if there is one. */
  public service(namespace: string, name: string): ServiceModel | undefined {
    return this.services.find((s) => s.namespace === namespace && s.name === name);
  }

  /** The workloads whose pods a Service sends to. */
  public backends(service: ServiceModel): Workload[] {
    if (service.selector === undefined) return [];
    return this.workloads.filter((w) => w.namespace === service.namespace && selectorMatches({ matchLabels: service.selector }, w.labels));
  }

  /** The container port a Service port reaches on a workload's pods (a named target port is looked up), if it has one. */
  public targetPort(port: ServicePort, workload: Workload): ContainerPort | undefined {
    if (typeof port.targetPort === 'string' && !/^\d+$/.test(port.targetPort)) {
      return workload.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol);
    }
    const number = Number(port.targetPort);
    return workload.ports.find((p) => p.port === number && p.protocol === port.protocol) ?? { port: number, protocol: port.protocol };
  }

  /** The first workload in `namespace` whose pods have all of `labels`. */
  public workloadWithLabels(namespace: string, labels: Labels): Workload | undefined {
    return this.workloads.find((w) => w.namespace === namespace && selectorMatches({ matchLabels: labels }, w.labels));
  }

  /** A client pod that need not exist in the manifests: one of theirs when its labels match, else one made up in `namespace`. */
  public clientPod(namespace: string, labels: Labels, serviceAccount?: string): Workload {
    const existing = this.workloads.find((w) => w.namespace === namespace && !w.builtIn && selectorMatches({ matchLabels: labels }, w.labels));
    if (existing !== undefined && (serviceAccount === undefined || existing.serviceAccount === serviceAccount)) return existing;
    const injection = sidecarInjection(labels, {}, namespace, this.namespaceLabels(namespace), this.istioRevision, false);
    return {
      id: `${namespace}/(pod ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || 'without labels'})`,
      name: `pod ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')}`,
      namespace,
      kind: 'Pod',
      labels,
      serviceAccount: serviceAccount ?? 'default',
      ports: [],
      proxy: injection.proxy,
      proxyReason: injection.reason,
      source: 'the claim',
      builtIn: false,
    };
  }

  private workloadOf(object: KubeObject, source: string): Workload[] {
    const template = object.kind === 'Pod' ? object : POD_TEMPLATE_PATHS[object.kind]?.(object.spec);
    if (template === undefined || object.apiVersion.includes('.') && !object.apiVersion.startsWith('apps/') && !object.apiVersion.startsWith('batch/')) return [];
    const namespace = object.metadata.namespace!;
    const podSpec = template.spec ?? {};
    const labels: Labels = { ...template.metadata?.labels };
    const annotations = { ...template.metadata?.annotations };
    const hostNetwork = podSpec.hostNetwork === true;
    const injection = sidecarInjection(labels, annotations, namespace, this.namespaceLabels(namespace), this.istioRevision, hostNetwork);
    const ports = [...(podSpec.containers ?? [])].flatMap((c: any) => (c.ports ?? []).map((p: any): ContainerPort => ({
      name: p.name, port: Number(p.containerPort), protocol: p.protocol ?? 'TCP',
    })));
    return [{
      id: `${namespace}/${object.metadata.name}`,
      name: object.metadata.name,
      namespace,
      kind: object.kind,
      labels,
      serviceAccount: podSpec.serviceAccountName ?? podSpec.serviceAccount ?? 'default',
      ports,
      proxy: injection.proxy,
      proxyReason: injection.reason,
      source,
      builtIn: false,
    }];
  }
}

function serviceOf(object: KubeObject, source: string): ServiceModel {
  const spec = object.spec ?? {};
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace!,
    type: spec.type ?? 'ClusterIP',
    selector: spec.selector === undefined ? undefined : { ...spec.selector },
    headless: spec.clusterIP === 'None',
    ports: (spec.ports ?? []).map((p: any): ServicePort => ({
      name: p.name, port: Number(p.port), targetPort: p.targetPort ?? Number(p.port), protocol: p.protocol ?? 'TCP',
    })),
    source,
    builtIn: false,
  };
}
