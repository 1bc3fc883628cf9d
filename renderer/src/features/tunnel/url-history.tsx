import { formatDateTime } from '../../lib/format';
import type { TunnelUrlRecord } from '../../../../electron/contract/tunnel';
import { CopyButton } from '../common/copy-button';

// The Inbox's 24-hour format, so every time in the app reads the same way.
const when = (ms: number) => formatDateTime(ms);

/** Every public URL so far, newest first: providers may still call an old one. */
export function UrlHistory({ history }: { history: TunnelUrlRecord[] }) {
  if (history.length === 0) return <p className="muted">No public URL yet.</p>;
  return (
    <ul className="url-history" data-testid="tunnel-history">
      {[...history].reverse().map((record) => (
        <li
          key={`${record.url}-${record.since}`}
          className="url-history-row"
          data-testid="tunnel-history-row"
        >
          <code>{record.url}</code>
          <span className="muted">
            {record.provider} · {when(record.since)} →{' '}
            {record.until === null ? 'now' : when(record.until)}
          </span>
          <CopyButton text={record.url} className="button-tiny" />
        </li>
      ))}
    </ul>
  );
}
