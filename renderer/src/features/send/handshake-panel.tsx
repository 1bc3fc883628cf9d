// Play a provider's subscription handshake against a URL: pass or fail, with the reason.
import { useState } from 'react';
import type { HandshakeResult, ProviderTemplates } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';

export function HandshakePanel({ templates }: { templates: ProviderTemplates[] }) {
  const { api } = useServices();
  const playable = templates.filter((t) => t.handshake);
  const [providerId, setProviderId] = useState('preservica');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<HandshakeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const provider = playable.find((t) => t.provider === providerId) ?? playable[0];

  const play = async () => {
    if (!provider) return;
    setError(null);
    setResult(null);
    const answer = await api.call('handshake:play', {
      provider: provider.provider,
      url: url.trim(),
      secret,
    });
    if (answer.ok) setResult(answer.value);
    else setError(answer.error.message);
  };

  return (
    <div className="send-panel" data-testid="handshake-panel">
      <div className="form-row">
        <select
          aria-label="Provider"
          data-testid="handshake-provider"
          value={provider?.provider ?? ''}
          onChange={(e) => setProviderId(e.target.value)}
        >
          {playable.map((t) => (
            <option key={t.provider} value={t.provider}>
              {t.name}
            </option>
          ))}
        </select>
        <input
          className="text-input grow"
          aria-label="Receiver URL"
          data-testid="handshake-url"
          type="url"
          placeholder="https://example.com/webhooks"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {provider?.handshakeNeedsSecret && (
          <input
            className="text-input"
            aria-label="Shared secret"
            data-testid="handshake-secret"
            type="password"
            autoComplete="off"
            placeholder="shared secret"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
        <button
          type="button"
          className="button"
          data-testid="handshake-play"
          disabled={!url.trim()}
          onClick={() => void play()}
        >
          Play
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p data-testid="handshake-result">
          <span className={result.pass ? 'handshake-pass' : 'handshake-fail'}>
            {result.pass ? 'PASS' : 'FAIL'}
          </span>{' '}
          {result.reason} <span className="muted">({result.totalMs.toFixed(1)} ms)</span>
        </p>
      )}
    </div>
  );
}
