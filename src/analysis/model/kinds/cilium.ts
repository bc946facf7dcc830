import { CiliumEgressRuleField, CiliumIngressRuleField } from '../../../core/cilium-rule-fields';
import { POLICY_PROTOCOLS } from '../../../core/protocols';
import { FqdnSelector, isFqdnName, isFqdnPattern } from '../../engine/fqdn-pattern';
import { compileRe2 } from '../../engine/re2';
import { parseCidr } from '../cidr';
import { FieldList, FieldReader, LabelSelector } from '../field-reader';
import { FieldPath, has, JsonMap, own, renderPath } from '../json';
import { UnmodelledField } from '../outcome';
import { CidrRule, CiliumHttpRule, CiliumPort, CiliumPortRule, CiliumRule, CiliumRuleSet, IcmpRule } from '../records';

/** The directions of a Cilium rule set, allow and deny. */
export const CILIUM_RULE_LISTS = ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const;

/** What the model reads of a Cilium policy's `spec` (and each of `specs`). */
export const CILIUM_SPEC_FIELDS: FieldList = {
  understood: ['endpointSelector', 'nodeSelector', 'enableDefaultDeny', ...CILIUM_RULE_LISTS],
  ignored: ['description', 'labels', 'log'],
};

/**
 * How the model takes each field of a Cilium rule the CRD has (the list the constructs write
 * with, see core/cilium-rule-fields.ts): a field the CRD gains fails to compile here until it is
 * read or declared unknown. An unknown field makes a verdict it could change unknown.
 */
const INGRESS_RULE_FIELDS: Readonly<Record<CiliumIngressRuleField, 'understood' | 'unknown'>> = {
  fromEndpoints: 'understood',
  fromEntities: 'understood',
  fromCIDR: 'understood',
  fromCIDRSet: 'understood',
  fromRequires: 'understood',
  fromNodes: 'understood',
  toPorts: 'understood',
  icmps: 'understood',
  fromGroups: 'unknown',
  authentication: 'unknown',
};
const EGRESS_RULE_FIELDS: Readonly<Record<CiliumEgressRuleField, 'understood' | 'unknown'>> = {
  toEndpoints: 'understood',
  toEntities: 'understood',
  toCIDR: 'understood',
  toCIDRSet: 'understood',
  toFQDNs: 'understood',
  toRequires: 'understood',
  toNodes: 'understood',
  toPorts: 'understood',
  icmps: 'understood',
  toGroups: 'unknown',
  toServices: 'unknown',
  authentication: 'unknown',
};

function understoodOf<F extends string>(fields: Readonly<Record<F, 'understood' | 'unknown'>>): F[] {
  return (Object.keys(fields) as F[]).filter((f) => fields[f] === 'understood');
}

/** What the model reads of an allow rule, by direction. */
export const CILIUM_RULE_FIELDS: Readonly<Record<'ingress' | 'egress', FieldList>> = {
  ingress: { understood: understoodOf(INGRESS_RULE_FIELDS) },
  egress: { understood: understoodOf(EGRESS_RULE_FIELDS) },
};

/** What the model reads of a `toPorts` entry of an allow rule, and of its `rules`. */
export const CILIUM_PORT_RULE_FIELDS: FieldList = { understood: ['ports', 'rules'] };
/** The L7 rule kinds the model reads: DNS and HTTP. */
export const CILIUM_L7_FIELDS: FieldList = { understood: ['dns', 'http'] };
/** What the model reads of an HTTP rule. */
export const CILIUM_HTTP_FIELDS: FieldList = { understood: ['method', 'path', 'host', 'headers'] };

/** The entities Cilium 1.16 knows. */
const ENTITIES = ['all', 'world', 'cluster', 'host', 'init', 'ingress', 'unmanaged', 'remote-node', 'health', 'none', 'kube-apiserver'] as const;

