import * as fs from 'fs';
import * as path from 'path';
import { describeCause, OutputFolderError } from './output-folder-error';
import { inspectFolder } from './output-guard';
import { describeEntry, OUTPUT_MARKER, readMarkerContent } from './output-marker';

/** The sibling paths a run uses beside the output folder `target`. */
export interface SiblingPaths {
  /** The folder holding the output folder. */
  readonly dir: string;
  /** Matches the names of staging and previous folders of any run; group 1 is the kind, group 2 the process id. */
  readonly leftover: RegExp;
  readonly lock: string;
  /** This run's staging folder. */
  readonly staging: string;
  /** Where this run moves the old folder while it moves the new one in. */
  readonly previous: string;
}

/** Sibling paths of the folder used while it is written. */
export function siblings(target: string): SiblingPaths {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return {
    dir,
    leftover: new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.aks-labs-(staging|previous)-(\\d+)$`),
    lock: path.join(dir, `.${base}.aks-labs-lock`),
    staging: path.join(dir, `.${base}.aks-labs-staging-${process.pid}`),
    previous: path.join(dir, `.${base}.aks-labs-previous-${process.pid}`),
  };
}

/**
 * Whether `folder` (named like a leftover) is provably a writer's own: a real folder whose
 * marker either says it is the staging folder for `target`, or lists every file it holds with
 * its exact content. Anything else may be a user's folder that happens to have such a name.
 */
function provenOwn(folder: string, target: string): { own: boolean; why: string } {
  const stat = fs.lstatSync(folder, { throwIfNoEntry: false });
  if (stat === undefined) return { own: false, why: 'it is gone' };
  if (!stat.isDirectory()) return { own: false, why: `it is ${describeEntry(stat)}, not a folder` };
  try {
    // A run killed right after creating its staging folder leaves it empty: removing it loses nothing.
    if (fs.readdirSync(folder).length === 0) return { own: true, why: '' };
    const marker = readMarkerContent(folder);
    if (marker === undefined) return { own: false, why: `it has no ${OUTPUT_MARKER}` };
    if (marker.stagingFor !== undefined) {
      return marker.stagingFor === target ? { own: true, why: '' } : { own: false, why: `its marker says it is staging for ${marker.stagingFor}` };
    }
    const { edited, foreign } = inspectFolder(folder);
    if (marker.invalidLines.length > 0 || edited.length > 0 || foreign.length > 0) {
      return { own: false, why: `it holds what its ${OUTPUT_MARKER} does not list (${[...edited, ...foreign].slice(0, 3).join(', ') || 'an edited marker'})` };
    }
    return { own: true, why: '' };
  } catch (error) {
    return { own: false, why: describeCause(error) };
  }
}

/**
 * Removes a folder a writer made, its marker last: a removal cut short leaves the marker while
 * any file remains, so the next run still recognises the rest as its own.
 */
export function removeOwnFolder(folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.name !== OUTPUT_MARKER) fs.rmSync(path.join(folder, entry.name), { recursive: true, force: true });
  }
  fs.rmSync(folder, { recursive: true, force: true });
}

/**
 * Puts back the old folder of a run killed between moving it aside and moving the new one in,
 * and removes what killed runs left behind. Runs under the lock, so no other run writes the
 * folder; a leftover is touched only when it is proven a writer's own (see {@link provenOwn}),
 * otherwise the run stops and names it.
 */
export function recoverLeftovers(outdir: string, target: string, warnings: string[]): void {
  const { dir, leftover } = siblings(target);
  const names = fs.readdirSync(dir).filter((name) => leftover.test(name)).sort();
  const checked = names.map((name) => ({ name, folder: path.join(dir, name), ...provenOwn(path.join(dir, name), target) }));
  const foreign = checked.filter((c) => !c.own);
  if (foreign.length > 0) {
    throw OutputFolderError.refusal(outdir, `refusing to write the output folder ${outdir}: ${foreign.map((c) => `${c.folder} is named like the leftover of an `
      + `interrupted aks-labs-cdk8s run, but nothing shows a run made it (${c.why})`).join('; ')}. Rename or move it; the writer removes only what it wrote`);
  }
  const previous = checked.filter((c) => c.name.includes('.aks-labs-previous-'));
  if (!fs.existsSync(target) && previous.length > 0) {
    const newest = previous.reduce((a, b) => (fs.statSync(b.folder).mtimeMs > fs.statSync(a.folder).mtimeMs ? b : a));
    fs.renameSync(newest.folder, target);
    warnings.push(`restored ${target} from ${newest.name}, left by an interrupted run`);
  }
  for (const { folder } of checked) {
    if (!fs.existsSync(folder)) continue;
    try {
      removeOwnFolder(folder);
    } catch (error) {
      warnings.push(`could not remove ${folder}, left by an interrupted run: ${describeCause(error)}`);
    }
  }
}
