import type { VerdictBadge as Badge } from '../../../../electron/contract/verdict';

const LABELS: Record<Badge, string> = {
  ok: 'ok',
  warning: 'warn',
  fail: 'fail',
  none: '',
  unsigned: 'unsigned',
};
const TITLES: Record<Badge, string> = {
  ok: 'Authenticated: the signature was checked and is valid',
  unsigned:
    'Not authenticated: the signature is missing, or no secret is configured to check it (the schema may still be valid)',
  warning: 'Checks passed with warnings',
  fail: 'A signature, schema or body check failed',
  none: 'Nothing to check',
};

export function VerdictBadge({ badge }: { badge: Badge }) {
  if (badge === 'none') return null;
  return (
    <span className={`verdict-badge verdict-${badge}`} title={TITLES[badge]}>
      {LABELS[badge]}
    </span>
  );
}
