import { FlowEdge, FlowGraph, FlowNode } from './flow-graph';

const FILL: Readonly<Record<FlowNode['kind'], string>> = {
  workload: '#e8f0fe', namespace: '#e8f0fe', cluster: '#eeeeee', gateway: '#e6f4ea', world: '#fff8e1', fqdn: '#fff8e1', client: '#fce8e6',
};

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A box's label with its notes. */
export function nodeLabel(node: FlowNode): string {
  return [node.label, ...node.notes].join('\n');
}

/** An arrow's label, marked when mTLS. */
export function edgeLabel(edge: FlowEdge): string {
  return edge.mtls ? `${edge.label} (mTLS)` : edge.label;
}

/** The boxes by namespace, and those outside any. */
export function byNamespace(graph: FlowGraph): { inside: Map<string, FlowNode[]>; outside: FlowNode[] } {
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
  const heading = `${title}${graph.grouped === undefined ? '' : ` (${graph.grouped})`}: black = allowed (green = mTLS), red dashed = a claim that does not hold`;
  const lines = [
    'digraph flows {',
    `  label=${quote(heading)}; labelloc=t; fontname="Helvetica"; fontsize=12;`,
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
