import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { WorkshopSettingName, WorkshopSettings } from './settings/workshop-settings';
import { Claim } from '../analysis/claims';
import { InputError } from '../core/errors';
import { Profile } from '../core/profile';
import { setManifestFile } from '../core/synthesizer';

/** What a section is built with: the workshop's settings and the profile. */
export interface SectionContext {
  /** The workshop settings; those the section `requires` are set. */
  readonly settings: WorkshopSettings;
  /** How the manifests are written. */
  readonly profile: Profile;
}

/** One step of a workshop section whose manifests the workshop applies on their own. */
export interface WorkshopStep {
  /** The step's id, unique in its section: `step1-network-policy`. */
  readonly id: string;
  /** The workshop heading of the step. */
  readonly title: string;
  /** Adds the step's objects to `chart` (the step's own chart). */
  readonly build: (chart: Chart, context: SectionContext) => void;
}

/**
 * A workshop section: the manifests it ends with, written to `<id>.k8s.yaml`, and the steps
 * the workshop applies one after the other, each written to `steps/<id>.<step>.k8s.yaml`.
 * The id gives the file names; the order of `steps` is the workshop's.
 */
export interface WorkshopSection {
  /** File stem of the section bundle, ordered like the workshop: `01-store`. */
  readonly id: string;
  /** The workshop heading the section follows. */
  readonly title: string;
  /**
   * Workshop settings (from `.env` or the environment) the section cannot be built without.
   * @default - none
   */
  readonly requires?: readonly WorkshopSettingName[];
  /** Builds the section's end state as a chart with the given id. */
  readonly build: (scope: Construct, id: string, context: SectionContext) => Chart;
  /**
   * The workshop's steps, in order, where they differ from the end state.
   * @default - none
   */
  readonly steps?: readonly WorkshopStep[];
  /**
   * The cluster the bundle is applied to: a member (workload) cluster, or the Fleet hub,
   * whose bundles go to the folder `fleet-hub/`.
   * @default 'member'
   */
  readonly cluster?: WorkshopCluster;
  /**
   * Sections that, when written too, leave this bundle out of its folder's
   * `kustomization.yaml`, so that the folder applies one coherent end state with no object
   * listed twice: sections that hold this bundle's objects (the secure store holds the
   * store) or conflict with them (the mesh bundle's sidecars need flows the networking
   * policies deny).
   * @default - always listed
   */
  readonly leftOutWith?: readonly string[];
  /**
   * What the section's text says its manifests let through and block.
   * @default - no claims
   */
  readonly claims?: SectionClaims;
}

/** What a section's manifests let through and block, as claims `aks-labs-cdk8s verify` checks. */
export interface SectionClaims {
  /** Claims about the section's end state. */
  readonly endState: readonly Claim[];
  /**
   * Claims about the end state of the hardened profile, where it differs (its default-deny
   * blocks what the workshop's open network lets through).
   * @default - the same as `endState`
   */
  readonly hardenedEndState?: readonly Claim[];
  /**
   * Claims about the state right after a step's file is applied, by step id.
   * @default - none
   */
  readonly steps?: Readonly<Record<string, readonly Claim[]>>;
  /**
   * Sections whose bundles are applied before this one's (the networking policies need the store).
   * @default - none
   */
  readonly after?: readonly string[];
  /**
   * Whether the steps are applied on top of the section's own bundle (the Advanced AKS
   * text's ingress pair replaces the working one), rather than in its place.
   * @default false
   */
  readonly stepsAfterBundle?: boolean;
}

/** A section's end-state claims in a profile. */
export function endStateClaims(claims: SectionClaims, profile: Profile): readonly Claim[] {
  return profile === 'hardened' ? claims.hardenedEndState ?? claims.endState : claims.endState;
}

/** The clusters the workshop's bundles are applied to. */
export const WORKSHOP_CLUSTERS = ['member', 'fleet-hub'] as const;

/** A member (workload) cluster, or the Fleet hub cluster. */
export type WorkshopCluster = typeof WORKSHOP_CLUSTERS[number];

/** The folder, inside the output folder, of the bundles of `cluster` ('' for a member cluster's). */
export function clusterFolder(cluster: WorkshopCluster): string {
  return cluster === 'member' ? '' : `${cluster}/`;
}

/** The folder step files are written to, inside the output folder. */
export const STEPS_FOLDER = 'steps';

/**
 * The charts of `section` in `scope`: its end state (`<id>.k8s.yaml`) and one per step
 * (`steps/<id>.<step>.k8s.yaml`), in the folder of its cluster.
 */
export function addSection(scope: Construct, section: WorkshopSection, context: SectionContext, editionFolder: string = ''): Chart[] {
  const folder = `${editionFolder}${clusterFolder(section.cluster ?? 'member')}`;
  const bundle = section.build(scope, section.id, context);
  setManifestFile(bundle, `${folder}${section.id}.k8s.yaml`);
  const charts = [bundle];
  const stepIds = new Set<string>();
  for (const step of section.steps ?? []) {
    if (stepIds.has(step.id)) throw new InputError(`section ${section.id} has two steps with the id ${step.id}`);
    stepIds.add(step.id);
    const chart = new Chart(scope, `${section.id}.${step.id}`);
    setManifestFile(chart, `${folder}${STEPS_FOLDER}/${section.id}.${step.id}.k8s.yaml`);
    step.build(chart, context);
    charts.push(chart);
  }
  return charts;
}
