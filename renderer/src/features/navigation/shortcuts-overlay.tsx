// The `?` overlay: every shortcut, grouped. It also owns the global single-key shortcuts, so the
// list and the behaviour cannot drift apart.
import { useCallback, useEffect, useId, useRef } from 'react';
import { useDismiss } from '../common/use-dismiss';
import { BUTTON_SHORTCUTS, isTypingTarget, shortcutGroups } from './shortcuts';
import { APP_VIEWS } from './views';

/** Presses the on-screen button that declares this shortcut; false when none is shown. */
function pressShortcutButton(key: string): boolean {
  const button = document.querySelector<HTMLElement>(`[data-shortcut="${key}"]`);
  if (!button || (button instanceof HTMLButtonElement && button.disabled)) return false;
  button.click();
  button.scrollIntoView?.({ block: 'nearest' });
  return true;
}

export function ShortcutsOverlay({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const panelRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);
  useDismiss(panelRef, open, close);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(event.target)) return;
      if (event.key === '?') {
        event.preventDefault();
        onOpenChange(!open);
        return;
      }
      if (open || !(event.key in BUTTON_SHORTCUTS)) return;
      if (pressShortcutButton(event.key)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onOpenChange]);

  if (!open) return null;
  return (
    <div className="modal-backdrop">
      <div
        ref={panelRef}
        className="modal shortcuts-overlay"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="shortcuts-overlay"
      >
        <h2 id={titleId} className="modal-title">
          Keyboard shortcuts
        </h2>
        <div className="shortcuts-groups">
          {shortcutGroups(APP_VIEWS).map((group) => (
            <section key={group.title} className="shortcuts-group">
              <h3>{group.title}</h3>
              <dl>
                {group.items.map((item) => (
                  <div key={item.does} className="shortcuts-row">
                    <dt>
                      {item.keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && <span className="muted">{item.either ? '/' : '+'}</span>}
                          <kbd>{key}</kbd>
                        </span>
                      ))}
                    </dt>
                    <dd>{item.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <div className="modal-actions">
          <button type="button" className="button" data-testid="shortcuts-close" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
