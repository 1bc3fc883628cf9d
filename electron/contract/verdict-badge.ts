import type { Verdict, VerdictBadge } from './verdict';

/** Collapses a verdict into the inbox badge: any failure wins over a warning. */
export function badgeOf(verdict: Verdict | null): VerdictBadge {
  if (!verdict) return 'none';
  const failed =
    verdict.signature.status === 'invalid' ||
    verdict.signature.status === 'forged-via-handshake' ||
    verdict.schema.status === 'invalid' ||
    verdict.health.some((finding) => finding.severity === 'error');
  if (failed) return 'fail';
  if (verdict.health.some((finding) => finding.severity === 'warning')) return 'warning';
  const checked = verdict.signature.status === 'valid' || verdict.schema.status === 'valid';
  return checked ? 'ok' : 'none';
}
