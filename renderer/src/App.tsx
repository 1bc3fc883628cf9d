// The window: toolbar, inbox beside the detail pane (or the welcome screen), status bar.
import { Suspense, useCallback, useEffect, useState } from 'react';
import { AppProvider, useAppStore, useServices, type AppServices } from './app-context';
import { ConfirmProvider } from './features/common/confirm-context';
import { FilterBar } from './features/inbox/filter-bar';
import { useDeliveryActions } from './features/inbox/use-delivery-actions';
import { ShortcutsOverlay } from './features/navigation/shortcuts-overlay';
import { ViewSwitcher } from './features/navigation/view-switcher';
import { APP_VIEWS } from './features/navigation/views';
import { StatusBar } from './features/status-bar/status-bar';
import { TunnelBanner } from './features/tunnel/tunnel-banner';

export function App({ services }: { services: AppServices }) {
  return (
    <AppProvider services={services}>
      <ConfirmProvider>
        <Shell />
      </ConfirmProvider>
    </AppProvider>
  );
}

function Shell() {
  const { api, store } = useServices();
  const phase = useAppStore((state) => state.phase);
  const error = useAppStore((state) => state.error);
  const count = useAppStore((state) => state.stats.count);
  const { clearAll } = useDeliveryActions();
  const [connected, setConnected] = useState(true);
  const viewId = useAppStore((state) => state.view);
  const setViewId = useCallback((id: string) => store.getState().setView(id), [store]);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const view = APP_VIEWS.find((v) => v.id === viewId) ?? APP_VIEWS[0]!;
  const ActiveView = view.component;

  useEffect(() => api.onConnectionChange(setConnected), [api]);

  return (
    <div className="app" data-app-state={phase} data-testid="app">
      <header className="toolbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Hookscope
        </span>
        <ViewSwitcher active={view.id} onChange={setViewId} />
        {view.id === 'inbox' && <FilterBar />}
        <span className="toolbar-spacer" />
        {/* Always in the toolbar, so the way to the shortcuts never disappears with a hint. */}
        <button
          type="button"
          className="button button-small button-ghost"
          data-testid="shortcuts-button"
          title="Keyboard shortcuts (?)"
          aria-keyshortcuts="Shift+?"
          onClick={() => setShortcutsOpen(true)}
        >
          <kbd>?</kbd> Shortcuts
        </button>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          data-testid="clear-all"
          disabled={count === 0}
          onClick={clearAll}
        >
          Clear all
        </button>
      </header>
      <TunnelBanner />
      <main className="workspace">
        {phase === 'error' ? (
          <div className="fatal" role="alert" data-testid="app-error">
            <h1>Hookscope could not load its deliveries</h1>
            <p className="muted">{error}</p>
          </div>
        ) : (
          // Views other than the inbox are loaded on first use (features/navigation/views.tsx).
          <Suspense
            fallback={
              <div className="view-loading muted" data-testid="view-loading" aria-busy="true">
                Loading…
              </div>
            }
          >
            <ActiveView />
          </Suspense>
        )}
      </main>
      <StatusBar connected={connected} />
      <ShortcutsOverlay open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </div>
  );
}
