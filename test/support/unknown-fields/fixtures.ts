import { stringify } from 'yaml';
import { Claim } from '../../../src';

/**
 * Small manifests for test/unknown-fields.test.ts: two namespaces with the same apps, `shop`
 * outside the mesh (for network policy cases) and `mesh` injected with sidecars by the add-on's
 * default revision (for Istio cases).
 */

/** The add-on revision the verifier assumes by default, and so the one `mesh` is labelled with. */
export const REVISION = 'asm-1-22';
/** The namespace and name of the add-on's shared mesh configuration for {@link REVISION}. */
export const MESH_CONFIG = { namespace: 'aks-istio-system', name: `istio-shared-configmap-${REVISION}` };

type Json = Record<string, unknown>;

export const namespace = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

/** A Deployment of `app` listening on `port`, with extra pod labels, annotations and pod spec fields. */
export function deployment(ns: string, app: string, port: number, extra: { labels?: Json; annotations?: Json; spec?: Json } = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app, namespace: ns },
    spec: {
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app, ...extra.labels }, ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }) },
        spec: { containers: [{ name: app, image: 'registry.example/app:1', ports: [{ containerPort: port }] }], ...extra.spec },
      },
    },
  };
}

/** A Service for `app` on `port`, to the same container port unless `targetPort` says otherwise. */
export function service(ns: string, app: string, port: number, extra: { type?: string; portName?: string; spec?: Json } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app, namespace: ns },
    spec: {
      type: extra.type ?? 'ClusterIP',
      selector: { app },
      ports: [{ port, targetPort: port, ...(extra.portName === undefined ? {} : { name: extra.portName }) }],
      ...extra.spec,
    },
  };
}

export const cnp = (ns: string, name: string, spec: Json) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace: ns }, spec });

/** An Istio object: `networking.istio.io/v1` or `security.istio.io/v1`. */
export function istio(kind: string, ns: string, name: string, spec: Json) {
  const group = kind === 'AuthorizationPolicy' || kind === 'PeerAuthentication' ? 'security.istio.io' : 'networking.istio.io';
  return { apiVersion: `${group}/v1`, kind, metadata: { name, namespace: ns }, spec };
}

/** The add-on's shared mesh configuration, its `mesh` key holding `mesh` as YAML. */
export function meshConfigMap(mesh: Json) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...MESH_CONFIG }, data: { mesh: stringify(mesh) } };
}

/** `shop`: no sidecars. web (8080) and api (3000) with Services, and `other` (9000) that no claim is about. */
export const SHOP = [
  namespace('shop'),
  deployment('shop', 'web', 8080), service('shop', 'web', 8080),
  deployment('shop', 'api', 3000), service('shop', 'api', 3000),
  deployment('shop', 'other', 9000), service('shop', 'other', 9000),
];

/** `mesh`: the same apps with sidecars (the namespace carries the add-on's revision label). */
export const MESH = [
  namespace('mesh', { 'istio.io/rev': REVISION }),
  deployment('mesh', 'web', 8080), service('mesh', 'web', 8080),
  deployment('mesh', 'api', 3000), service('mesh', 'api', 3000),
  deployment('mesh', 'other', 9000), service('mesh', 'other', 9000),
];

const web = (ns: string) => ({ namespace: ns, labels: { app: 'web' } });

/** The claims the cases ask about: `expect` does not matter here, only the verdict. */
export const CLAIMS = {
  /** shop: web to the api pods directly (no name lookup). */
  shopPods: { id: 'web-to-api-pods', from: web('shop'), to: { namespace: 'shop', labels: { app: 'api' }, port: 3000 }, expect: 'allowed' } as Claim,
  /** shop: web's GET / to the api pods. */
  shopPodsHttp: { id: 'web-get-api-pods', from: web('shop'), to: { namespace: 'shop', labels: { app: 'api' }, port: 3000, path: '/', method: 'GET' }, expect: 'allowed' } as Claim,
  /** shop: web to the api Service by name (through kube-dns). */
  shopService: { id: 'web-to-api-service', from: web('shop'), to: { service: 'api', namespace: 'shop', port: 3000 }, expect: 'allowed' } as Claim,
  /** shop: web to an address outside the cluster on 443. */
  shopOutside: { id: 'web-to-outside', from: web('shop'), to: { ip: '203.0.113.20', port: 443 }, expect: 'allowed' } as Claim,
  /** A client outside the cluster to the api Service (a LoadBalancer, or one with external addresses). */
  worldToApi: { id: 'world-to-api', from: 'world', to: { service: 'api', namespace: 'shop', port: 3000 }, expect: 'allowed' } as Claim,
  /** mesh: web to the api Service (plain TCP). */
  meshService: { id: 'mesh-web-to-api', from: web('mesh'), to: { service: 'api', namespace: 'mesh', port: 3000 }, expect: 'allowed' } as Claim,
  /** mesh: web's GET / to the api Service. */
  meshServiceHttp: { id: 'mesh-web-get-api', from: web('mesh'), to: { service: 'api', namespace: 'mesh', port: 3000, path: '/', method: 'GET' }, expect: 'allowed' } as Claim,
  /** mesh: web to a name outside the cluster. */
  meshOutside: { id: 'mesh-web-to-outside', from: web('mesh'), to: { fqdn: 'api.example.com', port: 443, ip: '203.0.113.20' }, expect: 'allowed' } as Claim,
  /** A browser's GET / through the external ingress gateway on 80. */
  gateway: { id: 'browser-through-gateway', from: { ingressGateway: 'external' }, to: { port: 80, path: '/', method: 'GET' }, expect: 'allowed' } as Claim,
};

/** A copy of `objects` with `value` set at `field` of the mapping at `parent` in object `index`. */
export function withField(
  objects: readonly unknown[], index: number, parent: readonly (string | number)[], field: string, value: unknown,
): unknown[] {
  const copy = JSON.parse(JSON.stringify(objects)) as unknown[];
  let at = copy[index] as Record<string | number, unknown>;
  for (const key of parent) at = at[key] as Record<string | number, unknown>;
  at[field] = value;
  return copy;
}
