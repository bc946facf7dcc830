import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile, requireProfile } from '../../core/profile';
import { requireBoolean } from '../../core/validation';
import { FqdnEgressPolicy } from '../../networking/fqdn-egress-policy';
import { FqdnMatch } from '../../networking/fqdn-match';
import { HubbleUi, HubbleUiProps } from '../../networking/hubble-ui';
import { PolicyPort } from '../../networking/policy-port';
import { AksStore } from '../../store/aks-store';
import { IAksStore } from '../../store/store-workloads';
import { addHubbleUiPolicy } from '../hardened-policies';
import { StoreNetworkPolicies } from '../store-policies';

/** What the networking section adds around the store's policies: order-service's FQDN egress and Hubble UI. */
export interface NetworkingExtrasProps {
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

/** Props of {@link NetworkingChart}. */
export interface NetworkingChartProps extends ChartProps, NetworkingExtrasProps {
  /**
   * The AKS Store the policies protect: an `AksStore` of this app, or one deployed by the
   * store bundle (`AksStore.fromNamespace('pets')`).
   * @default AksStore.fromNamespace('pets')
   */
  readonly store?: IAksStore;
  /**
   * The profile of Hubble UI (the policies are the same in both). In the hardened profile Hubble
   * UI gets a network policy of its own.
   * @default 'workshop'
   */
  readonly profile?: Profile;
  /**
   * Whether the chart holds the store's policies (`StoreNetworkPolicies`). The hardened store
   * bundle (`StoreChart` with profile `hardened`) holds them already, with a default-deny
   * policy: the hardened networking bundle leaves them out, so that the two bundles hold no
   * object twice (one `kustomization.yaml` lists both).
   * @default true (hardened profile: false)
   */
  readonly storePolicies?: boolean;
}

/** @internal order-service's FQDN egress and Hubble UI, as {@link NetworkingExtrasProps} say. */
export function addNetworkingExtras(
  chart: Chart, store: IAksStore, props: NetworkingExtrasProps & { readonly profile?: Profile },
): { fqdnEgress: FqdnEgressPolicy; hubbleUi?: HubbleUi } {
  const fqdnEgress = new FqdnEgressPolicy(chart, 'order-service-fqdn', {
    workload: store.orderService,
    fqdns: props.orderServiceFqdns ?? [FqdnMatch.pattern('*.microsoft.com')],
    ports: props.orderServiceFqdnPorts,
  });
  const hubbleUi = props.hubbleUi === false ? undefined : new HubbleUi(chart, 'hubble-ui', { profile: props.profile, ...props.hubbleUi });
  if (hubbleUi?.profile === 'hardened') addHubbleUiPolicy(chart, hubbleUi);
  return { fqdnEgress, hubbleUi };
}

/**
 * The end state of the workshop's networking section: the store's network policies (with
 * the fixes listed in the README), FQDN egress from order-service to `*.microsoft.com:443`
 * as a policy of its own, and Hubble UI.
 */
export class NetworkingChart extends Chart {
  /**
   * The store's policies.
   * @default - undefined when `storePolicies` is false (the hardened profile's default)
   */
  public readonly policies?: StoreNetworkPolicies;
  /** order-service's FQDN egress. */
  public readonly fqdnEgress: FqdnEgressPolicy;
  /**
   * Hubble UI.
   * @default - undefined when `hubbleUi` is false
   */
  public readonly hubbleUi?: HubbleUi;

  constructor(scope: Construct, id: string, props: NetworkingChartProps = {}) {
    super(scope, id, props);
    const store = props.store ?? AksStore.fromNamespace('pets');
    if (requireBoolean(this, 'storePolicies', props.storePolicies ?? requireProfile(this, 'profile', props.profile) !== 'hardened')) {
      this.policies = new StoreNetworkPolicies(this, 'store-policies', { store });
    }
    ({ fqdnEgress: this.fqdnEgress, hubbleUi: this.hubbleUi } = addNetworkingExtras(this, store, props));
  }
}
