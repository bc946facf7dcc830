/**
 * Where each imported CRD comes from: the offline copy in `../shared/crds/` and the upstream
 * URL it was copied from, so the imports can be regenerated either way.
 */
export interface CrdSource {
  /** The CRD's `spec.names.kind`. */
  readonly kind: string;
  /** The CRD's API group; kinds of one group are imported together into `<group>.ts`. */
  readonly group: string;
  /** File name under `../shared/crds/`. */
  readonly sharedFile: string;
  /** The upstream file holding this CRD (may hold other CRDs too; they are filtered out). */
  readonly upstreamUrl: string;
}

const ISTIO = 'https://raw.githubusercontent.com/istio/istio/1.23.6/manifests/charts/base/crds/crd-all.gen.yaml';
const CILIUM = 'https://raw.githubusercontent.com/cilium/cilium/v1.16.12/pkg/k8s/apis/cilium.io/client/crds/v2';
const FLEET = 'https://raw.githubusercontent.com/Azure/fleet/v0.18.9/config/crd/bases';
const AZMON = 'https://raw.githubusercontent.com/Azure/prometheus-collector/39583fd50b2f828f83cc18fc0cece9e3074f56db/otelcollector/deploy/addon-chart/azure-monitor-metrics-addon/templates';

export const CRD_SOURCES: readonly CrdSource[] = [
  { kind: 'Gateway', group: 'networking.istio.io', sharedFile: 'istio-1.23.6-networking.istio.io_gateways.yaml', upstreamUrl: ISTIO },
  { kind: 'VirtualService', group: 'networking.istio.io', sharedFile: 'istio-1.23.6-networking.istio.io_virtualservices.yaml', upstreamUrl: ISTIO },
  { kind: 'DestinationRule', group: 'networking.istio.io', sharedFile: 'istio-1.23.6-networking.istio.io_destinationrules.yaml', upstreamUrl: ISTIO },
  { kind: 'PeerAuthentication', group: 'security.istio.io', sharedFile: 'istio-1.23.6-security.istio.io_peerauthentications.yaml', upstreamUrl: ISTIO },
  { kind: 'AuthorizationPolicy', group: 'security.istio.io', sharedFile: 'istio-1.23.6-security.istio.io_authorizationpolicies.yaml', upstreamUrl: ISTIO },
  { kind: 'CiliumNetworkPolicy', group: 'cilium.io', sharedFile: 'cilium-1.16.12-cilium.io_ciliumnetworkpolicies.yaml', upstreamUrl: `${CILIUM}/ciliumnetworkpolicies.yaml` },
  { kind: 'CiliumClusterwideNetworkPolicy', group: 'cilium.io', sharedFile: 'cilium-1.16.12-cilium.io_ciliumclusterwidenetworkpolicies.yaml', upstreamUrl: `${CILIUM}/ciliumclusterwidenetworkpolicies.yaml` },
  { kind: 'ClusterResourcePlacement', group: 'placement.kubernetes-fleet.io', sharedFile: 'fleet-v0.18.9-placement.kubernetes-fleet.io_clusterresourceplacements.yaml', upstreamUrl: `${FLEET}/placement.kubernetes-fleet.io_clusterresourceplacements.yaml` },
  { kind: 'ResourceOverride', group: 'placement.kubernetes-fleet.io', sharedFile: 'fleet-v0.18.9-placement.kubernetes-fleet.io_resourceoverrides.yaml', upstreamUrl: `${FLEET}/placement.kubernetes-fleet.io_resourceoverrides.yaml` },
  { kind: 'ClusterResourceOverride', group: 'placement.kubernetes-fleet.io', sharedFile: 'fleet-v0.18.9-placement.kubernetes-fleet.io_clusterresourceoverrides.yaml', upstreamUrl: `${FLEET}/placement.kubernetes-fleet.io_clusterresourceoverrides.yaml` },
  { kind: 'MemberCluster', group: 'cluster.kubernetes-fleet.io', sharedFile: 'fleet-v0.18.9-cluster.kubernetes-fleet.io_memberclusters.yaml', upstreamUrl: `${FLEET}/cluster.kubernetes-fleet.io_memberclusters.yaml` },
  { kind: 'PodMonitor', group: 'azmonitoring.coreos.com', sharedFile: 'prometheus-collector-v7.1.1-azmonitoring.coreos.com_podmonitors.yaml', upstreamUrl: `${AZMON}/ama-metrics-podmonitor-crd.yaml` },
  { kind: 'ServiceMonitor', group: 'azmonitoring.coreos.com', sharedFile: 'prometheus-collector-v7.1.1-azmonitoring.coreos.com_servicemonitors.yaml', upstreamUrl: `${AZMON}/ama-metrics-servicemonitor-crd.yaml` },
];
