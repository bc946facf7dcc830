import { renderDot } from './dot';
import { FlowGraph } from './flow-graph';

/** The graph drawn as SVG by Graphviz (compiled to WebAssembly: no native binary needed). */
export async function renderSvg(graph: FlowGraph, title?: string): Promise<string> {
  // Loaded on first use: the WebAssembly module is 1.2 MB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { instance } = require('@viz-js/viz') as { instance(): Promise<{ renderString(dot: string, options: { format: 'svg' }): string }> };
  const viz = await instance();
  return viz.renderString(renderDot(graph, title), { format: 'svg' });
}
