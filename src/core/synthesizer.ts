import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AksLabsError, InputError } from './errors';
import { ManifestEmitter } from './manifest-emitter';
import { chartFolderName, describeYamlOutputType, MANIFEST_EXTENSION, requireYamlOutputType, resourceFileName } from './manifest-layout';
import { describeRendered, renderedIdentity } from './object-identity';
import { withFastObjectJson } from './object-json';
import { ParallelValidation, VALIDATION_THREADS, ValidationThread } from './schema/parallel-validation';
import { chartProblems, ValidationProblem } from './schema/validation-worker';
import { duplicateObjectProblem, selectorProblem, withoutRegisteredChecks } from './synthesis-checks';
import { didYouMean, KnownKeys, unknownKey } from './validation';

/**
 * One synthesized manifest file: a chart's objects as multi-document YAML, or, as the app's
 * `yamlOutputType` lays them out, every chart's objects or one object (see
 * `SUPPORTED_YAML_OUTPUT_TYPES`).
 */
export interface ManifestFile {
  /**
   * The file's path inside the output folder: the chart's id plus `.k8s.yaml`, or what
   * {@link setManifestFile} set (`FILE_PER_CHART`, the default); `app.k8s.yaml`
   * (`FILE_PER_APP`); `<Kind>.<name>.k8s.yaml` (`FILE_PER_RESOURCE`), in the chart's folder
   * for `FOLDER_PER_CHART_FILE_PER_RESOURCE`.
   */
  readonly fileName: string;
  /** The file's API objects as JSON, in the order they were defined (chart by chart). */
  readonly objects: readonly any[];
  /** The YAML text written to the file. */
  readonly yaml: string;
}

const MANIFEST_FILES = new WeakMap<Chart, string>();

/**
 * Sets the file `chart` is written to, relative to the output folder, with '/' between folders
 * (e.g. `steps/02-networking.step1.k8s.yaml`).
 */
export function setManifestFile(chart: Chart, file: string): void {
  if (typeof file !== 'string' || !/^([-\w.]+\/)*[-\w.]+\.ya?ml$/.test(file) || file.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(`${chart.node.path}: invalid manifest file ${JSON.stringify(file)}: must be a relative path of letters, digits, '-', '_' and '.', ending in .yaml`);
  }
  MANIFEST_FILES.set(chart, file);
}

/** The file a chart is written to: what {@link setManifestFile} set, else its construct id plus `.k8s.yaml`. */
export function manifestFileName(chart: Chart): string {
  return MANIFEST_FILES.get(chart) ?? `${chart.node.id}${MANIFEST_EXTENSION}`;
}

/** A chart and its own API objects (not those of charts nested in it), in definition order. */
interface ChartObjects {
  readonly chart: Chart;
  readonly objects: ApiObject[];
}

/**
 * Walks the tree once, depth first as `findAll` does: groups the API objects by the chart that
 * holds them and, with `validate`, runs every construct's validations (throwing all their errors together).
 */
function collectCharts(root: IConstruct, validate: boolean): ChartObjects[] {
  const errors: string[] = [];
  const charts: ChartObjects[] = [];
  const visit = (construct: IConstruct, current: ChartObjects | undefined): void => {
    if (validate) for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
    let holder = current;
    if (Chart.isChart(construct)) {
      holder = { chart: construct, objects: [] };
      charts.push(holder);
    } else if (construct instanceof ApiObject) {
      holder?.objects.push(construct);
    }
    for (const child of construct.node.children) visit(child, holder);
  };
  // The checks registered with cdk8s's construct validation are the ones chartFiles runs itself.
  withoutRegisteredChecks(root, () => visit(root, undefined));
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
  return charts;
}