/** ICMPv4 type names (and the IPv6 ones Cilium shares), as numbers. */
const ICMP_TYPES: Readonly<Record<string, number>> = {
  EchoReply: 0,
  DestinationUnreachable: 3,
  Redirect: 5,
  Echo: 8,
  EchoRequest: 8,
  RouterAdvertisement: 9,
  RouterSelection: 10,
  TimeExceeded: 11,
  ParameterProblem: 12,
  Timestamp: 13,
  TimestampReply: 14,
  Photuris: 40,
  ExtendedEchoRequest: 42,
};
const ICMPV6_TYPES: Readonly<Record<string, number>> = { EchoRequest: 128, EchoReply: 129 };

/** `egress[0].toPorts[1]` (`specs[2].egress[0]` in a policy with `specs`): where a rule is in its policy. */
function rulePath(path: FieldPath): string {
  return renderPath(path[0] === 'spec' ? path.slice(1) : path);
}

function portRule(reader: FieldReader, entry: JsonMap, path: FieldPath, deny: boolean): CiliumPortRule {
  const where = `${reader.object} ${rulePath(path)}`;
  const unmodelled: UnmodelledField[] = deny ? [] : reader.unmodelled(entry, path, CILIUM_PORT_RULE_FIELDS);
  const ports = reader.optionalMaps(entry, 'ports', path, (item, at): CiliumPort => {
    const text = reader.optionalString(item, 'port', at) ?? '0';
    const numeric = /^\d+$/.test(text);
    if (numeric && Number(text) > 65535) reader.fail([...at, 'port'], 'must be a port from 0 (every port) to 65535, or a port name');
    const endPort = own(item, 'endPort') === undefined ? undefined : reader.integer(own(item, 'endPort'), [...at, 'endPort'], 1, 65535);
    if (endPort !== undefined && (!numeric || endPort < Number(text))) reader.fail([...at, 'endPort'], 'must be at least the numeric port it ends the range of');
    const protocol = own(item, 'protocol') === undefined ? 'ANY' : reader.oneOf(own(item, 'protocol'), [...at, 'protocol'], POLICY_PROTOCOLS);
    return { port: numeric ? Number(text) : text, endPort, protocol };
  }) ?? [];
  const rules = deny ? undefined : reader.optionalMap(entry, 'rules', path);
  let dns: FqdnSelector[] | undefined;
  let http: CiliumHttpRule[] | undefined;
  if (rules !== undefined) {
    unmodelled.push(...reader.unmodelled(rules, [...path, 'rules'], CILIUM_L7_FIELDS));
    dns = reader.optionalMaps(rules, 'dns', [...path, 'rules'], (selector, at) => fqdnSelector(reader, selector, at));
    http = reader.optionalMaps(rules, 'http', [...path, 'rules'], (rule, at) => httpRule(reader, rule, at));
  }
  return { where, ports, dns, http, unmodelled };
}

function regex(reader: FieldReader, map: JsonMap, key: string, path: FieldPath) {
  const text = reader.optionalString(map, key, path);
  if (text === undefined) return undefined;
  const compiled = compileRe2(text);
  if ('error' in compiled) reader.fail([...path, key], `must be a regular expression Envoy accepts: ${compiled.error}`);
  return compiled;
}

function httpRule(reader: FieldReader, rule: JsonMap, path: FieldPath): CiliumHttpRule {
  const headers = (reader.optionalStrings(rule, 'headers', path) ?? []).map((header) => {
    // Cilium splits a header rule at the first space; a name ending in ':' loses it.
    const space = header.indexOf(' ');
    const name = (space < 0 ? header : header.slice(0, space)).replace(/:$/, '');
    const value = space < 0 ? undefined : header.slice(space + 1).trim();
    return { name: name.toLowerCase(), value };
  });
  return {
    method: regex(reader, rule, 'method', path),
    path: regex(reader, rule, 'path', path),
    host: regex(reader, rule, 'host', path),
    headers,
    unmodelled: reader.unmodelled(rule, path, CILIUM_HTTP_FIELDS),
  };
}

