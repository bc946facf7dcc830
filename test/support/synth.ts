import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ManifestFile, synthesizeManifests, WorkshopSection } from '../../src';

/** Synthesizes one section in a fresh app. */
export function synthSection(section: WorkshopSection): ManifestFile[] {
  const app = new App({ outdir: 'unused' });
  section.addTo(app);
  return synthesizeManifests(app);
}

/** Builds constructs into a fresh chart and returns the chart's objects. */
export function synthObjects(build: (scope: Construct) => void): any[] {
  const app = new App({ outdir: 'unused' });
  build(new Chart(app, 'test'));
  return synthesizeManifests(app)[0].objects as any[];
}

/** The object of `kind` named `name` among `objects`; throws when there is none. */
export function findObject(objects: readonly any[], kind: string, name: string): any {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found;
}