/** Options of {@link synthesizeManifests}. */
export interface SynthesizeOptions {
  /**
   * Check every object against its schema (Kubernetes 1.30 OpenAPI for built-in kinds, the
   * CRD's `openAPIV3Schema` for custom resources) and fail the synth on any problem.
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Where objects are checked: `main` in the synthesis thread, `worker` in a worker thread
   * while the next charts are rendered and written (an error when no worker can start: the
   * library runs from TypeScript sources or inside another bundle), `auto` in a worker for
   * apps of 2,000 objects or more when one can start, else in the synthesis thread. The
   * problems found, and when they are thrown, are the same in each.
   * @default 'auto'
   */
  readonly validationThread?: ValidationThread;
}

/** Thrown when synthesized objects do not match their schemas; lists each problem with its object, field and construct. */
export class SchemaValidationError extends AksLabsError {
  public readonly kind = 'run';

  constructor(
    /** One line per problem: `[construct path] kind namespace/name: /field/path message`. */
    public readonly problems: readonly string[],
  ) {
    super(`${problems.length === 1 ? '1 problem' : `${problems.length} problems`} where synthesized objects do not match their schemas:\n  ${problems.join('\n  ')}`, 'SchemaValidationError');
  }
}

/** Problem lines of one chart, each naming the construct of its object. */
function problemLines(objects: readonly ApiObject[], problems: readonly ValidationProblem[]): string[] {
  return problems.map(([index, subject, field, message]) => `[${objects[index].node.path}] ${subject}: ${field} ${message}`);
}

/** Renders a chart's objects (the one-pass `toJson` where it applies). */
function renderObjects(app: App, objects: readonly ApiObject[]): any[] {
  return withFastObjectJson(app, () => objects.map((object) => object.toJson()));
}

/**
 * The worker's problems, by chart. When the worker failed and `thread` is `auto`, the objects
 * are rendered again and checked in this thread instead.
 */
function workerProblems(app: App, charts: readonly ChartObjects[], parallel: ParallelValidation, thread: ValidationThread): string[] {
  let found: Map<number, readonly ValidationProblem[]>;
  try {
    found = parallel.finish();
  } catch (error) {
    if (thread !== 'auto') throw error;
    found = new Map(charts.map(({ objects }, index) => [index, chartProblems(renderObjects(app, objects))]));
  }
  return charts.flatMap(({ objects }, index) => problemLines(objects, found.get(index) ?? []));
}

/**
 * Renders every chart of `app` to YAML in one pass over the construct tree.
 *
 * `App.synth()` re-validates and re-walks the whole app for every chart, so its cost grows
 * with charts × objects; this walks the tree once, to validate and to find each chart's own
 * objects, so the cost grows with the number of objects. Objects come out in the
 * order they were defined; explicit `node.addDependency` ordering is not applied. Two objects
 * of one chart with the same group, kind, namespace and name are an error, so are two
 * workloads of one namespace where one selects the other's pods, and so is an object that
 * does not match its schema (unless `validate` is false). These are the checks the library's
 * constructs register with cdk8s's construct validation for `App.synth()` and `Testing.synth`;
 * here they run once, in this pass.
 *
 * The files follow the app's `yamlOutputType` (see `SUPPORTED_YAML_OUTPUT_TYPES`): a file per
 * chart by default, one file for the app, or a file per object (in a folder per chart). A
 * value it does not write is an `InputError`, as is a chart given its file with
 * {@link setManifestFile} in a layout that writes no file per chart; two objects the layout
 * would write to one file are an error.
 */
export function synthesizeManifests(app: App, options: SynthesizeOptions = {}): ManifestFile[] {
  requireApp('synthesizeManifests', app);
  return [...synthesizeCharts(app, options)];
}

/**
 * {@link synthesizeManifests} one chart at a time: each chart's file is rendered when the
 * caller asks for the next one, so a writer can write it and let it go (`writeManifests`
 * takes the generator). The checks are the same; schema problems of every chart are thrown
 * after the last file, before a writer puts anything in place.
 */