function fqdnSelector(reader: FieldReader, selector: JsonMap, path: FieldPath): FqdnSelector {
  const name = reader.optionalString(selector, 'matchName', path, 'must be a DNS name (letters, digits, -, _ and .)', isFqdnName);
  const pattern = reader.optionalString(selector, 'matchPattern', path, 'must be a DNS name pattern (letters, digits, -, _, . and *)', isFqdnPattern);
  if ((name === undefined) === (pattern === undefined)) reader.fail(path, 'must have exactly one of matchName and matchPattern');
  return name !== undefined ? { matchName: name } : { matchPattern: pattern! };
}

function cidrText(reader: FieldReader, text: string, path: FieldPath) {
  const cidr = parseCidr(text);
  if (cidr === undefined) reader.fail(path, 'must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32');
  return cidr;
}

function cidrs(reader: FieldReader, rule: JsonMap, prefix: 'from' | 'to', path: FieldPath, unmodelled: UnmodelledField[]): CidrRule[] | undefined {
  const plain = reader.optionalStrings(rule, `${prefix}CIDR`, path)?.map((text, i) => ({ cidr: cidrText(reader, text, [...path, `${prefix}CIDR`, i]), except: [] }));
  const sets = reader.optionalMaps(rule, `${prefix}CIDRSet`, path, (set, at): CidrRule | undefined => {
    if (has(set, 'cidrGroupRef')) {
      unmodelled.push({ object: reader.object, field: renderPath([...at, 'cidrGroupRef']), why: 'a CiliumCIDRGroup the model does not read' });
      return undefined;
    }
    const cidr = cidrText(reader, reader.string(own(set, 'cidr'), [...at, 'cidr'], 'must be a CIDR'), [...at, 'cidr']);
    const except = (reader.optionalStrings(set, 'except', at) ?? []).map((text, i) => cidrText(reader, text, [...at, 'except', i]));
    return { cidr, except };
  });
  if (plain === undefined && sets === undefined) return undefined;
  return [...plain ?? [], ...(sets ?? []).filter((s): s is CidrRule => s !== undefined)];
}

function icmps(reader: FieldReader, rule: JsonMap, path: FieldPath): IcmpRule[] | undefined {
  const list = reader.optionalMaps(rule, 'icmps', path, (item, at) => reader.optionalMaps(item, 'fields', at, (field, fieldAt): IcmpRule => {
    const family = own(field, 'family') === 'IPv6' ? 6 : 4;
    const type = own(field, 'type');
    const names = family === 4 ? ICMP_TYPES : ICMPV6_TYPES;
    if (typeof type === 'number' && Number.isInteger(type) && type >= 0 && type <= 255) return { family, type };
    if (typeof type === 'string' && /^\d+$/.test(type) && Number(type) <= 255) return { family, type: Number(type) };
    if (typeof type === 'string' && Object.prototype.hasOwnProperty.call(names, type)) return { family, type: names[type] };
    return reader.fail([...fieldAt, 'type'], 'must be an ICMP type from 0 to 255 or a name such as EchoRequest');
  }) ?? []);
  return list?.flat();
}

function selectors(reader: FieldReader, rule: JsonMap, key: string, path: FieldPath): LabelSelector[] | undefined {
  return reader.optionalList(rule, key, path)?.map((item, i) => reader.selector(item, [...path, key, i], true));
}

