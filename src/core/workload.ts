/** A port a workload's pods listen on, and the Service port that forwards to it. */
export interface WorkloadPort {
  /**
   * The container port's name, where the manifest names it.
   * @default - the port is unnamed
   */
  readonly name?: string;
  /** The port the container listens on (what pod-to-pod policies allow). */
  readonly containerPort: number;
  /** The port the workload's Service exposes (what clients and meshes address). */
  readonly servicePort: number;
  /** The transport protocol. */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/**
 * What other constructs need to know about a workload to refer to it: where it runs, how
 * its pods are selected and which ports it serves. Network policies, meshes and monitors
 * take a `Workload` instead of repeating names and labels.
 */
export interface Workload {
  /** The workload's name: its Deployment or StatefulSet, its container and (by default) its Service. */
  readonly name: string;
  /**
   * The name of the workload's Service, where it differs from `name`.
   * @default - `name`
   */
  readonly serviceName?: string;
  /** The namespace the workload runs in. */
  readonly namespace: string;
  /** Labels on the workload's pods; its Service selects them with exactly these labels. */
  readonly podLabels: Readonly<Record<string, string>>;
  /** The ports the workload serves, the main one first. */
  readonly ports: readonly WorkloadPort[];
}

/** The name of a workload's Service. */
export function serviceNameOf(workload: Workload): string {
  return workload.serviceName ?? workload.name;
}

/** The in-cluster DNS name of a workload's Service, e.g. `store-front.pets.svc.cluster.local`. */
export function serviceFqdn(workload: Workload): string {
  return `${serviceNameOf(workload)}.${workload.namespace}.svc.cluster.local`;
}
