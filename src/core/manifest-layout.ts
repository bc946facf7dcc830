import { App, YamlOutputType } from 'cdk8s';
import { InputError } from './errors';

/**
 * The values of cdk8s's `App` prop `yamlOutputType` that `synthesizeManifests`,
 * `synthesizeCharts` and `writeManifests` honour, the default first: each lays the objects
 * out in files as `App.synth()` does, and two objects that would land in one file name (or,
 * for `FILE_PER_APP`, one object twice in the one file) are refused, where `App.synth()`
 * would let the second silently replace the first.
 *
 * - `FILE_PER_CHART`: one file per chart, `<chart id>.k8s.yaml` or what `setManifestFile` set;
 * - `FILE_PER_APP`: every chart's objects in `app.k8s.yaml`, in chart order;
 * - `FILE_PER_RESOURCE`: one file per object, `<Kind>.<name>.k8s.yaml`;
 * - `FOLDER_PER_CHART_FILE_PER_RESOURCE`: a folder per chart (its file's path without
 *   `.k8s.yaml`), holding one file per object, `<Kind>.<name>.k8s.yaml`.
 */
export const SUPPORTED_YAML_OUTPUT_TYPES: readonly YamlOutputType[] = [
  YamlOutputType.FILE_PER_CHART,
  YamlOutputType.FILE_PER_APP,
  YamlOutputType.FILE_PER_RESOURCE,
  YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
];

/** @internal `YamlOutputType.FILE_PER_CHART`, ...: how a value of `yamlOutputType` is written in code. */
export function describeYamlOutputType(value: unknown): string {
  const name = typeof value === 'number' ? YamlOutputType[value] : undefined;
  return name === undefined ? JSON.stringify(value) ?? String(value) : `YamlOutputType.${name}`;
}

/**
 * @internal The app's `yamlOutputType`, or an {@link InputError} naming the value and the supported ones
 * ({@link SUPPORTED_YAML_OUTPUT_TYPES}) when it is none of them.
 */
export function requireYamlOutputType(app: App): YamlOutputType {
  const value: unknown = app.yamlOutputType;
  if ((SUPPORTED_YAML_OUTPUT_TYPES as readonly unknown[]).includes(value)) return value as YamlOutputType;
  throw new InputError(`invalid yamlOutputType ${describeYamlOutputType(value)} of the App: must be one of `
    + `${SUPPORTED_YAML_OUTPUT_TYPES.map(describeYamlOutputType).join(', ')}`);
}

/** @internal The file extension of every manifest file the synthesizer names. */
export const MANIFEST_EXTENSION = '.k8s.yaml';

/**
 * @internal The file of one object in the per-resource layouts: `<Kind>.<name>.k8s.yaml` with every
 * character but letters, digits, '-', '_' and '.' left out, as `App.synth()` names it.
 */
export function resourceFileName(kind: unknown, name: unknown): string {
  return `${`${kind}.${name}`.replace(/[^0-9a-zA-Z-_.]/g, '')}${MANIFEST_EXTENSION}`;
}

/** @internal The folder of a chart in `FOLDER_PER_CHART_FILE_PER_RESOURCE`: its manifest file's path without `.k8s.yaml` (or `.yaml`/`.yml`). */
export function chartFolderName(manifestFile: string): string {
  return manifestFile.replace(/\.ya?ml$/, '').replace(/\.k8s$/, '');
}
