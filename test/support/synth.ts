import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { addTenant } from '../../bench/tenant';
import { addSection, EDITIONS, ManifestFile, Profile, PROFILES, synthesizeManifests, WORKSHOP_EDITIONS, WorkshopSection, WorkshopSettings } from '../../src';

/** Workshop settings as a filled-in `.env` would give them. */
export const SAMPLE_SETTINGS: WorkshopSettings = {
  userAssignedClientId: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  keyVaultUrl: 'https://kv-akslabs-42.vault.azure.net/',
  serviceAccountNamespace: 'default',
  serviceAccountName: 'workload-identity-sa',
};

/**
 * An app with every section of both workshops in both profiles (with the settings each needs),
 * and one fleet tenant (bench/tenant.ts): every kind of object the library writes.
 */
export function everySectionApp(): App {
  const app = new App({ outdir: 'unused' });
  const settings = { ...SAMPLE_SETTINGS, advancedAksKeyVaultUrl: 'https://kv-advanced-7.vault.azure.net/' };
  for (const profile of PROFILES) {
    const scope = new Chart(app, profile);
    for (const edition of WORKSHOP_EDITIONS) {
      for (const section of EDITIONS[edition].sections) addSection(new Chart(scope, `${edition}-${section.id}`), section, { settings, profile });
    }
  }
  addTenant(app, 7);
  return app;
}

/** Synthesizes one section in a fresh app. */
export function synthSection(section: WorkshopSection, settings: WorkshopSettings = SAMPLE_SETTINGS, profile: Profile = 'workshop'): ManifestFile[] {
  const app = new App({ outdir: 'unused' });
  addSection(app, section, { settings, profile });
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
