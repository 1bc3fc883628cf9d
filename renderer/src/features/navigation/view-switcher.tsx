// Tabs in the toolbar that switch between the app's views (Alt+1, Alt+2, ...).
import { useEffect } from 'react';
import { APP_VIEWS } from './views';

export function ViewSwitcher({
  active,
  onChange,
}: {
  active: string;
  onChange: (id: string) => void;
}) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return;
      const view = APP_VIEWS.find((v) => v.shortcut === event.key);
      if (view) {
        event.preventDefault();
        onChange(view.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onChange]);

  if (APP_VIEWS.length < 2) return null;
  return (
    <nav className="view-switcher" role="tablist" aria-label="Views">
      {APP_VIEWS.map((view) => (
        <button
          key={view.id}
          type="button"
          role="tab"
          aria-selected={view.id === active}
          className={view.id === active ? 'view-tab view-tab-active' : 'view-tab'}
          data-testid={`view-tab-${view.id}`}
          title={`${view.label} (Alt+${view.shortcut})`}
          onClick={() => onChange(view.id)}
        >
          <span aria-hidden="true">{view.icon}</span> {view.label}
        </button>
      ))}
    </nav>
  );
}
