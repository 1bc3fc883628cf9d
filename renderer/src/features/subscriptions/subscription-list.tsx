import { useState } from 'react';
import type { SubscriptionsList } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';

/** The subscriptions Hookscope made (re-pointed when the URL changes), with delete. */
export function SubscriptionList({
  list,
  onChanged,
}: {
  list: SubscriptionsList | null;
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  if (!list) return null;
  const remove = async (id: string) => {
    const result = await api.call('subscriptions:delete', { id });
    setError(result.ok ? null : result.error.message);
    onChanged();
  };
  const setAuto = async (autoRepoint: boolean) => {
    const result = await api.call('subscriptions:settings', { autoRepoint });
    setError(result.ok ? null : result.error.message);
    onChanged();
  };
  return (
    <div className="subscriptions-block" data-testid="subscription-list">
      <h3 className="panel-subtitle">Subscriptions made by Hookscope</h3>
      <label className="form-check">
        <input
          type="checkbox"
          data-testid="subscriptions-auto-repoint"
          checked={list.autoRepoint}
          onChange={(e) => void setAuto(e.target.checked)}
        />
        Re-point them automatically when the public URL changes
      </label>
      {list.registered.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="plain-list">
          {list.registered.map((item) => (
            <li key={item.id} data-testid="subscription-row">
              <span className="tag">{item.provider}</span> <strong>{item.event}</strong> →{' '}
              <code>{item.url}</code> <span className="muted">id {item.remoteId}</span>{' '}
              <button
                type="button"
                className="button button-tiny button-danger-ghost"
                onClick={() => void remove(item.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
