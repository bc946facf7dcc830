import { ApiObject, App, Chart } from 'cdk8s';
import { AksStore, enableSidecarInjection, MeshIngress, StoreNetworkPolicies, StoreNetworkPoliciesProps, synthesizeManifests, verify } from '../src';
import { Claim } from '../src/analysis/claims';

/**
 * Compositions that would break their own flows are refused when they are built, and the
 * refusal agrees with the verifier: the same app's objects, taken without the check
 * (each ApiObject's `toJson()`), have the claim the message names come out blocked.
 */

const ISTIOD = { namespace: 'aks-istio-system', service: 'istiod-asm-1-22', port: 15012, host: 'istiod-asm-1-22.aks-istio-system.svc' };

function sidecarReachesIstiod(app: string): Claim {
  return { id: `${app}-reaches-istiod`, from: { namespace: 'pets', labels: { app } }, to: ISTIOD, expect: 'allowed' };
}

const GATEWAY_SERVES_STORE: Claim = { id: 'gateway-serves-store', from: { ingressGateway: 'external' }, to: { port: 80, path: '/' }, expect: 'allowed' };

interface Composition {
  readonly app: App;
  readonly policies: StoreNetworkPolicies;
}

/** The store in `pets`, its policies, and the namespace labelled for injection before or after them. */
function storeWithSidecars(labelled: 'before' | 'after', props: Partial<StoreNetworkPoliciesProps> = {}, ingress = false): Composition {
  const app = new App();
  const chart = new Chart(app, 'store');
  const store = new AksStore(chart, 'store', { namespace: 'pets', release: 'current', storeFrontServiceType: 'ClusterIP' });
  if (labelled === 'before') enableSidecarInjection(chart, store.namespace, 'asm-1-22');
  const policies = new StoreNetworkPolicies(chart, 'policies', { store, ...props });
  if (labelled === 'after') enableSidecarInjection(chart, store.namespace, 'asm-1-22');
  if (ingress) new MeshIngress(chart, 'ingress', { destination: store.storeFront });
  return { app, policies };
}

function synthError(app: App): string {
  try {
    synthesizeManifests(app);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthesis did not fail');
}

function outcomes(app: App, claims: Claim[]): Record<string, string> {
  const objects = app.node.findAll().filter(ApiObject.isApiObject).map((object) => object.toJson());
  const { results } = verify({ manifests: { objects }, claims });
  return Object.fromEntries(results.map((r) => [r.claim.id, r.actual]));
}

const STORE_APPS = ['store-front', 'order-service', 'product-service', 'rabbitmq'];

describe('StoreNetworkPolicies in a namespace labelled for sidecar injection', () => {
  test('learns the revision from a namespace labelled before it, and its pods reach istiod', () => {
    const { app, policies } = storeWithSidecars('before');
    expect(policies.istioRevision).toBe('asm-1-22');
    expect(() => synthesizeManifests(app)).not.toThrow();
    expect(outcomes(app, STORE_APPS.map(sidecarReachesIstiod))).toEqual(Object.fromEntries(STORE_APPS.map((a) => [`${a}-reaches-istiod`, 'allowed'])));
  });

  test('refuses a namespace labelled after it, naming the label, the blocked connection and the fix; the verifier agrees', () => {
    const { app, policies } = storeWithSidecars('after');
    expect(policies.istioRevision).toBeUndefined();
    const message = synthError(app);
    expect(message).toContain('store/policies');
    expect(message).toContain('namespace pets is labelled istio.io/rev=asm-1-22');
    expect(message).toContain('istiod-asm-1-22.aks-istio-system.svc:15012 blocked');
    expect(message).toContain("Set istioRevision: 'asm-1-22'");
    expect(outcomes(app, STORE_APPS.map(sidecarReachesIstiod))).toEqual(Object.fromEntries(STORE_APPS.map((a) => [`${a}-reaches-istiod`, 'blocked'])));
  });

  test('refuses a revision other than the label, and accepts the same one given explicitly', () => {
    expect(synthError(storeWithSidecars('before', { istioRevision: 'asm-1-23' }).app)).toContain('reach only istiod of asm-1-23');
    const { app } = storeWithSidecars('after', { istioRevision: 'asm-1-22' });
    expect(() => synthesizeManifests(app)).not.toThrow();
  });

  test('a namespace managed elsewhere is not looked at', () => {
    const app = new App();
    const chart = new Chart(app, 'store');
    const policies = new StoreNetworkPolicies(chart, 'policies', { store: AksStore.fromNamespace('pets') });
    expect(policies.istioRevision).toBeUndefined();
    expect(() => synthesizeManifests(app)).not.toThrow();
  });
});

describe('StoreNetworkPolicies beside a MeshIngress to the store front', () => {
  test('refuses a store front that admits only world while a gateway routes to it; the verifier agrees', () => {
    const { app } = storeWithSidecars('before', {}, true);
    const message = synthError(app);
    expect(message).toContain("MeshIngress 'store/ingress' routes requests to the store front through the external ingress gateway");
    expect(message).toContain("Set storeFrontIngress: 'external-gateway'");
    expect(outcomes(app, [GATEWAY_SERVES_STORE])).toEqual({ 'gateway-serves-store': 'blocked' });
  });

  test('accepts the gateway the route goes through, and the gateway then serves the store', () => {
    const { app } = storeWithSidecars('before', { storeFrontIngress: 'external-gateway' }, true);
    expect(() => synthesizeManifests(app)).not.toThrow();
    expect(outcomes(app, [GATEWAY_SERVES_STORE])).toEqual({ 'gateway-serves-store': 'allowed' });
  });

  test('refuses the other gateway', () => {
    expect(synthError(storeWithSidecars('before', { storeFrontIngress: 'internal-gateway' }, true).app))
      .toContain("admits outside traffic only from the internal-gateway (storeFrontIngress: 'internal-gateway')");
  });
});
