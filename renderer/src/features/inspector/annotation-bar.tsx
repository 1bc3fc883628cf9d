// Organise a delivery: pin it, label it, note it; and start a diff with the previous delivery of
// the same event. Annotations are stored by the engine and come back as `deliveries:updated`.
import { useState } from 'react';
import type { DeliveryDetail, DeliverySummary } from '../../../../electron/contract/delivery';
import { useAppStore, useServices } from '../../app-context';

/** Labels typed as "bug, later" or "bug later". */
export function parseLabels(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/u).filter(Boolean))];
}

export function AnnotationBar({ delivery }: { delivery: DeliveryDetail }) {
  const { api, store } = useServices();
  // The summary carries the latest annotations (the detail may be a cached copy).
  const summary: DeliverySummary = useAppStore((state) => state.byId.get(delivery.id)) ?? delivery;
  const [labels, setLabels] = useState((summary.labels ?? []).join(' '));
  const [note, setNote] = useState(summary.note ?? '');
  const [message, setMessage] = useState<string | null>(null);

  const annotate = async (patch: { pinned?: boolean; labels?: string[]; note?: string | null }) => {
    const result = await api.call('deliveries:annotate', { id: delivery.id, ...patch });
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    setMessage(null);
    store.getState().updateItems([result.value]);
  };

  const compareWithPrevious = async () => {
    const query = {
      limit: 1,
      beforeSeq: delivery.seq,
      ...(delivery.event !== null
        ? { event: delivery.event }
        : { pathPrefix: delivery.target.split('?')[0] }),
      ...(delivery.provider !== null ? { provider: delivery.provider } : {}),
    };
    const result = await api.call('deliveries:list', query);
    const previous = result.ok ? result.value.items[0] : undefined;
    if (!previous) {
      setMessage(`No earlier delivery of ${delivery.event ?? delivery.target.split('?')[0]}.`);
      return;
    }
    setMessage(null);
    store.getState().setCompareId(previous.id);
  };

  return (
    <div className="annotation-bar" data-testid="annotation-bar">
      <button
        type="button"
        className={`button button-small${summary.pinned ? ' is-active' : ''}`}
        aria-pressed={summary.pinned === true}
        data-testid="pin-delivery"
        onClick={() => void annotate({ pinned: !summary.pinned })}
      >
        {summary.pinned ? '★ Pinned' : '☆ Pin'}
      </button>
      <form
        className="annotation-labels"
        onSubmit={(event) => {
          event.preventDefault();
          void annotate({ labels: parseLabels(labels) });
        }}
      >
        <label className="annotation-field">
          <span className="annotation-field-label">Labels</span>
          <input
            className="input input-small"
            aria-label="Labels (space or comma separated)"
            placeholder="bug, later"
            data-testid="labels-input"
            value={labels}
            onChange={(event) => setLabels(event.target.value)}
            onBlur={() => void annotate({ labels: parseLabels(labels) })}
          />
        </label>
      </form>
      <label className="annotation-field annotation-note">
        <span className="annotation-field-label">Note</span>
        <input
          className="input input-small"
          aria-label="Note"
          placeholder="what this delivery is about"
          data-testid="note-input"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          onBlur={() => {
            if (note !== (summary.note ?? '')) void annotate({ note: note.trim() ? note : null });
          }}
        />
      </label>
      <button
        type="button"
        className="button button-small"
        data-testid="diff-previous"
        data-shortcut="d"
        title="Diff with the previous delivery like this one (d)"
        onClick={() => void compareWithPrevious()}
      >
        Diff with previous {delivery.event ?? 'same path'}
      </button>
      {message && (
        <span className="muted" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
