import { MESH_CLAIMS } from './claims';
import { MeshChart } from '../../charts/mesh-chart';
import { WorkshopSection } from '../../section';
import { rabbitmqCredentials } from '../../settings/credential-settings';

/** "Istio Service Mesh": sidecar injection, curl clients, strict mTLS and the external ingress gateway. */
export const MESH_SECTION: WorkshopSection = {
  id: '03-mesh',
  title: 'Istio Service Mesh',
  // It holds the store (as 01-store does); its sidecars need flows 02-networking's policies deny. 08-secure-store holds both, coherently.
  leftOutWith: ['01-store', '02-networking', '08-secure-store'],
  build: (scope, id, { settings, profile }) => new MeshChart(scope, id, {
    profile,
    store: { rabbitmqCredentials: rabbitmqCredentials(settings, profile) },
  }),
  claims: { endState: MESH_CLAIMS },
};
