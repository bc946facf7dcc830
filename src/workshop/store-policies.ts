import { Construct } from 'constructs';
import { InvalidPropError } from '../core/invalid-prop-error';
import { requireBoolean, requireOneOf, requireProps } from '../core/validation';
import { IWorkloadRef, serviceFqdn } from '../core/workload-ref';
import { CiliumPolicy, EgressRule, PolicyDirection, PodSelector } from '../networking/cilium-policy';
import { dnsLookupRule } from '../networking/dns-lookup-rule';
import { FqdnMatch } from '../networking/fqdn-match';
import { PolicyPeer } from '../networking/policy-peer';
import { PolicyPort } from '../networking/policy-port';
import { IAksStore } from '../store/store-workloads';

/** How the store front can admit traffic from outside the cluster. */
export const STORE_FRONT_INGRESS_MODES = ['world', 'blocked'] as const;

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
   * How the store front admits outside traffic: `world` on its container port, or
   * `blocked` (the workshop's chaos step: an ingress rule that matches no peer).
   * @default 'world'
   */
  readonly storeFrontIngress?: StoreFrontIngress;
}

/** The AI service product-service calls (not part of the quickstart; its label and port are fixed by the app). */
const AI_SERVICE = { labels: { app: 'ai-service' }, port: 5001, name: 'ai-service' };

function containerPorts(workload: IWorkloadRef): PolicyPort[] {
  return workload.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol }));
}

/** An egress rule to a workload's main container port. */
function toWorkload(workload: IWorkloadRef): EgressRule {
  return { to: [PolicyPeer.workload(workload)], ports: [{ port: workload.ports[0].containerPort, protocol: workload.ports[0].protocol }] };
}

function withDns(scope: Construct, options: StorePolicyOptions, rules: EgressRule[], names: string[]): PolicyDirection<EgressRule> {
  const lookups = names.map((name) => FqdnMatch.exactName(name));
  const allowDns = requireBoolean(scope, 'allowDns', options.allowDns ?? true);
  return PolicyDirection.allow(...rules, ...(allowDns ? [dnsLookupRule(lookups)] : []));
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
    ingress: PolicyDirection.allow(ingress === 'world'
      ? { from: [PolicyPeer.entity('world')], ports: containerPorts(store.storeFront) }
      : { from: [PolicyPeer.nothing()] }),
    egress: withDns(scope, options, [toWorkload(store.orderService), toWorkload(store.productService)],
      [serviceFqdn(store.orderService), serviceFqdn(store.productService)]),
  });
}

/** `allow-order-service-traffic`: store-front in on 3000; out to rabbitmq:5672. */
export function allowOrderServiceTraffic(scope: Construct, store: IAksStore, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-order-service-traffic', {
    name: 'allow-order-service-traffic',
    selector: PodSelector.workload(store.orderService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.orderService) }),
    egress: withDns(scope, options, [toWorkload(store.rabbitmq)], [serviceFqdn(store.rabbitmq)]),
  });
}

/** `allow-product-service-traffic`: store-front in on 3002; out to ai-service:5001. */
export function allowProductServiceTraffic(scope: Construct, store: IAksStore, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-product-service-traffic', {
    name: 'allow-product-service-traffic',
    selector: PodSelector.workload(store.productService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.productService) }),
    egress: withDns(scope, options,
      [{ to: [PolicyPeer.pods(AI_SERVICE.labels)], ports: [{ port: AI_SERVICE.port, protocol: 'TCP' }] }],
      [`${AI_SERVICE.name}.${store.namespace.namespaceName}.svc.cluster.local`]),
  });
}

/** `allow-rabbitmq-traffic`: order-service in on 5672 and 15672; egress blocked (or, as upstream, unrestricted). */
export function allowRabbitmqTraffic(scope: Construct, store: IAksStore, options: { readonly egress?: RabbitmqEgress } = {}): CiliumPolicy {
  const egress = requireOneOf(scope, 'rabbitmqEgress', options.egress ?? 'deny-all', RABBITMQ_EGRESS_MODES);
  return new CiliumPolicy(scope, 'allow-rabbitmq-traffic', {
    name: 'allow-rabbitmq-traffic',
    selector: PodSelector.workload(store.rabbitmq),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.orderService)], ports: containerPorts(store.rabbitmq) }),
    egress: egress === 'deny-all' ? PolicyDirection.denyAll() : PolicyDirection.noRules(),
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

  constructor(scope: Construct, id: string, props: StoreNetworkPoliciesProps) {
    super(scope, id);
    requireProps(this, props, "{ store: AksStore.fromNamespace('pets') }");
    if (props.store === null || typeof props.store !== 'object' || props.store.orderService === undefined) {
      throw new InvalidPropError(this, 'store', props.store, "must be an AksStore or AksStore.fromNamespace('<namespace>')");
    }
    this.rabbitmq = allowRabbitmqTraffic(this, props.store, { egress: props.rabbitmqEgress });
    this.orderService = allowOrderServiceTraffic(this, props.store, props);
    this.productService = allowProductServiceTraffic(this, props.store, props);
    this.storeFront = allowStoreFrontTraffic(this, props.store, { ...props, ingress: props.storeFrontIngress });
  }
}
