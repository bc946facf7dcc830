import { renderDot } from './graph/dot';
import { buildFlowGraph } from './graph/flow-graph';
import { renderMermaid } from './graph/mermaid';
import { renderSvg } from './graph/svg';
import { VerifyReport } from './report';
import { textChunks } from './text';
import { ClaimResult } from '../claims/claim';
import { ConnectivityModel } from '../connectivity-model';

/**
 * The ways a report is printed, each as the chunks of its text (a claim at a time, so a fleet's
 * report is written without being held whole): `text` for people, `json` for tools (the JSON of
 * a {@link VerifyReport}, as `JSON.stringify(report, null, 2)` writes it).
 */
export const REPORT_FORMATS = {
  text: (report: VerifyReport): Iterable<string> => textChunks(report),
  json: (report: VerifyReport): Iterable<string> => jsonChunks(report),
} as const;

function* jsonChunks(report: VerifyReport): Generator<string> {
  const { claims, ...head } = report;
  const opening = JSON.stringify({ ...head, claims: [] }, null, 2);
  if (claims.length === 0) {
    yield `${opening}\n`;
    return;
  }
  // The head without its closing `[]`, then each claim indented as JSON.stringify indents it.
  yield opening.slice(0, opening.lastIndexOf('[]') + 1);
  for (let i = 0; i < claims.length; i++) yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(claims[i], null, 2).replace(/\n/g, '\n    ')}`;
  yield '\n  ]\n}\n';
}

/** A report format. */
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** The picture formats, by file extension: SVG (Graphviz in WebAssembly), Graphviz's DOT, and a Mermaid flowchart. */
export const GRAPH_FORMATS = {
  svg: (model: ConnectivityModel, results: readonly ClaimResult[], title: string): Promise<string> =>
    renderSvg(buildFlowGraph(model, results), title),
  dot: async (model: ConnectivityModel, results: readonly ClaimResult[], title: string): Promise<string> =>
    renderDot(buildFlowGraph(model, results), title),
  mmd: async (model: ConnectivityModel, results: readonly ClaimResult[]): Promise<string> => renderMermaid(buildFlowGraph(model, results)),
} as const;

/** A picture format. */
export type GraphFormat = keyof typeof GRAPH_FORMATS;
