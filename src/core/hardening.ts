import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct, IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { kibibytesOf, sizeQuantity } from './quantities';
import { IContainerResources, RequestAndLimit, toResourceRequirements } from './resources';

/**
 * A folder an image writes to at run time. With a read-only root file system the hardened
 * profile mounts an `emptyDir` there, limited to `sizeLimit` (an `emptyDir` counts towards the
 * pod's ephemeral storage, so its limit is part of the container's).
 */
export interface WritableFolder {
  /** The volume's name (a DNS-1123 label, unique in the pod). */
  readonly name: string;
  /** Where the container writes. */
  readonly mountPath: string;
  /** The most the folder may hold: the `emptyDir`'s `sizeLimit`. */
  readonly sizeLimit: Size;
}

/** When a probe starts, how often it runs and how many failures count. */
export interface ProbeTiming {
  /**
   * Seconds after the container starts before the first probe.
   * @default - Kubernetes' default (0)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - Kubernetes' default (10)
   */
  readonly periodSeconds?: number;
  /**
   * Seconds a probe may take.
   * @default - Kubernetes' default (1)
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures in a row that fail the probe.
   * @default - Kubernetes' default (3)
   */
  readonly failureThreshold?: number;
}

/**
 * What the kubelet keeps of one container's standard output and error at most, counted in its
 * ephemeral storage: the upstream default rotation of 5 files of 10Mi (AKS's `containerLogMaxFiles`
 * and `containerLogMaxSizeMB`). Each container's ephemeral-storage limit in the hardened profile
 * leaves at least this much beside what it writes.
 */
const CONTAINER_LOG_ALLOWANCE = Size.mebibytes(50);

/** @internal The `emptyDir` volumes of `folders`, each with its `sizeLimit`. */
export function writableVolumes(scope: IConstruct, prop: string, folders: readonly WritableFolder[]): k8s.Volume[] {
  return folders.map((folder) => ({
    name: folder.name,
    emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeQuantity(scope, `${prop}.${folder.name}.sizeLimit`, folder.sizeLimit, { positive: true })) },
  }));
}

/** @internal The mounts of `folders`. */
export function writableMounts(folders: readonly WritableFolder[]): k8s.VolumeMount[] {
  return folders.map((folder) => ({ name: folder.name, mountPath: folder.mountPath }));
}

/**
 * `resources` with `ephemeral` as their ephemeral storage, unless they give their own;
 * `fallback` when they are not given at all.
 */
function withEphemeralStorage(
  resources: IContainerResources | undefined, fallback: IContainerResources | undefined, ephemeral: RequestAndLimit<Size>,
): IContainerResources {
  const given = resources ?? fallback ?? {};
  return given.ephemeralStorage !== undefined ? given : { ...given, ephemeralStorage: ephemeral };
}

/**
 * @internal Throws when the ephemeral-storage limit of a container (`resources`) cannot hold the
 * `emptyDir`s it writes (`folders`) and its logs ({@link CONTAINER_LOG_ALLOWANCE}): the kubelet would
 * evict the pod before the folders are full.
 */
export function requireRoomFor(scope: IConstruct, prop: string, resources: IContainerResources, folders: readonly WritableFolder[]): void {
  const limit = resources.ephemeralStorage?.limit;
  if (limit === undefined) return;
  const needed = folders.reduce((sum, f) => sum + kibibytesOf(scope, `${prop}.${f.name}`, f.sizeLimit), kibibytesOf(scope, prop, CONTAINER_LOG_ALLOWANCE));
  const have = kibibytesOf(scope, `${prop}.ephemeralStorage.limit`, limit);
  if (have < needed) {
    throw new InvalidPropError(scope, `${prop}.ephemeralStorage.limit`, sizeQuantity(scope, prop, limit),
      `must be at least ${Math.ceil(needed / 1024)}Mi: the container's emptyDir folders (${folders.map((f) => `${f.mountPath} ${sizeQuantity(scope, prop, f.sizeLimit)}`).join(', ') || 'none'}) `
      + `and ${sizeQuantity(scope, prop, CONTAINER_LOG_ALLOWANCE)} of logs count towards it`);
  }
}

/**
 * @internal A hardened container's resources: `given` (else `fallback`) with `ephemeral` storage
 * unless they name their own, checked to hold `folders` and the logs, as Kubernetes writes them.
 */
export function hardenedResources(
  scope: IConstruct, prop: string, given: IContainerResources | undefined, fallback: IContainerResources | undefined,
  ephemeral: RequestAndLimit<Size>, folders: readonly WritableFolder[],
): k8s.ResourceRequirements {
  const resources = withEphemeralStorage(given, fallback, ephemeral);
  requireRoomFor(scope, prop, resources, folders);
  return toResourceRequirements(scope, prop, resources);
}

function timed(probe: k8s.Probe, timing: ProbeTiming): k8s.Probe {
  return { ...probe, ...timing };
}

/** @internal An HTTP GET probe of `path` on `port`. */
export function httpGetProbe(path: string, port: number, timing: ProbeTiming = {}): k8s.Probe {
  return timed({ httpGet: { path, port: k8s.IntOrString.fromNumber(port) } }, timing);
}

/** @internal A TCP connect probe of `port`. */
export function tcpSocketProbe(port: number, timing: ProbeTiming = {}): k8s.Probe {
  return timed({ tcpSocket: { port: k8s.IntOrString.fromNumber(port) } }, timing);
}

/** @internal A probe that runs `command` in the container; exit code 0 passes. */
export function execProbe(command: readonly string[], timing: ProbeTiming = {}): k8s.Probe {
  return timed({ exec: { command: [...command] } }, timing);
}

/** Options of {@link workloadServiceAccount}. */
interface WorkloadServiceAccountOptions {
  readonly name: string;
  readonly namespace: string;
  /** Mount the token: only for a workload that calls the Kubernetes API. */
  readonly automountToken?: boolean;
}

/**
 * @internal A ServiceAccount of a workload's own (not the namespace's `default`), whose token pods
 * do not mount unless `automountToken` says so. Its pods name it in `serviceAccountName`.
 */
export function workloadServiceAccount(scope: Construct, id: string, options: WorkloadServiceAccountOptions): k8s.KubeServiceAccount {
  return new k8s.KubeServiceAccount(scope, id, {
    metadata: { name: options.name, namespace: options.namespace },
    automountServiceAccountToken: options.automountToken ?? false,
  });
}
