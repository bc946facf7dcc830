import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { WorkshopSettingName, WorkshopSettings } from '../settings/workshop-settings';

/**
 * A workshop section: the bundle of manifests a section applies, written to
 * `dist/<id>.k8s.yaml`, plus step files `dist/<id>.<step>.k8s.yaml` where the workshop
 * applies manifests that replace each other.
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
  /**
   * Adds the section's charts to `scope`. Each chart's id is its file stem: the section
   * bundle is `id`; step files are `<id>.<step>`. Settings named in `requires` are set.
   */
  readonly addTo: (scope: Construct, settings: WorkshopSettings) => Chart[];
}

/** Adds the chart of one workshop step, written to `dist/<sectionId>.<step>.k8s.yaml`. */
export function stepChart(scope: Construct, sectionId: string, step: string, build: (chart: Chart) => void): Chart {
  const chart = new Chart(scope, `${sectionId}.${step}`);
  build(chart);
  return chart;
}
