// The inbox's empty state when filters hide everything: says so, and offers the way back, instead
// of an empty grid that looks like nothing was ever captured.
import { useAppStore, useServices } from '../../app-context';

export function NoMatches() {
  const { store } = useServices();
  const text = useAppStore((state) => state.filters.text.trim());
  const total = useAppStore((state) => state.stats.count);
  return (
    <div className="inbox-empty" role="status" data-testid="no-matches">
      <p className="inbox-empty-title">
        {text ? `No deliveries match “${text}”` : 'No deliveries match these filters'}
      </p>
      {total > 0 && (
        <p className="muted">
          {total.toLocaleString('en-US')} {total === 1 ? 'delivery is' : 'deliveries are'} hidden by
          the search and filters.
        </p>
      )}
      <button
        type="button"
        className="button button-small"
        data-testid="no-matches-clear"
        onClick={() => store.getState().resetFilters()}
      >
        Clear search and filters
      </button>
    </div>
  );
}
