// The window: toolbar, inbox beside the detail pane (or the welcome screen), status bar.
import { useEffect, useRef, useState } from 'react';
import { AppProvider, useAppStore, useServices, type AppServices } from './app-context';
import { ConfirmProvider } from './features/common/confirm-context';
import { DeliveryDetailPane } from './features/detail/delivery-detail';
import { Welcome } from './features/empty/welcome';
import { FilterBar } from './features/inbox/filter-bar';
import { InboxList } from './features/inbox/inbox-list';
import { useDeliveryActions } from './features/inbox/use-delivery-actions';
import { StatusBar } from './features/status-bar/status-bar';
import { selectShowWelcome } from './store/selectors';

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
  const { api } = useServices();
  const phase = useAppStore((state) => state.phase);
  const error = useAppStore((state) => state.error);
  const showWelcome = useAppStore(selectShowWelcome);
  const count = useAppStore((state) => state.stats.count);
  const { clearAll } = useDeliveryActions();
  const detailRef = useRef<HTMLDivElement>(null);
  const [connected, setConnected] = useState(true);

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
        <FilterBar />
        <span className="toolbar-spacer" />
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
      <main className="workspace">
        {phase === 'error' ? (
          <div className="fatal" role="alert" data-testid="app-error">
            <h1>Hookscope could not load its deliveries</h1>
            <p className="muted">{error}</p>
          </div>
        ) : showWelcome ? (
          <Welcome />
        ) : (
          <>
            <div className="pane pane-inbox">
              <InboxList onOpen={() => detailRef.current?.focus()} />
            </div>
            <div className="pane pane-detail">
              <DeliveryDetailPane paneRef={detailRef} />
            </div>
          </>
        )}
      </main>
      <StatusBar connected={connected} />
    </div>
  );
}
