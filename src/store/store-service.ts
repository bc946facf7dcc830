import { Construct } from 'constructs';
import { IWorkloadRef, WorkloadAttributes, WorkloadPort } from '../core/workload-ref';

/**
 * One service of the AKS Store (its StatefulSet or Deployment, its Service and what else it
 * needs), as a workload other constructs can select, allow, route to or scrape.
 */
export class StoreService extends Construct implements IWorkloadRef {
  /** The Deployment's or StatefulSet's name. */
  public readonly name: string;
  /** The namespace it runs in. */
  public readonly namespace: string;
  /** Its pod labels (`app: <name>`). */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** Its ports, the main one first. */
  public readonly ports: readonly WorkloadPort[];
  /** Its Service's name (the workload's name). */
  public readonly serviceName: string;
  /** This construct. */
  public readonly definedBy = this;

  /** @internal */
  constructor(scope: Construct, id: string, attributes: WorkloadAttributes) {
    super(scope, id);
    this.name = attributes.name;
    this.namespace = attributes.namespace;
    this.podLabels = attributes.podLabels;
    this.ports = attributes.ports ?? [];
    this.serviceName = attributes.serviceName ?? attributes.name;
  }
}
