// Entry point: connect the bridge, build the store, hydrate, render.
// First: zod must be jitless before any schema parses (its JIT probe calls Function(''), which
// the page's strict CSP refuses and reports as a violation).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectBridge, createAppApi } from './api';
import { App } from './App';
import { pageStorage, readInboxOrder, rememberInboxOrder } from './lib/preferences';
import { createAppStore } from './store/app-store';
import { startSync } from './store/sync';
import './styles/theme.css';
import './styles/app.css';
import './styles/inbox.css';
import './styles/detail.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

try {
  const api = createAppApi(connectBridge());
  const storage = pageStorage();
  const store = createAppStore({ inboxOrder: readInboxOrder(storage) });
  rememberInboxOrder(store, storage);
  const sync = startSync(api, store);
  root.render(
    <StrictMode>
      <App services={{ api, store, sync }} />
    </StrictMode>,
  );
  void sync.hydrate();
} catch (error) {
  // No bridge (e.g. the page was opened without its #token): say so instead of a blank window.
  root.render(
    <div className="fatal" role="alert" data-app-state="error">
      <h1>Hookscope cannot reach its engine</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>,
  );
}
