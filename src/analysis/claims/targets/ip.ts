import { has } from '../../model/json';
import { ipField, portField } from '../claim-fields';
import { TargetKind } from '../target-kind';

/** An IPv4 address outside the cluster. */
export const IP_TARGET: TargetKind<'ip'> = {
  kind: 'ip',
  fields: ['ip', 'port'],
  recognizes: (to, source) => source.kind !== 'ingressGateway' && has(to, 'ip') && !has(to, 'fqdn') && !has(to, 'labels') && !has(to, 'service'),
  read: (reader, to, path, source, protocol) => {
    reader.refuseUnknown(to, path, IP_TARGET.fields);
    if (source.kind !== 'pod') reader.fail(path, 'must be a Service or pods when the connection starts outside the cluster');
    return { kind: 'ip', ip: ipField(reader, to, 'ip', path), port: portField(reader, to, path, protocol) ?? 0 };
  },
  checkAgainst: () => undefined,
  describe: (target) => `${target.ip}${target.port === 0 ? '' : ` port ${target.port}`}`,
  query: (target, source, protocol, context) => {
    if (source.kind !== 'pod') throw new Error('an ip target needs a pod source');
    const client = context.connections.clientPod(source.namespace, source.labels, source.serviceAccount);
    return context.connections.toOutside(client, { ip: target.ip, port: target.port }, protocol);
  },
  draw: (target, canvas) => canvas.outside(`fqdn:${target.ip}`, `${target.ip}\n(outside)`),
};
