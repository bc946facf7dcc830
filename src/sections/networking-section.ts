import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { stepChart, WorkshopSection } from './section';
import { FqdnEgressPolicy } from '../networking/fqdn-egress-policy';
import { HubbleUi, HubbleUiProps } from '../networking/hubble-ui';
import { FqdnMatch, PolicyPort } from '../networking/policy-port';
import { allowStoreFrontTraffic, StoreNetworkPolicies } from '../networking/store-policies';
import { workshopFqdnStep } from '../networking/workshop-fqdn-step';
import { aksStoreWorkloads } from '../store/store-workloads';

/** Props of {@link NetworkingChart}. */
export interface NetworkingChartProps extends ChartProps {
  /**
   * Namespace of the AKS Store the policies protect.
   * @default 'pets'
   */
  readonly storeNamespace?: string;
  /**
   * DNS names order-service may reach outside the cluster.
   * @default - `*.microsoft.com`
   */
  readonly orderServiceFqdns?: readonly FqdnMatch[];
  /**
   * Ports order-service may reach them on.
   * @default - 443/TCP
   */
  readonly orderServiceFqdnPorts?: readonly PolicyPort[];
  /**
   * Hubble UI props, or false to leave Hubble UI out.
   * @default - Hubble UI in kube-system
   */
  readonly hubbleUi?: HubbleUiProps | false;
}

/**
 * The end state of the workshop's networking section: the store's network policies (with
 * the fixes listed in the README), FQDN egress from order-service to `*.microsoft.com:443`
 * as a policy of its own, and Hubble UI.
 */
export class NetworkingChart extends Chart {
  /** The store's policies. */
  public readonly policies: StoreNetworkPolicies;
  /** order-service's FQDN egress. */
  public readonly fqdnEgress: FqdnEgressPolicy;
  /**
   * Hubble UI.
   * @default - undefined when `hubbleUi` is false
   */
  public readonly hubbleUi?: HubbleUi;

  constructor(scope: Construct, id: string, props: NetworkingChartProps = {}) {
    super(scope, id, props);
    const store = aksStoreWorkloads(props.storeNamespace ?? 'pets');
    this.policies = new StoreNetworkPolicies(this, 'store-policies', { store });
    this.fqdnEgress = new FqdnEgressPolicy(this, 'order-service-fqdn', {
      workload: store.orderService,
      fqdns: props.orderServiceFqdns ?? [FqdnMatch.pattern('*.microsoft.com')],
      ports: props.orderServiceFqdnPorts,
    });
    if (props.hubbleUi !== false) this.hubbleUi = new HubbleUi(this, 'hubble-ui', props.hubbleUi);
  }
}

const ID = '02-networking';

/** "Advanced Networking Concepts": network policies, FQDN filtering, chaos and restore, Hubble UI. */
export const NETWORKING_SECTION: WorkshopSection = {
  id: ID,
  title: 'Advanced Networking Concepts',
  addTo: (scope) => {
    const store = aksStoreWorkloads('pets');
    const workshopFile = { allowDns: false } as const;
    return [
      new NetworkingChart(scope, ID),
      stepChart(scope, ID, 'step1-network-policy', (chart) =>
        new StoreNetworkPolicies(chart, 'store-policies', { store, ...workshopFile, rabbitmqEgress: 'no-rules' })),
      stepChart(scope, ID, 'step2-fqdn-policy', (chart) => workshopFqdnStep(chart, store)),
      stepChart(scope, ID, 'step3-chaos', (chart) => allowStoreFrontTraffic(chart, store, { ...workshopFile, ingress: 'blocked' })),
      stepChart(scope, ID, 'step4-restore-store-front', (chart) => allowStoreFrontTraffic(chart, store, workshopFile)),
      stepChart(scope, ID, 'step5-hubble-ui', (chart) => new HubbleUi(chart, 'hubble-ui')),
    ];
  },
};
