// Saved filters: name the current filters, apply one later. Stored by the engine with the mask rules.
import { useState } from 'react';
import type { DeliveryFilter, SavedFilter } from '../../../../electron/contract/inspector';
import { useAppStore, useServices } from '../../app-context';
import { EMPTY_FILTERS, type Filters } from '../../store/filters-slice';
import { isFiltered } from '../../store/selectors';
import { useInspectorSettings } from './use-inspector-settings';

/** The inbox filters as a stored filter; a time range stays relative ("last hour"). */
export function toSavedFilter(name: string, filters: Filters): SavedFilter {
  const filter: DeliveryFilter = {};
  if (filters.text.trim()) filter.text = filters.text.trim();
  if (filters.method) filter.method = filters.method;
  if (filters.provider) filter.provider = filters.provider;
  if (filters.badge) filter.badge = filters.badge;
  if (filters.event) filter.event = filters.event;
  if (filters.endpoint) filter.endpoint = filters.endpoint;
  if (filters.status && Number.isInteger(Number(filters.status)))
    filter.responseStatus = Number(filters.status);
  if (filters.pinned) filter.pinned = true;
  if (filters.label) filter.label = filters.label;
  if (filters.drift) filter.drift = [filters.drift];
  return filters.range ? { name, filter, range: filters.range } : { name, filter };
}

export function fromSavedFilter(saved: SavedFilter): Filters {
  const f = saved.filter;
  return {
    ...EMPTY_FILTERS,
    text: f.text ?? '',
    method: f.method ?? '',
    provider: f.provider ?? '',
    badge: f.badge ?? '',
    event: f.event ?? '',
    endpoint: f.endpoint ?? '',
    status: f.responseStatus !== undefined ? String(f.responseStatus) : '',
    range: saved.range ?? '',
    pinned: f.pinned === true,
    label: f.label ?? '',
    drift: f.drift?.[0] ?? '',
  };
}

export function SavedFilters() {
  const { store } = useServices();
  const { settings, save } = useInspectorSettings();
  const filters = useAppStore((state) => state.filters);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const saveCurrent = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const others = settings.savedFilters.filter((saved) => saved.name !== trimmed);
    const failure = await save({
      ...settings,
      savedFilters: [...others, toSavedFilter(trimmed, filters)],
    });
    setError(failure);
    if (!failure) {
      setNaming(false);
      setName('');
    }
  };

  return (
    <span className="saved-filters">
      <select
        className="select"
        aria-label="Saved filters"
        data-testid="saved-filters"
        value=""
        onChange={(event) => {
          const value = event.target.value;
          if (value.startsWith('delete:')) {
            const doomed = value.slice('delete:'.length);
            void save({
              ...settings,
              savedFilters: settings.savedFilters.filter((saved) => saved.name !== doomed),
            });
            return;
          }
          const saved = settings.savedFilters.find((item) => item.name === value);
          if (saved) store.getState().replaceFilters(fromSavedFilter(saved));
        }}
      >
        <option value="">Saved filters ({settings.savedFilters.length})</option>
        {settings.savedFilters.map((saved) => (
          <option key={saved.name} value={saved.name}>
            {saved.name}
          </option>
        ))}
        {settings.savedFilters.length > 0 && (
          <optgroup label="Delete">
            {settings.savedFilters.map((saved) => (
              <option key={`delete:${saved.name}`} value={`delete:${saved.name}`}>
                Delete “{saved.name}”
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {naming ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void saveCurrent();
          }}
        >
          <input
            className="input input-small"
            aria-label="Name for this filter"
            data-testid="saved-filter-name"
            placeholder="name"
            value={name}
            autoFocus
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setNaming(false);
            }}
          />
          <button type="submit" className="button button-small" data-testid="saved-filter-save">
            Save
          </button>
        </form>
      ) : (
        isFiltered(filters) && (
          <button
            type="button"
            className="button button-small button-ghost"
            data-testid="save-filter"
            onClick={() => setNaming(true)}
          >
            Save filter
          </button>
        )
      )}
      {error && (
        <span className="muted" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
