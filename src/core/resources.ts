import { k8s } from 'cdk8s-plus-30';
import { IConstruct } from 'constructs';
import { requireQuantity } from './validation';

/** CPU and memory amounts as Kubernetes quantities (`'250m'`, `'128Mi'`). */
export interface ResourceAmounts {
  /**
   * CPU, e.g. `'10m'` or `'1'`.
   * @default - not set
   */
  readonly cpu?: string;
  /**
   * Memory, e.g. `'128Mi'`.
   * @default - not set
   */
  readonly memory?: string;
}

/** A container's resource requests and limits. */
export interface ContainerResources {
  /**
   * What the scheduler reserves for the container.
   * @default - no requests
   */
  readonly requests?: ResourceAmounts;
  /**
   * The most the container may use.
   * @default - no limits
   */
  readonly limits?: ResourceAmounts;
}

function toQuantities(scope: IConstruct, prop: string, amounts: ResourceAmounts | undefined): Record<string, k8s.Quantity> | undefined {
  if (amounts === undefined) return undefined;
  const result: Record<string, k8s.Quantity> = {};
  for (const key of ['cpu', 'memory'] as const) {
    const value = amounts[key];
    if (value !== undefined) result[key] = k8s.Quantity.fromString(requireQuantity(scope, `${prop}.${key}`, value));
  }
  return result;
}

/** Validates `resources` (named `prop` in errors) and converts it to the Kubernetes shape. */
export function toResourceRequirements(scope: IConstruct, prop: string, resources: ContainerResources): k8s.ResourceRequirements {
  return {
    requests: toQuantities(scope, `${prop}.requests`, resources.requests),
    limits: toQuantities(scope, `${prop}.limits`, resources.limits),
  };
}
