// A consumer's app, laid out as `cdk8s init typescript-app` lays one out (tools/strict-consumer.js
// copies the template's strict tsconfig.json beside it). It passes objects of its own cdk8s and
// cdk8s-plus (./plus re-exports the cdk8s-plus package under test) to the package's constructs;
// exports.ts, generated beside it, imports every export of the package by name.
import { AksStore, StoreNetworkPolicies, synthesizeManifests, WorkloadRef } from 'aks-labs-cdk8s';
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from './plus';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);

    const store = new AksStore(this, 'store', {
      namespace: 'shop',
      release: 'current',
      resources: { storeFront: { cpu: { request: kplus.Cpu.millis(10) } } },
    });
    new StoreNetworkPolicies(this, 'policies', { store });
    const web = new kplus.Deployment(this, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
    WorkloadRef.fromDeployment(web, { service: web.exposeViaService() });
  }
}

const app = new App();
new MyChart(app, 'consumer');
synthesizeManifests(app);
