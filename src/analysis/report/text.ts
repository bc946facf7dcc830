import { VerifyReport } from './report';
import { describeUnmodelled } from '../engine/verdict';

/** How a finding's outcome is marked before its text. */
export const OUTCOME_MARK = { allowed: '+', blocked: '-', unknown: '?' } as const;

/** The report as text: each claim with its verdict and the chain of findings that decided it, then a summary. */
export function renderText(report: VerifyReport): string {
  return [...textChunks(report)].join('');
}

/** {@link renderText} claim by claim, so that a fleet's report is written without being held whole. */
export function* textChunks(report: VerifyReport): Generator<string> {
  if (report.claims.length === 0) {
    yield `read ${report.objects} objects; no claims given (--claims <file>)\n`;
    return;
  }
  for (const claim of report.claims) {
    const lines: string[] = [];
    const status = claim.actual === 'unknown' ? 'UNKNOWN' : claim.holds ? 'holds ' : 'FAILS ';
    const head = `${status} ${claim.id}: ${claim.from} -> ${claim.to}`;
    if (claim.actual === 'unknown') lines.push(`${head}: expected ${claim.expect}, but the model cannot decide it`);
    else lines.push(claim.holds ? `${head}: ${claim.actual}` : `${head}: expected ${claim.expect}, but ${claim.actual}`);
    // For a claim that holds, findings that only say nothing stood in the way are left out.
    const telling = claim.reasons.filter((r) => !r.unrestricted);
    const shown = claim.holds && telling.length > 0 ? telling : claim.reasons;
    for (const reason of shown) lines.push(`    ${OUTCOME_MARK[reason.outcome]} ${reason.text}`);
    if (claim.actual === 'unknown') lines.push(`    fields the model does not read: ${describeUnmodelled(claim.unknownFields)}`);
    yield lines.join('\n') + '\n';
  }
  const { claims, holding, failing, unknown } = report.summary;
  const parts = [
    failing > 0 ? `${failing} of ${claims} ${claims === 1 ? 'claim does' : 'claims do'} not hold` : undefined,
    unknown > 0 ? `${unknown} of ${claims} ${claims === 1 ? 'claim' : 'claims'} cannot be decided` : undefined,
  ].filter((p) => p !== undefined);
  yield `${parts.length > 0 ? parts.join('; ') : holding === 1 ? 'the claim holds' : `all ${holding} claims hold`}\n`;
}
