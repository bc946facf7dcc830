import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { cpuCores, cpuQuantity, kibibytesOf, sizeQuantity } from './quantities';
import { KnownKeys, requireKnownKeys } from './validation';

/**
 * An amount of CPU: what the library reads of a cdk8s-plus `Cpu` (`Cpu.millis(250)`,
 * `Cpu.units(1)`) of any cdk8s-plus major, its `amount` (`250m`, `1`).
 */
export interface ICpu {
  /** The amount as a Kubernetes quantity: whole or decimal cores (`1`, `0.5`) or millicores (`250m`). */
  readonly amount: string;
}

/** A request and a limit of one resource of a container. */
export interface RequestAndLimit<T> {
  /**
   * What the container is guaranteed (the scheduler reserves it).
   * @default - no request (Kubernetes uses the limit, if any)
   */
  readonly request?: T;
  /**
   * The most the container may use.
   * @default - no limit
   */
  readonly limit?: T;
}

/**
 * A container's requests and limits in cdk8s-plus's shape: the `ContainerResources` of any
 * cdk8s-plus major fits, e.g. `{ cpu: { request: Cpu.millis(10) }, memory: { limit: Size.mebibytes(128) } }`.
 * Kubernetes' own shape (`{ requests: { cpu: '10m' } }`) is refused.
 */
export interface IContainerResources {
  /**
   * CPU, as cdk8s-plus `Cpu` amounts.
   * @default - none
   */
  readonly cpu?: RequestAndLimit<ICpu>;
  /**
   * Memory, as cdk8s `Size`s.
   * @default - none
   */
  readonly memory?: RequestAndLimit<Size>;
  /**
   * Local ephemeral storage, as cdk8s `Size`s.
   * @default - none
   */
  readonly ephemeralStorage?: RequestAndLimit<Size>;
}

const CONTAINER_RESOURCES_KEYS: KnownKeys<IContainerResources> = { cpu: true, memory: true, ephemeralStorage: true };
const RESOURCE_AMOUNTS_KEYS: KnownKeys<RequestAndLimit<unknown>> = { request: true, limit: true };
const SHAPE = "cdk8s-plus's shape, such as { cpu: { request: Cpu.millis(10) }, memory: { limit: Size.mebibytes(128) } }, not Kubernetes' requests and limits";

/**
 * @internal Validates container `resources` (cdk8s-plus's shape: `cpu` as `Cpu`, `memory` and
 * `ephemeralStorage` as `Size`) and renders them, requests before limits. A key of another shape
 * (Kubernetes' `requests`) is refused, and so is a request above its limit, as the API server would.
 */
export function toResourceRequirements(scope: IConstruct, prop: string, resources: IContainerResources | undefined): k8s.ResourceRequirements {
  if (resources === undefined) return {};
  requireKnownKeys(scope, prop, resources, CONTAINER_RESOURCES_KEYS, 'resources of a container', SHAPE);
  const requests: Record<string, k8s.Quantity> = {};
  const limits: Record<string, k8s.Quantity> = {};
  const amounts = [
    ['cpu', resources.cpu, (p: string, v: unknown) => cpuQuantity(scope, p, v), (q: string) => cpuCores(q)],
    ['memory', resources.memory, (p: string, v: unknown) => sizeQuantity(scope, p, v), undefined],
    ['ephemeral-storage', resources.ephemeralStorage, (p: string, v: unknown) => sizeQuantity(scope, p, v), undefined],
  ] as const;
  for (const [name, pair, render, amount] of amounts) {
    if (pair === undefined) continue;
    const key = name === 'ephemeral-storage' ? 'ephemeralStorage' : name;
    requireKnownKeys(scope, `${prop}.${key}`, pair, RESOURCE_AMOUNTS_KEYS, 'a request or a limit', `such as { request: ${key === 'cpu' ? 'Cpu.millis(10)' : 'Size.mebibytes(64)'} }`);
    const request = pair.request === undefined ? undefined : render(`${prop}.${key}.request`, pair.request);
    const limit = pair.limit === undefined ? undefined : render(`${prop}.${key}.limit`, pair.limit);
    if (request !== undefined && limit !== undefined) {
      const [r, l] = amount ? [amount(request), amount(limit)] : [kibibytesOf(scope, prop, pair.request), kibibytesOf(scope, prop, pair.limit)];
      if (r > l) throw new InvalidPropError(scope, `${prop}.${key}.request`, request, `must not be more than the limit ${limit}`);
    }
    if (request !== undefined) requests[name] = k8s.Quantity.fromString(request);
    if (limit !== undefined) limits[name] = k8s.Quantity.fromString(limit);
  }
  return {
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  };
}
