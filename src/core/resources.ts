import { ContainerResources, k8s } from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';
import { cpuCores, cpuQuantity, kibibytesOf, sizeQuantity } from './quantities';

/**
 * @internal Validates container `resources` (cdk8s-plus's shape: `cpu` as `Cpu`, `memory` and
 * `ephemeralStorage` as `Size`) and renders them, requests before limits. A request above its
 * limit is refused, as the API server would.
 */
export function toResourceRequirements(scope: IConstruct, prop: string, resources: ContainerResources | undefined): k8s.ResourceRequirements {
  if (resources === undefined) return {};
  if (resources === null || typeof resources !== 'object') {
    throw new InvalidPropError(scope, prop, resources, 'must be container resources such as { cpu: { request: Cpu.millis(10) }, memory: { limit: Size.mebibytes(128) } }');
  }
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
