import type { VerdictBadge as Badge } from '../../../../electron/contract/verdict';

const LABELS: Record<Badge, string> = { ok: 'ok', warning: 'warn', fail: 'fail', none: '' };
const TITLES: Record<Badge, string> = {
  ok: 'Signature or schema checked and valid',
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
