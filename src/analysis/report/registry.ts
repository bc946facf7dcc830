import { renderDot } from './graph/dot';
import { buildFlowGraph } from './graph/flow-graph';
import { renderMermaid } from './graph/mermaid';
import { renderSvg } from './graph/svg';
import { VerifyReport } from './report';
import { renderText } from './text';
import { ClaimResult } from '../claims/claim';
import { ConnectivityModel } from '../connectivity-model';

/** The ways a report is printed: `text` for people, `json` for tools (its shape is {@link VerifyReport}). */
export const REPORT_FORMATS = {
  text: (report: VerifyReport): string => renderText(report),
  json: (report: VerifyReport): string => `${JSON.stringify(report, null, 2)}\n`,
} as const;

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
