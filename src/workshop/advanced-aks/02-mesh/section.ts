import { ADVANCED_AKS_MESH_CLAIMS, ADVANCED_AKS_WORKSHOP_INGRESS_CLAIMS } from './claims';
import { workshopIngressPair } from './workshop-ingress';
import { MeshChart } from '../../charts/mesh-chart';
import { WorkshopSection } from '../../section';
import { rabbitmqCredentials } from '../../settings/credential-settings';
import { ADVANCED_AKS_NAMESPACE } from '../namespace';

/** "Istio Service Mesh": sidecar injection, the curl client, strict mTLS and a working external ingress. */
export const ADVANCED_AKS_MESH_SECTION: WorkshopSection = {
  id: '02-mesh',
  title: 'Istio Service Mesh',
  build: (scope, id, { settings, profile }) => new MeshChart(scope, id, {
    profile,
    curlInMesh: false,
    store: { namespace: ADVANCED_AKS_NAMESPACE, rabbitmqCredentials: rabbitmqCredentials(settings, profile, settings.advancedAksKeyVaultUrl) },
  }),
  steps: [{
    id: 'step1-workshop-ingress',
    title: 'Deploying External Istio Ingress (the text\'s Gateway and VirtualService, as written)',
    build: (chart) => workshopIngressPair(chart, ADVANCED_AKS_NAMESPACE),
  }],
  claims: { endState: ADVANCED_AKS_MESH_CLAIMS, steps: { 'step1-workshop-ingress': ADVANCED_AKS_WORKSHOP_INGRESS_CLAIMS }, stepsAfterBundle: true },
};
