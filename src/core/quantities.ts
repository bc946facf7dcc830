import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { InvalidPropError } from './invalid-prop-error';

const UNITS = ['Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;
const KIBIBYTES_PER_UNIT: Record<typeof UNITS[number], number> = { Pi: 1024 ** 4, Ti: 1024 ** 3, Gi: 1024 ** 2, Mi: 1024, Ki: 1 };

/** @internal The size in kibibytes, or an error naming `prop` when it is not a `Size`. */
export function kibibytesOf(scope: IConstruct, prop: string, size: unknown): number {
  if (!(size instanceof Size)) throw new InvalidPropError(scope, prop, size, 'must be a Size, such as Size.gibibytes(10)');
  let kib: number;
  try {
    kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  } catch (error) {
    throw new InvalidPropError(scope, prop, size.asString(), `must be a whole number of kibibytes (${(error as Error).message})`);
  }
  if (!Number.isFinite(kib)) throw new InvalidPropError(scope, prop, size.asString(), 'must be a finite size');
  return kib;
}

/**
 * @internal Renders a `Size` as a Kubernetes quantity, as it was written when that is a whole
 * number (`Size.mebibytes(128)` is `128Mi`), else in the largest unit that makes it whole.
 */
export function sizeQuantity(scope: IConstruct, prop: string, size: unknown, options: { readonly positive?: boolean } = {}): string {
  const kib = kibibytesOf(scope, prop, size);
  if (options.positive && kib <= 0) throw new InvalidPropError(scope, prop, (size as Size).asString(), 'must be more than zero');
  const written = (size as Size).asString();
  if (/^\d+(Ki|Mi|Gi|Ti|Pi)$/.test(written)) return written;
  const unit = UNITS.find((u) => Number.isInteger(kib / KIBIBYTES_PER_UNIT[u])) ?? 'Ki';
  if (!Number.isInteger(kib / KIBIBYTES_PER_UNIT[unit])) {
    throw new InvalidPropError(scope, prop, written, 'must be a whole number of kibibytes');
  }
  return `${kib / KIBIBYTES_PER_UNIT[unit]}${unit}`;
}

/**
 * @internal Renders a `Cpu` (of any cdk8s-plus major: an object with a string `amount`) as a
 * quantity (`250m`, `1`), refusing negative and malformed amounts.
 */
export function cpuQuantity(scope: IConstruct, prop: string, cpu: unknown): string {
  if (cpu === null || typeof cpu !== 'object' || typeof (cpu as { amount?: unknown }).amount !== 'string') {
    throw new InvalidPropError(scope, prop, cpu, 'must be a Cpu, such as Cpu.millis(250) or Cpu.units(1)');
  }
  const amount = (cpu as { amount: string }).amount;
  if (!/^(\d+(\.\d+)?)m?$/.test(amount)) {
    throw new InvalidPropError(scope, prop, amount, 'must be 0 or more CPU, such as Cpu.millis(250)');
  }
  return amount;
}

/** @internal The CPU amount of a quantity rendered by {@link cpuQuantity}, in cores. */
export function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** @internal The whole number of seconds of a `Duration`, refusing fractions and values outside `min`..`max`. */
export function wholeSeconds(scope: IConstruct, prop: string, duration: unknown, min: number, max: number): number {
  if (!(duration instanceof Duration)) throw new InvalidPropError(scope, prop, duration, 'must be a Duration, such as Duration.seconds(30)');
  const seconds = duration.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new InvalidPropError(scope, prop, duration.toHumanString(), `must be a whole number of seconds from ${min} to ${max}`);
  }
  return seconds;
}

/** @internal Renders a `Duration` the way Prometheus and the metrics agent read it (`30s`, `1m`, `500ms`), refusing zero and fractions of milliseconds. */
export function prometheusDuration(scope: IConstruct, prop: string, duration: unknown): string {
  if (!(duration instanceof Duration)) throw new InvalidPropError(scope, prop, duration, 'must be a Duration, such as Duration.seconds(30)');
  const ms = duration.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new InvalidPropError(scope, prop, duration.toHumanString(), 'must be a whole number of milliseconds, more than zero');
  }
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
