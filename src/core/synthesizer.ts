import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';

/** One synthesized manifest file: a chart's objects as multi-document YAML. */
export interface ManifestFile {
  /** File name inside the output folder: the chart's id plus `.k8s.yaml`. */
  readonly fileName: string;
  /** The chart's API objects as JSON, in the order they were defined. */
  readonly objects: readonly any[];
  /** The YAML text written to the file. */
  readonly yaml: string;
}

/** The file name a chart is written to: its construct id plus `.k8s.yaml`. */
export function manifestFileName(chart: Chart): string {
  return `${chart.node.id}.k8s.yaml`;
}

function validateTree(root: IConstruct): void {
  const errors: string[] = [];
  for (const construct of root.node.findAll()) {
    for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}

/** The API objects of `chart` itself (not of charts nested in it), in definition order. */
function chartObjects(chart: Chart): ApiObject[] {
  const objects: ApiObject[] = [];
  const visit = (construct: IConstruct): void => {
    for (const child of construct.node.children) {
      if (Chart.isChart(child)) continue;
      if (child instanceof ApiObject) objects.push(child);
      visit(child);
    }
  };
  visit(chart);
  return objects;
}

/**
 * Renders every chart of `app` to YAML in one pass over the construct tree.
 *
 * `App.synth()` re-validates and re-walks the whole app for every chart, so its cost grows
 * with charts × objects; this walks the tree once to validate and once per chart's own
 * subtree to render, so the cost grows with the number of objects. Objects come out in the
 * order they were defined; explicit `node.addDependency` ordering is not applied.
 */
export function synthesizeManifests(app: App): ManifestFile[] {
  validateTree(app);
  const charts = app.node.findAll().filter(Chart.isChart);
  const seen = new Set<string>();
  return charts.map((chart) => {
    const fileName = manifestFileName(chart);
    if (seen.has(fileName)) throw new Error(`two charts would be written to ${fileName}: ${chart.node.path}`);
    seen.add(fileName);
    const objects = chartObjects(chart).map((object) => object.toJson());
    return { fileName, objects, yaml: Yaml.stringify(...objects) };
  });
}
