import * as fs from 'fs';
import * as path from 'path';
import { Claim, ConnectivityModel, ManifestInputError, parseClaims, readClaims, renderClaims, renderText, REPORT_FORMATS, verify } from '../src';
import { tempDir } from './support/temp';

type ConnectionQuery = Pick<Claim, 'from' | 'to' | 'protocol'>;

const deployment = (namespace: string, app: string, port: number, extra: any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: app, namespace },
  spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app, ...extra.labels } }, spec: { containers: [{ name: app, image: 'x', ports: [{ containerPort: port, name: extra.portName }] }], ...extra.spec } } },
});
const service = (namespace: string, app: string, port: number, targetPort: number | string, type = 'ClusterIP') => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace }, spec: { type, selector: { app }, ports: [{ port, targetPort }] },
});
const cnp = (namespace: string, name: string, spec: any) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name, namespace }, spec });
const ccnp = (name: string, spec: any) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name }, spec });
const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const security = (kind: string, namespace: string, name: string, spec: any) => ({ apiVersion: 'security.istio.io/v1', kind, metadata: { name, namespace }, spec });

const APP = [ns('shop'), deployment('shop', 'web', 8080), service('shop', 'web', 80, 8080), deployment('shop', 'api', 3000), service('shop', 'api', 3000, 3000)];
const web = { namespace: 'shop', labels: { app: 'web' } };
const toApi: ConnectionQuery = { from: web, to: { service: 'api', namespace: 'shop', port: 3000 } };

function verdict(objects: readonly any[], query: ConnectionQuery, options = {}) {
  const result = ConnectivityModel.fromObjects(objects, options).query({ id: 'q', expect: 'allowed', ...query });
  if (result.outcome === 'unknown') throw new Error(`unknown: ${result.reasons.map((r) => r.text).join(' | ')}`);
  return { allowed: result.outcome === 'allowed', why: result.reasons.map((r) => r.text).join(' | '), mtls: result.mtls };
}

/** The applied objects of a model: `namespace/name` and where each was read. */
function applied(model: ConnectivityModel) {
  return model.objects.map((o) => ({ name: o.name, namespace: o.namespace, kind: o.kind, source: o.source.file, document: o.source.document }));
}

describe('manifests are applied as kubectl apply applies them', () => {
  test('objects without a namespace go to -n, cluster-scoped ones stay without', () => {
    const model = ConnectivityModel.fromObjects([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, ns('x')], { namespace: 'team' });
    expect(applied(model).map((o) => o.namespace)).toEqual(['team', undefined]);
  });

  test('a later object with the same kind, namespace and name replaces the earlier one in its place', () => {
    const first = cnp('shop', 'p', { endpointSelector: {}, ingress: [{}] });
    const second = cnp('shop', 'p', { endpointSelector: {}, ingress: [] });
    const model = ConnectivityModel.fromObjects([first, ns('shop'), second]);
    expect(applied(model).map((o) => o.kind)).toEqual(['CiliumNetworkPolicy', 'Namespace']);
    expect(model.cluster.ciliumRuleSets.map((set) => set.ingress)).toEqual([[]]);
  });

  test('an object in another namespace than -n is refused, as kubectl refuses it', () => {
    const apply = () => ConnectivityModel.fromObjects([cnp('shop', 'p', { endpointSelector: {} })], { namespace: 'pets' });
    expect(apply).toThrow(ManifestInputError);
    expect(apply).toThrow('object 1 (CiliumNetworkPolicy p) metadata.namespace: is not the --namespace pets (kubectl apply refuses this too)');
  });

  test('a folder is read in name order, without its subfolders; a kustomization is followed', () => {
    const dir = tempDir('aks-labs-manifests-');
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a2 }\n');
    fs.mkdirSync(path.join(dir, 'steps'));
    fs.writeFileSync(path.join(dir, 'steps', 'c.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(applied(ConnectivityModel.fromPaths([dir])).map((o) => [o.name, path.relative(dir, o.source), o.document])).toEqual([
      ['a', 'a.yaml', 1], ['a2', 'a.yaml', 2], ['b', 'b.yaml', 1],
    ]);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: team\nresources: [steps/c.yaml, b.yaml]\n');
    expect(applied(ConnectivityModel.fromPaths([dir])).map((o) => `${o.namespace}/${o.name}`)).toEqual(['team/c', 'team/b']);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [b.yaml]\npatches: []\n');
    expect(() => ConnectivityModel.fromPaths([dir])).toThrow('patches');
  });

  test.each([
    ['a missing file', ['nope.yaml'], 'nope.yaml: no such file or folder'],
    ['an object without a kind', ['apiVersion: v1\nmetadata: { name: a }\n'], 'x.yaml:1:1 (document 1) kind: is missing: every object needs an apiVersion and a kind'],
    ['an object without a name', ['apiVersion: v1\nkind: ConfigMap\nmetadata: { generateName: a- }\n'], 'metadata.name: must be an object name: a DNS-1123 subdomain (generateName is not supported)'],
    ['a list of strings', ['- a\n- b\n'], 'not a Kubernetes object'],
    ['YAML that does not parse', ['a: [\n'], 'line 2, column 1'],
  ])('%s is refused with its file', (_what, [content], message) => {
    const dir = tempDir('aks-labs-manifests-');
    const file = content.endsWith('.yaml') ? content : path.join(dir, 'x.yaml');
    if (!content.endsWith('.yaml')) fs.writeFileSync(file, content);
    expect(() => ConnectivityModel.fromPaths([file])).toThrow(message);
  });
});

