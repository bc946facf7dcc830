import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Claim } from '../src/analysis/claims/claim';
import { renderClaims } from '../src/analysis/claims/read-claims';
import { synthesizeCharts } from '../src/core/synthesizer';
import { SecureStoreChart } from '../src/workshop/charts/secure-store-chart';
import { SECURE_STORE_CLAIMS } from '../src/workshop/deep-dives/08-secure-store/claims';

/** A fleet written for `verify`: one manifest file per tenant, and the claims of every tenant. */
export interface Fleet {
  readonly folder: string;
  readonly claimsFile: string;
  readonly tenants: number;
  readonly workloads: number;
  readonly claims: number;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job', 'CronJob', 'ReplicaSet']);

/** The secure store's claims restated for one tenant's namespace and host. */
function tenantClaims(namespace: string): Claim[] {
  return SECURE_STORE_CLAIMS.map((claim) => {
    const restated = JSON.parse(JSON.stringify(claim).replace(/"pets"/g, JSON.stringify(namespace)));
    restated.id = `${namespace}-${claim.id}`;
    if (restated.from?.ingressGateway !== undefined) restated.to.host = `${namespace}.example.com`;
    return restated as Claim;
  });
}

/**
 * Writes N tenants of the secure store (workshop section 08, each in its own namespace, with
 * its own ingress host) into `folder`, and their claims (14 each) beside it.
 */
export function writeFleet(folder: string, tenants: number): Fleet {
  fs.mkdirSync(folder, { recursive: true });
  const app = new App({ outdir: folder });
  for (let i = 0; i < tenants; i++) {
    new SecureStoreChart(app, `tenant-${i}`, { store: { namespace: `tenant-${i}`, release: 'current' }, ingressHosts: [`tenant-${i}.example.com`] });
  }
  let index = 0;
  let workloads = 0;
  for (const file of synthesizeCharts(app)) {
    workloads += file.objects.filter((o) => WORKLOAD_KINDS.has(String((o as { kind?: unknown }).kind))).length;
    fs.writeFileSync(path.join(folder, `${String(index++).padStart(6, '0')}.yaml`), file.yaml);
  }
  const claims: Claim[] = [];
  for (let i = 0; i < tenants; i++) claims.push(...tenantClaims(`tenant-${i}`));
  const claimsFile = `${folder}.claims.yaml`;
  fs.writeFileSync(claimsFile, renderClaims(claims));
  return { folder, claimsFile, tenants, workloads, claims: claims.length };
}