function readRule(reader: FieldReader, raw: JsonMap, path: FieldPath, list: typeof CILIUM_RULE_LISTS[number]): CiliumRule {
  const direction = list.startsWith('ingress') ? 'ingress' : 'egress';
  const deny = list.endsWith('Deny');
  const prefix = direction === 'ingress' ? 'from' : 'to';
  const unmodelled = reader.unmodelled(raw, path, deny
    ? { understood: CILIUM_RULE_FIELDS[direction].understood.filter((f) => f !== 'toFQDNs') }
    : CILIUM_RULE_FIELDS[direction]);
  const entities = reader.optionalStrings(raw, `${prefix}Entities`, path, `must be one of ${ENTITIES.join(', ')}`, (e) => (ENTITIES as readonly string[]).includes(e));
  const endpoints = selectors(reader, raw, `${prefix}Endpoints`, path);
  const requires = selectors(reader, raw, `${prefix}Requires`, path);
  // A node is never one of the model's peers (pods, addresses outside the cluster): fromNodes/toNodes match none of them.
  selectors(reader, raw, `${prefix}Nodes`, path);
  const fqdns = direction === 'egress' && !deny
    ? reader.optionalMaps(raw, 'toFQDNs', path, (selector, at) => fqdnSelector(reader, selector, at)) : undefined;
  const cidrRules = cidrs(reader, raw, prefix, path, unmodelled);
  const peerFields: readonly (CiliumIngressRuleField | CiliumEgressRuleField)[] = direction === 'ingress'
    ? ['fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'fromNodes', 'fromGroups']
    : ['toEndpoints', 'toEntities', 'toCIDR', 'toCIDRSet', 'toFQDNs', 'toNodes', 'toGroups', 'toServices'];
  const toPorts = reader.optionalMaps(raw, 'toPorts', path, (entry, at) => portRule(reader, entry, at, deny));
  return {
    where: `${reader.object} ${rulePath(path)}`,
    endpoints,
    entities,
    cidrs: cidrRules,
    fqdns,
    requires,
    hasPeer: peerFields.some((f) => has(raw, f)),
    toPorts,
    icmps: icmps(reader, raw, path),
    unmodelled,
  };
}

/** The rule sets of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (`spec`, then each of `specs`); node policies are left out. */
export function readCiliumPolicy(reader: FieldReader, object: JsonMap, namespace: string | undefined): CiliumRuleSet[] {
  const specs: [JsonMap, FieldPath][] = [];
  const spec = reader.optionalMap(object, 'spec', []);
  if (spec !== undefined) specs.push([spec, ['spec']]);
  reader.optionalList(object, 'specs', [])?.forEach((item, i) => specs.push([reader.map(item, ['specs', i]), ['specs', i]]));
  if (specs.length === 0) reader.fail([], 'has neither spec nor specs');
  const sets: CiliumRuleSet[] = [];
  for (const [raw, path] of specs) {
    const unmodelled = reader.unmodelled(raw, path, CILIUM_SPEC_FIELDS);
    if (unmodelled.length > 0) reader.fail([...path, unmodelled[0].field.split('.').pop()!], `is not a field of a Cilium policy spec (the fields are ${CILIUM_SPEC_FIELDS.understood.join(', ')})`);
    const hasEndpoints = has(raw, 'endpointSelector');
    if (hasEndpoints === has(raw, 'nodeSelector')) reader.fail(path, 'must have exactly one of endpointSelector and nodeSelector');
    // A node (host) policy selects nodes, never pods: it decides none of the model's connections.
    if (!hasEndpoints) continue;
    const defaultDeny = reader.optionalMap(raw, 'enableDefaultDeny', path);
    const rulesOf = (list: typeof CILIUM_RULE_LISTS[number]) => reader.optionalMaps(raw, list, path, (item, at) => readRule(reader, item, at, list));
    const lists = Object.fromEntries(CILIUM_RULE_LISTS.map((list) => [list, rulesOf(list)]));
    sets.push({
      name: reader.object + (path[0] === 'specs' || specs.length > 1 ? ` ${path[0] === 'specs' ? `specs[${path[1]}]` : 'spec'}` : ''),
      namespace,
      endpointSelector: reader.selector(own(raw, 'endpointSelector'), [...path, 'endpointSelector'], true),
      ingress: lists.ingress,
      ingressDeny: lists.ingressDeny,
      egress: lists.egress,
      egressDeny: lists.egressDeny,
      defaultDeny: {
        ingress: defaultDeny === undefined || own(defaultDeny, 'ingress') !== false,
        egress: defaultDeny === undefined || own(defaultDeny, 'egress') !== false,
      },
    });
  }
  return sets;
}