describe('Cilium', () => {
  test('without policies everything is allowed; a policy with egress rules makes egress default-deny', () => {
    expect(verdict(APP, toApi).allowed).toBe(true);
    const denied = verdict([...APP, cnp('shop', 'web-out', { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{ toEndpoints: [{ matchLabels: { app: 'api' } }], toPorts: [{ ports: [{ port: '3000', protocol: 'TCP' }] }] }] })], toApi);
    expect(denied).toMatchObject({ allowed: false });
    expect(denied.why).toContain('lookup of api fails at api.shop.svc.cluster.local');
  });

  test('`egress: []` restricts nothing; `egress: [{}]` denies all', () => {
    const open = verdict([...APP, cnp('shop', 'p', { endpointSelector: { matchLabels: { app: 'web' } }, egress: [] })], toApi);
    const closed = verdict([...APP, cnp('shop', 'p', { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{}] })], toApi);
    expect([open.allowed, closed.allowed]).toEqual([true, false]);
  });

  const ingressPolicy = (rule: any, extra: any = {}) => cnp('shop', 'api-in', { endpointSelector: { matchLabels: { app: 'api' } }, ingress: [rule], ...extra });

  test.each([
    ['a selector of the same namespace', { fromEndpoints: [{ matchLabels: { app: 'web' } }] }, true],
    ['a selector with the k8s: source prefix', { fromEndpoints: [{ matchLabels: { 'k8s:app': 'web' } }] }, true],
    ['a selector of other labels', { fromEndpoints: [{ matchLabels: { app: 'other' } }] }, false],
    ['matchExpressions In', { fromEndpoints: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'x'] }] }] }, true],
    ['matchExpressions NotIn', { fromEndpoints: [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }] }, false],
    ['an empty selector (the policy namespace)', { fromEndpoints: [{}] }, true],
    ['an empty selector list', { fromEndpoints: [] }, false],
    ['the cluster entity', { fromEntities: ['cluster'] }, true],
    ['the world entity', { fromEntities: ['world'] }, false],
    ['ports only (any peer)', { toPorts: [{ ports: [{ port: '3000' }] }] }, true],
    ['another port', { fromEndpoints: [{}], toPorts: [{ ports: [{ port: '3001' }] }] }, false],
    ['a port range', { fromEndpoints: [{}], toPorts: [{ ports: [{ port: '2000', endPort: 4000, protocol: 'TCP' }] }] }, true],
    ['UDP only', { fromEndpoints: [{}], toPorts: [{ ports: [{ port: '3000', protocol: 'UDP' }] }] }, false],
    ['a namespace label selector', { fromEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'shop', 'app': 'web' } }] }, true],
    ['a namespace by its labels', { fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'a' } }] }, true],
    ['a service account', { fromEndpoints: [{ matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'default' } }] }, true],
  ])('ingress from %s: %s', (_what, rule, allowed) => {
    const objects = [ns('shop', { team: 'a' }), ...APP.slice(1), ingressPolicy(rule)];
    expect(verdict(objects, toApi).allowed).toBe(allowed);
  });

  test('a named port matches the container port of that name', () => {
    const objects = [ns('shop'), APP[1], APP[2], deployment('shop', 'api', 3000, { portName: 'http' }), APP[4],
      ingressPolicy({ fromEndpoints: [{}], toPorts: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] })];
    expect(verdict(objects, toApi).allowed).toBe(true);
  });

  test('a deny rule wins over every allow rule, from any policy', () => {
    const objects = [...APP, ingressPolicy({ fromEndpoints: [{}] }),
      cnp('shop', 'deny', { endpointSelector: { matchLabels: { app: 'api' } }, ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }] }] })];
    expect(verdict(objects, toApi)).toMatchObject({ allowed: false, why: expect.stringContaining('denied by CiliumNetworkPolicy shop/deny ingressDeny[0]') });
  });

  test('enableDefaultDeny: false keeps the direction open', () => {
    expect(verdict([...APP, ingressPolicy({ fromEntities: ['world'] }, { enableDefaultDeny: { ingress: false } })], toApi).allowed).toBe(true);
  });

  test('a clusterwide policy selects across namespaces, and its peers need no namespace', () => {
    const objects = [...APP, ccnp('api-in', { endpointSelector: { matchLabels: { app: 'api' } }, ingress: [{ fromEndpoints: [{ matchLabels: { app: 'other' } }] }] })];
    expect(verdict(objects, toApi)).toMatchObject({ allowed: false, why: expect.stringContaining('CiliumClusterwideNetworkPolicy api-in selects it') });
  });

  test('CIDR rules match addresses, with exceptions', () => {
    const out = (ip: string) => verdict([...APP, cnp('shop', 'p', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }],
    })], { from: web, to: { ip, port: 443 } }).allowed;
    expect([out('10.2.3.4'), out('10.1.2.3'), out('192.168.0.1')]).toEqual([true, false, false]);
  });

  test('toFQDNs needs the lookup to pass through a DNS rule: without one, Cilium never learns the address', () => {
    const dns = (rules: any) => ({ toEndpoints: [{ matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }], ...rules }] });
    const policy = (dnsRule: any) => [...APP, cnp('shop', 'p', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [dnsRule, { toFQDNs: [{ matchName: 'api.github.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }],
    })];
    const query: ConnectionQuery = { from: web, to: { fqdn: 'api.github.com', port: 443 } };
    expect(verdict(policy(dns({ rules: { dns: [{ matchPattern: '*' }] } })), query).allowed).toBe(true);
    expect(verdict(policy(dns({})), query)).toMatchObject({ allowed: false, why: expect.stringContaining('only from lookups through its DNS proxy') });
    expect(verdict(policy(dns({ rules: { dns: [{ matchName: 'api.github.com' }] } })), query)).toMatchObject({
      allowed: false, why: expect.stringContaining('fails at api.github.com.shop.svc.cluster.local'),
    });
  });
});

