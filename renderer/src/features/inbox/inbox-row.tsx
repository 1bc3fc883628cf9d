// One inbox row. Subscribes to its own summary by id, so appending a batch re-renders no visible row.
import { memo } from 'react';
import { useAppStore } from '../../app-context';
import { formatBytes, formatClock } from '../../lib/format';
import { MethodBadge } from '../common/method-badge';
import { StatusCode } from '../common/status-code';
import { VerdictBadge } from '../common/verdict-badge';
import type { OptionalColumnFlags } from '../../store/selectors';
import { ROW_HEIGHT } from './inbox-columns';

interface InboxRowProps {
  id: string;
  index: number;
  start: number;
  selected: boolean;
  /** Picked as the other side of a diff (Ctrl/Cmd-click). */
  compared?: boolean;
  columns: OptionalColumnFlags;
  template: string;
  /** `compare`: Ctrl/Cmd-click, picks the row as the other side of a diff. */
  onSelect: (id: string, compare?: boolean) => void;
}

export const InboxRow = memo(function InboxRow({
  id,
  index,
  start,
  selected,
  compared = false,
  columns,
  template,
  onSelect,
}: InboxRowProps) {
  const summary = useAppStore((state) => state.byId.get(id));
  if (!summary) return null;
  return (
    <div
      role="row"
      id={`delivery-row-${id}`}
      data-testid="delivery-row"
      data-delivery-id={id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-compare={compared || undefined}
      className={`inbox-row${selected ? ' is-selected' : ''}${compared ? ' is-compared' : ''}${index % 2 ? ' is-odd' : ''}`}
      style={{
        transform: `translateY(${start}px)`,
        height: ROW_HEIGHT,
        gridTemplateColumns: template,
      }}
      onMouseDown={(event) => onSelect(id, event.ctrlKey || event.metaKey)}
    >
      <span role="gridcell" className="cell cell-time">
        {formatClock(summary.receivedAt)}
      </span>
      <span role="gridcell" className="cell cell-method">
        <MethodBadge method={summary.method} />
      </span>
      <span role="gridcell" className="cell cell-path" title={summary.target}>
        {summary.pinned && (
          <span className="pin-mark" title="Pinned" data-testid="row-pinned">
            ★
          </span>
        )}
        {summary.labels?.map((label) => (
          <span key={label} className="tag tag-label" data-testid="row-label">
            {label}
          </span>
        ))}
        {summary.note && (
          <span className="note-mark" title={summary.note}>
            ✎
          </span>
        )}
        {summary.handshake && <span className="tag tag-handshake">handshake</span>}
        {summary.drift === 'drift' && (
          <span
            className="tag tag-warning"
            data-testid="row-drift"
            title="Drift: this body departs from the shape learned from earlier deliveries of its event"
          >
            drift
          </span>
        )}
        {summary.via === 'tunnel' && <span className="tag tag-tunnel">tunnel</span>}
        {summary.target}
      </span>
      {columns.provider && (
        <span role="gridcell" className="cell cell-provider">
          {summary.provider ?? ''}
        </span>
      )}
      {columns.event && (
        <span role="gridcell" className="cell cell-event" title={summary.event ?? ''}>
          {summary.event ?? ''}
        </span>
      )}
      {columns.verdict && (
        <span role="gridcell" className="cell cell-verdict">
          <VerdictBadge badge={summary.badge} />
        </span>
      )}
      <span role="gridcell" className="cell cell-status">
        <StatusCode status={summary.responseStatus} />
      </span>
      <span role="gridcell" className="cell cell-size">
        {formatBytes(summary.size)}
        {summary.truncated && (
          <span className="truncated-mark" title="Body exceeded the size limit and was truncated">
            ✂
          </span>
        )}
      </span>
    </div>
  );
});
