import { WorkshopSection } from './section';
import { WORKSHOP_SECTIONS } from './sections';
import { ADVANCED_AKS_SECTIONS } from './sections/advanced-aks';

/** The workshops this app writes bundles for. */
export const WORKSHOP_EDITIONS = ['deep-dives', 'advanced-aks'] as const;

/** AKS Deep Dives (namespace `pets`) or the older Advanced AKS day-2 operations workshop (namespace `aks-store`). */
export type WorkshopEdition = typeof WORKSHOP_EDITIONS[number];

/** A workshop: its sections and the folder, inside the output folder, its bundles go to. */
export interface EditionDefinition {
  readonly id: WorkshopEdition;
  /** The workshop's title. */
  readonly title: string;
  /** The folder inside the output folder ('' for the output folder itself), ending in '/'. */
  readonly folder: string;
  /** Its sections, in workshop order. */
  readonly sections: readonly WorkshopSection[];
}

/** Each workshop edition. */
export const EDITIONS: Readonly<Record<WorkshopEdition, EditionDefinition>> = {
  'deep-dives': { id: 'deep-dives', title: 'AKS Deep Dives', folder: '', sections: WORKSHOP_SECTIONS },
  'advanced-aks': { id: 'advanced-aks', title: 'Advanced AKS (day-2 operations)', folder: 'advanced-aks/', sections: ADVANCED_AKS_SECTIONS },
};

/** The edition a file of the output folder belongs to: the one whose folder holds it, else AKS Deep Dives (the output folder itself). */
export function editionOfFile(file: string): WorkshopEdition {
  return WORKSHOP_EDITIONS.find((id) => EDITIONS[id].folder !== '' && file.startsWith(EDITIONS[id].folder)) ?? 'deep-dives';
}
