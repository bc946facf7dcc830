import { PORT_PROTOCOLS } from '../../../core/protocols';
import { isValidPortName, PORT_NAME_RULE } from '../../../core/validation';
import { cidrContains, parseCidr } from '../cidr';
import { FieldList, FieldReader } from '../field-reader';
import { FieldPath, has, JsonMap, own, renderPath } from '../json';
import { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRecord, NetworkPolicyRule } from '../records';

/** What the model reads of a NetworkPolicy's `spec`: all of it (networking.k8s.io/v1). */
export const NETWORK_POLICY_SPEC_FIELDS: FieldList = { understood: ['podSelector', 'policyTypes', 'ingress', 'egress'] };

function port(reader: FieldReader, item: JsonMap, path: FieldPath): NetworkPolicyPort {
  reader.refuseUnknown(item, path, ['protocol', 'port', 'endPort']);
  const protocol = own(item, 'protocol') === undefined ? 'TCP' : reader.oneOf(own(item, 'protocol'), [...path, 'protocol'], PORT_PROTOCOLS);
  const raw = own(item, 'port');
  let number: number | string | undefined;
  if (typeof raw === 'number') number = reader.integer(raw, [...path, 'port'], 1, 65535);
  else if (raw !== undefined && raw !== null) number = reader.string(raw, [...path, 'port'], `must be a port number or ${PORT_NAME_RULE}`, isValidPortName);
  const endPort = own(item, 'endPort') === undefined ? undefined : reader.integer(own(item, 'endPort'), [...path, 'endPort'], 1, 65535);
  if (endPort !== undefined && (typeof number !== 'number' || endPort < number)) reader.fail([...path, 'endPort'], 'must follow a numeric port and be at least that port');
  return { protocol, port: number, endPort };
}

function peer(reader: FieldReader, item: JsonMap, path: FieldPath): NetworkPolicyPeer {
  reader.refuseUnknown(item, path, ['podSelector', 'namespaceSelector', 'ipBlock']);
  const block = reader.optionalMap(item, 'ipBlock', path);
  if (block !== undefined) {
    if (has(item, 'podSelector') || has(item, 'namespaceSelector')) reader.fail(path, 'must not combine ipBlock with podSelector or namespaceSelector');
    reader.refuseUnknown(block, [...path, 'ipBlock'], ['cidr', 'except']);
    const at = [...path, 'ipBlock'];
    const cidr = parseCidr(reader.string(own(block, 'cidr'), [...at, 'cidr'], 'must be a CIDR such as 10.0.0.0/8'));
    if (cidr === undefined) reader.fail([...at, 'cidr'], 'must be a CIDR such as 10.0.0.0/8');
    const except = (reader.optionalStrings(block, 'except', at) ?? []).map((text, i) => {
      const inner = parseCidr(text);
      if (inner === undefined || inner.family !== cidr.family || inner.prefix < cidr.prefix
        || !cidrContains(cidr, { family: inner.family, value: inner.network })) {
        reader.fail([...at, 'except', i], 'must be a CIDR inside ipBlock.cidr');
      }
      return inner;
    });
    return { kind: 'addresses', block: { cidr, except } };
  }
  if (!has(item, 'podSelector') && !has(item, 'namespaceSelector')) reader.fail(path, 'must name podSelector, namespaceSelector or ipBlock');
  return {
    kind: 'pods',
    podSelector: has(item, 'podSelector') ? reader.selector(own(item, 'podSelector'), [...path, 'podSelector']) : undefined,
    namespaceSelector: has(item, 'namespaceSelector') ? reader.selector(own(item, 'namespaceSelector'), [...path, 'namespaceSelector']) : undefined,
  };
}

function rules(reader: FieldReader, spec: JsonMap, direction: 'ingress' | 'egress'): NetworkPolicyRule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return reader.optionalMaps(spec, direction, ['spec'], (item, at) => {
    reader.refuseUnknown(item, at, [peersKey, 'ports']);
    return {
      where: `${reader.object} ${renderPath(at.slice(1))}`,
      // An empty or missing peer list means every peer, as does an empty port list every port.
      peers: reader.optionalMaps(item, peersKey, at, (p, pAt) => peer(reader, p, pAt)),
      ports: reader.optionalMaps(item, 'ports', at, (p, pAt) => port(reader, p, pAt)),
    };
  }) ?? [];
}

/** A Kubernetes NetworkPolicy, with `policyTypes` defaulted as the API server defaults it. */
export function readNetworkPolicy(reader: FieldReader, object: JsonMap, namespace: string): NetworkPolicyRecord {
  const spec = reader.map(own(object, 'spec'), ['spec']);
  reader.refuseUnknown(spec, ['spec'], NETWORK_POLICY_SPEC_FIELDS.understood);
  const types = reader.optionalStrings(spec, 'policyTypes', ['spec'], 'must be Ingress or Egress', (t) => t === 'Ingress' || t === 'Egress')
    ?? ['Ingress', ...(reader.optionalList(spec, 'egress', ['spec'])?.length ?? 0) > 0 ? ['Egress'] : []];
  const emptyAsEvery = (list: NetworkPolicyRule[]) => list.map((r) => ({
    ...r, peers: r.peers?.length === 0 ? undefined : r.peers, ports: r.ports?.length === 0 ? undefined : r.ports,
  }));
  return {
    name: reader.object,
    namespace,
    podSelector: reader.selector(own(spec, 'podSelector') ?? {}, ['spec', 'podSelector']),
    ingress: types.includes('Ingress') ? emptyAsEvery(rules(reader, spec, 'ingress')) : undefined,
    egress: types.includes('Egress') ? emptyAsEvery(rules(reader, spec, 'egress')) : undefined,
  };
}
