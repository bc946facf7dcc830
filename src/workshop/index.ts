export * from './section';
export * from './store-policies';
export * from './charts';
export * from './editions';
export * from './settings/workshop-settings';
export * from './settings/dotenv';
export * from './workshop-app';
export * from './settings/credential-settings';
export * from './kustomizations';
export * from './claim-files';
export { workshopFqdnStep } from './deep-dives/02-networking/fqdn-step';
export { workshopIngressPair } from './advanced-aks/02-mesh/workshop-ingress';
export { ADVANCED_AKS_NAMESPACE } from './advanced-aks/namespace';

// The sections by name, as earlier releases exported them. The registry (`EDITIONS` in
// editions.ts) is the list of sections; a new section is reached there and needs no line here.
export { STORE_SECTION } from './deep-dives/01-store/section';
export { NETWORKING_SECTION } from './deep-dives/02-networking/section';
export { MESH_SECTION } from './deep-dives/03-mesh/section';
export { STORAGE_SECTION } from './deep-dives/04-storage/section';
export { IDENTITY_SECTION } from './deep-dives/05-identity/section';
export { OBSERVABILITY_SECTION } from './deep-dives/06-observability/section';
export { FLEET_SECTION } from './deep-dives/07-fleet/section';
export { SECURE_STORE_SECTION } from './deep-dives/08-secure-store/section';
export { ADVANCED_AKS_STORE_SECTION } from './advanced-aks/01-store/section';
export { ADVANCED_AKS_MESH_SECTION } from './advanced-aks/02-mesh/section';
export { ADVANCED_AKS_IDENTITY_SECTION } from './advanced-aks/03-identity/section';
export { ADVANCED_AKS_FLEET_SECTION } from './advanced-aks/04-fleet/section';
