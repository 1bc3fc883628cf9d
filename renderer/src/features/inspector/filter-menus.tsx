// The inspector's filters beside the search box: event, verdict, answer status, endpoint, time
// range, pinned, label; values come from the engine's facets (with counts). Saved filters too.
import type { FacetCount } from '../../../../electron/contract/inspector';
import type { VerdictBadge } from '../../../../electron/contract/verdict';
import { useCallback, useRef, useState } from 'react';
import { useAppStore, useServices } from '../../app-context';
import { useDismiss } from '../common/use-dismiss';
import type { Filters } from '../../store/filters-slice';
import { TIME_RANGES } from '../../store/selectors';
import { SavedFilters } from './saved-filters';
import { SaveSuiteButton } from '../suites/save-suite-button';
import { useFacets } from './use-facets';
import './inspector.css';

/** Keeps the current value listed even when no stored delivery has it any more. */
function withCurrent(values: readonly FacetCount[] | undefined, current: string): FacetCount[] {
  const list = [...(values ?? [])];
  if (current && !list.some((item) => item.value === current))
    list.push({ value: current, count: 0 });
  return list;
}

function FacetSelect({
  field,
  label,
  all,
  values,
}: {
  field: 'event' | 'endpoint' | 'status' | 'label';
  label: string;
  all: string;
  values: FacetCount[];
}) {
  const { store } = useServices();
  const current = useAppStore((state) => state.filters[field]);
  return (
    <select
      className="select"
      aria-label={label}
      data-testid={`filter-${field}`}
      value={current}
      onChange={(event) => store.getState().setFilter(field, event.target.value)}
    >
      <option value="">{all}</option>
      {withCurrent(values, current).map((item) => (
        <option key={item.value} value={item.value}>
          {item.value} ({item.count})
        </option>
      ))}
    </select>
  );
}

const BADGES: { value: VerdictBadge; label: string }[] = [
  { value: 'ok', label: 'Verified' },
  { value: 'unsigned', label: 'Unsigned / schema only' },
  { value: 'warning', label: 'Warning' },
  { value: 'fail', label: 'Failed' },
  { value: 'none', label: 'Not checked' },
];

export function FilterMenus() {
  const { store } = useServices();
  const [open, setOpen] = useState(false);
  const menuRef = useRef<HTMLDetailsElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(menuRef, open, close);
  const facets = useFacets();
  const filters = useAppStore((state) => state.filters);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    store.getState().setFilter(key, value);
  const badgeCount = (badge: string) =>
    facets?.badges.find((item) => item.value === badge)?.count ?? 0;
  const active =
    [
      filters.event,
      filters.badge,
      filters.status,
      filters.endpoint,
      filters.range,
      filters.label,
      filters.drift,
    ].filter(Boolean).length + (filters.pinned ? 1 : 0);
  // A native <details> drop-down: the toolbar stays one line however many filters there are.
  return (
    <details
      ref={menuRef}
      className="filter-menus"
      data-testid="filter-menus"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      {/* The id lets the "f" shortcut (features/navigation/shortcuts.ts) open the panel. */}
      <summary
        id="filter-menus-toggle"
        className="button button-small"
        data-testid="filter-menus-toggle"
        data-shortcut="f"
        title="Filters (f)"
      >
        Filters{active ? ` (${active})` : ''} ▾
      </summary>
      <div className="filter-menus-panel">
        <FacetSelect
          field="event"
          label="Filter by event"
          all="All events"
          values={facets?.events ?? []}
        />
        <select
          className="select"
          aria-label="Filter by verdict"
          data-testid="filter-badge"
          value={filters.badge}
          onChange={(event) => set('badge', event.target.value as Filters['badge'])}
        >
          <option value="">All verdicts</option>
          {BADGES.map((badge) => (
            <option key={badge.value} value={badge.value}>
              {badge.label} ({badgeCount(badge.value)})
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Filter by drift"
          data-testid="filter-drift"
          value={filters.drift}
          onChange={(event) => set('drift', event.target.value as Filters['drift'])}
        >
          <option value="">Any shape</option>
          <option value="drift">Drift from the learned shape</option>
          <option value="none">Matches the learned shape</option>
          <option value="learning">Still learning</option>
        </select>
        <FacetSelect
          field="status"
          label="Filter by response status"
          all="Any response status"
          values={facets?.statuses ?? []}
        />
        <FacetSelect
          field="endpoint"
          label="Filter by endpoint"
          all="All endpoints"
          values={facets?.endpoints ?? []}
        />
        <select
          className="select"
          aria-label="Filter by time"
          data-testid="filter-range"
          value={filters.range}
          onChange={(event) => set('range', event.target.value as Filters['range'])}
        >
          <option value="">All time</option>
          {Object.entries(TIME_RANGES).map(([key, range]) => (
            <option key={key} value={key}>
              {range.label}
            </option>
          ))}
        </select>
        {((facets?.labels.length ?? 0) > 0 || filters.label) && (
          <FacetSelect
            field="label"
            label="Filter by label"
            all="All labels"
            values={facets?.labels ?? []}
          />
        )}
        <label className="checkbox" title="Only pinned deliveries">
          <input
            type="checkbox"
            data-testid="filter-pinned"
            checked={filters.pinned}
            onChange={(event) => set('pinned', event.target.checked)}
          />
          Pinned only{facets ? ` (${facets.pinned})` : ''}
        </label>
        <SavedFilters />
        {/* What the filters narrowed the inbox to becomes a replay suite (issue 16). */}
        <SaveSuiteButton />
      </div>
    </details>
  );
}
