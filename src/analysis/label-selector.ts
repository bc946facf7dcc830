/** Labels: key to value. */
export type Labels = Readonly<Record<string, string>>;

/** A Kubernetes label selector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

/**
 * Whether `labels` satisfy `selector`. `keyOf` maps a selector key to the label key it means
 * (Cilium writes `k8s:app` for `app`). An empty selector selects everything.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels, keyOf: (key: string) => string = (key) => key): boolean {
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (labels[keyOf(key)] !== String(value)) return false;
  }
  for (const expression of selector?.matchExpressions ?? []) {
    const actual = labels[keyOf(expression.key)];
    const values = (expression.values ?? []).map(String);
    switch (expression.operator) {
      case 'In': if (actual === undefined || !values.includes(actual)) return false; break;
      case 'NotIn': if (actual !== undefined && values.includes(actual)) return false; break;
      case 'Exists': if (actual === undefined) return false; break;
      case 'DoesNotExist': if (actual !== undefined) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Every key a selector constrains. */
export function selectorKeys(selector: LabelSelector | undefined, keyOf: (key: string) => string = (key) => key): string[] {
  return [...Object.keys(selector?.matchLabels ?? {}), ...(selector?.matchExpressions ?? []).map((e) => e.key)].map(keyOf);
}

/** `app=web,tier=front` (or `everything` for an empty selector): how reasons show a selector. */
export function describeSelector(selector: LabelSelector | undefined): string {
  const parts = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector?.matchExpressions ?? []).map((e) => `${e.key} ${e.operator}${e.values ? ` (${e.values.join(', ')})` : ''}`),
  ];
  return parts.length === 0 ? 'everything' : parts.join(',');
}

/** `app=web,tier=front`: how reasons show labels. */
export function describeLabels(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}
