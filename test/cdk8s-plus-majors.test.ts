import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { tempDir } from './support/temp';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleFile } = require('../tools/from-source') as { bundleFile(): string };

/**
 * A consumer on another cdk8s-plus major: `cdk8s init` brings the newest (cdk8s-plus-33 or
 * later), and the library's public types must take its objects. The consumer is compiled with
 * `tsc` under `cdk8s init`'s strict settings against the library's declarations, in a folder
 * where cdk8s-plus-30 cannot be found (a consumer must not need it to compile), then run
 * against the library.
 */
const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');

/** The newest cdk8s-plus major above 30 installed here (npm brings cdk8s-plus-33 with cdk8s-cli), if any. */
function newestCdk8sPlus(): string | undefined {
  const majors = fs.readdirSync(NODE_MODULES)
    .map((name) => /^cdk8s-plus-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) > 30 && fs.existsSync(path.join(NODE_MODULES, m[0], 'package.json')))
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  return majors[0]?.[0];
}

const NEWEST = newestCdk8sPlus();

/** `cdk8s init typescript-app`'s tsconfig.json: strict, unused locals refused, lib es2016, no skipLibCheck. */
const CDK8S_INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2016'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2017',
    outDir: 'dist',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'dist'],
};

/** The consumer: every call that takes a cdk8s-plus object or a cdk8s-plus-shaped value, given ones of `plusModule`. */
function consumerSource(plusModule: string): string {
  return `import { ApiObject, App, Chart, Size } from 'cdk8s';
import * as plus from '${plusModule}';
import {
  AksStore, AzurePodMonitor, CiliumPolicy, CurlClient, FqdnEgressPolicy, FqdnMatch, HubbleUi, MeshIngress, MeshMtls,
  NamespaceRef, PodSelector, PolicyDirection, PolicyPeer, synthesizeManifests, WorkloadIdentityPod,
  WorkloadIdentityServiceAccount, WorkloadRef,
} from 'aks-labs-cdk8s';

const app = new App();
const chart = new Chart(app, 'shop');
const deployment = new plus.Deployment(chart, 'orders', {
  metadata: { name: 'orders', namespace: 'shop' },
  containers: [{ image: 'example.io/orders:1.0', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }],
});
const service = deployment.exposeViaService({ name: 'orders', ports: [{ port: 80, targetPort: 8080 }] });
const database = new plus.StatefulSet(chart, 'db', {
  metadata: { name: 'db', namespace: 'shop' },
  service: new plus.Service(chart, 'db-svc', { metadata: { name: 'db', namespace: 'shop' }, ports: [{ port: 5432 }] }),
  containers: [{ image: 'postgres:16', ports: [{ number: 5432 }], securityContext: { ensureNonRoot: false } }],
});
const orders = WorkloadRef.fromDeployment(deployment, { service });
const db = WorkloadRef.fromStatefulSet(database);
const ordersService = WorkloadRef.fromService(service);
const web = WorkloadRef.fromAttributes({ name: 'web', namespace: 'shop', podLabels: { app: 'web' } });

new CiliumPolicy(chart, 'orders-policy', {
  name: 'orders',
  selector: PodSelector.workload(orders),
  ingress: PolicyDirection.allow({ from: [PolicyPeer.workload(web)], ports: [{ port: 8080 }] }),
  egress: PolicyDirection.allow({ to: [PolicyPeer.workload(db)], ports: [{ port: 5432 }] }),
});
new FqdnEgressPolicy(chart, 'orders-fqdn', { workload: orders, fqdns: [FqdnMatch.pattern('*.microsoft.com')] });
new MeshIngress(chart, 'orders-route', { destination: ordersService, hosts: ['orders.example.com'] });
new MeshMtls(chart, 'orders-mtls', { workload: orders });
new AzurePodMonitor(chart, 'orders-monitor', { name: 'orders', workload: orders, endpoints: [{ port: 'http' }] });

const namespace = new plus.Namespace(chart, 'namespace', { metadata: { name: 'shop' } });
new MeshMtls(chart, 'shop-mtls', { namespace: NamespaceRef.fromObject(ApiObject.of(namespace)) });

// cdk8s-plus's ContainerResources, with its Cpu, where the constructs take resources.
const resources: plus.ContainerResources = {
  cpu: { request: plus.Cpu.millis(5), limit: plus.Cpu.units(1) },
  memory: { request: Size.mebibytes(16), limit: Size.mebibytes(64) },
};
new CurlClient(chart, 'curl', { namespace: 'shop', resources });
new HubbleUi(chart, 'hubble', { resources });
const identity = new WorkloadIdentityServiceAccount(chart, 'identity', { clientId: '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b', namespace: 'shop' });
new WorkloadIdentityPod(chart, 'reader', { name: 'reader', serviceAccount: identity, containers: [{ name: 'reader', image: 'busybox:1.37.0', resources }] });
new AksStore(new Chart(app, 'store'), 'store', { namespace: 'team-a', resources: { storeFront: resources } });

const objects = synthesizeManifests(app).flatMap((file) => file.objects);
const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const containerResources = (kind: string, name: string) => find(kind, name).spec.template?.spec.containers[0].resources ?? find(kind, name).spec.containers[0].resources;
console.log(JSON.stringify({
  podLabels: find('Deployment', 'orders').spec.template.metadata.labels,
  dbLabels: find('StatefulSet', 'db').spec.template.metadata.labels,
  policy: find('CiliumNetworkPolicy', 'orders').spec,
  route: find('VirtualService', 'orders-external').spec.http[0].route[0].destination,
  monitor: find('PodMonitor', 'orders').spec,
  mtls: find('PeerAuthentication', 'orders-mtls').spec.selector,
  namespaceMtls: find('PeerAuthentication', 'shop-default').metadata.namespace,
  resources: {
    curl: containerResources('Deployment', 'curl-deployment'),
    hubble: containerResources('Deployment', 'hubble-ui'),
    reader: containerResources('Pod', 'reader'),
    storeFront: containerResources('Deployment', 'store-front'),
  },
}));
`;
}

