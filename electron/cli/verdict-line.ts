import type { DeliverySummary } from '../contract/delivery';
import type { DriftVerdict } from '../contract/learning';
import type { Verdict } from '../contract/verdict';

/**
 * `  preservica MOVED  fail: signature invalid (Preservica-Signature does not match...)`: who sent
 * it and the verdict in one tail for the terminal line; empty when nothing was recognised.
 */
export function verdictTail(
  summary: DeliverySummary,
  verdict: Verdict | null,
  drift: DriftVerdict | null = null,
): string {
  const parts: string[] = [];
  if (summary.provider)
    parts.push(summary.event ? `${summary.provider} ${summary.event}` : summary.provider);
  if (summary.handshake) parts.push('handshake answered');
  if (verdict) {
    const problems: string[] = [];
    if (verdict.signature.status !== 'not-applicable') {
      const reason = verdict.signature.status === 'valid' ? '' : ` (${verdict.signature.reason})`;
      problems.push(`signature ${verdict.signature.status}${reason}`);
    }
    if (verdict.schema.status !== 'no-schema') {
      const first = verdict.schema.errors[0];
      const detail = first ? ` (${first.pointer || '/'}: ${first.message})` : '';
      problems.push(`schema ${verdict.schema.status}${detail}`);
    }
    for (const finding of verdict.health) {
      if (finding.severity !== 'info') problems.push(finding.message);
    }
    if (summary.badge !== 'none' || problems.length > 0) {
      parts.push(
        `${summary.badge === 'none' ? 'unchecked' : summary.badge}: ${problems.join('; ') || 'nothing to check'}`,
      );
    }
  }
  if (drift?.status === 'drift') parts.push(`drift: ${driftSummary(drift)}`);
  return parts.length > 0 ? `  ${parts.join('  ')}` : '';
}

/** `/a/b type-change integer→null (+2 more)`: the first change, and how many follow. */
function driftSummary(drift: DriftVerdict): string {
  const [first, ...others] = drift.changes;
  if (!first) return 'shape changed';
  const more = others.length ? ` (+${others.length} more)` : '';
  return `${first.pointer} ${first.kind} ${first.was}→${first.now}${more}`;
}
