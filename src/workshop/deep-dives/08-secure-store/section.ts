import { SECURE_STORE_CLAIMS } from './claims';
import { SecureStoreChart } from '../../charts/secure-store-chart';
import { WorkshopSection } from '../../section';
import { rabbitmqCredentials } from '../../settings/credential-settings';

/** Not a workshop section: the networking and mesh sections' end states on one cluster, coherently. */
export const SECURE_STORE_SECTION: WorkshopSection = {
  id: '08-secure-store',
  title: 'Networking and mesh together (not in the workshop)',
  build: (scope, id, { settings, profile }) => new SecureStoreChart(scope, id, {
    profile,
    store: { rabbitmqCredentials: rabbitmqCredentials(settings, profile) },
  }),
  claims: { endState: SECURE_STORE_CLAIMS },
};
