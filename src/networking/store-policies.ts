import { Construct } from 'constructs';
import { CiliumPolicy, EgressRule, PolicyDirection, PodSelector } from './cilium-policy';
import { dnsLookupRule } from './dns-lookup-rule';
import { PolicyPeer } from './policy-peer';
import { FqdnMatch, PolicyPort } from './policy-port';
import { requireOneOf } from '../core/validation';
import { serviceFqdn, Workload } from '../core/workload';
import { AksStoreWorkloads } from '../store/store-workloads';

/** How the store front admits traffic from outside the cluster. */
export type StoreFrontIngress = 'world' | 'blocked';

/** How RabbitMQ's egress is written. */
export type RabbitmqEgress = 'deny-all' | 'no-rules';

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
  /** The store app the policies protect; names, labels and ports come from it. */
  readonly store: AksStoreWorkloads;
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

function containerPorts(workload: Workload): PolicyPort[] {
  return workload.ports.map((p) => ({ port: p.containerPort, protocol: p.protocol }));
}

/** An egress rule to a workload's main container port. */
function toWorkload(workload: Workload): EgressRule {
  return { to: [PolicyPeer.workload(workload)], ports: [{ port: workload.ports[0].containerPort, protocol: workload.ports[0].protocol }] };
}

function withDns(options: StorePolicyOptions, rules: EgressRule[], names: string[]): PolicyDirection<EgressRule> {
  const lookups = names.map((name) => FqdnMatch.exactName(name));
  return PolicyDirection.allow(...rules, ...(options.allowDns ?? true ? [dnsLookupRule(lookups)] : []));
}

/** `allow-store-front-traffic`: outside traffic in on 8080; out to order-service:3000 and product-service:3002. */
export function allowStoreFrontTraffic(
  scope: Construct,
  store: AksStoreWorkloads,
  options: StorePolicyOptions & { readonly ingress?: StoreFrontIngress } = {},
): CiliumPolicy {
  const ingress = requireOneOf(scope, 'storeFrontIngress', options.ingress ?? 'world', ['world', 'blocked'] as const);
  return new CiliumPolicy(scope, 'allow-store-front-traffic', {
    name: 'allow-store-front-traffic',
    selector: PodSelector.workload(store.storeFront),
    ingress: PolicyDirection.allow(ingress === 'world'
      ? { from: [PolicyPeer.entity('world')], ports: containerPorts(store.storeFront) }
      : { from: [PolicyPeer.nothing()] }),
    egress: withDns(options, [toWorkload(store.orderService), toWorkload(store.productService)],
      [serviceFqdn(store.orderService), serviceFqdn(store.productService)]),
  });
}

/** `allow-order-service-traffic`: store-front in on 3000; out to rabbitmq:5672. */
export function allowOrderServiceTraffic(scope: Construct, store: AksStoreWorkloads, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-order-service-traffic', {
    name: 'allow-order-service-traffic',
    selector: PodSelector.workload(store.orderService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.orderService) }),
    egress: withDns(options, [toWorkload(store.rabbitmq)], [serviceFqdn(store.rabbitmq)]),
  });
}

/** `allow-product-service-traffic`: store-front in on 3002; out to ai-service:5001. */
export function allowProductServiceTraffic(scope: Construct, store: AksStoreWorkloads, options: StorePolicyOptions = {}): CiliumPolicy {
  return new CiliumPolicy(scope, 'allow-product-service-traffic', {
    name: 'allow-product-service-traffic',
    selector: PodSelector.workload(store.productService),
    ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(store.storeFront)], ports: containerPorts(store.productService) }),
    egress: withDns(options,
      [{ to: [PolicyPeer.pods(AI_SERVICE.labels)], ports: [{ port: AI_SERVICE.port, protocol: 'TCP' }] }],
      [`${AI_SERVICE.name}.${store.namespace}.svc.cluster.local`]),
  });
}

/** `allow-rabbitmq-traffic`: order-service in on 5672 and 15672; egress blocked (or, as upstream, unrestricted). */
export function allowRabbitmqTraffic(scope: Construct, store: AksStoreWorkloads, options: { readonly egress?: RabbitmqEgress } = {}): CiliumPolicy {
  const egress = requireOneOf(scope, 'rabbitmqEgress', options.egress ?? 'deny-all', ['deny-all', 'no-rules'] as const);
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
    this.rabbitmq = allowRabbitmqTraffic(this, props.store, { egress: props.rabbitmqEgress });
    this.orderService = allowOrderServiceTraffic(this, props.store, props);
    this.productService = allowProductServiceTraffic(this, props.store, props);
    this.storeFront = allowStoreFrontTraffic(this, props.store, { ...props, ingress: props.storeFrontIngress });
  }
}
