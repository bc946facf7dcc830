import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AksStore, AksStoreProps } from '../../store/aks-store';
import { addHardenedStorePolicies } from '../hardened-policies';
import { StoreNetworkPolicies } from '../store-policies';

/** Props of {@link StoreChart}. */
export interface StoreChartProps extends ChartProps {
  /**
   * The store app's props.
   * @default - the workshop-era store in namespace `pets`
   */
  readonly store?: AksStoreProps;
  /**
   * The profile of the store (see `AksStoreProps.profile`), unless `store.profile` says otherwise.
   * In the hardened profile the chart also holds the store's network policies
   * (`StoreNetworkPolicies`, with DNS lookups) and a default-deny policy in its namespace.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/** A chart holding the AKS Store demo app (and, hardened, its network policies). */
export class StoreChart extends Chart {
  /** The store app. */
  public readonly store: AksStore;
  /**
   * The store's network policies.
   * @default - undefined in the workshop profile, whose store section has none
   */
  public readonly policies?: StoreNetworkPolicies;

  constructor(scope: Construct, id: string, props: StoreChartProps = {}) {
    super(scope, id, props);
    this.store = new AksStore(this, 'aks-store', { profile: props.profile, ...props.store });
    if (this.store.profile === 'hardened') this.policies = addHardenedStorePolicies(this, this.store);
  }
}
