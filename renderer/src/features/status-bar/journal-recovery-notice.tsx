import { useState } from 'react';
import { useAppStore } from '../../app-context';

/**
 * Tells the user that capture journals recovered when the store opened held damaged bytes
 * (issue 13): how many acknowledged deliveries were recovered, how many records were lost, and
 * where the damaged journal was kept. The full report lines are in the tooltip (and on stderr).
 */
export function JournalRecoveryNotice() {
  const damage = useAppStore((state) => state.stats.journalDamage);
  const [dismissed, setDismissed] = useState(false);
  if (!damage?.length || dismissed) return null;
  const recovered = damage.reduce((sum, journal) => sum + journal.recovered, 0);
  const dropped = damage.reduce((sum, journal) => sum + journal.dropped, 0);
  const kept = damage.map((journal) => journal.movedTo).filter((path) => path !== null);
  const details = damage.map((journal) => journal.message).join('\n');
  return (
    <span
      className="status-item"
      role="status"
      data-testid="journal-recovery-notice"
      title={details}
      style={{ color: 'var(--danger)' }}
    >
      Damaged capture journal: recovered {recovered.toLocaleString('en-US')}, lost{' '}
      {dropped.toLocaleString('en-US')} {dropped === 1 ? 'record' : 'records'}
      {kept.length ? ` (kept in ${kept.join(', ')})` : ''}
      <button
        type="button"
        className="button button-tiny"
        aria-label="Dismiss the journal damage notice"
        onClick={() => setDismissed(true)}
      >
        ×
      </button>
    </span>
  );
}
