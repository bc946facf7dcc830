/** A Cilium FQDN selector: an exact name, or a pattern where `*` stands for any run of DNS characters within one label. */
export type FqdnSelector =
  | { readonly matchName: string }
  | { readonly matchPattern: string };

const NAME = /^[-a-zA-Z0-9_.]+$/;
const PATTERN = /^[-a-zA-Z0-9_.*]+$/;

/** Whether `text` is a name Cilium accepts in `matchName`. */
export function isFqdnName(text: string): boolean {
  return text.length <= 255 && NAME.test(text);
}

/** Whether `text` is a pattern Cilium accepts in `matchPattern`. */
export function isFqdnPattern(text: string): boolean {
  return text.length <= 255 && PATTERN.test(text);
}

/** A name without its trailing dot, in lower case: how DNS compares names. */
export function normalizeName(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}

/** Glob match of one label, `*` matching any run of characters (none included): greedy with one step back, never exponential. */
function labelMatches(pattern: string, label: string): boolean {
  let p = 0;
  let l = 0;
  let star = -1;
  let resume = 0;
  while (l < label.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = l;
    } else if (p < pattern.length && pattern[p] === label[l]) {
      p++;
      l++;
    } else if (star >= 0) {
      p = star + 1;
      l = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Cilium's `matchPattern`: `*` alone matches every name; elsewhere `*` matches any run of DNS
 * characters except '.', so a pattern and a name it matches have the same labels.
 */
export function patternMatches(pattern: string, name: string): boolean {
  const patternLabels = labelsOf(pattern);
  if (patternLabels.length === 1 && patternLabels[0] === '*') return true;
  const nameLabels = labelsOf(name);
  return patternLabels.length === nameLabels.length && patternLabels.every((label, i) => labelMatches(label, nameLabels[i]));
}

const LABELS = new Map<string, readonly string[]>();

/** A name's (or pattern's) labels, normalized once: the same patterns meet the same names lookup after lookup. */
function labelsOf(name: string): readonly string[] {
  let labels = LABELS.get(name);
  if (labels === undefined) {
    labels = normalizeName(name).split('.');
    if (LABELS.size >= 100_000) LABELS.clear();
    LABELS.set(name, labels);
  }
  return labels;
}

/** Whether a Cilium FQDN selector matches `name`. */
export function fqdnSelectorMatches(selector: FqdnSelector, name: string): boolean {
  return 'matchName' in selector ? normalizeName(selector.matchName) === normalizeName(name) : patternMatches(selector.matchPattern, name);
}

/** How reasons show an FQDN selector. */
export function describeFqdnSelector(selector: FqdnSelector): string {
  return 'matchName' in selector ? `matchName ${selector.matchName}` : `matchPattern ${selector.matchPattern}`;
}
