// The app's top-level views. A feature adds its screen here (one entry) and nothing else in the shell
// changes. The inbox is the default view.
// Only the inbox is in the first chunk: every other view is loaded when first shown (React.lazy;
// App renders views inside a Suspense boundary), so the first inbox paint needs only the inbox code.
import { lazy, type ComponentType } from 'react';
import { InboxView } from '../inbox/inbox-view';

const TimelineView = lazy(async () => ({
  default: (await import('../inspector/timeline-view')).TimelineView,
}));
const TunnelView = lazy(async () => ({
  default: (await import('../tunnel/tunnel-view')).TunnelView,
}));
const SendView = lazy(async () => ({ default: (await import('../send/send-view')).SendView }));
const EndpointsView = lazy(async () => ({
  default: (await import('../endpoints/endpoints-view')).EndpointsView,
}));
const SuitesView = lazy(async () => ({
  default: (await import('../suites/suites-view')).SuitesView,
}));

export interface AppView {
  id: string;
  label: string;
  /** A single glyph shown in the view switcher. */
  icon: string;
  /** Keyboard shortcut: Alt + this digit. */
  shortcut: string;
  component: ComponentType;
}

export const APP_VIEWS: readonly AppView[] = [
  { id: 'inbox', label: 'Inbox', icon: '☰', shortcut: '1', component: InboxView },
  { id: 'timeline', label: 'Timeline', icon: '▥', shortcut: '6', component: TimelineView },
  { id: 'send', label: 'Send', icon: '➤', shortcut: '4', component: SendView },
  { id: 'tunnel', label: 'Tunnel', icon: '⇄', shortcut: '5', component: TunnelView },
  { id: 'endpoints', label: 'Endpoints', icon: '⚑', shortcut: '3', component: EndpointsView },
  { id: 'suites', label: 'Suites', icon: '✓', shortcut: '7', component: SuitesView },
];
