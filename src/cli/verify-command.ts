import * as fs from 'fs';
import { CommandIo, EXIT, UsageError } from './io';
import { resolveVerifyOptions } from './options/verify-options';
import { Verification, verify } from '../analysis/pipeline';
import { READ_LIMIT_OPTIONS } from '../analysis/read';
import { GRAPH_FORMATS, REPORT_FORMATS } from '../analysis/report/registry';
import { DEFAULT_ISTIO_REVISION } from '../core/aks-platform';
import { AksLabsError } from '../core/errors';

const limitHelp = Object.values(READ_LIMIT_OPTIONS)
  .map((o) => `  ${o.flag} <n>${' '.repeat(Math.max(1, 21 - o.flag.length))}${o.description} (default: ${o.default})`).join('\n');

/** The help of `aks-labs-cdk8s verify`. */
export const VERIFY_HELP = `Usage: aks-labs-cdk8s verify <manifest files or folders...> [options]

Shows which connections the manifests allow on an AKS cluster with Azure CNI Powered by
Cilium and the Istio add-on, without a cluster: Cilium network policies (with DNS, FQDN and
HTTP rules) and Kubernetes NetworkPolicy, sidecar injection, mTLS and DestinationRule TLS,
authorization, ingress and mesh routing, and outbound traffic policy. Files are read as
kubectl reads them: a folder's .yaml, .yml and .json files in name order (-R: its subfolders
too), a folder with a kustomization.yaml as kubectl apply -k; a later object replaces an
earlier one. Each claim is allowed, blocked, or UNKNOWN where a field the model does not
read could decide it.

Options:
  --claims <file>          claims to check (YAML list of { id, from, to, expect }); repeatable
  -n, --namespace <ns>     the namespace of kubectl apply -n: objects without one go there
                           (default: default)
  -R, --recursive          read folders' subfolders too, as kubectl apply -R
  --istio-revision <rev>   the Istio add-on revision installed on the cluster
                           (default: $AKS_LABS_ISTIO_REVISION, else ${DEFAULT_ISTIO_REVISION})
  --address <name=ip>      the address a name outside the cluster resolves to; repeatable
  --gateway-keeps-client-ip
                           the add-on's ingress gateways see clients' own addresses
                           (externalTrafficPolicy: Local), for ipBlocks at the gateway
  --format <text|json>     how to print the claims (default: text)
  --graph <file>           draw the allowed flows and failing claims: .svg, .dot or .mmd
  --allow-unknown          claims the model cannot decide do not fail the run
${limitHelp}
  -h, --help               this help

Exit codes: 0 every claim holds, 1 a claim does not hold (or cannot be decided), 2 input it
cannot read (a file, an object or a claim, named with the line and field that is wrong).

Examples, after npx aks-labs-cdk8s synth, beside its output folder dist/:
  npx aks-labs-cdk8s verify dist/ --claims dist/claims/08-secure-store.claims.yaml
  npx aks-labs-cdk8s verify dist/ --claims dist/claims/08-secure-store.claims.yaml --format json --graph flows.svg
  npx aks-labs-cdk8s verify dist/03-mesh.k8s.yaml --graph mesh.mmd
Each claims file's first lines give the command that checks it, run in the output folder.
A --graph file inside an output folder is refused: the next synth would refuse to replace it.
`;

/** `aks-labs-cdk8s verify`: returns the exit code. */
export async function verifyCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const resolved = resolveVerifyOptions(argv, io.env);
  if (resolved.help) {
    io.out(VERIFY_HELP);
    return EXIT.ok;
  }
  const { manifests, claims, format, graph, options } = resolved.options;
  let verification: Verification;
  try {
    verification = verify({ manifests, claimFiles: claims, options });
  } catch (error) {
    if (error instanceof AksLabsError && error.kind === 'input') throw new UsageError(`verify: ${error.message}`);
    throw error;
  }
  const { model, results, report, passed } = verification;
  for (const chunk of REPORT_FORMATS[format](report)) io.out(chunk);
  if (graph !== undefined) {
    fs.writeFileSync(graph.file, await GRAPH_FORMATS[graph.format](model, results, manifests.join(' + ')));
    io.err(`wrote ${graph.file}\n`);
  }
  return passed ? EXIT.ok : EXIT.failed;
}
