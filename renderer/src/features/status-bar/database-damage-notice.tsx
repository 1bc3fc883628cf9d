import { useEffect } from 'react';
import { useAppStore, useServices } from '../../app-context';
import { CopyButton } from '../common/copy-button';

/**
 * The engine checks the database file (PRAGMA quick_check) on a worker thread after it starts, so
 * the verdict arrives after the first stats: ask again a few times. Bounded: a healthy store costs
 * three small calls.
 */
const RECHECK_AFTER_MS = [3_000, 15_000, 60_000];

/**
 * Says loudly that the database file is damaged (issue 13): deliveries on damaged pages cannot be
 * read, and `hookscope repair` rebuilds the store. Not dismissible: the damage stays until repaired.
 */
export function DatabaseDamageNotice() {
  const damage = useAppStore((state) => state.stats.databaseDamage);
  const { api, store } = useServices();
  useEffect(() => {
    if (damage) return;
    const timers = RECHECK_AFTER_MS.map((delay) =>
      setTimeout(() => {
        void api.call('deliveries:stats').then((result) => {
          if (result.ok && result.value.databaseDamage) store.getState().setStats(result.value);
        });
      }, delay),
    );
    return () => timers.forEach(clearTimeout);
  }, [api, store, damage]);
  if (!damage) return null;
  return (
    <span
      className="status-item"
      role="alert"
      data-testid="database-damage-notice"
      title={`${damage.message}\n${damage.problems.join('\n')}`}
      style={{ color: 'var(--danger)' }}
    >
      Database damaged: some deliveries cannot be read. Quit Hookscope and run{' '}
      <code>{damage.repairCommand}</code>
      <CopyButton text={damage.repairCommand} label="Copy" className="button-tiny" />
    </span>
  );
}
