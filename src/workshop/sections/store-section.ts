import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Profile } from '../../core/profile';
import { AksStore, AksStoreProps } from '../../store/aks-store';
import { STORE_CLAIMS } from '../claims/deep-dives-claims';
import { WorkshopSection } from '../section';
import { rabbitmqCredentials } from '../settings/credential-settings';

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

/** "Deploy the AKS Store demo app": the app in namespace `pets`. */
export const STORE_SECTION: WorkshopSection = {
  id: '01-store',
  title: 'Deploy the AKS Store demo app',
  // 08-secure-store holds the store too, with the networking and mesh end states.
  leftOutWith: ['08-secure-store'],
  build: (scope, id, { settings, profile }) => new StoreChart(scope, id, {
    profile,
    store: { rabbitmqCredentials: rabbitmqCredentials(settings, profile) },
  }),
  claims: { endState: STORE_CLAIMS },
};
