// Edit a captured delivery before replaying it: target, method, headers, body, fresh signature.
import { useEffect, useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import type { AttemptDetail } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { useConfirm } from '../common/confirm-context';
import { AttemptAnswer } from './attempt-answer';
import { headersToLines, parseHeaderLines } from './header-lines';

const decoder = new TextDecoder('utf-8', { fatal: true });

function bodyAsText(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

export function ReplayEditor({
  delivery,
  onSent,
}: {
  delivery: DeliveryDetail;
  onSent: (attempt: AttemptDetail) => void;
}) {
  const { api } = useServices();
  const confirm = useConfirm();
  const originalText = useMemo(() => bodyAsText(delivery.body), [delivery.body]);
  const originalHeaders = useMemo(() => headersToLines(delivery.rawHeaders), [delivery.rawHeaders]);
  const [url, setUrl] = useState('');
  const [method, setMethod] = useState(delivery.method);
  const [headers, setHeaders] = useState(originalHeaders);
  const [body, setBody] = useState(originalText ?? '');
  const [resign, setResign] = useState(false);
  const [provider, setProvider] = useState(delivery.provider ?? '');
  const [secret, setSecret] = useState('');
  const [providers, setProviders] = useState<{ id: string; name: string }[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<AttemptDetail | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('replay:last-target').then((result) => {
      if (live && result.ok && result.value.url) setUrl((current) => current || result.value.url!);
    });
    void api.call('forge:templates').then((result) => {
      if (live && result.ok)
        setProviders(
          result.value.filter((p) => p.canSign).map((p) => ({ id: p.provider, name: p.name })),
        );
    });
    return () => {
      live = false;
    };
  }, [api]);

  const parsedHeaders = parseHeaderLines(headers);
  const headersEdited = headers !== originalHeaders;
  const bodyEdited = originalText !== null && body !== originalText;

  const send = async (confirmLoop = false) => {
    if (!parsedHeaders.ok) return;
    setSending(true);
    setError(null);
    const result = await api.call('replay:send', {
      deliveryId: delivery.id,
      url: url.trim(),
      // Unedited parts are left out so the engine sends the captured bytes and header order.
      ...(method !== delivery.method ? { method } : {}),
      ...(headersEdited ? { rawHeaders: parsedHeaders.headers } : {}),
      ...(bodyEdited ? { body: new TextEncoder().encode(body) } : {}),
      ...(resign
        ? { resign: { ...(provider ? { provider } : {}), ...(secret ? { secret } : {}) } }
        : {}),
      ...(confirmLoop ? { confirmLoop: true } : {}),
    });
    setSending(false);
    if (result.ok) {
      setLast(result.value);
      onSent(result.value);
      return;
    }
    if (result.error.code === 'confirm-loop') {
      confirm({
        title: 'Send to Hookscope itself?',
        message: `${result.error.message}`,
        confirmLabel: 'Send anyway',
        onConfirm: () => void send(true),
      });
      return;
    }
    setError(result.error.message);
  };

  return (
    <form
      className="replay-editor"
      data-testid="replay-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="form-row">
        <label className="form-label" htmlFor="replay-url">
          Target URL
        </label>
        <input
          id="replay-url"
          className="text-input grow"
          data-testid="replay-url"
          type="url"
          required
          placeholder="http://localhost:3000/webhook"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
        <input
          aria-label="Method"
          className="text-input method-input"
          data-testid="replay-method"
          value={method}
          onChange={(event) => setMethod(event.target.value.toUpperCase())}
        />
      </div>
      <label className="form-label" htmlFor="replay-headers">
        Headers <span className="muted">(one "Name: value" per line, sent in this order)</span>
      </label>
      <textarea
        id="replay-headers"
        className="code-input"
        data-testid="replay-headers"
        rows={Math.min(12, Math.max(3, delivery.rawHeaders.length + 1))}
        spellCheck={false}
        value={headers}
        onChange={(event) => setHeaders(event.target.value)}
      />
      {!parsedHeaders.ok && (
        <p className="field-error" role="alert">
          {parsedHeaders.error}
        </p>
      )}
      <label className="form-label" htmlFor="replay-body">
        Body{' '}
        {originalText === null && <span className="muted">(binary: sent exactly as captured)</span>}
      </label>
      <textarea
        id="replay-body"
        className="code-input"
        data-testid="replay-body"
        rows={8}
        spellCheck={false}
        disabled={originalText === null}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
      <div className="form-row">
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="replay-resign"
            checked={resign}
            onChange={(event) => setResign(event.target.checked)}
          />
          Re-sign with a fresh timestamp and id
        </label>
        {resign && (
          <>
            <select
              aria-label="Signing provider"
              data-testid="replay-provider"
              value={provider}
              onChange={(event) => setProvider(event.target.value)}
            >
              <option value="">endpoint's provider</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <input
              aria-label="Secret"
              className="text-input"
              data-testid="replay-secret"
              type="password"
              autoComplete="off"
              placeholder="endpoint's secret"
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
            />
          </>
        )}
      </div>
      <div className="form-row">
        <button
          type="submit"
          className="button"
          data-testid="replay-send"
          disabled={sending || !parsedHeaders.ok}
        >
          {sending ? 'Sending…' : 'Send'}
        </button>
        {(headersEdited || bodyEdited || method !== delivery.method) && (
          <span className="muted">edited: sent as shown</span>
        )}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
      {last && <AttemptAnswer attempt={last} testId="replay-answer" />}
    </form>
  );
}
