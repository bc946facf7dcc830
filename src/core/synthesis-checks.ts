import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { describeYamlOutputType, resourceFileName, SUPPORTED_YAML_OUTPUT_TYPES } from './manifest-layout';
import { describeRendered, objectIdentity, renderedIdentity } from './object-identity';
import { withFastObjectJson } from './object-json';
import { chartProblems } from './schema/validation-worker';

/**
 * The checks every synthesis of this library's objects runs, whichever way it is done
 * (`synthesizeManifests`, `App.synth()`, `Testing.synth(chart)`, `chart.toJson()`): two objects
 * of one chart that are the same Kubernetes object, two workloads of one namespace where one
 * selects the other's pods, objects their schemas refuse, and two objects the app's
 * `yamlOutputType` would write to one file name.
 *
 * `synthesizeManifests` runs them itself, in one pass (and its schema checks in a worker
 * thread for large apps). For the other ways they are registered with cdk8s's construct
 * validation (`node.addValidation`), which `App.synth()`, `App.synthYaml()` and `Chart.toJson()`
 * (behind `Testing.synth`) run before they render: once on each chart that holds a construct
 * of this library and once on its app. `synthesizeManifests` switches the registered ones
 * off while it walks the tree, so nothing is checked twice; `App.synth()` and `synthYaml()`,
 * which validate the whole app again for every chart they render, check each chart once.
 */

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** @internal The message when two objects of `chart` are the same Kubernetes object (the second would replace the first), else undefined. */
export function duplicateObjectProblem(chart: Chart, objects: readonly ApiObject[], rendered: readonly any[]): string | undefined {
  const seen = new Map<string, ApiObject>();
  for (const [i, json] of rendered.entries()) {
    const key = renderedIdentity(json);
    const first = seen.get(key);
    if (first !== undefined) {
      return `chart '${chart.node.path}' defines ${describeRendered(json)} twice: at ${first.node.path} and at ${objects[i].node.path}; `
        + 'the second would replace the first when applied. Give one of them another name or namespace, or move it to another chart';
    }
    seen.set(key, objects[i]);
  }
  return undefined;
}

/**
 * @internal The message when a workload of `chart` selects the pods of another in its namespace
 * (the two controllers would count, scale and replace each other's pods), else undefined.
 */
export function selectorProblem(chart: Chart, objects: readonly ApiObject[], rendered: readonly any[]): string | undefined {
  const workloads = rendered.map((json, i) => ({ json, object: objects[i] })).filter(({ json }) => WORKLOAD_KINDS.has(json.kind));
  for (const a of workloads) {
    const selector: Record<string, string> = a.json.spec?.selector?.matchLabels ?? {};
    if (Object.keys(selector).length === 0 || a.json.spec?.selector?.matchExpressions) continue;
    for (const b of workloads) {
      if (a === b || (a.json.metadata?.namespace ?? '') !== (b.json.metadata?.namespace ?? '')) continue;
      const labels: Record<string, string> = b.json.spec?.template?.metadata?.labels ?? {};
      if (Object.entries(selector).every(([k, v]) => labels[k] === v)) {
        return `chart '${chart.node.path}': ${a.json.kind} ${a.json.metadata?.name} (${a.object.node.path}) selects the pods of `
          + `${b.json.kind} ${b.json.metadata?.name} (${b.object.node.path}) with ${JSON.stringify(selector)}; the two would take over each other's pods. `
          + 'Give one of them pod labels of its own';
      }
    }
  }
  return undefined;
}

/** @internal The API objects `chart` holds itself (not those of charts nested in it), in definition order. */
function ownApiObjects(chart: Chart): ApiObject[] {
  const objects: ApiObject[] = [];
  const visit = (construct: IConstruct): void => {
    if (construct instanceof ApiObject) objects.push(construct);
    for (const child of construct.node.children) {
      if (!Chart.isChart(child)) visit(child);
    }
  };
  visit(chart);
  return objects;
}

/** Apps whose registered checks are off: `synthesizeManifests` is walking them and runs the checks itself. */
const CHECKED_BY_SYNTHESIZER = new WeakSet<IConstruct>();

/**
 * @internal Runs `walk` (a walk over `app` that calls every construct's `node.validate()`) with
 * the checks registered by {@link registerSynthesisChecks} switched off, for a caller that runs
 * them itself.
 */
export function withoutRegisteredChecks<T>(app: IConstruct, walk: () => T): T {
  if (CHECKED_BY_SYNTHESIZER.has(app)) return walk();
  CHECKED_BY_SYNTHESIZER.add(app);
  try {
    return walk();
  } finally {
    CHECKED_BY_SYNTHESIZER.delete(app);
  }
}

/** `toJson()` of each object, with undefined for one that throws: cdk8s reports that itself when it renders. */
function renderEach(root: IConstruct, objects: readonly ApiObject[]): unknown[] {
  const render = () => objects.map((object) => {
    try {
      return object.toJson();
    } catch {
      return undefined;
    }
  });
  return root instanceof App ? withFastObjectJson(root, render) : render();
}

/** The problems of one chart's own objects, for cdk8s's construct validation (which prefixes each with the chart's path). */
function chartCheckProblems(chart: Chart): string[] {
  const objects = ownApiObjects(chart);
  const all = renderEach(chart.node.root, objects);
  const rendered = all.filter((json) => json !== undefined) as any[];
  const kept = objects.filter((_, i) => all[i] !== undefined);
  const problems: string[] = [];
  const duplicate = duplicateObjectProblem(chart, kept, rendered);
  if (duplicate !== undefined) problems.push(duplicate);
  const selector = selectorProblem(chart, kept, rendered);
  if (selector !== undefined) problems.push(selector);
  for (const [index, subject, field, message] of chartProblems(rendered)) {
    problems.push(`${subject} (${kept[index].node.path}) does not match its schema: ${field} ${message}`);
  }
  return problems;
}

