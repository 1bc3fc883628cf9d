// Forge: provider + event -> its template in a JSON editor, validated live against the event's schema
// (in the engine: the page's CSP forbids the code generation ajv needs; errors are marked in the
// editor at their pointer), every outgoing header shown and editable, and the exact request previewed.
import { useEffect, useState } from 'react';
import type { RawHeaders } from '../../../../electron/contract/delivery';
import type {
  AttemptDetail,
  ProviderTemplates,
  SentRequest,
} from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { useConfirm } from '../common/confirm-context';
import { JsonEditor } from '../common/json-editor';
import { formatJson } from '../common/json-pointer-ranges';
import { AttemptAnswer } from '../replay/attempt-answer';
import { RequestHeadersPanel } from './request-headers-panel';
import { TargetInput, useRecentTargets } from './target-input';

interface Validation {
  parseError: string | null;
  schema: 'valid' | 'invalid' | 'no-schema';
  errors: { pointer: string; message: string }[];
}

const VALIDATE_DELAY_MS = 300;
/** The preview needs some URL for Host; the receiver-less placeholder until one is typed. */
const PREVIEW_URL = 'http://localhost:3000/webhook';
const NO_ERRORS: Validation['errors'] = [];

export function ForgePanel({
  templates,
  onScenarioSaved,
}: {
  templates: ProviderTemplates[];
  onScenarioSaved: () => void;
}) {
  const { api } = useServices();
  const confirm = useConfirm();
  const targets = useRecentTargets();
  const [providerId, setProviderId] = useState('');
  const [eventName, setEventName] = useState('');
  // The editor's text for one provider/event; switching event shows that event's template.
  const [edited, setEdited] = useState<{ key: string; text: string } | null>(null);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [overrides, setOverrides] = useState<RawHeaders>([]);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [preview, setPreview] = useState<{ request: SentRequest | null; error: string | null }>({
    request: null,
    error: null,
  });
  const [result, setResult] = useState<AttemptDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scenarioName, setScenarioName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const provider = templates.find((t) => t.provider === providerId) ?? templates[0];
  const event = provider?.events.find((e) => e.name === eventName) ?? provider?.events[0];

  const key = `${provider?.provider}/${event?.name}`;
  const body = edited?.key === key ? edited.text : JSON.stringify(event?.template ?? {}, null, 2);
  const setBody = (text: string) => setEdited({ key, text });
  const signs = provider?.canSign === true && secret !== '';

  useEffect(() => {
    if (!provider || !event) return;
    let live = true;
    const timer = setTimeout(() => {
      void api
        .call('forge:validate', { provider: provider.provider, event: event.name, body })
        .then((answer) => {
          if (live)
            setValidation(
              answer.ok
                ? answer.value
                : { parseError: answer.error.message, schema: 'no-schema', errors: [] },
            );
        });
      // The exact request, from the same code that sends it (signature included).
      void api
        .call('forge:preview', {
          provider: provider.provider,
          event: event.name,
          url: url.trim() || PREVIEW_URL,
          body,
          ...(signs ? { secret } : {}),
          ...(overrides.length > 0 ? { headerOverrides: overrides } : {}),
        })
        .then((answer) => {
          if (!live) return;
          setPreview((current) =>
            answer.ok
              ? { request: answer.value, error: null }
              : // Keep the last good preview beside the error: the text is being typed.
                { request: current.request, error: answer.error.message },
          );
        });
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, provider, event, body, url, secret, signs, overrides]);

  if (!provider || !event) return <p className="muted">Loading providers…</p>;

  const send = async (confirmLoop = false) => {
    setError(null);
    const target = url.trim();
    const answer = await api.call('forge:send', {
      provider: provider.provider,
      event: event.name,
      url: target,
      body,
      ...(signs ? { secret } : {}),
      ...(overrides.length > 0 ? { headerOverrides: overrides } : {}),
      ...(confirmLoop ? { confirmLoop: true } : {}),
    });
    if (answer.ok) {
      setResult(answer.value);
      targets.reload();
    } else if (answer.error.code === 'confirm-loop') {
      confirm({
        title: 'Send to Hookscope itself?',
        message: `${answer.error.message} It will show up in the Inbox like any delivery.`,
        confirmLabel: 'Send to Hookscope',
        tone: 'neutral',
        onConfirm: () => void send(true),
      });
    } else setError(answer.error.message);
  };

  const save = async () => {
    setError(null);
    const answer = await api.call('scenarios:save', {
      name: scenarioName.trim(),
      provider: provider.provider,
      event: event.name,
      body,
      ...(url.trim() ? { url: url.trim() } : {}),
      sign: secret !== '',
    });
    if (answer.ok) {
      setNotice(`Saved scenario "${answer.value.name}" (without the secret).`);
      onScenarioSaved();
    } else setError(answer.error.message);
  };

  const format = () => {
    const pretty = formatJson(body);
    if (pretty !== null) setBody(pretty);
  };

  return (
    <div className="send-panel" data-testid="forge-panel">
      <div className="form-row">
        <select
          aria-label="Provider"
          data-testid="forge-provider"
          value={provider.provider}
          onChange={(e) => {
            setProviderId(e.target.value);
            setEventName('');
            setOverrides([]);
          }}
        >
          {templates
            .filter((t) => t.events.length > 0)
            .map((t) => (
              <option key={t.provider} value={t.provider}>
                {t.name}
              </option>
            ))}
        </select>
        <select
          aria-label="Event"
          data-testid="forge-event"
          value={event.name}
          onChange={(e) => setEventName(e.target.value)}
        >
          {provider.events.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
        <span className="muted">{event.description}</span>
      </div>
      <div className="form-row">
        <span className="form-label">
          Template{' '}
          <span className="muted">
            (variables: {'{{uuid}} {{now}} {{now_unix}} {{now_ms}} {{random}} {{random_int}}'})
          </span>
        </span>
        <button
          type="button"
          className="button button-small"
          data-testid="forge-format"
          disabled={validation?.parseError != null}
          onClick={format}
        >
          Format
        </button>
      </div>
      <JsonEditor
        value={body}
        onChange={setBody}
        errors={validation?.errors ?? NO_ERRORS}
        label="Template"
        testId="forge-body"
      />
      <ValidationMessages validation={validation} />
      <div className="form-row">
        <TargetInput value={url} onChange={setUrl} recent={targets.recent} testId="forge-url" />
        {provider.canSign && (
          <input
            className="text-input"
            aria-label="Signing secret"
            data-testid="forge-secret"
            type="password"
            autoComplete="off"
            placeholder="secret (unsigned if empty)"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
        <button
          type="button"
          className="button"
          data-testid="forge-send"
          disabled={!url.trim()}
          onClick={() => void send()}
        >
          Send
        </button>
      </div>
      <details className="forge-headers-section" open>
        <summary className="subheading">Headers and exact request</summary>
        <RequestHeadersPanel
          preview={preview.request}
          previewError={preview.error}
          overrides={overrides}
          onOverridesChange={setOverrides}
        />
      </details>
      <div className="form-row">
        <input
          className="text-input"
          aria-label="Scenario name"
          data-testid="scenario-name"
          placeholder="scenario name"
          value={scenarioName}
          onChange={(e) => setScenarioName(e.target.value)}
        />
        <button
          type="button"
          className="button button-small"
          data-testid="scenario-save"
          disabled={!scenarioName.trim()}
          onClick={() => void save()}
        >
          Save as scenario
        </button>
        {notice && <span className="muted">{notice}</span>}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="forge-error">
          {error}
        </p>
      )}
      {result && <AttemptAnswer attempt={result} testId="forge-answer" />}
    </div>
  );
}

function ValidationMessages({ validation }: { validation: Validation | null }) {
  if (!validation) return null;
  if (validation.parseError)
    return (
      <p className="field-error" data-testid="forge-validation">
        Not valid JSON: {validation.parseError}
      </p>
    );
  if (validation.schema === 'no-schema')
    return (
      <p className="muted" data-testid="forge-validation">
        No schema for this event.
      </p>
    );
  if (validation.schema === 'valid')
    return (
      <p className="field-ok" data-testid="forge-validation">
        Matches the event's schema.
      </p>
    );
  return (
    <ul className="field-error" data-testid="forge-validation">
      {validation.errors.map((error, index) => (
        <li key={index}>
          <code>{error.pointer || '/'}</code> {error.message}
        </li>
      ))}
    </ul>
  );
}
