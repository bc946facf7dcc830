/** A name without its trailing dot, in lower case: how DNS compares names. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Cilium's `matchPattern`: `*` alone matches every name; elsewhere `*` matches any run of DNS characters but '.'. */
export function patternMatches(pattern: string, name: string): boolean {
  const normalized = normalizeName(pattern);
  if (normalized === '*') return true;
  const body = normalized.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[-a-z0-9_]*');
  return new RegExp(`^${body}$`).test(normalizeName(name));
}

/** Whether a Cilium FQDN selector (`{ matchName }` or `{ matchPattern }`) matches `name`. */
export function fqdnSelectorMatches(selector: { readonly matchName?: string; readonly matchPattern?: string }, name: string): boolean {
  if (typeof selector.matchName === 'string') return normalizeName(selector.matchName) === normalizeName(name);
  if (typeof selector.matchPattern === 'string') return patternMatches(selector.matchPattern, name);
  return false;
}

/** How reasons show an FQDN selector. */
export function describeFqdnSelector(selector: { readonly matchName?: string; readonly matchPattern?: string }): string {
  return selector.matchName !== undefined ? `matchName ${selector.matchName}` : `matchPattern ${selector.matchPattern}`;
}
