import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeFileSystemError, OutputFolderError } from './output-folder-error';
import { OutputFile, SECRET_FILE_MODE } from './write-output';

/**
 * A folder the cdk8s CLI made for the app it runs, and what it does with the YAML files it
 * finds there afterwards:
 *
 * - `cdk8s-stdout`: `cdk8s synth --stdout` runs the app with `CDK8S_OUTDIR` set to a new, empty
 *   folder `cdk8s-XXXXXX` directly under the system's temp folder (`fs.mkdtemp`), prints every
 *   `*.yaml` file found in it (recursively, one file after the other, with no separator), and
 *   then removes it;
 * - `helm-templates`: `cdk8s synth --format helm` scaffolds a chart (`Chart.yaml` and a
 *   `README.md` that says "This Helm chart is generated using cdk8s") into the output folder,
 *   which it emptied first, and runs the app with `CDK8S_OUTDIR` set to its `templates/`
 *   folder; Helm then renders every file there whose name does not start with `_`.
 */
export type Cdk8sCliFolder = 'cdk8s-stdout' | 'helm-templates';

/** The beginning of the README.md `cdk8s synth --format helm` writes beside `templates/`. */
const HELM_README = 'This Helm chart is generated using cdk8s.';

/** `cdk8s-` and the six characters `fs.mkdtemp` adds. */
const STDOUT_FOLDER = /^cdk8s-[A-Za-z0-9]{6}$/;

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Whether `folder` is an existing, empty folder. */
function isEmptyFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length === 0;
  } catch {
    return false;
  }
}

function readStart(file: string, length: number): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    return fs.readFileSync(file, 'utf8').slice(0, length);
  } catch {
    return undefined;
  }
}

/**
 * Which folder of the cdk8s CLI `outdir` is, or undefined for any other folder. The test is
 * narrow, as nothing else in the environment tells the app how the CLI will use the folder:
 *
 * - `cdk8s-stdout`: an existing, empty folder named `cdk8s-` plus six letters or digits, directly
 *   in `os.tmpdir()` (both compared as real paths);
 * - `helm-templates`: a folder named `templates` that does not exist yet or is empty, beside
 *   a `Chart.yaml` file and a `README.md` that starts with the sentence cdk8s writes there.
 */
export function cdk8sCliFolder(outdir: string): Cdk8sCliFolder | undefined {
  if (typeof outdir !== 'string' || outdir === '') return undefined;
  const given = path.resolve(outdir);
  if (STDOUT_FOLDER.test(path.basename(given)) && isEmptyFolder(given)) {
    const tmp = realPath(os.tmpdir());
    const parent = realPath(path.dirname(given));
    if (tmp !== undefined && parent === tmp) return 'cdk8s-stdout';
  }
  if (path.basename(given) === 'templates' && (!fs.existsSync(given) || isEmptyFolder(given))) {
    const chart = path.dirname(given);
    if (readStart(path.join(chart, 'Chart.yaml'), 1) !== undefined && readStart(path.join(chart, 'README.md'), HELM_README.length) === HELM_README) {
      return 'helm-templates';
    }
  }
  return undefined;
}

/**
 * The text of a Helm template that renders to `yaml` unchanged: Helm reads every file in
 * `templates/` as a Go template, so each `{{` becomes `{{ "{{" }}`, which renders as `{{`.
 */
export function helmTemplateText(yaml: string): string {
  return yaml.split('{{').join('{{ "{{" }}');
}

/**
 * Writes `files` (paths relative to `folder`, with '/' between folders) into a folder of the
 * cdk8s CLI (see {@link cdk8sCliFolder}), creating it when it does not exist yet; a file
 * marked `secret` is created `0600`. Nothing else is written: no marker, lock or staging
 * folder, as the CLI made the folder for this run (and empties or removes it itself), and
 * Helm would render any file put into `templates/` but for dot-files directly in it.
 */
export function writeCdk8sCliFolder(folder: string, files: readonly OutputFile[]): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    for (const file of files) {
      const destination = path.join(folder, ...file.path.split('/'));
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      // 'wx': a new file in the folder the CLI just made, never one that was there.
      fs.writeFileSync(destination, file.content, file.secret === true ? { flag: 'wx', mode: SECRET_FILE_MODE } : { flag: 'wx' });
      if (file.secret === true) fs.chmodSync(destination, SECRET_FILE_MODE);
    }
  } catch (error) {
    throw new OutputFolderError(folder, `cannot write into ${folder}, the folder the cdk8s CLI gave the app: ${describeFileSystemError(error)}`, false, error);
  }
}
