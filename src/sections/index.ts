import { NETWORKING_SECTION } from './networking-section';
import { WorkshopSection } from './section';
import { STORE_SECTION } from './store-section';

export * from './section';
export * from './store-section';
export * from './networking-section';

/** Every workshop section, in workshop order. Adding a section means adding it here. */
export const WORKSHOP_SECTIONS: readonly WorkshopSection[] = [
  STORE_SECTION,
  NETWORKING_SECTION,
];
