import {
  CiliumNetworkPolicySpecEgress, CiliumNetworkPolicySpecEgressDeny, CiliumNetworkPolicySpecIngress, CiliumNetworkPolicySpecIngressDeny,
} from '../../imports/cnp-cilium.io';

/** Every property of an imported class, each with the JSON key it is written as. */
type JsonKeyOf<T> = { readonly [K in keyof Required<T>]: string };

/**
 * The fields of a Cilium ingress rule: the property of the imported class the constructs write
 * (`fromCidr`), and the key the manifest holds, which the verifier reads (`fromCIDR`). Typed
 * against the import, so a field the CRD gains fails to compile here, and then in the
 * verifier's classification of the fields, until both name it.
 */
export const CILIUM_INGRESS_RULE_FIELDS = {
  authentication: 'authentication',
  fromCidr: 'fromCIDR',
  fromCidrSet: 'fromCIDRSet',
  fromEndpoints: 'fromEndpoints',
  fromEntities: 'fromEntities',
  fromGroups: 'fromGroups',
  fromNodes: 'fromNodes',
  fromRequires: 'fromRequires',
  icmps: 'icmps',
  toPorts: 'toPorts',
} as const satisfies JsonKeyOf<CiliumNetworkPolicySpecIngress>;

/** The fields of a Cilium egress rule, as {@link CILIUM_INGRESS_RULE_FIELDS}. */
export const CILIUM_EGRESS_RULE_FIELDS = {
  authentication: 'authentication',
  icmps: 'icmps',
  toCidr: 'toCIDR',
  toCidrSet: 'toCIDRSet',
  toEndpoints: 'toEndpoints',
  toEntities: 'toEntities',
  toFqdNs: 'toFQDNs',
  toGroups: 'toGroups',
  toNodes: 'toNodes',
  toPorts: 'toPorts',
  toRequires: 'toRequires',
  toServices: 'toServices',
} as const satisfies JsonKeyOf<CiliumNetworkPolicySpecEgress>;

/** A deny rule's fields are an allow rule's without some (no `authentication`, no `toFQDNs`): checked here. */
type DenyFieldsOfAllow<Deny, Allow> = Exclude<keyof Deny, keyof Allow> extends never ? true : never;
const DENY_FIELDS_ARE_ALLOW_FIELDS: [DenyFieldsOfAllow<CiliumNetworkPolicySpecIngressDeny, CiliumNetworkPolicySpecIngress>,
  DenyFieldsOfAllow<CiliumNetworkPolicySpecEgressDeny, CiliumNetworkPolicySpecEgress>] = [true, true];
void DENY_FIELDS_ARE_ALLOW_FIELDS;

/** The JSON key of a field of a Cilium ingress rule. */
export type CiliumIngressRuleField = typeof CILIUM_INGRESS_RULE_FIELDS[keyof typeof CILIUM_INGRESS_RULE_FIELDS];
/** The JSON key of a field of a Cilium egress rule. */
export type CiliumEgressRuleField = typeof CILIUM_EGRESS_RULE_FIELDS[keyof typeof CILIUM_EGRESS_RULE_FIELDS];
