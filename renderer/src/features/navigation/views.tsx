// The app's top-level views. A feature adds its screen here (one entry) and nothing else in the shell
// changes. The inbox is the default view.
import type { ComponentType } from 'react';
import { InboxView } from '../inbox/inbox-view';
import { TimelineView } from '../inspector/timeline-view';
import { TunnelView } from '../tunnel/tunnel-view';
import { SendView } from '../send/send-view';
import { EndpointsView } from '../endpoints/endpoints-view';
import { SuitesView } from '../suites/suites-view';

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
