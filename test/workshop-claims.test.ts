import {
  checkClaims, Claim, ClaimResult, ConnectivityModel, EDITIONS, MESH_SECTION, NETWORKING_SECTION, SECURE_STORE_SECTION, STORAGE_SECTION,
  STORE_SECTION, synthesizeWorkshop, WORKSHOP_EDITIONS, WorkshopSection,
} from '../src';
import { describeWithShared, loadUpstream } from './support/shared';
import { synthSection } from './support/synth';
import { tempDir } from './support/temp';
import { inlineObject } from './support/workshop';
import { GATEWAY_SERVES_STORE, MESH_PERMISSIVE_CLAIMS } from '../src/workshop/deep-dives/03-mesh/claims';

const NETWORKING_STEP_CLAIMS = NETWORKING_SECTION.claims!.steps!;

/** Objects as `kubectl apply -n <namespace>` applies them: those without a namespace go there. */
function appliedIn(kubectlNamespace: string, objects: readonly any[]): any[] {
  return objects.map((o) => (o.kind === 'Namespace' || o.metadata.namespace !== undefined ? o : { ...o, metadata: { ...o.metadata, namespace: kubectlNamespace } }));
}

/** The namespace the workshop creates (`kubectl create ns`), with the labels it adds later (`kubectl label`). */
function namespace(name: string, labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** The claims that do not hold, each with the reason that decided it. */
function failures(results: readonly ClaimResult[]): Record<string, string> {
  return Object.fromEntries(results.filter((r) => !r.holds).map((r) => [r.claim.id, (r.reasons.find((x) => x.outcome !== 'allowed') ?? r.reasons[r.reasons.length - 1])?.text ?? '']));
}

function check(objects: readonly any[], claims: readonly Claim[]): ClaimResult[] {
  return checkClaims(ConnectivityModel.fromObjects(objects), claims);
}

const STORE_FILE = 'aks-store-quickstart.workshop-era-afe11f4.yaml';

describeWithShared("the workshop's claims against the workshop's own files, in the order it applies them", () => {
  const store = () => [namespace('pets'), ...appliedIn('pets', loadUpstream(STORE_FILE))];
  const networkingFiles = [
    ['step1-network-policy', 'acns-network-policy.yaml'],
    ['step2-fqdn-policy', 'acns-network-policy-fqdn.yaml'],
    ['step3-chaos', 'acns-network-policy-chaos.yaml'],
    ['step4-restore-store-front', 'acns-network-policy-allow-store-front-traffic.yaml'],
    ['step5-hubble-ui', 'acns-hubble-ui.yaml'],
  ];
  const afterStep = (step: string) => {
    const upTo = networkingFiles.slice(0, networkingFiles.findIndex(([id]) => id === step) + 1);
    return [...store(), ...upTo.flatMap(([, file]) => appliedIn('pets', loadUpstream(file)))];
  };
  const DNS_DROPPED = 'is dropped: egress of pets/store-front to kube-system/coredns on 53/UDP: default-deny';
  const ORDERS_CUT_OFF = 'egress of pets/order-service to pets/rabbitmq on 5672/TCP: default-deny (CiliumNetworkPolicy pets/allow-order-service-traffic selects it)';

  test('before any policy, everything the text tries works', () => {
    expect(failures(check(store(), STORE_SECTION.claims!.endState))).toEqual({});
  });

  test.each([
    ['step1-network-policy', {
      'store-front-reaches-order-service': DNS_DROPPED,
      'store-front-reaches-product-service': DNS_DROPPED,
      'order-service-reaches-rabbitmq': 'lookup of rabbitmq fails at rabbitmq.pets.svc.cluster.local ("bad address")',
      'rabbitmq-egress-blocked': '',
    }],
    ['step2-fqdn-policy', {
      'store-front-reaches-order-service': DNS_DROPPED,
      'store-front-reaches-product-service': DNS_DROPPED,
      'order-service-reaches-rabbitmq': ORDERS_CUT_OFF,
    }],
    ['step3-chaos', {}],
    ['step4-restore-store-front', {
      'store-front-reaches-order-service': DNS_DROPPED,
      'store-front-reaches-product-service': DNS_DROPPED,
      'order-service-reaches-rabbitmq': ORDERS_CUT_OFF,
    }],
  ])('after %s the claims the files break come out broken', (step, broken: Record<string, string>) => {
    const found = failures(check(afterStep(step), NETWORKING_STEP_CLAIMS[step]));
    expect(Object.keys(found).sort()).toEqual(Object.keys(broken).sort());
    for (const [id, reason] of Object.entries(broken)) expect(found[id]).toContain(reason);
  });

  test("at the section's end, the files break four of its nine claims", () => {
    const found = failures(check(afterStep('step5-hubble-ui'), NETWORKING_SECTION.claims!.endState));
    expect(Object.keys(found).sort()).toEqual([
      'order-service-reaches-rabbitmq', 'rabbitmq-egress-blocked', 'store-front-reaches-order-service', 'store-front-reaches-product-service',
    ]);
  });

  test('the mesh section: plaintext is served before STRICT mTLS and refused after; the meshed client is served', () => {
    const labelled = [namespace('pets', { 'istio.io/rev': 'asm-1-22' }), ...appliedIn('pets', loadUpstream(STORE_FILE))];
    const curl = appliedIn('default', [inlineObject('aks-deep-dives.md', 'Deployment', 'curl-deployment').object]);
    expect(failures(check([...labelled, ...curl], MESH_PERMISSIVE_CLAIMS))).toEqual({});
    const strict = [
      ...labelled, ...curl,
      ...appliedIn('pets', [inlineObject('aks-deep-dives.md', 'PeerAuthentication', 'pets-default').object]),
      ...appliedIn('default', [inlineObject('aks-deep-dives.md', 'Deployment', 'curl-pets-deployment').object]),
    ];
    const deepDivesClaims = MESH_SECTION.claims!.endState.filter((c) => c !== GATEWAY_SERVES_STORE);
    expect(failures(check(strict, deepDivesClaims))).toEqual({});
  });

  test("the Advanced AKS text's ingress never serves the store: the Gateway lands in default and the host never matches", () => {
    const advanced = 'advanced-aks-day2-operations.md';
    const objects = [
      namespace('aks-store', { 'istio.io/rev': 'asm-1-22' }),
      ...appliedIn('aks-store', loadUpstream(STORE_FILE)),
      ...appliedIn('default', [inlineObject(advanced, 'Gateway', 'aks-store-gateway-external').object]),
      ...appliedIn('default', [inlineObject(advanced, 'VirtualService', 'store-front-external').object]),
    ];
    expect(failures(check(objects, [GATEWAY_SERVES_STORE]))['gateway-serves-store-front'])
      .toContain('names gateway aks-store-gateway-external, which means aks-store/aks-store-gateway-external; write default/aks-store-gateway-external');
    const gatewayInAppNamespace = objects.map((o) => (o.kind === 'Gateway' ? { ...o, metadata: { ...o.metadata, namespace: 'aks-store' } } : o));
    expect(failures(check(gatewayInAppNamespace, [GATEWAY_SERVES_STORE]))['gateway-serves-store-front'])
      .toContain('its hosts (store-front.aks-store.svc.cluster.local) do not match Host 203.0.113.10: 404');
  });

  test('the storage section: the MySQL client reaches the primary and the readers', () => {
    const objects = appliedIn('default', [...loadUpstream('acstor-mysql-config-services.yaml'), ...loadUpstream('acstor-mysql-statefulset.yaml')]);
    expect(failures(check(objects, STORAGE_SECTION.claims!.endState))).toEqual({});
  });
});

describe('every claim holds on the bundles', () => {
  const bundle = (section: WorkshopSection) => synthSection(section).find((f) => f.fileName === `${section.id}.k8s.yaml`)!.objects;
  const withClaims = WORKSHOP_EDITIONS.flatMap((edition) => EDITIONS[edition].sections
    .filter((s) => s.claims !== undefined).map((s) => [edition, s.id, s] as const));

  test.each(withClaims)('%s %s', (edition, _id, section) => {
    const before = (section.claims!.after ?? []).flatMap((id) => bundle(EDITIONS[edition].sections.find((s) => s.id === id)!));
    expect(failures(check([...before, ...bundle(section)], section.claims!.endState))).toEqual({});
  });

  test("the member cluster's end state (dist/ read through its kustomization.yaml) keeps the secure store's and the storage section's claims", () => {
    const outdir = `${tempDir('aks-labs-claims-')}/dist`;
    synthesizeWorkshop({ outdir });
    const model = ConnectivityModel.fromPaths([outdir]);
    expect(failures(checkClaims(model, [...SECURE_STORE_SECTION.claims!.endState, ...STORAGE_SECTION.claims!.endState]))).toEqual({});
    expect(model.objects.some(({ source }) => source.file.includes('steps'))).toBe(false);
  });
});

describeWithShared("the step files give the workshop files' verdicts, defects included", () => {
  const files = synthSection(NETWORKING_SECTION);
  const store = synthSection(STORE_SECTION)[0].objects;
  const upstream = ['acns-network-policy.yaml', 'acns-network-policy-fqdn.yaml', 'acns-network-policy-chaos.yaml', 'acns-network-policy-allow-store-front-traffic.yaml'];
  const steps = NETWORKING_SECTION.steps!.slice(0, 4);

  test.each(steps.map((s, i) => [s.id, i]))('%s', (stepId, index) => {
    const ours = [...store, ...steps.slice(0, index + 1).flatMap((s) => files.find((f) => f.fileName === `steps/02-networking.${s.id}.k8s.yaml`)!.objects)];
    const theirs = [...store, ...upstream.slice(0, index + 1).flatMap((f) => appliedIn('pets', loadUpstream(f)))];
    const claims = NETWORKING_STEP_CLAIMS[stepId];
    const verdicts = (objects: any[]) => check(objects, claims).map((r) => `${r.claim.id}: ${r.actual}`);
    expect(verdicts(ours)).toEqual(verdicts(theirs));
  });
});
