import { FlowEdge, FlowGraph, FlowNode } from './flow-graph';

/** The picture formats `verify --graph` writes, by file extension. */
export const GRAPH_FORMATS = ['svg', 'dot', 'mmd'] as const;

/** A picture format. */
export type GraphFormat = typeof GRAPH_FORMATS[number];

const FILL: Readonly<Record<FlowNode['kind'], string>> = {
  workload: '#e8f0fe', cluster: '#eeeeee', gateway: '#e6f4ea', world: '#fff8e1', fqdn: '#fff8e1', client: '#fce8e6',
};

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeLabel(node: FlowNode): string {
  return [node.label, ...node.notes].join('\n');
}

function edgeLabel(edge: FlowEdge): string {
  return edge.mtls ? `${edge.label} (mTLS)` : edge.label;
}

function byNamespace(graph: FlowGraph): { inside: Map<string, FlowNode[]>; outside: FlowNode[] } {
  const inside = new Map<string, FlowNode[]>();
  const outside: FlowNode[] = [];
  for (const node of graph.nodes) {
    if (node.namespace === undefined) outside.push(node);
    else inside.set(node.namespace, [...inside.get(node.namespace) ?? [], node]);
  }
  return { inside, outside };
}

/** The graph in Graphviz DOT: a cluster per namespace, allowed flows in black (mTLS in green), failing claims in red. */
export function renderDot(graph: FlowGraph, title = 'allowed flows'): string {
  const lines = [
    'digraph flows {',
    `  label=${quote(`${title}: black = allowed (green = mTLS), red dashed = a claim that does not hold`)}; labelloc=t; fontname="Helvetica"; fontsize=12;`,
    '  rankdir=LR; nodesep=0.35; ranksep=0.9;',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, margin="0.2,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const nodeLine = (node: FlowNode, indent: string) =>
    `${indent}${quote(node.id)} [label=${quote(nodeLabel(node))}, fillcolor=${quote(FILL[node.kind])}${node.kind === 'world' ? ', shape=ellipse' : ''}];`;
  const { inside, outside } = byNamespace(graph);
  [...inside.entries()].forEach(([namespace, nodes], index) => {
    lines.push(`  subgraph cluster_${index} {`, `    label=${quote(`namespace ${namespace}`)}; style="rounded,dashed"; color="#888888";`);
    for (const node of nodes) lines.push(nodeLine(node, '    '));
    lines.push('  }');
  });
  for (const node of outside) lines.push(nodeLine(node, '  '));
  for (const edge of graph.edges) {
    const style = edge.failedClaim !== undefined ? 'color="#d93025", fontcolor="#d93025", style=dashed, penwidth=1.6'
      : edge.mtls ? 'color="#188038", fontcolor="#188038"' : 'color="#333333"';
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(edgeLabel(edge))}, ${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
}

/** The graph as a Mermaid flowchart (GitHub renders it in Markdown). */
export function renderMermaid(graph: FlowGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ['flowchart LR'];
  const { inside, outside } = byNamespace(graph);
  [...inside.entries()].forEach(([namespace, nodes], index) => {
    lines.push(`  subgraph ns${index}["namespace ${namespace}"]`);
    for (const node of nodes) lines.push(`    ${ids.get(node.id)}["${mermaidText(nodeLabel(node))}"]`);
    lines.push('  end');
  });
  for (const node of outside) lines.push(`  ${ids.get(node.id)}(["${mermaidText(nodeLabel(node))}"])`);
  const styles: string[] = [];
  graph.edges.forEach((edge, index) => {
    const arrow = edge.failedClaim !== undefined ? '-.->' : '-->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}|"${mermaidText(edgeLabel(edge))}"| ${ids.get(edge.to)}`);
    if (edge.failedClaim !== undefined) styles.push(`  linkStyle ${index} stroke:#d93025,color:#d93025`);
    else if (edge.mtls) styles.push(`  linkStyle ${index} stroke:#188038`);
  });
  return [...lines, ...styles].join('\n') + '\n';
}

/** The graph drawn as SVG by Graphviz (compiled to WebAssembly: no native binary needed). */
export async function renderSvg(graph: FlowGraph, title?: string): Promise<string> {
  // Loaded on first use: the WebAssembly module is 1.2 MB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { instance } = require('@viz-js/viz') as { instance(): Promise<{ renderString(dot: string, options: { format: 'svg' }): string }> };
  const viz = await instance();
  return viz.renderString(renderDot(graph, title), { format: 'svg' });
}
