import type { Verdict, VerdictBadge } from './verdict';

/**
 * Collapses a verdict into the inbox badge: any failure wins over a warning. Green `ok` is only
 * for an authenticated delivery (signature valid); a schema-valid or recognised delivery whose
 * signature is missing or unchecked is `unsigned`, never `ok`.
 */
export function badgeOf(verdict: Verdict | null): VerdictBadge {
  if (!verdict) return 'none';
  const failed =
    verdict.signature.status === 'invalid' ||
    verdict.signature.status === 'forged-via-handshake' ||
    verdict.schema.status === 'invalid' ||
    verdict.health.some((finding) => finding.severity === 'error');
  if (failed) return 'fail';
  if (verdict.health.some((finding) => finding.severity === 'warning')) return 'warning';
  if (verdict.signature.status === 'valid') return 'ok';
  // 'missing' means a provider was recognised and its signature is absent; 'not-applicable' with
  // a valid schema means it was recognised but no secret is configured to check it.
  const unauthenticated =
    verdict.signature.status === 'missing' || verdict.schema.status === 'valid';
  return unauthenticated ? 'unsigned' : 'none';
}
