import { App, Chart } from 'cdk8s';
import { AksStore, enableSidecarInjection, FqdnEgressPolicy, FqdnMatch, MeshIngress, MeshMtls, StoreNetworkPolicies } from '../src';

/**
 * One tenant of a platform that runs the store per team: a chart in its own namespace with
 * the store (current release, sidecars of asm-1-22, two store fronts), its network policies,
 * FQDN egress, strict mTLS and an ingress route. 17 objects, ~12 KB of YAML.
 */
export function addTenant(app: App, index: number): Chart {
  const chart = new Chart(app, `tenant-${index}`);
  const store = new AksStore(chart, 'store', {
    namespace: `tenant-${index}`,
    release: 'current',
    replicas: { storeFront: 2 },
    storeFrontServiceType: 'ClusterIP',
  });
  enableSidecarInjection(chart, store.namespace, 'asm-1-22');
  new StoreNetworkPolicies(chart, 'policies', { store, storeFrontIngress: 'external-gateway' });
  new FqdnEgressPolicy(chart, 'orders-egress', { workload: store.orderService, fqdns: [FqdnMatch.pattern('*.microsoft.com')] });
  new MeshMtls(chart, 'mtls', { namespace: store.namespace });
  new MeshIngress(chart, 'ingress', { destination: store.storeFront, hosts: [`tenant-${index}.example.com`] });
  return chart;
}

/** An app of `count` tenants. */
export function tenantApp(count: number, outdir = 'unused'): App {
  const app = new App({ outdir });
  for (let i = 0; i < count; i++) addTenant(app, i);
  return app;
}
