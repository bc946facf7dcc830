/**
 * The CRDs this library imports. Each entry is one `cdk8s import <prefix>:=<url>` line of
 * `cdk8s.yaml` (so `npx cdk8s import` with internet regenerates `imports/`), and names the
 * offline copies of the same CRDs in `../shared/crds/` (so `npx projen import` does it
 * without). cdk8s import writes one `imports/<prefix>-<group>.ts` per API group of the file.
 */
export interface CrdImport {
  /** The module prefix; it keeps two files of one API group from overwriting each other. */
  readonly prefix: string;
  /** The upstream file. */
  readonly url: string;
  /** The offline copies under `../shared/crds/`, one CRD each. */
  readonly sharedFiles: readonly string[];
  /**
   * Kinds of the upstream file that have no offline copy (they are imported only from upstream).
   * @default - none: the offline copies hold every CRD of the file
   */
  readonly upstreamOnly?: string;
}

const ISTIO = 'https://raw.githubusercontent.com/istio/istio/1.23.6/manifests/charts/base/crds/crd-all.gen.yaml';
const CILIUM = 'https://raw.githubusercontent.com/cilium/cilium/v1.16.12/pkg/k8s/apis/cilium.io/client/crds/v2';
const FLEET = 'https://raw.githubusercontent.com/Azure/fleet/v0.18.9/config/crd/bases';
const SECRETS_STORE = 'https://raw.githubusercontent.com/kubernetes-sigs/secrets-store-csi-driver/v1.6.0/deploy';
const AZMON = 'https://raw.githubusercontent.com/Azure/prometheus-collector/39583fd50b2f828f83cc18fc0cece9e3074f56db/otelcollector/deploy/addon-chart/azure-monitor-metrics-addon/templates';

export const CRD_IMPORTS: readonly CrdImport[] = [
  {
    prefix: 'istio',
    url: ISTIO,
    sharedFiles: [
      'istio-1.23.6-networking.istio.io_destinationrules.yaml',
      'istio-1.23.6-networking.istio.io_gateways.yaml',
      'istio-1.23.6-networking.istio.io_serviceentries.yaml',
      'istio-1.23.6-networking.istio.io_sidecars.yaml',
      'istio-1.23.6-networking.istio.io_virtualservices.yaml',
      'istio-1.23.6-security.istio.io_authorizationpolicies.yaml',
      'istio-1.23.6-security.istio.io_peerauthentications.yaml',
    ],
    upstreamOnly: 'the other Istio CRDs of crd-all.gen.yaml (EnvoyFilter, WorkloadEntry, WorkloadGroup, ProxyConfig, '
      + 'RequestAuthentication, Telemetry, WasmPlugin)',
  },
  { prefix: 'cnp', url: `${CILIUM}/ciliumnetworkpolicies.yaml`, sharedFiles: ['cilium-1.16.12-cilium.io_ciliumnetworkpolicies.yaml'] },
  { prefix: 'ccnp', url: `${CILIUM}/ciliumclusterwidenetworkpolicies.yaml`, sharedFiles: ['cilium-1.16.12-cilium.io_ciliumclusterwidenetworkpolicies.yaml'] },
  { prefix: 'crp', url: `${FLEET}/placement.kubernetes-fleet.io_clusterresourceplacements.yaml`, sharedFiles: ['fleet-v0.18.9-placement.kubernetes-fleet.io_clusterresourceplacements.yaml'] },
  { prefix: 'ro', url: `${FLEET}/placement.kubernetes-fleet.io_resourceoverrides.yaml`, sharedFiles: ['fleet-v0.18.9-placement.kubernetes-fleet.io_resourceoverrides.yaml'] },
  { prefix: 'cro', url: `${FLEET}/placement.kubernetes-fleet.io_clusterresourceoverrides.yaml`, sharedFiles: ['fleet-v0.18.9-placement.kubernetes-fleet.io_clusterresourceoverrides.yaml'] },
  { prefix: 'membercluster', url: `${FLEET}/cluster.kubernetes-fleet.io_memberclusters.yaml`, sharedFiles: ['fleet-v0.18.9-cluster.kubernetes-fleet.io_memberclusters.yaml'] },
  { prefix: 'podmonitor', url: `${AZMON}/ama-metrics-podmonitor-crd.yaml`, sharedFiles: ['prometheus-collector-v7.1.1-azmonitoring.coreos.com_podmonitors.yaml'] },
  { prefix: 'servicemonitor', url: `${AZMON}/ama-metrics-servicemonitor-crd.yaml`, sharedFiles: ['prometheus-collector-v7.1.1-azmonitoring.coreos.com_servicemonitors.yaml'] },
  // The Secrets Store CSI driver's API, which the AKS Azure Key Vault provider add-on installs.
  {
    prefix: 'spc',
    url: `${SECRETS_STORE}/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml`,
    sharedFiles: ['secrets-store-csi-driver-v1.6.0-secrets-store.csi.x-k8s.io_secretproviderclasses.yaml'],
  },
];

/** The `imports:` entries of cdk8s.yaml. */
export function cdk8sImportSpecs(): string[] {
  return CRD_IMPORTS.map((i) => `${i.prefix}:=${i.url}`);
}
