import { hostMatches } from './mesh-routing';
import { describeUnmodelled, Reason } from './verdict';
import { cidrContains, parseIp } from '../model/cidr';
import { ClusterModel, matchesLabels } from '../model/cluster';
import { ServiceEntryRecord, SidecarRecord, Workload } from '../model/records';

/**
 * Where a sidecar sends traffic for hosts outside the mesh: anywhere under `ALLOW_ANY` (the
 * add-on's default), only to hosts of a ServiceEntry under `REGISTRY_ONLY`, set mesh-wide in the
 * add-on's shared ConfigMap or for some workloads by a Sidecar resource.
 */
export class MeshEgress {
  constructor(private readonly cluster: ClusterModel) {}

  /** The Sidecar resource that applies to a workload: one selecting it, else its namespace's without a selector. */
  public sidecarFor(client: Workload): SidecarRecord | undefined {
    const inNamespace = this.cluster.sidecarsIn(client.namespace);
    return inNamespace.find((s) => s.workloadSelector !== undefined && matchesLabels(s.workloadSelector, client.labels))
      ?? inNamespace.find((s) => s.workloadSelector === undefined);
  }

  private entryFor(client: Workload, to: { fqdn?: string; ip?: string; port: number }): ServiceEntryRecord | undefined {
    const ip = to.ip === undefined ? undefined : parseIp(to.ip);
    return this.cluster.serviceEntries.find((entry) => {
      const visible = entry.exportTo.includes('*') || entry.exportTo.includes(client.namespace) || (entry.exportTo.includes('.') && entry.namespace === client.namespace);
      const host = to.fqdn !== undefined && entry.hosts.some((h) => hostMatches(h, to.fqdn!));
      const address = ip !== undefined && entry.addresses.some((a) => cidrContains(a, ip));
      const port = entry.ports.length === 0 || entry.ports.some((p) => p.number === to.port);
      return visible && (host || address) && port;
    });
  }

  /** Whether `client`'s sidecar passes traffic to a name or address outside the mesh. */
  public outbound(client: Workload, to: { fqdn?: string; ip?: string; port: number }): Reason {
    const sidecar = this.sidecarFor(client);
    const unmodelled = [...this.cluster.meshConfig.unmodelled, ...sidecar?.unmodelled ?? []];
    const target = to.fqdn ?? to.ip;
    if (unmodelled.length > 0) {
      return { check: 'mesh-egress', outcome: 'unknown', text: `whether ${client.id}'s sidecar passes traffic to ${target} cannot be decided: ${describeUnmodelled(unmodelled)}`, unmodelled };
    }
    const mode = sidecar?.outboundTrafficPolicy ?? this.cluster.meshConfig.outboundTrafficPolicy;
    const setBy = sidecar?.outboundTrafficPolicy !== undefined ? sidecar.describe : this.cluster.meshConfig.setBy;
    const entry = this.entryFor(client, to);
    if (entry !== undefined && entry.unmodelled.length > 0) {
      return { check: 'mesh-egress', outcome: 'unknown', text: `where ${client.id}'s sidecar sends ${target} port ${to.port} by ${entry.describe} cannot be decided: ${describeUnmodelled(entry.unmodelled)}`, unmodelled: entry.unmodelled };
    }
    if (entry !== undefined) return { check: 'mesh-egress', outcome: 'allowed', text: `${client.id}'s sidecar knows ${target} port ${to.port} from ${entry.describe}` };
    if (mode === 'ALLOW_ANY') {
      return { check: 'mesh-egress', outcome: 'allowed', unrestricted: true, text: `${client.id}'s sidecar passes traffic to hosts outside the mesh (outboundTrafficPolicy ALLOW_ANY, ${setBy})` };
    }
    return {
      check: 'mesh-egress',
      outcome: 'blocked',
      text: `${client.id}'s sidecar sends ${target} port ${to.port} to the BlackHoleCluster: outboundTrafficPolicy REGISTRY_ONLY (${setBy}) and no ServiceEntry exported to ${client.namespace} names it`,
    };
  }
}
