import { useState } from 'react';
import type { ManualSetupView } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';
import { CopyButton } from '../common/copy-button';
import type { ProviderInfo } from '../../../../electron/contract/capture-rules';

type WaitState =
  { kind: 'idle' } | { kind: 'waiting' } | { kind: 'arrived'; id: string } | { kind: 'timeout' };

/** Providers with no API (Kanboard, Phraseanet): where to paste the URL, then proof by the first delivery. */
export function ManualSetup({ providers }: { providers: readonly ProviderInfo[] }) {
  const { api } = useServices();
  const [chosen, setChosen] = useState<string | null>(null);
  const provider = chosen ?? providers[0]?.id ?? '';
  const [editedPath, setEndpointPath] = useState<string | null>(null);
  const endpointPath = editedPath ?? `/${provider}`;
  const [setup, setSetup] = useState<ManualSetupView | null>(null);
  const [wait, setWait] = useState<WaitState>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);

  const show = async () => {
    const result = await api.call('subscriptions:manual-setup', { provider, endpointPath });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setSetup(result.value);
    setWait({ kind: 'waiting' });
    const first = await api.call('subscriptions:wait-first-delivery', {
      endpointPath,
      timeoutMs: 600_000,
    });
    if (!first.ok) {
      setError(first.error.message);
      setWait({ kind: 'idle' });
    } else
      setWait(
        first.value.deliveryId
          ? { kind: 'arrived', id: first.value.deliveryId }
          : { kind: 'timeout' },
      );
  };

  return (
    <div className="subscriptions-block" data-testid="manual-setup">
      <h3 className="panel-subtitle">
        {providers.map((item) => item.name).join(' / ')} (set up by hand)
      </h3>
      <div className="tunnel-form">
        <label className="form-field">
          <span className="form-label">Provider</span>
          <select
            className="select"
            data-testid="manual-provider"
            value={provider}
            onChange={(e) => {
              setChosen(e.target.value);
              setEndpointPath(null);
            }}
          >
            {providers.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-label">Endpoint path</span>
          <input
            className="search-input"
            data-testid="manual-endpoint"
            value={endpointPath}
            onChange={(e) => setEndpointPath(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="button button-small"
            data-testid="manual-show"
            onClick={() => void show()}
            disabled={wait.kind === 'waiting' || provider === ''}
          >
            Show the steps
          </button>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {setup && (
        <div data-testid="manual-steps">
          <strong>{setup.title}</strong>
          {!setup.publicUrlIsTunnel && (
            <p className="form-error">
              No tunnel is up: {setup.provider} cannot reach this local URL. Start the tunnel first.
            </p>
          )}
          <ol>
            {setup.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {setup.copy.map((item) => (
            <div key={item.label} className="tunnel-url">
              {item.label}: <code>{item.value}</code>{' '}
              <CopyButton text={item.value} testId="manual-copy" className="button-tiny" />
            </div>
          ))}
          <ul className="muted">
            {setup.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <p data-testid="manual-wait" data-state={wait.kind}>
            {wait.kind === 'waiting' && 'Waiting for the first delivery…'}
            {wait.kind === 'arrived' && `It works: the first delivery arrived (${wait.id}).`}
            {wait.kind === 'timeout' &&
              'Nothing arrived within 10 minutes: check the URL pasted in the provider.'}
          </p>
        </div>
      )}
    </div>
  );
}
