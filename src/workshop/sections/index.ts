import { WorkshopSection } from '../section';
import { FLEET_SECTION } from './fleet-section';
import { IDENTITY_SECTION } from './identity-section';
import { MESH_SECTION } from './mesh-section';
import { NETWORKING_SECTION } from './networking-section';
import { OBSERVABILITY_SECTION } from './observability-section';
import { SECURE_STORE_SECTION } from './secure-store-section';
import { STORAGE_SECTION } from './storage-section';
import { STORE_SECTION } from './store-section';

export * from './store-section';
export * from './networking-section';
export * from './mesh-section';
export * from './storage-section';
export * from './identity-section';
export * from './observability-section';
export * from './fleet-section';
export * from './secure-store-section';
export * from './advanced-aks';

/** Every workshop section, in workshop order. Adding a section means adding it here. */
export const WORKSHOP_SECTIONS: readonly WorkshopSection[] = [
  STORE_SECTION,
  NETWORKING_SECTION,
  MESH_SECTION,
  STORAGE_SECTION,
  IDENTITY_SECTION,
  OBSERVABILITY_SECTION,
  FLEET_SECTION,
  SECURE_STORE_SECTION,
];
