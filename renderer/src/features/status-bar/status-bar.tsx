import { useAppStore } from '../../app-context';
import { formatBytes } from '../../lib/format';
import { selectIsFiltered, selectLoadedCount } from '../../store/selectors';
import { CopyButton } from '../common/copy-button';
import { DatabaseDamageNotice } from './database-damage-notice';
import { JournalRecoveryNotice } from './journal-recovery-notice';

export function StatusBar({ connected }: { connected: boolean }) {
  const receiver = useAppStore((state) => state.receiver);
  const stats = useAppStore((state) => state.stats);
  const loaded = useAppStore(selectLoadedCount);
  const filtered = useAppStore(selectIsFiltered);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span
        className={`status-dot ${connected ? 'is-on' : 'is-off'}`}
        title={connected ? 'Connected to the engine' : 'Reconnecting…'}
      />
      {receiver ? (
        <span className="status-item">
          Receiver <code data-testid="status-receiver-url">{receiver.url}</code>
          <CopyButton text={receiver.url} label="Copy" className="button-tiny" />
        </span>
      ) : (
        <span className="status-item muted">Receiver starting…</span>
      )}
      {receiver?.publicUrl && (
        <span className="status-item">
          Public <code>{receiver.publicUrl}</code>
        </span>
      )}
      <span className="status-spacer" />
      <DatabaseDamageNotice />
      <JournalRecoveryNotice />
      <span className="status-item" data-testid="status-count">
        {filtered ? `${loaded} shown · ` : ''}
        {stats.count.toLocaleString('en-US')} {stats.count === 1 ? 'delivery' : 'deliveries'}
      </span>
      <span className="status-item" data-testid="status-size">
        {formatBytes(stats.bytes)} stored
      </span>
    </footer>
  );
}
