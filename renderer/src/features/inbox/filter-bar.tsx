// Search and filters. The text goes to the engine's full-text index, debounced so typing doesn't
// relist on every key.
import { useEffect, useRef, useState } from 'react';
import { useAppStore, useServices } from '../../app-context';
import { selectFacetValues, selectIsFiltered } from '../../store/selectors';
import { FilterMenus } from '../inspector/filter-menus';

export const SEARCH_DEBOUNCE_MS = 250;

export function FilterBar() {
  const { store } = useServices();
  const filters = useAppStore((state) => state.filters);
  const filtered = useAppStore(selectIsFiltered);
  const facets = useAppStore(selectFacetValues);
  const [text, setText] = useState(filters.text);
  const inputRef = useRef<HTMLInputElement>(null);

  // Follow outside changes (e.g. "reset filters") without fighting the user's typing.
  const [syncedText, setSyncedText] = useState(filters.text);
  if (filters.text !== syncedText) {
    setSyncedText(filters.text);
    setText(filters.text);
  }

  useEffect(() => {
    if (text === store.getState().filters.text) return;
    const timer = setTimeout(() => store.getState().setFilter('text', text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, store]);

  // "/" or Ctrl/Cmd+F focuses the search box, as in most dev tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing =
        event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      const wantsSearch =
        (event.key === '/' && !typing) || (event.key === 'f' && (event.ctrlKey || event.metaKey));
      if (!wantsSearch) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const methods =
    filters.method && !facets.methods.includes(filters.method)
      ? [...facets.methods, filters.method]
      : facets.methods;
  // Providers come from the loaded rows, so a search with no results would make the provider menu
  // vanish and the toolbar jump. Remember every provider seen this session instead.
  const providers = useStickyList(facets.providers, filters.provider);

  return (
    <div className="filter-bar">
      <input
        ref={inputRef}
        type="search"
        className="search-input"
        placeholder="Search bodies and headers  ( / )"
        aria-label="Search deliveries"
        data-testid="filter-input"
        value={text}
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setText('');
        }}
      />
      <select
        className="select"
        aria-label="Filter by method"
        data-testid="filter-method"
        value={filters.method}
        onChange={(event) => store.getState().setFilter('method', event.target.value)}
      >
        <option value="">All methods</option>
        {methods.map((method) => (
          <option key={method} value={method}>
            {method}
          </option>
        ))}
      </select>
      {providers.length > 0 && (
        <select
          className="select"
          aria-label="Filter by provider"
          value={filters.provider}
          onChange={(event) => store.getState().setFilter('provider', event.target.value)}
        >
          <option value="">All providers</option>
          {providers.map((provider) => (
            <option key={provider} value={provider}>
              {provider}
            </option>
          ))}
        </select>
      )}
      <FilterMenus />
      {/* Always laid out, only hidden when there is nothing to reset: its appearing would take
          width from the search box and move the whole toolbar under the pointer. */}
      <button
        type="button"
        className={`button button-small button-ghost${filtered ? '' : ' is-invisible'}`}
        data-testid="filter-reset"
        aria-hidden={!filtered}
        tabIndex={filtered ? 0 : -1}
        disabled={!filtered}
        onClick={() => store.getState().resetFilters()}
      >
        Reset
      </button>
    </div>
  );
}

/** A list that only grows: what `current` holds now, plus everything it held before. */
function useStickyList(current: readonly string[], selected: string): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  const missing = [...current, ...(selected ? [selected] : [])].filter(
    (value) => !seen.includes(value),
  );
  if (missing.length > 0) {
    const next = [...seen, ...new Set(missing)].sort();
    setSeen(next);
    return next;
  }
  return seen;
}
