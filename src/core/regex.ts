import { RE2JS } from 're2js';

/**
 * What Go's `regexp` (RE2 syntax) accepts, in words: the regexes of Prometheus relabelings and of
 * the Azure Monitor metrics agent's settings are compiled by Go.
 */
export const GO_REGEX_SYNTAX = "Go's RE2 syntax: no lookahead or lookbehind ((?=, (?!, (?<=, (?<!), no backreferences (\\1), no possessive quantifiers, repeats up to {1000}";

/**
 * `pattern` compiled as Go's `regexp` (RE2 syntax, as `regexp.Compile` parses it) compiles it, or
 * why it refuses it. RE2JS is a port of RE2/J, itself a port of Go's `regexp`, so it accepts and
 * refuses what Go does. The reason never quotes the pattern.
 */
export function compileGoRegex(pattern: string, flags: number = 0): { readonly regex: RE2JS } | { readonly problem: string } {
  try {
    return { regex: RE2JS.compile(pattern, flags) };
  } catch (error) {
    // RE2JS's message ends with the pattern (or its offending part) in backquotes: keep the kind of error.
    const reason = (error as Error).message.replace(/:\s*`.*$/s, '').replace(/^error parsing regexp:\s*/, '');
    // RE2 reads `(?<=` as a malformed named group and `\1` as an unknown escape: say what they are.
    const construct = /\(\?<[=!]/.test(pattern) ? 'a lookbehind' : /\(\?[=!]/.test(pattern) ? 'a lookahead'
      : /(^|[^\\])(\\\\)*\\[1-9]/.test(pattern) ? 'a backreference' : undefined;
    return { problem: construct === undefined ? reason : `${construct}, which RE2 does not have (${reason})` };
  }
}

/** Why Go's `regexp` refuses `pattern` ({@link compileGoRegex}), or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  const compiled = compileGoRegex(pattern);
  return 'problem' in compiled ? compiled.problem : undefined;
}