describe('Istio', () => {
  const meshed = [ns('shop', { 'istio.io/rev': 'asm-1-22' }), ns('other'), ...APP.slice(1)];

  test.each([
    ['the installed revision', { 'istio.io/rev': 'asm-1-22' }, {}, 'sidecar', 'is labelled istio.io/rev=asm-1-22'],
    ['another revision', { 'istio.io/rev': 'asm-1-21' }, {}, undefined, 'but the installed revision is asm-1-22'],
    ['istio-injection=enabled', { 'istio-injection': 'enabled' }, {}, undefined, 'which the AKS add-on ignores'],
    ['an opted-out pod', { 'istio.io/rev': 'asm-1-22' }, { 'sidecar.istio.io/inject': 'false' }, undefined, 'turns injection off'],
  ])('injection with %s', (_what, nsLabels, podLabels, proxy, reason) => {
    const model = ConnectivityModel.fromObjects([ns('shop', nsLabels), deployment('shop', 'web', 8080, { labels: podLabels })]);
    const workload = model.cluster.workloads.find((w) => w.name === 'web')!;
    expect(workload.proxy).toBe(proxy);
    expect(workload.proxyReason).toContain(reason);
  });

  test('the installed revision is an option', () => {
    const model = ConnectivityModel.fromObjects([ns('shop', { 'istio.io/rev': 'asm-1-23' }), APP[1]], { istioRevision: 'asm-1-23' });
    expect(model.cluster.workloads.find((w) => w.name === 'web')!.proxy).toBe('sidecar');
  });

  test('PeerAuthentication: the workload beats the namespace, which beats the mesh; a port can differ', () => {
    const client = { namespace: 'other', labels: { app: 'plain' } };
    const plain = (objects: any[]) => verdict(objects, { from: client, to: { service: 'api', namespace: 'shop', port: 3000 } });
    const mesh = security('PeerAuthentication', 'aks-istio-system', 'mesh', { mtls: { mode: 'STRICT' } });
    expect(plain([...meshed, mesh])).toMatchObject({ allowed: false, why: expect.stringContaining('STRICT by PeerAuthentication aks-istio-system/mesh (mesh-wide)') });
    const namespaced = security('PeerAuthentication', 'shop', 'ns', { mtls: { mode: 'PERMISSIVE' } });
    expect(plain([...meshed, mesh, namespaced]).allowed).toBe(true);
    const workload = security('PeerAuthentication', 'shop', 'api', { selector: { matchLabels: { app: 'api' } }, mtls: { mode: 'UNSET' }, portLevelMtls: { 3000: { mode: 'STRICT' } } });
    expect(plain([...meshed, mesh, namespaced, workload])).toMatchObject({ allowed: false, why: expect.stringContaining('PeerAuthentication shop/api (port 3000)') });
  });

  test('mTLS between sidecars satisfies STRICT; a sidecar client is not needed under PERMISSIVE', () => {
    const strict = [...meshed, security('PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } })];
    expect(verdict(strict, toApi)).toMatchObject({ allowed: true, mtls: true });
    expect(verdict(meshed, { from: { namespace: 'other', labels: {} }, to: { service: 'api', namespace: 'shop', port: 3000 } })).toMatchObject({ allowed: true, mtls: false });
  });

  test('AuthorizationPolicy: DENY wins, an ALLOW policy admits only its rules, principals need mTLS', () => {
    const allowWeb = security('AuthorizationPolicy', 'shop', 'allow-web', {
      selector: { matchLabels: { app: 'api' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/default'] } }], to: [{ operation: { ports: ['3000'] } }] }],
    });
    expect(verdict([...meshed, allowWeb], toApi).allowed).toBe(true);
    const outsider = { from: { namespace: 'other', labels: {} }, to: { service: 'api', namespace: 'shop', port: 3000 } };
    expect(verdict([...meshed, allowWeb], outsider)).toMatchObject({ allowed: false, why: expect.stringContaining('no rule matches a plaintext client (no principal)') });
    const deny = security('AuthorizationPolicy', 'shop', 'deny-all', { action: 'DENY', rules: [{}] });
    expect(verdict([...meshed, allowWeb, deny], toApi)).toMatchObject({ allowed: false, why: expect.stringContaining('AuthorizationPolicy shop/deny-all (DENY) rules[0]') });
    const allowNothing = security('AuthorizationPolicy', 'shop', 'allow-nothing', {});
    expect(verdict([...meshed, allowNothing], toApi).allowed).toBe(false);
  });

  test("a sidecar that cannot reach istiod never becomes ready, so its pod's flows fail", () => {
    const closed = [...meshed, cnp('shop', 'api-out', { endpointSelector: { matchLabels: { app: 'api' } }, egress: [{}] })];
    expect(verdict(closed, toApi)).toMatchObject({ allowed: false, why: expect.stringContaining("shop/api's sidecar cannot reach istiod") });
  });

  describe('ingress routing', () => {
    const gateway = (namespace: string, hosts = ['*']) => ({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace },
      spec: { selector: { istio: 'aks-istio-ingressgateway-external' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] },
    });
    const route = (gatewayRef: string, hosts = ['*'], http: any[] = [{ route: [{ destination: { host: 'web', port: { number: 80 } } }] }]) => ({
      apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'web', namespace: 'shop' }, spec: { hosts, gateways: [gatewayRef], http },
    });
    const request = (to: any) => verdict([...meshed, ...to], { from: { ingressGateway: 'external' }, to: { port: 80, host: 'shop.example.com', path: '/cart' } });

    test.each([
      ['a bound route', [gateway('shop'), route('gw')], true, 'routes Host shop.example.com path /cart to Service shop/web port 80'],
      ['no Gateway', [route('gw')], false, 'no Gateway selects the external gateway\'s pods'],
      ['a Gateway in another namespace, named without it', [gateway('default'), route('gw')], false, 'write default/gw'],
      ['a Gateway named with its namespace', [gateway('default'), route('default/gw')], true, 'routes'],
      ['a VirtualService host that does not match', [gateway('shop'), route('gw', ['web.shop.svc.cluster.local'])], false, '404'],
      ['a Gateway host that does not match', [gateway('shop', ['other.example.com']), route('gw')], false, 'no Gateway on port 80 of the external gateway serves Host shop.example.com (Gateway shop/gw serves other.example.com): 404'],
      ['a path no route matches', [gateway('shop'), route('gw', ['*'], [{ match: [{ uri: { prefix: '/api' } }], route: [{ destination: { host: 'web' } }] }])], false, 'matches GET /cart: 404'],
      ['a destination that is no Service', [gateway('shop'), route('gw', ['*'], [{ route: [{ destination: { host: 'nope' } }] }])], false, '503'],
    ])('%s', (_what, objects, allowed, reason) => {
      const result = request(objects);
      expect(result.allowed).toBe(allowed);
      expect(result.why).toContain(reason);
    });
  });
});

describe('claims files', () => {
  const strip = (claims: readonly any[]) => claims.map(({ origin, ...rest }) => JSON.parse(JSON.stringify(rest)));

  test('a claim is read with its kinds and defaults', () => {
    expect(strip(parseClaims('- id: a\n  from: world\n  to: { service: web, namespace: shop, port: 80 }\n  expect: allowed\n'))).toEqual([
      { id: 'a', source: { kind: 'world' }, target: { kind: 'service', service: 'web', namespace: 'shop', port: 80 }, protocol: 'TCP', expect: 'allowed' },
    ]);
  });

  test('written claims read back as they were, YAML 1.1 words and numbers-like names included', () => {
    const claims: Claim[] = [
      { id: '1_000', description: 'on: a "quoted" # note', from: { namespace: 'yes', labels: { app: 'on', tier: '0400' } }, to: { service: 'no', namespace: 'y', port: 80 }, expect: 'allowed' },
      { id: 'b', from: 'world', to: { service: 'web', namespace: 'null', port: 443 }, expect: 'blocked' },
    ];
    const text = renderClaims(claims);
    expect(text).toContain('namespace: "yes"');
    expect(strip(parseClaims(text))).toEqual(strip(readClaims(claims)));
    expect(strip(parseClaims(text))[0]).toMatchObject({ id: '1_000', source: { namespace: 'yes', labels: { app: 'on', tier: '0400' } } });
  });

  test.each([
    ['not a list', 'a: b\n', 'c.yaml: must be one YAML list of claims'],
    ['an unknown field', '- { id: a, from: world, to: { service: w, namespace: s, port: 1 }, expect: allowed, extra: 1 }', 'c.yaml:1:85 (document 1, claim 1 (a)) extra: is not a field here'],
    ['a missing expect', '- { id: a, from: world, to: { service: w, namespace: s, port: 1 } }', '(document 1, claim 1 (a)) expect: must be one of allowed, blocked'],
    ['a bad port', '- { id: a, from: world, to: { service: w, namespace: s, port: 0 }, expect: allowed }', 'to.port: must be an integer from 1 to 65535'],
    ['two targets', '- { id: a, from: { namespace: s, labels: {} }, to: { service: w, fqdn: x.io, port: 1 }, expect: allowed }', 'to.fqdn: is not a field here'],
    ['world to a name outside', '- { id: a, from: world, to: { fqdn: example.com, port: 1 }, expect: allowed }', 'to: must be a Service or pods when the connection starts outside the cluster'],
    ['a repeated id', '- { id: a, from: world, to: { service: w, namespace: s, port: 1 }, expect: allowed }\n- { id: a, from: world, to: { service: w, namespace: s, port: 1 }, expect: blocked }',
      'c.yaml:2:5 (claim 2 (a)) id: is used by an earlier claim (c.yaml, claim 1)'],
    ['an unknown gateway', '- { id: a, from: { ingressGateway: public }, to: { port: 80 }, expect: allowed }', 'from.ingressGateway: must be one of external, internal'],
  ])('%s is refused, naming the claim and field', (_what, text, message) => {
    expect(() => parseClaims(text, 'c.yaml')).toThrow(ManifestInputError);
    expect(() => parseClaims(text, 'c.yaml')).toThrow(message);
  });
});

describe('reports', () => {
  const objects = [...APP, cnp('shop', 'web-out', { endpointSelector: { matchLabels: { app: 'web' } }, egress: [{}] })];
  const claims: Claim[] = [
    { id: 'web-to-api', from: web, to: { service: 'api', namespace: 'shop', port: 3000 }, expect: 'allowed' },
    { id: 'api-to-web', from: { namespace: 'shop', labels: { app: 'api' } }, to: { service: 'web', namespace: 'shop', port: 80 }, expect: 'allowed' },
  ];

  test('the JSON chunks are the report as JSON.stringify writes it', () => {
    const { report } = verify({ manifests: { objects }, claims });
    expect([...REPORT_FORMATS.json(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const empty = verify({ manifests: { objects } }).report;
    expect([...REPORT_FORMATS.json(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });

  test('the text chunks are the text report, a claim at a time', () => {
    const { report } = verify({ manifests: { objects }, claims });
    const chunks = [...REPORT_FORMATS.text(report)];
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe(renderText(report));
    expect(chunks[2]).toBe('1 of 2 claims do not hold\n');
  });
});

/**
 * A route's subset comes from the DestinationRule the client's proxy applies to the host, the
 * same rule whose TLS settings it uses (Istio's DestinationRule reference: a short `host` is
 * relative to the rule's namespace, any other host is taken as written; `exportTo` limits the
 * namespaces that see the rule). A route to a subset no visible rule defines gets 503.
 */
describe('route subsets come from the DestinationRule the client applies', () => {
  const meshApp = (rule: { host: string; namespace?: string; exportTo?: string[] }) => [
    ns('shop', { 'istio.io/rev': 'asm-1-22' }), ns('other'),
    deployment('shop', 'web', 8080), deployment('shop', 'api', 3000, { labels: { version: 'v1' } }), service('shop', 'api', 3000, 3000),
    security('PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } }),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'api', namespace: rule.namespace ?? 'shop' },
      spec: { host: rule.host, ...(rule.exportTo ? { exportTo: rule.exportTo } : {}), subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'api', namespace: 'shop' },
      spec: { hosts: ['api'], http: [{ route: [{ destination: { host: 'api', subset: 'v1' } }] }] },
    },
  ];
  const toApiHttp: ConnectionQuery = { from: web, to: { service: 'api', namespace: 'shop', port: 3000, path: '/' } };

  test('a rule on the short host in the client\'s namespace defines it', () => {
    expect(verdict(meshApp({ host: 'api' }), toApiHttp).allowed).toBe(true);
  });

  test('a rule whose host is `api.shop.svc` (taken as written, not the Service) does not', () => {
    const { allowed, why } = verdict(meshApp({ host: 'api.shop.svc' }), toApiHttp);
    expect(allowed).toBe(false);
    expect(why).toContain('names subset v1 of api, which no DestinationRule the client applies does not define: 503');
  });

  test('a rule exported only to its own other namespace does not', () => {
    const { allowed } = verdict(meshApp({ host: 'api.shop.svc.cluster.local', namespace: 'other', exportTo: ['.'] }), toApiHttp);
    expect(allowed).toBe(false);
  });
});

describe('the options a model is built with are checked in the library, as the command checks its flags', () => {
  test.each([
    [{ istioRevision: 'no such revision!' }, 'ConnectivityOptions.istioRevision: must be an add-on revision such as asm-1-22, not "no such revision!"'],
    [{ namespace: 'Team_A' }, 'ConnectivityOptions.namespace: must be a namespace name (a DNS-1123 label), not "Team_A"'],
    [{ addresses: { 'api.example.com': 'not-an-ip' } }, 'ConnectivityOptions.addresses["api.example.com"]: must be an IPv4 address such as 203.0.113.20, not "not-an-ip"'],
    [{ addresses: { 'a b': '203.0.113.20' } }, 'ConnectivityOptions.addresses: must be a map whose keys are host names, not "a b"'],
  ])('%j is refused, naming the option', (options, message) => {
    expect(() => ConnectivityModel.fromObjects(APP, options as object)).toThrow(message);
    expect(() => verify({ manifests: { objects: APP }, claims: [], options: options as object })).toThrow(message);
  });
});

/** A container port's name is an IANA_SVC_NAME, as the API server checks it (k8s.io/apimachinery validation.IsValidPortName, used by ValidateContainerPorts). */
describe('container port names are checked as the API server checks them', () => {
  test.each(['8080', 'a--b', '-web', 'a-very-long-port-name'])('%j is refused, naming the field', (name) => {
    const objects = [ns('shop'), deployment('shop', 'web', 8080, { portName: name })];
    expect(() => ConnectivityModel.fromObjects(objects)).toThrow(/containers\[0\]\.ports\[0\]\.name.*must be a container port name/);
  });

  test('"http-web" is accepted', () => {
    expect(() => ConnectivityModel.fromObjects([ns('shop'), deployment('shop', 'web', 8080, { portName: 'http-web' })])).not.toThrow();
  });
});

/**
 * Cilium's L7 HTTP rules may match the request's Host (Cilium's policy docs, Layer 7 HTTP: `host`
 * is a regular expression matched against the Host header). A claim to pods by their labels
 * reaches their address, so the Host is the claim's `host`, or not known.
 */
describe('a claim to pods states the Host its request carries, or rules on the Host are undecided', () => {
  const onlyHost = cnp('shop', 'api-host', {
    endpointSelector: { matchLabels: { app: 'api' } },
    ingress: [{ fromEndpoints: [{ matchLabels: { app: 'web' } }], toPorts: [{ ports: [{ port: '3000', protocol: 'TCP' }], rules: { http: [{ host: 'api\\.example\\.com' }] } }] }],
  });
  const query = (to: object) => ConnectivityModel.fromObjects([...APP, onlyHost]).query({ id: 'q', expect: 'allowed', from: web, to: { namespace: 'shop', labels: { app: 'api' }, port: 3000, path: '/', ...to } });

  test('without a host: unknown, naming the claim\'s to.host', () => {
    const result = query({});
    expect(result.outcome).toBe('unknown');
    expect(result.reasons.flatMap((r) => r.unmodelled ?? []).map((f) => f.field)).toContain('to.host');
  });

  test.each([['api.example.com', 'allowed'], ['other.example.com', 'blocked']])('with host %s: %s', (host, outcome) => {
    expect(query({ host }).outcome).toBe(outcome);
  });
});

test('the workloads of a List name the item they were read from', () => {
  const list = { apiVersion: 'v1', kind: 'List', items: [deployment('shop', 'web', 8080), deployment('shop', 'api', 3000)] };
  const file = path.join(tempDir('aks-labs-list-'), 'list.yaml');
  fs.writeFileSync(file, `${JSON.stringify(ns('shop'))}\n---\n${JSON.stringify(list)}\n`);
  const model = ConnectivityModel.fromPaths([file]);
  const sources = model.cluster.workloads.filter((w) => !w.builtIn).map((w) => w.source);
  expect(sources).toEqual([`${file}#2 items[0]`, `${file}#2 items[1]`]);
});
