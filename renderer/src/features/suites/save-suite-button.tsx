// "Save as test suite": the deliveries the inbox shows (narrow them with search and filters first)
// become a replay suite, saved in the workspace for the Suites view and offered as a file too.
import { useEffect, useId, useState } from 'react';
import { useAppStore, useServices } from '../../app-context';
import { downloadText } from '../../lib/download';
import './suites.css';

/** A suite holds at most this many cases (the engine's limit). */
const MAX_CASES = 1_000;

export function SaveSuiteButton() {
  const { api, store } = useServices();
  const count = useAppStore((state) => state.ids.length);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [resign, setResign] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [saved, setSaved] = useState<{ fileName: string; text: string } | null>(null);
  const titleId = useId();

  async function save() {
    // Oldest first: a suite replays deliveries in the order they came.
    const ids = [...store.getState().ids].slice(0, MAX_CASES).reverse();
    const created = await api.call('suites:create', { ids, name: name.trim(), resign });
    if (!created.ok) return setMessage({ error: true, text: created.error.message });
    const stored = await api.call('suites:save', { suite: created.value.suite });
    if (!stored.ok) return setMessage({ error: true, text: stored.error.message });
    setSaved({ fileName: created.value.fileName, text: created.value.text });
    setMessage({
      error: false,
      text: `Saved "${created.value.suite.name}" with ${created.value.suite.cases.length} cases: run it from Suites.`,
    });
  }

  const close = () => {
    setOpen(false);
    setMessage(null);
    setSaved(null);
  };

  // Escape closes the dialog. Listened for on the document (capture) because the Filters menu
  // around this button closes itself on Escape there first, and would otherwise leave the dialog
  // open but hidden inside the closed menu.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      setMessage(null);
      setSaved(null);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="button button-small"
        data-testid="save-suite"
        disabled={count === 0}
        title="Save the deliveries shown as a replay test suite (narrow them with filters first)"
        onClick={() => setOpen(true)}
      >
        Save as test suite
      </button>
      {open && (
        <div className="modal-backdrop" onMouseDown={close}>
          <div
            className="modal"
            role="dialog"
            aria-modal="true"
            aria-labelledby={titleId}
            data-testid="save-suite-dialog"
            onMouseDown={(event) => event.stopPropagation()}
          >
            <h2 className="modal-title" id={titleId}>
              Save {Math.min(count, MAX_CASES)} deliveries as a test suite
            </h2>
            <p className="modal-message">
              Each delivery the inbox shows becomes a case that must be answered 2xx within its
              provider’s time budget. No secret is saved.
            </p>
            <label className="suite-field">
              Name
              <input
                className="input"
                data-testid="save-suite-name"
                value={name}
                autoFocus
                onChange={(event) => setName(event.target.value)}
              />
            </label>
            <label className="suite-field">
              <input
                type="checkbox"
                checked={resign}
                onChange={(e) => setResign(e.target.checked)}
              />{' '}
              Re-sign each case when it runs (fresh timestamp, the endpoint’s secret)
            </label>
            {message && (
              <p
                className={message.error ? 'form-error' : 'muted'}
                role={message.error ? 'alert' : 'status'}
                data-testid="save-suite-message"
              >
                {message.text}
              </p>
            )}
            <div className="modal-actions">
              {saved && (
                <button
                  type="button"
                  className="button"
                  onClick={() => downloadText(saved.fileName, saved.text, 'application/json')}
                >
                  Download file
                </button>
              )}
              <button type="button" className="button" onClick={close}>
                {saved ? 'Close' : 'Cancel'}
              </button>
              {!saved && (
                <button
                  type="button"
                  className="button button-primary"
                  data-testid="save-suite-confirm"
                  disabled={name.trim() === ''}
                  onClick={() => void save()}
                >
                  Save
                </button>
              )}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
