import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AksStore, AksStoreProps } from '../../store/aks-store';

/** Props of {@link StoreChart}. */
export interface StoreChartProps extends ChartProps {
  /**
   * The store app's props.
   * @default - the workshop-era store in namespace `pets`
   */
  readonly store?: AksStoreProps;
  /**
   * The profile of the store (see `AksStoreProps.profile`), unless `store.profile` says otherwise.
   * @default 'workshop'
   */
  readonly profile?: Profile;
}

/** A chart holding the AKS Store demo app. */
export class StoreChart extends Chart {
  /** The store app. */
  public readonly store: AksStore;

  constructor(scope: Construct, id: string, props: StoreChartProps = {}) {
    super(scope, id, props);
    this.store = new AksStore(this, 'aks-store', { profile: props.profile, ...props.store });
  }
}
