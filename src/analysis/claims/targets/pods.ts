import { describeLabels } from '../../engine/selectors';
import { chain, ConnectionVerdict, Endpoint, podEndpoint } from '../../engine/verdict';
import { matchesLabels } from '../../model/cluster';
import { has } from '../../model/json';
import { Workload } from '../../model/records';
import { ClaimTarget } from '../claim';
import { hostField, httpFields, labelsField, namespaceField, portField } from '../claim-fields';
import { httpRequest, TargetKind } from '../target-kind';

type PodsTarget = Extract<ClaimTarget, { kind: 'pods' }>;

function servers(target: PodsTarget, workloads: readonly Workload[]): Workload[] {
  return workloads.filter((w) => matchesLabels(target.labels, w.labels));
}

/** Pods by their labels, reached directly at their address (no name lookup, no Service). */
export const PODS_TARGET: TargetKind<'pods'> = {
  kind: 'pods',
  fields: ['namespace', 'labels', 'port', 'host', 'path', 'method', 'headers'],
  recognizes: (to, source) => source.kind !== 'ingressGateway' && has(to, 'labels') && !has(to, 'service'),
  read: (reader, to, path, _source, protocol) => {
    reader.refuseUnknown(to, path, PODS_TARGET.fields);
    const labels = labelsField(reader, to, 'labels', path);
    if (Object.keys(labels).length === 0) reader.fail([...path, 'labels'], 'must name at least one label of the pods');
    return {
      kind: 'pods', namespace: namespaceField(reader, to, path), labels, port: portField(reader, to, path, protocol), host: hostField(reader, to, 'host', path), http: httpFields(reader, to, path),
    };
  },
  checkAgainst: (target, context, reader, path) => {
    if (servers(target, context.cluster.workloadsIn(target.namespace)).length === 0) {
      reader.fail([...path, 'labels'], `select no pods of the manifests in namespace ${target.namespace}`);
    }
  },
  describe: (target) => `pods ${describeLabels(target.labels)} in ${target.namespace}${target.port === undefined ? '' : ` port ${target.port}`}`,
  query: (target, source, protocol, context) => {
    const client: Endpoint = source.kind === 'pod'
      ? podEndpoint(context.connections.clientPod(source.namespace, source.labels, source.serviceAccount))
      : { kind: 'world', ip: source.kind === 'world' ? source.ip : undefined };
    // A request to a pod's address carries a Host the claim states, or one the model does not know.
    const traffic = { port: target.port ?? 0, protocol, request: httpRequest(target.http, target.host) };
    const verdicts: ConnectionVerdict[] = servers(target, context.cluster.workloadsIn(target.namespace))
      .map((server) => context.connections.connect(client, server, traffic, []));
    if (verdicts.every((v) => v.outcome === verdicts[0].outcome)) return verdicts[0];
    return chain([...verdicts[0].reasons, { check: 'service', outcome: 'unknown', text: 'the labels select pods of several workloads, and they do not all answer alike' }]);
  },
  draw: (target, canvas, context) => {
    const [server] = servers(target, context.cluster.workloadsIn(target.namespace));
    return server !== undefined ? canvas.workload(server) : canvas.missing(`missing:${target.namespace}/${describeLabels(target.labels)}`, 'pods (missing)', target.namespace);
  },
};
