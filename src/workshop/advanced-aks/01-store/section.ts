import { StoreChart } from '../../charts/store-chart';
import { WorkshopSection } from '../../section';
import { rabbitmqCredentials } from '../../settings/credential-settings';
import { ADVANCED_AKS_NAMESPACE } from '../namespace';

/** "Deploy Sample AKS Store Demo Application": the store in `aks-store`. */
export const ADVANCED_AKS_STORE_SECTION: WorkshopSection = {
  id: '01-store',
  title: 'Deploy Sample AKS Store Demo Application',
  // The mesh bundle holds the store too, with sidecar injection.
  leftOutWith: ['02-mesh'],
  build: (scope, id, { settings, profile }) => new StoreChart(scope, id, {
    profile,
    store: { namespace: ADVANCED_AKS_NAMESPACE, rabbitmqCredentials: rabbitmqCredentials(settings, profile, settings.advancedAksKeyVaultUrl) },
  }),
};
