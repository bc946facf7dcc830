import { isFqdnName, normalizeName } from '../../engine/fqdn-pattern';
import { has, own } from '../../model/json';
import { ipField, portField } from '../claim-fields';
import { TargetKind } from '../target-kind';

/** A name outside the cluster, looked up through kube-dns; the address it resolves to where a claim (or `--address`) states it. */
export const FQDN_TARGET: TargetKind<'fqdn'> = {
  kind: 'fqdn',
  fields: ['fqdn', 'port', 'ip'],
  recognizes: (to, source) => source.kind !== 'ingressGateway' && has(to, 'fqdn'),
  read: (reader, to, path, source, protocol) => {
    reader.refuseUnknown(to, path, FQDN_TARGET.fields);
    if (source.kind !== 'pod') reader.fail(path, 'must be a Service or pods when the connection starts outside the cluster');
    const fqdn = reader.string(own(to, 'fqdn'), [...path, 'fqdn'], 'must be a DNS name with a dot (letters, digits, -, _ and .)',
      (n) => isFqdnName(n) && normalizeName(n).includes('.') && normalizeName(n).split('.').every((l) => l !== '' && l.length <= 63));
    return { kind: 'fqdn', fqdn, port: portField(reader, to, path, protocol) ?? 0, ip: has(to, 'ip') ? ipField(reader, to, 'ip', path) : undefined };
  },
  checkAgainst: () => undefined,
  describe: (target) => `${target.fqdn}${target.ip === undefined ? '' : ` (${target.ip})`} port ${target.port}`,
  query: (target, source, protocol, context) => {
    if (source.kind !== 'pod') throw new Error('an fqdn target needs a pod source');
    const client = context.connections.clientPod(source.namespace, source.labels, source.serviceAccount);
    const ip = target.ip ?? context.addresses.get(normalizeName(target.fqdn));
    return context.connections.toOutside(client, { fqdn: target.fqdn, ip, port: target.port }, protocol);
  },
  draw: (target, canvas) => canvas.outside(`fqdn:${target.fqdn}`, `${target.fqdn}\n(outside)`),
};