/** Writes the library's declarations (as `tsc` emits them for the package) under `outDir`; returns their paths. */
function emitDeclarations(outDir: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {
    noEmit: false, declaration: true, emitDeclarationOnly: true, outDir, incremental: false, composite: false, tsBuildInfoFile: undefined,
  }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } })!;
  const written: string[] = [];
  ts.createProgram(config.fileNames, config.options).emit(undefined, (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  });
  return written;
}

const describeWithNewerPlus: typeof describe = NEWEST === undefined ? describe.skip : describe;
if (NEWEST === undefined) {
  console.warn('Skipping the test of a consumer on a newer cdk8s-plus: only cdk8s-plus-30 is installed. '
    + 'Run `npm install --no-save cdk8s-plus-33` (or the newest major) to run it.');
}

describeWithNewerPlus(`a consumer on ${NEWEST ?? 'a newer cdk8s-plus (none installed)'}`, () => {
  let declarations: string[] = [];
  let tscOutput = '';
  let tscStatus = 0;
  let result: any;

  beforeAll(() => {
    const dir = tempDir('aks-labs-consumer-');
    const modules = path.join(dir, 'node_modules');
    fs.mkdirSync(path.join(modules, '@types'), { recursive: true });
    // What `npm install cdk8s constructs <newest cdk8s-plus>` and @types/node give a consumer; not cdk8s-plus-30.
    for (const name of ['cdk8s', 'constructs', NEWEST!, '@types/node']) {
      fs.symlinkSync(path.join(NODE_MODULES, name), path.join(modules, name), 'dir');
    }
    const pkg = path.join(modules, 'aks-labs-cdk8s');
    declarations = emitDeclarations(path.join(pkg, 'lib'));
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'aks-labs-cdk8s', version: '0.0.0', main: 'index.js', types: 'lib/src/index.d.ts' }));
    // At run time the library is its sources bundled (cdk8s and cdk8s-plus-30 stay outside the bundle, as in the package).
    fs.writeFileSync(path.join(pkg, 'index.js'), `module.exports = require(${JSON.stringify(bundleFile())});\n`);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(CDK8S_INIT_TSCONFIG, null, 2));
    fs.writeFileSync(path.join(dir, 'main.ts'), consumerSource(NEWEST!));
    try {
      tscOutput = execFileSync(process.execPath, [path.join(NODE_MODULES, 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      tscStatus = e.status;
      tscOutput = `${e.stdout}${e.stderr}`;
    }
    if (tscStatus === 0) result = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'dist', 'main.js')], { cwd: dir, encoding: 'utf8' }));
  }, 240_000);

  test('the declarations name no cdk8s-plus package: a consumer needs no second copy to compile', () => {
    expect(declarations.filter((f) => f.endsWith('.d.ts')).length).toBeGreaterThan(50);
    const naming = declarations.filter((file) => /['"]cdk8s-plus-\d+['"]/.test(fs.readFileSync(file, 'utf8')));
    expect(naming).toEqual([]);
  });

  test(`tsc compiles the consumer with ${NEWEST} objects and no cdk8s-plus-30, under cdk8s init's settings`, () => {
    expect({ status: tscStatus, output: tscOutput.trim() }).toEqual({ status: 0, output: '' });
  });

  test('the workloads, Services and namespaces of the newer major take part in policies, routes, monitors and mTLS', () => {
    expect(result).toBeDefined();
    const { podLabels, dbLabels, policy, route, monitor, mtls } = result;
    const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);
    expect(Object.keys(policy.endpointSelector.matchLabels).length).toBeGreaterThan(0);
    expect(selects(policy.endpointSelector.matchLabels, podLabels)).toBe(true);
    expect(policy.ingress).toEqual([{ fromEndpoints: [{ matchLabels: { app: 'web' } }], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
    expect(selects(policy.egress[0].toEndpoints[0].matchLabels, dbLabels)).toBe(true);
    expect(policy.egress[0].toPorts).toEqual([{ ports: [{ port: '5432', protocol: 'TCP' }] }]);
    expect(route).toEqual({ host: 'orders.shop.svc.cluster.local', port: { number: 80 } });
    expect(monitor.podMetricsEndpoints).toEqual([{ port: 'http' }]);
    expect(selects(monitor.selector.matchLabels, podLabels)).toBe(true);
    expect(selects(mtls.matchLabels, podLabels)).toBe(true);
    expect(result.namespaceMtls).toBe('shop');
  });

  test('its ContainerResources and Cpu are rendered wherever resources are taken', () => {
    const expected = { limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '5m', memory: '16Mi' } };
    expect(result?.resources).toEqual({ curl: expected, hubble: expected, reader: expected, storeFront: expected });
  });
});
