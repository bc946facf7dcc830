import { RE2JS } from 're2js';
import { compileGoRegex } from '../../core/regex';

/**
 * A regular expression with RE2's syntax and semantics, run in linear time: what Envoy (Istio,
 * Cilium's HTTP rules) runs. RE2 refuses backreferences and lookaround; nothing here
 * backtracks, so no pattern can hang the verifier.
 */
export interface Re2 {
  /** The pattern as written. */
  readonly source: string;
  /** Whether the whole of `text` matches (Envoy's regex matches are full matches). */
  matches(text: string): boolean;
}

/** The pattern compiled with RE2's rules, or the reason RE2 refuses it. */
export function compileRe2(pattern: string, caseInsensitive = false): Re2 | { readonly error: string } {
  const compiled = compileGoRegex(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  if ('problem' in compiled) return { error: `RE2 refuses it (${compiled.problem})` };
  return { source: pattern, matches: (text) => compiled.regex.matches(text) };
}
