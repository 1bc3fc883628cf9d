import { useAppStore, useServices } from '../../app-context';
import type { OptionalColumnFlags } from '../../store/selectors';

export function InboxHeader({
  columns,
  template,
}: {
  columns: OptionalColumnFlags;
  template: string;
}) {
  const { store } = useServices();
  const order = useAppStore((state) => state.inboxOrder);
  const newestFirst = order === 'newest-first';
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="inbox-header"
      style={{ gridTemplateColumns: template }}
    >
      <span
        role="columnheader"
        className="cell"
        aria-sort={newestFirst ? 'descending' : 'ascending'}
      >
        {/* Clicking the time column flips the order, as in most mail and network tools. */}
        <button
          type="button"
          className="sort-toggle"
          data-testid="inbox-order"
          title={
            newestFirst
              ? 'Newest first: click for oldest first'
              : 'Oldest first: click for newest first'
          }
          onClick={() =>
            store.getState().setInboxOrder(newestFirst ? 'oldest-first' : 'newest-first')
          }
        >
          Time <span aria-hidden="true">{newestFirst ? '↓' : '↑'}</span>
          <span className="visually-hidden">
            {newestFirst ? ', newest first' : ', oldest first'}
          </span>
        </button>
      </span>
      <span role="columnheader" className="cell">
        Method
      </span>
      <span role="columnheader" className="cell">
        Path
      </span>
      {columns.provider && (
        <span role="columnheader" className="cell">
          Provider
        </span>
      )}
      {columns.event && (
        <span role="columnheader" className="cell">
          Event
        </span>
      )}
      {columns.verdict && (
        <span role="columnheader" className="cell">
          Verdict
        </span>
      )}
      <span role="columnheader" className="cell">
        Status
      </span>
      <span role="columnheader" className="cell cell-size">
        Size
      </span>
    </div>
  );
}
