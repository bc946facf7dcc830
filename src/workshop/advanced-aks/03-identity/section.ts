import { IdentityChart } from '../../charts/identity-chart';
import { WorkshopSection } from '../../section';

/** "Workload Identity": needs the managed identity's client ID and the vault URI (`KEYVAULT_URL`). */
export const ADVANCED_AKS_IDENTITY_SECTION: WorkshopSection = {
  id: '03-identity',
  title: 'Workload Identity',
  requires: ['userAssignedClientId', 'advancedAksKeyVaultUrl'],
  build: (scope, id, { settings, profile }) => new IdentityChart(scope, id, {
    profile,
    clientId: settings.userAssignedClientId!,
    keyVaultUrl: settings.advancedAksKeyVaultUrl!,
    secretName: settings.keyVaultSecretName,
    serviceAccountName: settings.serviceAccountName,
    serviceAccountNamespace: settings.serviceAccountNamespace,
  }),
};
