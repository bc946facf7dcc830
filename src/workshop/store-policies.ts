import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { INamespaceRef } from '../core/namespace-ref';
import { KnownKeys, requireBoolean, requireOneOf, requireProps } from '../core/validation';
import { IWorkloadRef, serviceFqdn } from '../core/workload-ref';
import { ISTIO_REVISION_LABEL, ISTIOD_NAMESPACE, ISTIOD_POD_LABELS, ISTIOD_XDS_PORT, istiodHost, requireIstioRevision } from '../mesh/istio-revision';
import { INGRESS_GATEWAY_NAMESPACE, ingressGatewaySelector, MeshIngress } from '../mesh/mesh-ingress';
import { CiliumPolicy, EgressRule, PolicyDirection, PodSelector } from '../networking/cilium-policy';
import { dnsLookupRule, dnsSearchVariants } from '../networking/dns-lookup-rule';
import { FqdnMatch } from '../networking/fqdn-match';
import { IPolicyPeer } from '../networking/peers/peer';
import { PolicyPeer } from '../networking/policy-peer';
import { PolicyPort } from '../networking/policy-port';
import { IAksStore } from '../store/store-workloads';

/**
 * How the store front can admit traffic from outside the cluster: from `world` (its
 * LoadBalancer Service), from the add-on's `external-gateway` or `internal-gateway` pods, or
 * `blocked` (the chaos step).
 */
export const STORE_FRONT_INGRESS_MODES = ['world', 'external-gateway', 'internal-gateway', 'blocked'] as const;

/** How the store front admits traffic from outside the cluster. */
export type StoreFrontIngress = typeof STORE_FRONT_INGRESS_MODES[number];

/** How RabbitMQ's egress can be written. */
export const RABBITMQ_EGRESS_MODES = ['deny-all', 'no-rules'] as const;

/** How RabbitMQ's egress is written. */
export type RabbitmqEgress = typeof RABBITMQ_EGRESS_MODES[number];

/** Options shared by the store's policies. */
export interface StorePolicyOptions {
  /**
   * Let each workload whose egress is restricted look up the services it calls through
   * kube-dns (53/UDP and 53/TCP, only those names). The workshop's file has no DNS egress,
   * so once egress is default-deny, order-service cannot resolve `rabbitmq` and store-front
   * cannot resolve `order-service` or `product-service`.
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * The Istio add-on revision whose sidecars run in the store's pods. Each policy then also
   * lets its pods reach istiod (`istiod-<revision>.aks-istio-system.svc` through kube-dns,
   * then 15012/TCP): without it a sidecar gets no configuration or certificate and its pod
   * never becomes ready. RabbitMQ's egress allows only that.
   * @default - no sidecars (for {@link StoreNetworkPolicies}: the revision the store's
   * namespace is labelled with, `istio.io/rev`, when this app defines that namespace)
   */
  readonly istioRevision?: string;
}

/** Props of {@link StoreNetworkPolicies}. */
export interface StoreNetworkPoliciesProps extends StorePolicyOptions {
  /** The store app the policies protect (an `AksStore`, or `AksStore.fromNamespace('pets')`); names, labels and ports come from it. */
  readonly store: IAksStore;
  /**
   * How RabbitMQ's egress is written. `deny-all` blocks it (the workshop file's stated
   * intent); `no-rules` writes `egress: []` as the workshop file does, which Cilium treats
   * as no egress restriction.
   * @default 'deny-all'
   */
  readonly rabbitmqEgress?: RabbitmqEgress;
  /**
   * How the store front admits outside traffic on its container port: from `world` (its
   * LoadBalancer Service), from the add-on's `external-gateway` or `internal-gateway` pods
   * (the store behind the mesh's ingress), or `blocked` (the workshop's chaos step: an
   * ingress rule that matches no peer).
   * @default 'world'
   */
  readonly storeFrontIngress?: StoreFrontIngress;
}

const STORE_NETWORK_POLICIES_PROPS: KnownKeys<StoreNetworkPoliciesProps> = {
  store: true, allowDns: true, istioRevision: true, rabbitmqEgress: true, storeFrontIngress: true,
};

/** The AI service product-service calls (not part of the quickstart; its label and port are fixed by the app). */
const AI_SERVICE = { labels: { app: 'ai-service' }, port: 5001, name: 'ai-service' };

function containerPorts(workload: IWorkloadRef): PolicyPort[] {
  return workload.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol }));
}

/** An egress rule to a workload's main container port. */
function toWorkload(workload: IWorkloadRef): EgressRule {
  return { to: [PolicyPeer.workload(workload)], ports: [{ port: workload.ports[0].containerPort, protocol: workload.ports[0].protocol }] };
}

