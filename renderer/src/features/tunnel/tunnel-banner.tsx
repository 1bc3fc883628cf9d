import { useEffect, useState } from 'react';
import type { RepointResultView } from '../../../../electron/contract/subscriptions';
import type { TunnelUrlChanged } from '../../../../electron/contract/tunnel';
import { useServices } from '../../app-context';
import { usePublicUrlMirror } from './use-public-url-mirror';

/**
 * Shell-level alert: the public URL changed, so providers still call the old one. Offers the
 * re-point (or shows that it runs by itself) and lists each result.
 */
export function TunnelBanner() {
  const { api } = useServices();
  const [change, setChange] = useState<TunnelUrlChanged | null>(null);
  const [results, setResults] = useState<RepointResultView[] | null>(null);
  const [busy, setBusy] = useState(false);
  usePublicUrlMirror();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const offChange = api.on('tunnel:url-changed', (next) => {
      setChange(next);
      setResults(null);
      setError(null);
    });
    const offResults = api.on('subscriptions:repointed', (done) => setResults(done.results));
    return () => {
      offChange();
      offResults();
    };
  }, [api]);

  if (!change) return null;
  const repoint = async () => {
    setBusy(true);
    setError(null);
    const result = await api.call('subscriptions:repoint', {
      from: change.previous,
      to: change.current,
    });
    setBusy(false);
    if (result.ok) setResults(result.value);
    else setError(result.error.message);
  };
  const pending = change.affectedSubscriptions > 0 && results === null;
  return (
    <div className="tunnel-banner" role="alert" data-testid="tunnel-banner">
      <strong>The public URL changed.</strong> <code>{change.previous}</code> →{' '}
      <code>{change.current}</code>.{' '}
      {change.affectedSubscriptions === 0
        ? 'Providers configured by hand still call the old URL: update them.'
        : results !== null
          ? 'Re-point results:'
          : change.autoRepoint
            ? `Re-pointing ${change.affectedSubscriptions} subscription(s)…`
            : `${change.affectedSubscriptions} subscription(s) still point at the old URL.`}
      {pending && !change.autoRepoint && (
        <button
          type="button"
          className="button button-small"
          data-testid="tunnel-banner-repoint"
          disabled={busy}
          onClick={() => void repoint()}
        >
          Re-point now
        </button>
      )}
      <button
        type="button"
        className="button button-small button-ghost"
        data-testid="tunnel-banner-dismiss"
        onClick={() => setChange(null)}
      >
        Dismiss
      </button>
      {error && <div className="form-error">{error}</div>}
      {results && (
        <ul className="repoint-results" data-testid="repoint-results">
          {results.map((result) => (
            <li key={result.id} className={result.ok ? 'repoint-ok' : 'repoint-failed'}>
              {result.ok ? '✓' : '✗'} {result.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