export function synthesizeCharts(app: App, options: SynthesizeOptions = {}): Generator<ManifestFile> {
  requireApp('synthesizeCharts', app);
  const { validate, thread } = requireSynthesizeOptions(options);
  return chartFiles(app, validate, thread);
}

/**
 * Throws an {@link InputError} unless `app` is a cdk8s `App`: the walk starts at the app and
 * renders with its resolvers, and anything else would fail later with a `TypeError`.
 */
function requireApp(caller: string, app: unknown): void {
  if (app instanceof App) return;
  const given = app === null || app === undefined ? String(app)
    : Chart.isChart(app) ? `the Chart '${(app as Chart).node.path}' (give its app: Chart.of(x).node.root)`
      : typeof app === 'object' ? describeObject(app as object) : `a ${typeof app}`;
  throw new InputError(`${caller}: must be given a cdk8s App (new App()), not ${given}`);
}

function describeObject(value: object): string {
  const name = value.constructor?.name;
  return name === undefined || name === 'Object' ? 'a plain object' : `a ${name}`;
}

const SYNTHESIZE_OPTIONS: KnownKeys<SynthesizeOptions> = { validate: true, validationThread: true };

/** The options with their defaults, or an {@link InputError} naming an option that is not one. */
function requireSynthesizeOptions(options: SynthesizeOptions): { validate: boolean; thread: ValidationThread } {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InputError(`invalid synthesize options ${JSON.stringify(options)}: must be an object with ${Object.keys(SYNTHESIZE_OPTIONS).join(', ')}`);
  }
  const unknown = unknownKey(options, Object.keys(SYNTHESIZE_OPTIONS));
  if (unknown !== undefined) {
    throw new InputError(`invalid synthesize option ${JSON.stringify(unknown.key)}: must name ${Object.keys(SYNTHESIZE_OPTIONS).join(' or ')}${didYouMean(unknown)}`);
  }
  const validate = options.validate ?? true;
  if (typeof validate !== 'boolean') throw new InputError(`invalid validate ${JSON.stringify(validate)}: must be true or false`);
  const thread = options.validationThread ?? 'auto';
  if (!VALIDATION_THREADS.includes(thread)) {
    throw new InputError(`invalid validationThread ${JSON.stringify(thread)}: must be one of ${VALIDATION_THREADS.join(', ')}`);
  }
  return { validate, thread };
}

/** Throws `problem` when there is one. */
function refuse(problem: string | undefined): void {
  if (problem !== undefined) throw new Error(problem);
}

/**
 * Throws an {@link InputError} when a chart was given its file with {@link setManifestFile}
 * and `type` writes no file per chart (the file would be ignored without a word).
 */
function requirePlacementFits(type: YamlOutputType, charts: readonly ChartObjects[]): void {
  if (type !== YamlOutputType.FILE_PER_APP && type !== YamlOutputType.FILE_PER_RESOURCE) return;
  const placed = charts.find(({ chart }) => MANIFEST_FILES.has(chart));
  if (placed === undefined) return;
  throw new InputError(`chart '${placed.chart.node.path}' is to be written to ${MANIFEST_FILES.get(placed.chart)} (setManifestFile), but the App's yamlOutputType `
    + `${describeYamlOutputType(type)} writes ${type === YamlOutputType.FILE_PER_APP ? 'every chart into app.k8s.yaml' : 'one file per object, in no chart\'s file'}: `
    + 'use YamlOutputType.FILE_PER_CHART or YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, or leave the chart\'s file unset');
}

