// Edit a captured delivery before replaying it: target, method, headers, body, fresh signature.
import { useEffect, useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import type { AttemptDetail, SentRequest } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { useConfirm } from '../common/confirm-context';
import { JsonEditor } from '../common/lazy-editors';
import { formatJson } from '../common/json-pointer-ranges';
import { requestText } from '../send/request-headers-panel';
import { TargetInput, useRecentTargets } from '../send/target-input';
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
  const targets = useRecentTargets();
  const originalText = useMemo(() => bodyAsText(delivery.body), [delivery.body]);
  const originalHeaders = useMemo(() => headersToLines(delivery.rawHeaders), [delivery.rawHeaders]);
  // null until the user types: the engine's default (the last target used) shows meanwhile.
  const [typedUrl, setUrl] = useState<string | null>(null);
  const url = typedUrl ?? targets.last ?? '';
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

  // Unedited parts are left out so the engine sends the captured bytes and header order.
  const replayInput = useMemo(
    () =>
      parsedHeaders.ok
        ? {
            deliveryId: delivery.id,
            url: url.trim(),
            ...(method !== delivery.method ? { method } : {}),
            ...(headersEdited ? { rawHeaders: parsedHeaders.headers } : {}),
            ...(bodyEdited ? { body: new TextEncoder().encode(body) } : {}),
            ...(resign
              ? { resign: { ...(provider ? { provider } : {}), ...(secret ? { secret } : {}) } }
              : {}),
          }
        : null,
    // parsedHeaders follows `headers`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [delivery, url, method, headers, headersEdited, body, bodyEdited, resign, provider, secret],
  );

  // The exact request, as the engine would send it (re-signed when asked), kept in step with edits:
  // an answer for older inputs is not shown.
  const [answered, setAnswered] = useState<{
    input: typeof replayInput;
    preview: { request: SentRequest } | { error: string };
  } | null>(null);
  useEffect(() => {
    if (!replayInput?.url) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.call('replay:preview', replayInput).then((result) => {
        if (live)
          setAnswered({
            input: replayInput,
            preview: result.ok ? { request: result.value } : { error: result.error.message },
          });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, replayInput]);
  const preview = answered && answered.input === replayInput ? answered.preview : null;

  const send = async (confirmLoop = false) => {
    if (!replayInput) return;
    setSending(true);
    setError(null);
    const result = await api.call('replay:send', {
      ...replayInput,
      ...(confirmLoop ? { confirmLoop: true } : {}),
    });
    setSending(false);
    if (result.ok) {
      setLast(result.value);
      targets.reload();
      onSent(result.value);
      return;
    }
    if (result.error.code === 'confirm-loop') {
      confirm({
        title: 'Send to Hookscope itself?',
        message: `${result.error.message} It will show up in the Inbox like any delivery.`,
        confirmLabel: 'Send to Hookscope',
        tone: 'neutral',
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
        <TargetInput
          id="replay-url"
          value={url}
          onChange={setUrl}
          recent={targets.recent}
          testId="replay-url"
          required
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
      <div className="form-row">
        <span className="form-label">
          Body{' '}
          {originalText === null && (
            <span className="muted">(binary: sent exactly as captured)</span>
          )}
        </span>
        {originalText !== null && (
          <button
            type="button"
            className="button button-small"
            data-testid="replay-format"
            disabled={formatJson(body) === null}
            title="Pretty-print the JSON (changes the bytes sent)"
            onClick={() => setBody(formatJson(body) ?? body)}
          >
            Format
          </button>
        )}
      </div>
      {originalText === null ? (
        <p className="muted" data-testid="replay-body">
          {delivery.body.length} bytes
        </p>
      ) : (
        <JsonEditor value={body} onChange={setBody} label="Body" testId="replay-body" />
      )}
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
      {preview && (
        <section aria-label="Exact request">
          <span className="form-label">Exact request</span>{' '}
          <span className="muted">
            (ids, timestamps and a fresh signature are made again at send)
          </span>
          {'request' in preview ? (
            <pre className="code-block request-preview" data-testid="replay-preview">
              {requestText(preview.request)}
            </pre>
          ) : (
            <p className="muted" data-testid="replay-preview-error">
              {preview.error}
            </p>
          )}
        </section>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
      {last && <AttemptAnswer attempt={last} testId="replay-answer" />}
    </form>
  );
}
