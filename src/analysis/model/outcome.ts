/** What a check, a rule or a whole connection comes to: let through, stopped, or not decidable from what the model reads. */
export type Outcome = 'allowed' | 'blocked' | 'unknown';

/** A field of an object the model does not understand, which could change the answer where it appears. */
export interface UnmodelledField {
  /** The object: `CiliumNetworkPolicy pets/allow-dns`. */
  readonly object: string;
  /** The field's path in the object: `spec.egress[0].toPorts[0].rules.kafka`. */
  readonly field: string;
  /** Why it matters (or what would decide it), when the field alone does not say. */
  readonly why?: string;
}

/**
 * A three-valued truth: `yes`, `no`, or `maybe` with the fields that make it undecidable. The
 * checks combine them with Kleene's rules, so a definite answer survives an undecidable part
 * that cannot change it (`no AND maybe` is `no`; `yes OR maybe` is `yes`).
 */
export type Tri =
  | { readonly value: 'yes' }
  | { readonly value: 'no' }
  | { readonly value: 'maybe'; readonly fields: readonly UnmodelledField[] };

/** Definitely true. */
export const YES: Tri = { value: 'yes' };
/** Definitely false. */
export const NO: Tri = { value: 'no' };

/** Undecidable because of `fields`. */
export function maybe(fields: readonly UnmodelledField[]): Tri {
  return { value: 'maybe', fields };
}

/** `yes` or `no`. */
export function tri(value: boolean): Tri {
  return value ? YES : NO;
}

function fieldsOf(...values: readonly Tri[]): UnmodelledField[] {
  const seen = new Set<string>();
  const fields: UnmodelledField[] = [];
  for (const v of values) {
    if (v.value !== 'maybe') continue;
    for (const f of v.fields) {
      const key = `${f.object}\u0000${f.field}`;
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(f);
      }
    }
  }
  return fields;
}

/** Kleene conjunction: `no` if any is `no`, else `maybe` if any is, else `yes`. */
export function and(...values: readonly Tri[]): Tri {
  if (values.some((v) => v.value === 'no')) return NO;
  return values.some((v) => v.value === 'maybe') ? maybe(fieldsOf(...values)) : YES;
}

/** Kleene disjunction: `yes` if any is `yes`, else `maybe` if any is, else `no`. */
export function or(...values: readonly Tri[]): Tri {
  if (values.some((v) => v.value === 'yes')) return YES;
  return values.some((v) => v.value === 'maybe') ? maybe(fieldsOf(...values)) : NO;
}

/** Kleene negation. */
export function not(value: Tri): Tri {
  return value.value === 'yes' ? NO : value.value === 'no' ? YES : value;
}

/** The disjunction of `items` mapped by `test`, stopping at the first `yes`. */
export function some<T>(items: Iterable<T>, test: (item: T) => Tri): Tri {
  const maybes: Tri[] = [];
  for (const item of items) {
    const result = test(item);
    if (result.value === 'yes') return YES;
    if (result.value === 'maybe') maybes.push(result);
  }
  return maybes.length === 0 ? NO : maybe(fieldsOf(...maybes));
}

/** The conjunction of `items` mapped by `test`, stopping at the first `no`. */
export function every<T>(items: Iterable<T>, test: (item: T) => Tri): Tri {
  const maybes: Tri[] = [];
  for (const item of items) {
    const result = test(item);
    if (result.value === 'no') return NO;
    if (result.value === 'maybe') maybes.push(result);
  }
  return maybes.length === 0 ? YES : maybe(fieldsOf(...maybes));
}

