import { ADVANCED_AKS_STORE_SECTION } from './advanced-aks/01-store/section';
import { ADVANCED_AKS_MESH_SECTION } from './advanced-aks/02-mesh/section';
import { ADVANCED_AKS_IDENTITY_SECTION } from './advanced-aks/03-identity/section';
import { ADVANCED_AKS_FLEET_SECTION } from './advanced-aks/04-fleet/section';
import { STORE_SECTION } from './deep-dives/01-store/section';
import { NETWORKING_SECTION } from './deep-dives/02-networking/section';
import { MESH_SECTION } from './deep-dives/03-mesh/section';
import { STORAGE_SECTION } from './deep-dives/04-storage/section';
import { IDENTITY_SECTION } from './deep-dives/05-identity/section';
import { OBSERVABILITY_SECTION } from './deep-dives/06-observability/section';
import { FLEET_SECTION } from './deep-dives/07-fleet/section';
import { SECURE_STORE_SECTION } from './deep-dives/08-secure-store/section';
import { WorkshopSection } from './section';

/**
 * The registry: every workshop this app writes bundles for, with its sections in workshop
 * order. It is the one list of sections; everything else (the command, its help, the
 * kustomizations, claims files and tests) reads it. A section is a folder under its edition's
 * folder (`deep-dives/09-.../section.ts`, with its claims beside it) plus its line here.
 */
const EDITION_LIST = [
  {
    id: 'deep-dives',
    title: 'AKS Deep Dives',
    folder: '',
    sections: [
      STORE_SECTION,
      NETWORKING_SECTION,
      MESH_SECTION,
      STORAGE_SECTION,
      IDENTITY_SECTION,
      OBSERVABILITY_SECTION,
      FLEET_SECTION,
      SECURE_STORE_SECTION,
    ],
  },
  {
    id: 'advanced-aks',
    title: 'Advanced AKS (day-2 operations)',
    folder: 'advanced-aks/',
    sections: [
      ADVANCED_AKS_STORE_SECTION,
      ADVANCED_AKS_MESH_SECTION,
      ADVANCED_AKS_IDENTITY_SECTION,
      ADVANCED_AKS_FLEET_SECTION,
    ],
  },
] as const satisfies readonly EditionDefinition[];

/** AKS Deep Dives (namespace `pets`) or the older Advanced AKS day-2 operations workshop (namespace `aks-store`). */
export type WorkshopEdition = 'deep-dives' | 'advanced-aks';

/** Every edition the type names is in the registry (an edition added to one and not the other fails to compile). */
const EVERY_EDITION_LISTED: Exclude<WorkshopEdition, typeof EDITION_LIST[number]['id']> extends never ? true : never = true;
void EVERY_EDITION_LISTED;

/** A workshop: its sections and the folder, inside the output folder, its bundles go to. */
export interface EditionDefinition<Id extends string = WorkshopEdition> {
  /** The edition's id (`--workshop`); its sections' folders are in `src/workshop/<id>/`. */
  readonly id: Id;
  /** The workshop's title. */
  readonly title: string;
  /** The folder inside the output folder ('' for the output folder itself), ending in '/'. */
  readonly folder: string;
  /** Its sections, in workshop order. */
  readonly sections: readonly WorkshopSection[];
}

/** The workshops this app writes bundles for, the default first. */
export const WORKSHOP_EDITIONS: readonly WorkshopEdition[] = EDITION_LIST.map((edition) => edition.id);

/** Each workshop edition, by id. */
export const EDITIONS: Readonly<Record<WorkshopEdition, EditionDefinition>> = editionsById();

function editionsById(): Record<WorkshopEdition, EditionDefinition> {
  const byId = {} as Record<WorkshopEdition, EditionDefinition>;
  for (const edition of EDITION_LIST) byId[edition.id] = edition;
  return byId;
}

/** The AKS Deep Dives sections, in workshop order (`EDITIONS['deep-dives'].sections`). */
export const WORKSHOP_SECTIONS: readonly WorkshopSection[] = EDITIONS['deep-dives'].sections;

/** The Advanced AKS workshop's sections, in its order (`EDITIONS['advanced-aks'].sections`). */
export const ADVANCED_AKS_SECTIONS: readonly WorkshopSection[] = EDITIONS['advanced-aks'].sections;

/** The edition a file of the output folder belongs to: the one whose folder holds it, else AKS Deep Dives (the output folder itself). */
export function editionOfFile(file: string): WorkshopEdition {
  return WORKSHOP_EDITIONS.find((id) => EDITIONS[id].folder !== '' && file.startsWith(EDITIONS[id].folder)) ?? 'deep-dives';
}
