// The app's keyboard shortcuts, in one list: the overlay (`?`) shows it and the global handler acts
// on it, so what the help says is what the keys do.
import type { AppView } from './views';

export interface ShortcutGroup {
  title: string;
  /** `keys` pressed together, or with `either`, any one of them. */
  items: { keys: string[]; does: string; either?: true }[];
}

/**
 * Single keys that press a button on screen. The button carries `data-shortcut="<key>"`, so the key
 * works exactly when the button is there (a delivery open for d and r, the inbox for f).
 */
export const BUTTON_SHORTCUTS: Record<string, string> = {
  f: 'Open or close the filters',
  d: 'Diff the open delivery with the previous one like it',
  r: 'Replay the open delivery (open the replay editor)',
};

export function shortcutGroups(views: readonly AppView[]): ShortcutGroup[] {
  return [
    {
      title: 'Views',
      items: views.map((view) => ({ keys: ['Alt', view.shortcut], does: view.label })),
    },
    {
      title: 'Search and filters',
      items: [
        { keys: ['/'], does: 'Search bodies and headers' },
        { keys: ['Ctrl', 'F'], does: 'Search (⌘F on macOS)' },
        { keys: ['f'], does: BUTTON_SHORTCUTS.f ?? '' },
        { keys: ['Esc'], does: 'Clear the search, close a menu' },
      ],
    },
    {
      title: 'Inbox',
      items: [
        { keys: ['↑', '↓'], does: 'Previous / next delivery (also k / j)', either: true },
        { keys: ['Home', 'End'], does: 'First / last delivery', either: true },
        { keys: ['Enter'], does: 'Move focus to the detail' },
        { keys: ['Delete'], does: 'Delete the selected delivery' },
        { keys: ['Ctrl', 'click'], does: 'Pick a second delivery to diff' },
      ],
    },
    {
      title: 'Delivery',
      items: [
        { keys: ['d'], does: BUTTON_SHORTCUTS.d ?? '' },
        { keys: ['r'], does: BUTTON_SHORTCUTS.r ?? '' },
      ],
    },
    { title: 'Help', items: [{ keys: ['?'], does: 'Show or hide this list' }] },
  ];
}

/** True when a key press belongs to what the user is typing into, not to the app. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable ||
    // CodeMirror's editing surface; jsdom does not compute isContentEditable.
    target.closest('[contenteditable="true"]') !== null
  );
}
