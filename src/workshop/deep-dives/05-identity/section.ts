import { IdentityChart } from '../../charts/identity-chart';
import { WorkshopSection } from '../../section';

/** "Workload Identity": needs the managed identity's client ID and the Key Vault URI from `.env`. */
export const IDENTITY_SECTION: WorkshopSection = {
  id: '05-identity',
  title: 'Workload Identity',
  requires: ['userAssignedClientId', 'keyVaultUrl'],
  build: (scope, id, { settings, profile }) => new IdentityChart(scope, id, {
    profile,
    clientId: settings.userAssignedClientId!,
    keyVaultUrl: settings.keyVaultUrl!,
    serviceAccountName: settings.serviceAccountName,
    serviceAccountNamespace: settings.serviceAccountNamespace,
  }),
};