function* chartFiles(app: App, validate: boolean, thread: ValidationThread): Generator<ManifestFile> {
  const type = requireYamlOutputType(app);
  const charts = collectCharts(app, true);
  requirePlacementFits(type, charts);
  const parallel = validate ? ParallelValidation.start(thread, charts.reduce((count, c) => count + c.objects.length, 0)) : undefined;
  try {
    const seen = new Set<string>();
    const problems: string[] = [];
    const emitter = new ManifestEmitter();
    // FILE_PER_APP: the one file's objects, and each object's identity; per-resource layouts: the object each file holds.
    const appObjects: any[] = [];
    const inAppFile = new Map<string, ApiObject>();
    const resourceFiles = new Map<string, { readonly json: any; readonly object: ApiObject }>();
    for (const [index, { chart, objects: apiObjects }] of charts.entries()) {
      const fileName = manifestFileName(chart);
      const unit = type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE ? chartFolderName(fileName) : fileName;
      if (type === YamlOutputType.FILE_PER_CHART || type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
        if (seen.has(unit)) throw new Error(`two charts would be written to ${unit}: ${chart.node.path}`);
        seen.add(unit);
      }
      const objects = renderObjects(app, apiObjects);
      refuse(duplicateObjectProblem(chart, apiObjects, objects));
      refuse(selectorProblem(chart, apiObjects, objects));
      if (parallel !== undefined) parallel.submit(index, objects);
      else if (validate) problems.push(...problemLines(apiObjects, chartProblems(objects)));
      if (type === YamlOutputType.FILE_PER_CHART) {
        // Every file starts a document, so files joined one after the other (`cdk8s synth --stdout`) stay valid YAML.
        yield { fileName, objects, yaml: `---\n${emitter.stringify(objects)}` };
      } else if (type === YamlOutputType.FILE_PER_APP) {
        for (const [i, json] of objects.entries()) {
          const key = renderedIdentity(json);
          const first = inAppFile.get(key);
          if (first !== undefined) {
            throw new Error(`yamlOutputType YamlOutputType.FILE_PER_APP writes ${describeRendered(json)} twice into app.k8s.yaml: from ${first.node.path} and from ${apiObjects[i].node.path}; `
              + 'the second would replace the first when applied. Give one of them another name or namespace, or write a file per chart');
          }
          inAppFile.set(key, apiObjects[i]);
          appObjects.push(json);
        }
      } else {
        for (const [i, json] of objects.entries()) {
          const file = resourceFileName(json.kind, json.metadata?.name);
          const path = type === YamlOutputType.FILE_PER_RESOURCE ? file : `${unit}/${file}`;
          const first = resourceFiles.get(path);
          if (first !== undefined) {
            throw new Error(`yamlOutputType ${describeYamlOutputType(type)} writes ${describeRendered(first.json)} (${first.object.node.path}) and ${describeRendered(json)} `
              + `(${apiObjects[i].node.path}) to the same file, ${path}, so one would replace the other. Give one of them another name, or use YamlOutputType.FILE_PER_CHART`);
          }
          resourceFiles.set(path, { json, object: apiObjects[i] });
          yield { fileName: path, objects: [json], yaml: `---\n${emitter.stringify([json])}` };
        }
      }
    }
    if (type === YamlOutputType.FILE_PER_APP && charts.length > 0) {
      yield { fileName: `app${MANIFEST_EXTENSION}`, objects: appObjects, yaml: `---\n${emitter.stringify(appObjects)}` };
    }
    if (parallel !== undefined) problems.push(...workerProblems(app, charts, parallel, thread));
    if (problems.length > 0) throw new SchemaValidationError(problems);
  } finally {
    parallel?.close();
  }
}

/**
 * The `construct-metadata.json` the cdk8s CLI reads when validation plugins run (it sets
 * `CDK8S_RECORD_CONSTRUCT_METADATA=true`), in the format `App.synth` writes: each object's
 * name and the path of its construct, so that plugin reports name the construct.
 */
export function constructMetadata(app: App): string {
  requireApp('constructMetadata', app);
  const resources: Record<string, { path: string }> = {};
  for (const { objects } of collectCharts(app, false)) {
    for (const object of objects) resources[object.name] = { path: object.node.path };
  }
  return JSON.stringify({ version: '1.0.0', resources });
}