/** Where an object would be written, and what it is, for the layout check. */
interface Placed {
  readonly object: ApiObject;
  readonly what: string;
}

/** The problems of an app's layout: a `yamlOutputType` the library does not write, and two objects it would write to one file name. */
function appCheckProblems(app: App): string[] {
  const type: unknown = app.yamlOutputType;
  if (type === YamlOutputType.FILE_PER_CHART) return [];
  if (!(SUPPORTED_YAML_OUTPUT_TYPES as readonly unknown[]).includes(type)) {
    return [`invalid yamlOutputType ${describeYamlOutputType(type)}: must be one of ${SUPPORTED_YAML_OUTPUT_TYPES.map(describeYamlOutputType).join(', ')}`];
  }
  const files = new Map<string, Placed>();
  const problems: string[] = [];
  const visit = (construct: IConstruct, chart: Chart | undefined): void => {
    const holder = Chart.isChart(construct) ? construct : chart;
    if (construct instanceof ApiObject && holder !== undefined) {
      const ns = construct.metadata.namespace ? `${construct.metadata.namespace}/` : '';
      const what = `${construct.kind} ${ns}${construct.name}`;
      const key = type === YamlOutputType.FILE_PER_APP
        ? `app.k8s.yaml ${objectIdentity({ apiVersion: construct.apiVersion, kind: construct.kind, metadata: { name: construct.name, namespace: construct.metadata.namespace } })}`
        : type === YamlOutputType.FILE_PER_RESOURCE ? resourceFileName(construct.kind, construct.name)
          : `${holder.node.path}/${resourceFileName(construct.kind, construct.name)}`;
      const first = files.get(key);
      if (first === undefined) {
        files.set(key, { object: construct, what });
      } else if (type === YamlOutputType.FILE_PER_APP) {
        problems.push(`yamlOutputType ${describeYamlOutputType(type)} writes ${what} twice into app.k8s.yaml: from ${first.object.node.path} and from ${construct.node.path}; `
          + 'the second would replace the first when applied. Give one of them another name or namespace, or write a file per chart');
      } else {
        problems.push(`yamlOutputType ${describeYamlOutputType(type)} writes ${first.what} (${first.object.node.path}) and ${what} (${construct.node.path}) `
          + `to the same file, ${resourceFileName(construct.kind, construct.name)}, so one would replace the other. Give one of them another name, `
          + 'or use YamlOutputType.FILE_PER_CHART');
      }
    }
    for (const child of construct.node.children) visit(child, holder);
  };
  visit(app, undefined);
  return problems;
}

const CHECKED = new WeakSet<IConstruct>();

/**
 * The charts (and the app) checked by the `App.synth()` or `App.synthYaml()` call running on each app.
 * Those validate the whole app once, then once more for every chart they render (`chart.toJson()`
 * validates the app again), with nothing changed in between: each chart is checked in the first
 * pass only, so that the checks cost what the objects cost, not that times the charts.
 */
const SYNTHESIS_IN_PROGRESS = new WeakMap<IConstruct, WeakSet<IConstruct>>();

/** Wraps the app's `synth` and `synthYaml` (its own, or a subclass's) to mark the charts checked while they run. */
function checkOncePerSynthesis(app: App): void {
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as (this: App) => unknown;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function synthesizing(this: App): unknown {
        if (SYNTHESIS_IN_PROGRESS.has(app)) return original.call(this);
        SYNTHESIS_IN_PROGRESS.set(app, new WeakSet());
        try {
          return original.call(this);
        } finally {
          SYNTHESIS_IN_PROGRESS.delete(app);
        }
      },
    });
  }
}

/**
 * The problems `check` finds in `construct` (a chart, or the app), or none when the checks are
 * off for its app or the synthesis running on the app has checked it already (a later pass
 * means the first found nothing).
 */
function checkOnce<C extends IConstruct>(construct: C, check: (c: C) => string[]): string[] {
  const root = construct.node.root;
  if (CHECKED_BY_SYNTHESIZER.has(root)) return [];
  const checked = SYNTHESIS_IN_PROGRESS.get(root);
  if (checked?.has(construct)) return [];
  checked?.add(construct);
  return check(construct);
}

/**
 * @internal Registers the synthesis checks with cdk8s's construct validation for the chart that
 * holds `scope` and for its app, each once (later calls cost a walk up the tree). Every
 * construct of this library calls it (from `requireProps`), so that `App.synth()` and
 * `Testing.synth(chart)` check what `synthesizeManifests` checks.
 */
export function registerSynthesisChecks(scope: IConstruct): void {
  let chart: Chart | undefined;
  for (let current: IConstruct | undefined = scope; current !== undefined; current = current.node.scope) {
    if (Chart.isChart(current)) {
      chart = current;
      break;
    }
  }
  if (chart !== undefined && !CHECKED.has(chart)) {
    CHECKED.add(chart);
    const checked = chart;
    checked.node.addValidation({ validate: () => checkOnce(checked, chartCheckProblems) });
  }
  const root = scope.node.root;
  if (root instanceof App && !CHECKED.has(root)) {
    CHECKED.add(root);
    checkOncePerSynthesis(root);
    root.node.addValidation({ validate: () => checkOnce(root, appCheckProblems) });
  }
}
