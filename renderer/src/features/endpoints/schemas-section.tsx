// The user's own schemas for an endpoint: a JSON Schema for one event, or an OpenAPI 3.1 `webhooks`.
import { useState, type ChangeEvent } from 'react';
import type {
  SchemaDocumentFormat,
  UserSchemaView,
} from '../../../../electron/contract/capture-rules';
import { useServices } from '../../app-context';
import { LearnedSchemas } from './learned-schemas';

export function SchemasSection({
  endpoint,
  schemas,
  onChanged,
}: {
  endpoint: string;
  schemas: readonly UserSchemaView[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [format, setFormat] = useState<SchemaDocumentFormat>('json-schema');
  const [event, setEvent] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function importFile(change: ChangeEvent<HTMLInputElement>) {
    const file = change.target.files?.[0];
    change.target.value = '';
    if (!file) return;
    const document = await file.text();
    const result = await api.call('schemas:import', {
      endpoint,
      format,
      document,
      name: file.name,
      ...(format === 'json-schema' && event.trim() ? { event: event.trim() } : {}),
    });
    if (!result.ok) {
      setMessage({ error: true, text: result.error.message });
      return;
    }
    setMessage({
      error: false,
      text: `imported ${result.value.length} schema(s) from ${file.name}`,
    });
    onChanged();
  }

  async function remove(id: string) {
    const result = await api.call('schemas:remove', { ids: [id] });
    if (!result.ok) setMessage({ error: true, text: result.error.message });
    onChanged();
  }

  return (
    <fieldset className="endpoint-fieldset" data-testid="endpoint-schemas">
      <legend>Your schemas</legend>
      {schemas.length === 0 ? (
        <p className="muted">None: the provider’s schemas apply.</p>
      ) : (
        <ul className="schema-list">
          {schemas.map((schema) => (
            <li key={schema.id}>
              <code>{schema.event ?? 'every event'}</code>{' '}
              <span className="muted">{schema.name}</span>
              {schema.template !== null && <span className="tag">template</span>}
              <button type="button" className="button-link" onClick={() => void remove(schema.id)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="endpoint-row">
        <select
          aria-label="Document type"
          value={format}
          onChange={(e) => setFormat(e.target.value as SchemaDocumentFormat)}
        >
          <option value="json-schema">JSON Schema</option>
          <option value="openapi">OpenAPI 3.1 webhooks</option>
        </select>
        {format === 'json-schema' && (
          <input
            aria-label="Event"
            placeholder="event (empty: every event)"
            value={event}
            onChange={(e) => setEvent(e.target.value)}
          />
        )}
        <label className="button file-button">
          Import…
          <input
            type="file"
            accept=".json,application/json"
            hidden
            onChange={(e) => void importFile(e)}
          />
        </label>
      </div>
      {message && (
        <p
          className={message.error ? 'form-error' : 'muted'}
          role={message.error ? 'alert' : undefined}
        >
          {message.text}
        </p>
      )}
      <LearnedSchemas endpoint={endpoint} onChanged={onChanged} />
    </fieldset>
  );
}