/** The egress rule to istiod and its lookups, when the store's pods run sidecars of `options.istioRevision`. */
function sidecarAccess(scope: Construct, options: StorePolicyOptions, namespace: string): { rules: EgressRule[]; lookups: FqdnMatch[] } {
  if (options.istioRevision === undefined) return { rules: [], lookups: [] };
  const revision = requireIstioRevision(scope, 'istioRevision', options.istioRevision);
  return {
    rules: [{ to: [PolicyPeer.pods(ISTIOD_POD_LABELS, ISTIOD_NAMESPACE)], ports: [{ port: ISTIOD_XDS_PORT, protocol: 'TCP' }] }],
    lookups: dnsSearchVariants(FqdnMatch.exactName(istiodHost(revision)), namespace),
  };
}

function withDns(
  scope: Construct, options: StorePolicyOptions, namespace: string, rules: EgressRule[],
  names: string[],
): PolicyDirection<EgressRule> {
  const sidecar = sidecarAccess(scope, options, namespace);
  const lookups = [...names.map((name) => FqdnMatch.exactName(name)), ...sidecar.lookups];
  const allowDns = requireBoolean(scope, 'allowDns', options.allowDns ?? true);
  return PolicyDirection.allow(...rules, ...sidecar.rules, ...(allowDns && lookups.length > 0 ? [dnsLookupRule(lookups)] : []));
}

function storeFrontPeers(ingress: StoreFrontIngress): IPolicyPeer[] {
  switch (ingress) {
    case 'world': return [PolicyPeer.entity('world')];
    case 'external-gateway': return [PolicyPeer.pods(ingressGatewaySelector('external'), INGRESS_GATEWAY_NAMESPACE)];
    case 'internal-gateway': return [PolicyPeer.pods(ingressGatewaySelector('internal'), INGRESS_GATEWAY_NAMESPACE)];
    case 'blocked': return [PolicyPeer.nothing()];
  }
}

/** `allow-store-front-traffic`: outside traffic in on 8080; out to order-service:3000 and product-service:3002. */
export function allowStoreFrontTraffic(
  scope: Construct,
  store: IAksStore,
  options: StorePolicyOptions & { readonly ingress?: StoreFrontIngress } = {},
): CiliumPolicy {
  const ingress = requireOneOf(scope, 'storeFrontIngress', options.ingress ?? 'world', STORE_FRONT_INGRESS_MODES);
  return new CiliumPolicy(scope, 'allow-store-front-traffic', {
    name: 'allow-store-front-traffic',
    selector: PodSelector.workload(store.storeFront),
    ingress: PolicyDirection.allow(ingress === 'blocked'
      ? { from: storeFrontPeers(ingress) }
      : { from: storeFrontPeers(ingress), ports: containerPorts(store.storeFront) }),
    egress: withDns(scope, options, store.namespace.namespaceName, [toWorkload(store.orderService), toWorkload(store.productService)],
      [serviceFqdn(store.orderService), serviceFqdn(store.productService)]),
  });
}

/** `allow-order-service-traffic`: store-front in on 3000; out to rabbitmq:5672. */
export function allowOrderServiceTraffic(scope: Construct, store: IAksStore, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-order-service-traffic', {
    name: 'allow-order-service-traffic',
    selector: PodSelector.workload(store.orderService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.orderService) }),
    egress: withDns(scope, options, store.namespace.namespaceName, [toWorkload(store.rabbitmq)], [serviceFqdn(store.rabbitmq)]),
  });
}

/** `allow-product-service-traffic`: store-front in on 3002; out to ai-service:5001. */
export function allowProductServiceTraffic(scope: Construct, store: IAksStore, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-product-service-traffic', {
    name: 'allow-product-service-traffic',
    selector: PodSelector.workload(store.productService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.productService) }),
    egress: withDns(scope, options, store.namespace.namespaceName,
      [{ to: [PolicyPeer.pods(AI_SERVICE.labels)], ports: [{ port: AI_SERVICE.port, protocol: 'TCP' }] }],
      [`${AI_SERVICE.name}.${store.namespace.namespaceName}.svc.cluster.local`]),
  });
}

/**
 * `allow-rabbitmq-traffic`: order-service in on 5672 and 15672; egress blocked (or, as
 * upstream, unrestricted), except to istiod when the pods run sidecars.
 */
export function allowRabbitmqTraffic(
  scope: Construct, store: IAksStore, options: StorePolicyOptions & { readonly egress?: RabbitmqEgress } = {},
): CiliumPolicy {
  const egress = requireOneOf(scope, 'rabbitmqEgress', options.egress ?? 'deny-all', RABBITMQ_EGRESS_MODES);
  const withSidecar = egress === 'deny-all' && options.istioRevision !== undefined;
  return new CiliumPolicy(scope, 'allow-rabbitmq-traffic', {
    name: 'allow-rabbitmq-traffic',
    selector: PodSelector.workload(store.rabbitmq),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.orderService)], ports: containerPorts(store.rabbitmq) }),
    egress: withSidecar ? withDns(scope, options, store.namespace.namespaceName, [], [])
      : egress === 'deny-all' ? PolicyDirection.denyAll() : PolicyDirection.noRules(),
  });
}

