import { ApiObject, Chart } from 'cdk8s';
import { FleetChart, placementApiVersion } from './fleet-section';
import { IdentityChart } from './identity-section';
import { MeshChart } from './mesh-section';
import { StoreChart } from './store-section';
import { ADVANCED_AKS_MESH_CLAIMS, ADVANCED_AKS_WORKSHOP_INGRESS_CLAIMS } from '../claims/advanced-aks-claims';
import { WorkshopSection } from '../section';
import { rabbitmqCredentials } from '../settings/credential-settings';

/** The namespace the Advanced AKS workshop runs the store in. */
export const ADVANCED_AKS_NAMESPACE = 'aks-store';

/**
 * The Advanced AKS text's Gateway and VirtualService, exactly as it applies them: the Gateway
 * without a namespace (so in `default`), the VirtualService in `aks-store` naming it without
 * one and routing only the in-cluster host. As applied, the route never serves the store.
 */
export function workshopIngressPair(chart: Chart, namespace: string): void {
  new ApiObject(chart, 'gateway', {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'Gateway',
    metadata: { name: `${namespace}-gateway-external`, namespace: 'default' },
    spec: {
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    },
  });
  const host = `store-front.${namespace}.svc.cluster.local`;
  new ApiObject(chart, 'virtual-service', {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name: 'store-front-external', namespace },
    spec: {
      hosts: [host],
      gateways: [`${namespace}-gateway-external`],
      http: [{ match: [{ uri: { prefix: '/' } }], route: [{ destination: { host, port: { number: 80 } } }] }],
    },
  });
}

/** "Deploy Sample AKS Store Demo Application": the store in `aks-store`. */
export const ADVANCED_AKS_STORE_SECTION: WorkshopSection = {
  id: '01-store',
  title: 'Deploy Sample AKS Store Demo Application',
  // The mesh bundle holds the store too, with sidecar injection.
  leftOutWith: ['02-mesh'],
  build: (scope, id, { settings, profile }) => new StoreChart(scope, id, {
    profile,
    store: { namespace: ADVANCED_AKS_NAMESPACE, rabbitmqCredentials: rabbitmqCredentials(settings, profile) },
  }),
};

/** "Istio Service Mesh": sidecar injection, the curl client, strict mTLS and a working external ingress. */
export const ADVANCED_AKS_MESH_SECTION: WorkshopSection = {
  id: '02-mesh',
  title: 'Istio Service Mesh',
  build: (scope, id, { settings, profile }) => new MeshChart(scope, id, {
    profile,
    curlInMesh: false,
    store: { namespace: ADVANCED_AKS_NAMESPACE, rabbitmqCredentials: rabbitmqCredentials(settings, profile) },
  }),
  steps: [{
    id: 'step1-workshop-ingress',
    title: 'Deploying External Istio Ingress (the text\'s Gateway and VirtualService, as written)',
    build: (chart) => workshopIngressPair(chart, ADVANCED_AKS_NAMESPACE),
  }],
  claims: { endState: ADVANCED_AKS_MESH_CLAIMS, steps: { 'step1-workshop-ingress': ADVANCED_AKS_WORKSHOP_INGRESS_CLAIMS }, stepsAfterBundle: true },
};

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

/** "Azure Fleet": namespace `my-fleet-ns-example` placed on every member; apply to the hub cluster. */
export const ADVANCED_AKS_FLEET_SECTION: WorkshopSection = {
  id: '04-fleet',
  title: 'Azure Fleet',
  cluster: 'fleet-hub',
  build: (scope, id, { settings, profile }) => new FleetChart(scope, id, {
    profile,
    placedNamespace: 'my-fleet-ns-example',
    placementApiVersion: placementApiVersion(settings),
  }),
};

/** The Advanced AKS workshop's sections, in its order. */
export const ADVANCED_AKS_SECTIONS: readonly WorkshopSection[] = [
  ADVANCED_AKS_STORE_SECTION,
  ADVANCED_AKS_MESH_SECTION,
  ADVANCED_AKS_IDENTITY_SECTION,
  ADVANCED_AKS_FLEET_SECTION,
];
