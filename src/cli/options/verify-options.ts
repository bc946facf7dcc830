import * as fs from 'fs';
import * as path from 'path';
import { Environment, environmentOf, OptionReader, OptionSpecs, oneOf, Resolved } from './option-reader';
import { isAddressName } from '../../analysis/connectivity-options';
import { isIpv4 } from '../../analysis/model/cidr';
import { VerifyOptions } from '../../analysis/pipeline';
import { READ_LIMIT_OPTIONS, ReadLimitName } from '../../analysis/read';
import { GRAPH_FORMATS, GraphFormat, REPORT_FORMATS, ReportFormat } from '../../analysis/report/registry';
import { DEFAULT_ISTIO_REVISION, isIstioRevision } from '../../core/aks-platform';
import { isDns1123Label } from '../../core/validation';
import { OUTPUT_MARKER } from '../../output/output-marker';

const LIMIT_FLAGS = Object.fromEntries(Object.values(READ_LIMIT_OPTIONS).map((o) => [o.flag.slice(2), { type: 'string' }])) as Record<string, { readonly type: 'string' }>;

/** The flags of `aks-labs-cdk8s verify`, each with the environment variable that stands in for it. */
export const VERIFY_OPTIONS = {
  'claims': { type: 'string', multiple: true },
  'namespace': { type: 'string', short: 'n' },
  'recursive': { type: 'boolean', short: 'R' },
  'istio-revision': { type: 'string', env: 'AKS_LABS_ISTIO_REVISION' },
  'address': { type: 'string', multiple: true },
  'gateway-keeps-client-ip': { type: 'boolean' },
  'format': { type: 'string' },
  'graph': { type: 'string' },
  'allow-unknown': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
  ...LIMIT_FLAGS,
} as const satisfies OptionSpecs;

/** Every environment variable `verify` reads. */
export const VERIFY_ENVIRONMENT: readonly string[] = environmentOf(VERIFY_OPTIONS);

/** What `verify` runs with: its flags and environment, resolved and checked. */
export interface VerifyRunOptions {
  /** The manifest files and folders. */
  readonly manifests: readonly string[];
  /** The claims files (`--claims`). */
  readonly claims: readonly string[];
  /** How the report is printed (`--format`, else `text`). */
  readonly format: ReportFormat;
  /** Where the picture is written (`--graph`), and in which format. */
  readonly graph?: { readonly file: string; readonly format: GraphFormat };
  /** How manifests are read, the cluster around them, and how unknown verdicts count. */
  readonly options: VerifyOptions;
}

/** The output folder holding `file`, when it is inside a folder this library writes (the next synth would refuse a file it did not write there). */
function outputFolderHolding(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, OUTPUT_MARKER))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Turns `verify`'s flags and environment into its run options, checking each option once;
 * every mistake is a `UsageError` (exit 2) naming the flag or variable.
 */
export function resolveVerifyOptions(argv: readonly string[], env: Environment): Resolved<VerifyRunOptions> {
  const reader = OptionReader.parse('verify', argv, VERIFY_OPTIONS, env, { positionals: true });
  if (reader.switch('help')) return { help: true };
  if (reader.positionals.length === 0) throw reader.error('the command line', 'names no manifest files or folders to check');
  const format = oneOf(reader, reader.string('format'), Object.keys(REPORT_FORMATS) as ReportFormat[], 'text');
  const graphGiven = reader.string('graph');
  let graph: VerifyRunOptions['graph'];
  if (graphGiven !== undefined) {
    const extension = path.extname(graphGiven.value).slice(1);
    if (!Object.prototype.hasOwnProperty.call(GRAPH_FORMATS, extension)) {
      throw reader.error(graphGiven.from, `must end in ${Object.keys(GRAPH_FORMATS).map((f) => `.${f}`).join(', ')}, not ${JSON.stringify(graphGiven.value)}`);
    }
    const folder = outputFolderHolding(graphGiven.value);
    if (folder !== undefined) {
      throw reader.error(graphGiven.from, `names a file inside the output folder ${folder}, which holds only what synth writes (the next synth would refuse it); `
        + 'write the picture elsewhere, e.g. --graph ../flows.svg');
    }
    graph = { file: graphGiven.value, format: extension as GraphFormat };
  }
  const revision = reader.string('istio-revision');
  if (revision !== undefined && !isIstioRevision(revision.value)) {
    throw reader.error(revision.from, `must be an add-on revision such as ${DEFAULT_ISTIO_REVISION}, not ${JSON.stringify(revision.value)}`);
  }
  const namespace = reader.string('namespace');
  if (namespace !== undefined && !isDns1123Label(namespace.value)) {
    throw reader.error(namespace.from, `must be a namespace name (a DNS-1123 label), not ${JSON.stringify(namespace.value)}`);
  }
  const addresses: Record<string, string> = Object.create(null);
  const addressesGiven = reader.all('address');
  for (const entry of addressesGiven?.value ?? []) {
    const [name, ip, extra] = entry.split('=');
    if (extra !== undefined || ip === undefined || !isAddressName(name) || !isIpv4(ip)) {
      throw reader.error(addressesGiven!.from, `must be <name>=<IPv4 address> such as api.example.com=203.0.113.20, not ${JSON.stringify(entry)}`);
    }
    addresses[name] = ip;
  }
  const limits: Partial<Record<ReadLimitName, number>> = {};
  for (const [name, option] of Object.entries(READ_LIMIT_OPTIONS) as [ReadLimitName, typeof READ_LIMIT_OPTIONS[ReadLimitName]][]) {
    const given = reader.string(option.flag.slice(2) as keyof typeof VERIFY_OPTIONS & string);
    if (given === undefined) continue;
    if (!/^[1-9]\d*$/.test(given.value) || !Number.isSafeInteger(Number(given.value))) throw reader.error(given.from, `must be a positive whole number, not ${JSON.stringify(given.value)}`);
    limits[name] = Number(given.value);
  }
  return {
    help: false,
    options: {
      manifests: reader.positionals,
      claims: reader.all('claims')?.value ?? [],
      format,
      graph,
      options: {
        namespace: namespace?.value,
        istioRevision: revision?.value,
        addresses,
        gatewayKeepsClientIp: reader.switch('gateway-keeps-client-ip'),
        recursive: reader.switch('recursive'),
        allowUnknown: reader.switch('allow-unknown'),
        limits,
      },
    },
  };
}
