// One endpoint: path, provider (or auto-detect), write-only secrets, handshake, answer rule, options.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ProviderInfo, UserSchemaView } from '../../../../electron/contract/capture-rules';
import { ArmHandshakes } from './arm-handshakes';
import type { EndpointDraft } from './endpoint-draft';
import { ForwardSection } from './forward-section';
import { SchemasSection } from './schemas-section';
import { SecretsField } from './secrets-field';

export function EndpointEditor({
  initial,
  providers,
  schemas,
  onSave,
  onDelete,
  onReverify,
  onSchemasChanged,
  pathSuggestions = [],
  reverifyStatus = null,
}: {
  initial: EndpointDraft;
  /** Paths already captured, offered while typing a new endpoint's path. */
  pathSuggestions?: readonly string[];
  providers: readonly ProviderInfo[];
  schemas: readonly UserSchemaView[];
  onSave: (draft: EndpointDraft) => Promise<string | null>;
  onDelete: (() => Promise<void>) | null;
  onReverify: (() => Promise<void>) | null;
  onSchemasChanged: () => void;
  /** Re-verification progress or answer, shown by the buttons where the person clicked. */
  reverifyStatus?: ReactNode;
}) {
  // The parent remounts the editor (key) when the stored endpoint changes.
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const suggestionsId = useId();

  const set = <K extends keyof EndpointDraft>(key: K, value: EndpointDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const provider = providers.find((candidate) => candidate.id === draft.provider);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(await onSave(draft));
  }

  return (
    <form
      className="endpoint-editor"
      data-testid="endpoint-editor"
      onSubmit={(e) => void submit(e)}
    >
      <label className="endpoint-field">
        Path
        <input
          data-testid="endpoint-path"
          list={draft.savedPath === null ? suggestionsId : undefined}
          value={draft.path}
          readOnly={draft.savedPath !== null}
          title={
            draft.savedPath !== null
              ? 'The path names the endpoint; delete and add to move it.'
              : undefined
          }
          onChange={(e) => set('path', e.target.value)}
        />
        <datalist id={suggestionsId} data-testid="endpoint-path-suggestions">
          {pathSuggestions.map((path) => (
            <option key={path} value={path} />
          ))}
        </datalist>
      </label>
      <label className="endpoint-field">
        Provider
        <select
          data-testid="endpoint-provider"
          value={draft.provider}
          onChange={(e) => set('provider', e.target.value)}
        >
          <option value="">Auto-detect</option>
          {providers.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} ({candidate.id})
            </option>
          ))}
        </select>
      </label>
      {provider && provider.events.length > 0 && (
        <p className="muted endpoint-hint">Events: {provider.events.join(', ')}</p>
      )}
      <SecretsField
        count={draft.secretCount}
        edit={draft.secrets}
        onChange={(edit) => set('secrets', edit)}
      />
      <label className="endpoint-check">
        <input
          type="checkbox"
          data-testid="endpoint-handshake"
          checked={draft.handshake}
          onChange={(e) => set('handshake', e.target.checked)}
        />
        Answer subscription handshakes
        {provider && !provider.hasHandshake && (
          <span className="muted"> ({provider.name} has none)</span>
        )}
        {provider?.confirmOnRequest && (
          <span className="muted"> ({provider.confirmOnRequest.note})</span>
        )}
      </label>
      {draft.savedPath !== null && initial.handshake && (
        <ArmHandshakes endpoint={draft.savedPath} />
      )}
      <fieldset className="endpoint-fieldset">
        <legend>Answer (empty: 200 with the delivery id)</legend>
        <div className="endpoint-row">
          <label className="endpoint-field narrow">
            Status
            <input
              inputMode="numeric"
              value={draft.status}
              placeholder="200"
              onChange={(e) => set('status', e.target.value)}
            />
          </label>
          <label className="endpoint-field narrow">
            Delay (ms)
            <input
              inputMode="numeric"
              value={draft.delayMs}
              placeholder="0"
              onChange={(e) => set('delayMs', e.target.value)}
            />
          </label>
        </div>
        <label className="endpoint-field">
          Headers (one “Name: value” per line)
          <textarea
            rows={2}
            value={draft.headers}
            onChange={(e) => set('headers', e.target.value)}
          />
        </label>
        <label className="endpoint-field">
          Body
          <textarea rows={3} value={draft.body} onChange={(e) => set('body', e.target.value)} />
        </label>
      </fieldset>
      <label className="endpoint-field">
        Options (JSON: e.g. generic hmac header, Meta verifyToken, tolerance)
        <textarea
          rows={3}
          data-testid="endpoint-options"
          value={draft.options}
          onChange={(e) => set('options', e.target.value)}
        />
      </label>
      <ForwardSection
        endpoint={draft.savedPath}
        rules={draft.forward}
        onChange={(rules) => set('forward', rules)}
      />
      {draft.savedPath !== null && (
        <SchemasSection endpoint={draft.savedPath} schemas={schemas} onChanged={onSchemasChanged} />
      )}
      <div className="endpoint-actions">
        <button type="submit" className="button-primary" data-testid="endpoint-save">
          Save
        </button>
        {onReverify && (
          <button type="button" onClick={() => void onReverify()}>
            Re-verify deliveries
          </button>
        )}
        {onDelete && (
          <button type="button" className="button-danger" onClick={() => void onDelete()}>
            Delete endpoint
          </button>
        )}
      </div>
      {reverifyStatus}
      {error && (
        <p className="form-error" role="alert" data-testid="endpoint-error">
          {error}
        </p>
      )}
    </form>
  );
}
