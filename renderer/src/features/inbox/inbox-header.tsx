import type { OptionalColumnFlags } from '../../store/selectors';

export function InboxHeader({
  columns,
  template,
}: {
  columns: OptionalColumnFlags;
  template: string;
}) {
  return (
    <div
      role="row"
      aria-rowindex={1}
      className="inbox-header"
      style={{ gridTemplateColumns: template }}
    >
      <span role="columnheader" className="cell">
        Time
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
