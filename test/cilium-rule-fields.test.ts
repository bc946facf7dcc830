import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { toJson_CiliumNetworkPolicySpecEgress, toJson_CiliumNetworkPolicySpecIngress } from '../imports/cnp-cilium.io';
import { describeWithShared, SHARED_DIR } from './support/shared';
import { CILIUM_RULE_FIELDS } from '../src/analysis/model/kinds/cilium';
import { CILIUM_EGRESS_RULE_FIELDS, CILIUM_INGRESS_RULE_FIELDS } from '../src/core/cilium-rule-fields';

/**
 * The constructs write Cilium rules through the imported classes; the verifier reads the
 * manifest's JSON keys. The shared field list ties the two: each property's key is the one the
 * imported class writes, and the one the CRD declares.
 */

const SAMPLE: Record<string, unknown> = { authentication: {} };
const written = (toJson: (rule: object) => object, property: string) => Object.keys(toJson({ [property]: SAMPLE[property] ?? [] }));

describe('the Cilium rule fields the constructs and the verifier share', () => {
  test.each(Object.entries(CILIUM_INGRESS_RULE_FIELDS))('ingress %s is written as %s', (property, key) => {
    expect(written((r) => toJson_CiliumNetworkPolicySpecIngress(r)!, property)).toEqual([key]);
  });

  test.each(Object.entries(CILIUM_EGRESS_RULE_FIELDS))('egress %s is written as %s', (property, key) => {
    expect(written((r) => toJson_CiliumNetworkPolicySpecEgress(r)!, property)).toEqual([key]);
  });

  test("every field the verifier understands is one the constructs' classes can write", () => {
    expect(CILIUM_RULE_FIELDS.ingress.understood.filter((f) => !(Object.values(CILIUM_INGRESS_RULE_FIELDS) as string[]).includes(f))).toEqual([]);
    expect(CILIUM_RULE_FIELDS.egress.understood.filter((f) => !(Object.values(CILIUM_EGRESS_RULE_FIELDS) as string[]).includes(f))).toEqual([]);
  });
});

type RuleLists = Record<string, { items: { properties: object } }>;

/** The rule lists of the CiliumNetworkPolicy CRD's v2 spec (read in a test: a skipped describe still runs its body). */
function crdRuleLists(): RuleLists {
  const crd = yaml.load(fs.readFileSync(path.join(SHARED_DIR, 'crds', 'cilium-1.16.12-cilium.io_ciliumnetworkpolicies.yaml'), 'utf8')) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: { properties: { spec: { properties: RuleLists } } } } }[] };
  };
  return crd.spec.versions.find((v) => v.name === 'v2')!.schema.openAPIV3Schema.properties.spec.properties;
}

describeWithShared('the shared Cilium rule fields against the CRD', () => {
  test.each([['ingress', CILIUM_INGRESS_RULE_FIELDS], ['egress', CILIUM_EGRESS_RULE_FIELDS]] as const)('%s: the keys are the CRD\'s fields', (list, fields) => {
    expect(Object.values(fields).sort()).toEqual(Object.keys(crdRuleLists()[list].items.properties).sort());
  });
});
