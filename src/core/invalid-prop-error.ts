import { IConstruct } from 'constructs';
import { AksLabsError } from './errors';

/**
 * Thrown when a construct prop has a value Kubernetes (or the workshop) would reject.
 *
 * The message names the construct path, the prop, the bad value and what is allowed, so the
 * error points at the line of user code to fix rather than at a `kubectl apply` failure.
 */
export class InvalidPropError extends AksLabsError {
  public readonly kind = 'input';
  /** Path of the construct that received the bad value. */
  public readonly constructPath: string;
  /** Name of the prop (dotted for nested props, e.g. `replicas.storeFront`). */
  public readonly prop: string;
  /** The value that was rejected. */
  public readonly value: unknown;
  /** What the prop accepts. */
  public readonly allowed: string;

  constructor(scope: IConstruct, prop: string, value: unknown, allowed: string) {
    const path = scope.node.path || '<root>';
    super(`${path}: invalid ${prop} ${formatValue(value)}: ${allowed}`, 'InvalidPropError');
    this.constructPath = path;
    this.prop = prop;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'function') return `a function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object' && value.constructor !== Object && value.constructor !== Array && value.constructor !== undefined) {
    return `a ${value.constructor.name}`;
  }
  try {
    const json = JSON.stringify(value);
    return json.length > 200 ? `${json.slice(0, 200)}...` : json;
  } catch {
    return String(value);
  }
}
