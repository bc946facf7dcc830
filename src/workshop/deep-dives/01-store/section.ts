import { HARDENED_STORE_CLAIMS, STORE_CLAIMS } from './claims';
import { StoreChart } from '../../charts/store-chart';
import { WorkshopSection } from '../../section';
import { rabbitmqCredentials } from '../../settings/credential-settings';

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
  claims: { endState: STORE_CLAIMS, hardenedEndState: HARDENED_STORE_CLAIMS },
};
