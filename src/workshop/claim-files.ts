import { clusterFolder, endStateClaims, STEPS_FOLDER, WorkshopSection } from './section';
import { Claim, renderClaims } from '../analysis/claims';
import { Profile } from '../core/profile';
import { OutputFile } from '../output/write-output';

/** The folder, inside the output folder, that claims files are written to. */
export const CLAIMS_FOLDER = 'claims';

function claimsFile(folder: string, path: string, claims: readonly Claim[], manifests: readonly string[], what: string, step: boolean): OutputFile {
  const header = [
    '---',
    `# ${what}: what the workshop says these manifests let through and block; written by aks-labs-cdk8s.`,
    `# Check them in ${folder === '' ? 'the output folder' : `the output folder's ${folder}`} (inside the clone or project that wrote it, where npx finds the command):`,
    `#   npx aks-labs-cdk8s verify ${manifests.join(' ')} --claims ${path}`,
    ...(step
      ? ["# The step files are the workshop's own, defects included: claims they break do not hold and the command exits with 1,",
        '# naming them (aks-labs-cdk8s docs/verifier.md, "Shipped claims", lists them).']
      : []),
  ].join('\n');
  return { path: `${folder}${path}`, content: `${header}\n${renderClaims(claims)}` };
}

/**
 * A claims file per written section that has claims (`claims/<id>.claims.yaml`) and per step
 * with claims (`claims/steps/<id>.<step>.claims.yaml`), each headed by the command that checks it.
 * The end-state claims are those of `profile` (the hardened profile blocks more).
 */
export function claimFiles(written: readonly WorkshopSection[], folder: string = '', profile: Profile = 'workshop'): OutputFile[] {
  const bundle = (s: WorkshopSection) => `${clusterFolder(s.cluster ?? 'member')}${s.id}.k8s.yaml`;
  return written.flatMap((section) => {
    if (section.claims === undefined) return [];
    const before = (section.claims.after ?? []).map((id) => written.find((s) => s.id === id)).filter((s) => s !== undefined).map((s) => bundle(s!));
    const endState = endStateClaims(section.claims, profile);
    const files = [claimsFile(folder, `${CLAIMS_FOLDER}/${section.id}.claims.yaml`, endState, [...before, bundle(section)], `${section.id} (${section.title})`, false)];
    const base = section.claims.stepsAfterBundle ? [...before, bundle(section)] : before;
    const steps = section.steps ?? [];
    steps.forEach((step, index) => {
      const claims = section.claims!.steps?.[step.id];
      if (claims === undefined || claims.length === 0) return;
      const applied = steps.slice(0, index + 1).map((s) => `${STEPS_FOLDER}/${section.id}.${s.id}.k8s.yaml`);
      const path = `${CLAIMS_FOLDER}/${STEPS_FOLDER}/${section.id}.${step.id}.claims.yaml`;
      files.push(claimsFile(folder, path, claims, [...base, ...applied], `${section.id}, after "${step.title}"`, true));
    });
    return files;
  });
}
