/**
 * Rewrites two kinds of expression in the classes `cdk8s import` generates into equivalents
 * that build objects V8 can give shared hidden classes (maps).
 *
 * V8 (Node 20) gives an object built by object spread and then extended (`{ ...a, key: v }`,
 * `{ ...Kind.GVK, ...props }`) a map of its own, allocated in the old generation. The generated
 * `toJson_*` functions drop undefined values with `reduce((r, i) => ({ ...r, [i[0]]: i[1] }))`,
 * one such object per key, so rendering an object leaves dozens of maps behind that only a full
 * collection frees, and every API object holds a props copy with a map of its own. At 10,000
 * tenants that was a fifth of the peak memory of a synthesis (0.97 -> 0.77 GB).
 *
 * 1. The filter: `({ ...r, [i[0]]: i[1] })` (or `i[1]` converted) sets the key on `r` instead,
 *    which `reduce` started as a fresh `{}`. A `__proto__` key keeps the spread (an assignment
 *    would set the prototype instead of defining the key).
 * 2. `...Kind.GVK,` in an object literal becomes `apiVersion: Kind.GVK.apiVersion, kind:
 *    Kind.GVK.kind,`: the same two own properties (a generated GVK has exactly those), with the
 *    object starting as a literal, so the spread that follows adds to a shared map.
 *
 * The rewrite is idempotent, and it refuses a file in which the generated code no longer reads
 * as expected (a new cdk8s-cli), rather than leave it half rewritten.
 */

/** The step of the filter: `i[1]`, or `i[1]` converted (`toJson_X(i[1])`, `i[1]?.map(...)`). */
const FILTER_STEP = /\(\{ \.\.\.r, \[i\[0\]\]: ([^{}]+?) \}\)/g;
const FILTER_STEP_IN_PLACE = "(i[0] === '__proto__' ? { ...r, [i[0]]: $1 } : ((r as any)[i[0]] = $1, r))";
const KEPT_SPREAD = "i[0] === '__proto__' ? { ...r, [i[0]]";
const GVK_SPREAD = /^( *)\.\.\.(\w+)\.GVK,$/gm;
const GVK_DECLARATION = /public static readonly GVK: GroupVersionKind = \{\n {4}apiVersion: '[^'\n]+',\n {4}kind: '[^'\n]+',\n {2}\}/g;
const CLASS = /^export class \w+ extends ApiObject \{$/gm;

function count(text: string, pattern: RegExp | string): number {
  return typeof pattern === 'string' ? text.split(pattern).length - 1 : (text.match(pattern) ?? []).length;
}

/** `source` (a file `cdk8s import` wrote) with the rewrites above applied. */
export function withStableShapes(source: string, fileName: string): string {
  const classes = count(source, CLASS);
  const declarations = count(source, GVK_DECLARATION);
  if (declarations !== classes) {
    throw new Error(`${fileName}: ${classes} ApiObject classes but ${declarations} GVKs of the form { apiVersion, kind }: the generated code changed, review projenrc/stable-shapes.ts`);
  }
  const spreads = count(source, GVK_SPREAD);
  if (spreads !== 0 && spreads !== 3 * classes) {
    throw new Error(`${fileName}: ${spreads} GVK spreads for ${classes} classes (expected 3 each: manifest, constructor, toJson): review projenrc/stable-shapes.ts`);
  }
  const rewritten = source
    .replace(FILTER_STEP, FILTER_STEP_IN_PLACE)
    .replace(GVK_SPREAD, '$1apiVersion: $2.GVK.apiVersion,\n$1kind: $2.GVK.kind,');
  if (count(rewritten, '...r, [i[0]]') !== count(rewritten, KEPT_SPREAD)) {
    throw new Error(`${fileName}: an undefined-value filter of an unexpected form is left: review projenrc/stable-shapes.ts`);
  }
  return rewritten;
}
