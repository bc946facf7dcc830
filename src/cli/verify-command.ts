import * as fs from 'fs';
import * as path from 'path';
import { parseCommandArgs } from './args';
import { CommandIo, EXIT, UsageError } from './io';
import { checkClaims, Claim, ClaimResult, parseClaims } from '../analysis/claims';
import { ConnectivityModel } from '../analysis/connectivity';
import { buildFlowGraph } from '../analysis/flow-graph';
import { GRAPH_FORMATS, GraphFormat, renderDot, renderMermaid, renderSvg } from '../analysis/graph-render';
import { ManifestInputError } from '../analysis/manifest-input-error';
import { isIstioRevision } from '../mesh/istio-revision';

/** The help of `aks-labs-cdk8s verify`. */
export const VERIFY_HELP = `Usage: aks-labs-cdk8s verify <manifest files or folders...> [options]

Shows which connections the manifests allow on an AKS cluster with Azure CNI Powered by
Cilium and the Istio add-on, without a cluster: Cilium network policies (with DNS and FQDN
rules), sidecar injection, mTLS, authorization and ingress routing. Files are read in the
order given, as kubectl apply -f reads them (a folder's YAML files in name order; a folder
with a kustomization.yaml as kubectl apply -k); a later object replaces an earlier one.

Options:
  --claims <file>          claims to check (YAML list of { id, from, to, expect }); repeatable
  -n, --namespace <ns>     the namespace of kubectl apply -n: objects without one go there
                           (default: default)
  --istio-revision <rev>   the Istio add-on revision installed on the cluster (default: asm-1-22)
  --format <text|json>     how to print the claims (default: text)
  --graph <file>           draw the allowed flows and failing claims: .svg, .dot or .mmd
  -h, --help               this help

Exit codes: 0 every claim holds, 1 a claim does not hold, 2 input it cannot read.
`;

const OPTIONS = {
  'claims': { type: 'string', multiple: true },
  'namespace': { type: 'string', short: 'n' },
  'istio-revision': { type: 'string' },
  'format': { type: 'string' },
  'graph': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['text', 'json'];


function readClaims(files: readonly string[]): Claim[] {
  const claims: Claim[] = [];
  for (const file of files) {
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new ManifestInputError(`${file}: no such claims file`);
    const read = parseClaims(fs.readFileSync(file, 'utf8'), file);
    const clash = read.find((c) => claims.some((earlier) => earlier.id === c.id));
    if (clash !== undefined) throw new ManifestInputError(`${file}: claim id ${clash.id} is also used in an earlier claims file`);
    claims.push(...read);
  }
  return claims;
}

function describeTarget(claim: Claim): string {
  const to = claim.to as any;
  if (to.service !== undefined) return `${to.host ?? to.service} (Service ${to.namespace}/${to.service}) port ${to.port}${to.path ?? ''}`;
  if (to.fqdn !== undefined) return `${to.fqdn} port ${to.port}`;
  if (to.ip !== undefined) return `${to.ip} port ${to.port}`;
  if (to.labels !== undefined) return `pods ${Object.entries(to.labels).map(([k, v]) => `${k}=${v}`).join(',')} in ${to.namespace} port ${to.port}`;
  return `Host ${to.host ?? 'the gateway IP'} ${to.path ?? '/'} port ${to.port}`;
}

function describeSource(claim: Claim): string {
  const from = claim.from;
  if (from === 'world') return 'world';
  if ('ingressGateway' in from) return `world through the ${from.ingressGateway} ingress gateway`;
  return `pods ${Object.entries(from.labels).map(([k, v]) => `${k}=${v}`).join(',') || '(any labels)'} in ${from.namespace}`;
}

function renderText(results: readonly ClaimResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const { claim } = result;
    const head = `${result.holds ? 'holds ' : 'FAILS '} ${claim.id}: ${describeSource(claim)} -> ${describeTarget(claim)}`;
    lines.push(result.holds ? `${head}: ${result.actual}` : `${head}: expected ${claim.expect}, but ${result.actual}`);
    // For a claim that holds, findings that only say nothing stood in the way are left out.
    const telling = result.reasons.filter((r) => !r.unrestricted);
    const shown = result.holds && telling.length > 0 ? telling : result.reasons;
    for (const reason of shown) lines.push(`    ${reason.allowed ? '+' : '-'} ${reason.text}`);
  }
  const failing = results.filter((r) => !r.holds).length;
  lines.push(failing === 0 ? (results.length === 1 ? 'the claim holds' : `all ${results.length} claims hold`) : `${failing} of ${results.length} ${results.length === 1 ? 'claim does' : 'claims do'} not hold`);
  return lines.join('\n') + '\n';
}

async function writeGraph(file: string, model: ConnectivityModel, results: readonly ClaimResult[], title: string): Promise<void> {
  const extension = path.extname(file).slice(1) as GraphFormat;
  const graph = buildFlowGraph(model, results);
  const text = extension === 'svg' ? await renderSvg(graph, title) : extension === 'dot' ? renderDot(graph, title) : renderMermaid(graph);
  fs.writeFileSync(file, text);
}

/** `aks-labs-cdk8s verify`: returns the exit code. */
export async function verifyCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', argv, OPTIONS, true);
  if (values.help) {
    io.out(VERIFY_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('verify: name the manifest files or folders to check (see aks-labs-cdk8s verify --help)');
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) throw new UsageError(`verify: --format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  if (values.graph !== undefined && !(GRAPH_FORMATS as readonly string[]).includes(path.extname(values.graph).slice(1))) {
    throw new UsageError(`verify: --graph ${JSON.stringify(values.graph)} must end in ${GRAPH_FORMATS.map((f) => `.${f}`).join(', ')}`);
  }
  const revision = values['istio-revision'];
  if (revision !== undefined && !isIstioRevision(revision)) {
    throw new UsageError(`verify: --istio-revision must be an add-on revision such as asm-1-22, not ${JSON.stringify(revision)}`);
  }
  if (values.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.namespace)) {
    throw new UsageError(`verify: --namespace must be a namespace name, not ${JSON.stringify(values.namespace)}`);
  }
  let model: ConnectivityModel;
  let claims: Claim[];
  try {
    model = ConnectivityModel.fromPaths(positionals, { namespace: values.namespace, istioRevision: revision });
    claims = readClaims(values.claims ?? []);
  } catch (error) {
    if (error instanceof ManifestInputError) throw new UsageError(`verify: ${error.message}`);
    throw error;
  }
  const results = checkClaims(model, claims);
  if (format === 'json') {
    io.out(JSON.stringify(results.map((r) => ({
      id: r.claim.id, expect: r.claim.expect, actual: r.actual, holds: r.holds, mtls: r.mtls, reasons: r.reasons,
    })), null, 2) + '\n');
  } else if (claims.length > 0) {
    io.out(renderText(results));
  } else {
    io.out(`read ${model.cluster.manifests.objects.length} objects; no claims given (--claims <file>)\n`);
  }
  if (values.graph !== undefined) {
    await writeGraph(values.graph, model, results, positionals.join(' + '));
    io.err(`wrote ${values.graph}\n`);
  }
  return results.every((r) => r.holds) ? EXIT.ok : EXIT.failed;
}