/**
 * The workshop's network policies for the AKS Store (`acns-network-policy.yaml`): each
 * service may talk only to the services it needs, on their ports, and the store front is
 * reachable from outside the cluster. Names, labels and ports come from the store, so a
 * different namespace flows through.
 */
export class StoreNetworkPolicies extends Construct {
  /** `allow-rabbitmq-traffic`. */
  public readonly rabbitmq: CiliumPolicy;
  /** `allow-order-service-traffic`. */
  public readonly orderService: CiliumPolicy;
  /** `allow-product-service-traffic`. */
  public readonly productService: CiliumPolicy;
  /** `allow-store-front-traffic`. */
  public readonly storeFront: CiliumPolicy;
  /**
   * The Istio revision whose istiod the policies let the pods reach: `istioRevision`, or the
   * one the store's namespace was labelled with when the policies were built.
   * @default - no sidecars
   */
  public readonly istioRevision?: string;

  constructor(scope: Construct, id: string, props: StoreNetworkPoliciesProps) {
    super(scope, id);
    requireProps(this, props, "{ store: AksStore.fromNamespace('pets') }", STORE_NETWORK_POLICIES_PROPS);
    if (props.store === null || typeof props.store !== 'object' || props.store.orderService === undefined) {
      throw new InvalidPropError(this, 'store', props.store, "must be an AksStore or AksStore.fromNamespace('<namespace>')");
    }
    this.istioRevision = props.istioRevision ?? injectionRevision(props.store.namespace);
    const options: StoreNetworkPoliciesProps = { ...props, istioRevision: this.istioRevision };
    this.rabbitmq = allowRabbitmqTraffic(this, props.store, { ...options, egress: props.rabbitmqEgress });
    this.orderService = allowOrderServiceTraffic(this, props.store, options);
    this.productService = allowProductServiceTraffic(this, props.store, options);
    const storeFrontIngress = props.storeFrontIngress ?? 'world';
    this.storeFront = allowStoreFrontTraffic(this, props.store, { ...options, ingress: storeFrontIngress });
    this.node.addValidation({
      validate: () => [
        ...sidecarCompositionErrors(props.store, this.istioRevision),
        ...ingressCompositionErrors(this, props.store, storeFrontIngress),
      ],
    });
  }
}

/** The revision a namespace this app defines is labelled with for sidecar injection. */
function injectionRevision(namespace: INamespaceRef): string | undefined {
  return namespace.namespaceObject?.metadata.getLabel(ISTIO_REVISION_LABEL);
}

/**
 * Sidecars whose istiod the policies do not let the pods reach: the namespace was labelled
 * (or relabelled) for injection after the policies were built, with another revision.
 */
function sidecarCompositionErrors(store: IAksStore, revision: string | undefined): string[] {
  const labelled = injectionRevision(store.namespace);
  if (labelled === undefined || labelled === revision) return [];
  const namespace = store.namespace.namespaceName;
  return [`namespace ${namespace} is labelled ${ISTIO_REVISION_LABEL}=${labelled}, so its pods run sidecars of ${labelled}, but the policies let them reach `
    + `${revision === undefined ? 'no istiod' : `only istiod of ${revision}`}: the sidecars would get no configuration and the store's pods would never become ready `
    + `(the verifier reports each pod's connection to ${istiodHost(labelled)}:${ISTIOD_XDS_PORT} blocked). Set istioRevision: '${labelled}', `
    + 'or label the namespace before building the policies'];
}

/**
 * MeshIngress routes in the same chart that send requests to the store front through a
 * gateway whose pods the store front's policy does not admit.
 */
function ingressCompositionErrors(policies: StoreNetworkPolicies, store: IAksStore, ingress: StoreFrontIngress): string[] {
  const storeFrontHost = serviceFqdn(store.storeFront);
  const errors: string[] = [];
  for (const construct of Chart.of(policies).node.findAll()) {
    if (!(construct instanceof MeshIngress) || serviceFqdn(construct.destination) !== storeFrontHost) continue;
    const kind = construct.gatewayKind;
    if (ingress === `${kind}-gateway`) continue;
    errors.push(`MeshIngress '${construct.node.path}' routes requests to the store front through the ${kind} ingress gateway, but the store front's policy `
      + `admits outside traffic ${ingress === 'blocked' ? 'from nothing' : `only from the ${ingress === 'world' ? 'world entity' : ingress}`} (storeFrontIngress: '${ingress}'), `
      + `so the verifier reports every request through that gateway blocked at allow-store-front-traffic. Set storeFrontIngress: '${kind}-gateway'`);
  }
  return errors;
}
