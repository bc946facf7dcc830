import { ConnectivityModel } from '../../src';
import { Endpoint, podEndpoint } from '../../src/analysis/engine/verdict';

/** One end of a connection in the tests: pods by namespace and labels, or an address outside. */
export type Peer =
  | { readonly pod: { readonly namespace: string; readonly labels: Readonly<Record<string, string>> } }
  | { readonly world: { readonly fqdn?: string } };

/** Pods in `namespace` with `labels`. */
export function pod(namespace: string, labels: Record<string, string>): Peer {
  return { pod: { namespace, labels } };
}

/** An address outside the cluster, optionally known by a DNS name. */
export function world(fqdn?: string): Peer {
  return { world: { fqdn } };
}

/** An address outside the cluster that no rule names, for connections to "the world" without a name. */
const UNNAMED_ADDRESS = '198.51.100.7';

/**
 * The tests' view of the library's connectivity model: connections between peers on a port,
 * straight to the pods (no Service), and name lookups. Everything is decided by
 * `ConnectivityModel`; this only translates the tests' peers.
 */
export class PolicyModel {
  public readonly model: ConnectivityModel;

  constructor(objects: readonly any[]) {
    this.model = ConnectivityModel.fromObjects(objects);
  }

  /** Whether `from` may connect to `to` on `port` (a name outside the cluster is looked up first); throws on an undecidable verdict. */
  public allows(connection: { readonly from: Peer; readonly to: Peer; readonly port: number; readonly protocol?: 'TCP' | 'UDP' }): boolean {
    const protocol = connection.protocol ?? 'TCP';
    const { from, to } = connection;
    let outcome: string;
    if ('world' in to) {
      if (!('pod' in from)) throw new Error('a connection between two addresses outside the cluster');
      const target = to.world.fqdn !== undefined ? { fqdn: to.world.fqdn, port: connection.port } : { ip: UNNAMED_ADDRESS, port: connection.port };
      outcome = this.model.connections.toOutside(this.workload(from), target, protocol).outcome;
    } else {
      const client: Endpoint = 'pod' in from ? podEndpoint(this.workload(from)) : { kind: 'world' };
      outcome = this.model.connections.connect(client, this.workload(to), { port: connection.port, protocol }, []).outcome;
    }
    if (outcome === 'unknown') throw new Error('the model cannot decide this connection');
    return outcome === 'allowed';
  }

  /** Whether the pods of `from` get an answer when they look `name` up. */
  public lookup(from: Peer, name: string): boolean {
    return this.model.connections.dns.lookup(this.workload(from), name).reason.outcome === 'allowed';
  }

  private workload(peer: Peer) {
    if (!('pod' in peer)) throw new Error('not a pod');
    return this.model.connections.clientPod(peer.pod.namespace, peer.pod.labels);
  }
}
