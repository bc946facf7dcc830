import { byNamespace, edgeLabel, nodeLabel } from './dot';
import { FlowGraph } from './flow-graph';

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
}

/** The graph as a Mermaid flowchart (GitHub renders it in Markdown). */
export function renderMermaid(graph: FlowGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ['flowchart LR'];
  if (graph.grouped !== undefined) lines.push(`  %% ${graph.grouped}`);
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
