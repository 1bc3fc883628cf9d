// What traffic taught Hookscope about this endpoint's events (issue 16): each learned model, with
// "Use learned schema" (it becomes the endpoint's schema for the event), "Compare with the
// provider's schema" (where documentation and traffic disagree) and downloads.
import { useEffect, useState } from 'react';
import type {
  LearnedModelSummary,
  LearnedSchemaFormat,
  SchemaComparison,
} from '../../../../electron/contract/learning';
import { useServices } from '../../app-context';
import { downloadText } from '../../lib/download';

export function LearnedSchemas({
  endpoint,
  onChanged,
}: {
  endpoint: string;
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [models, setModels] = useState<LearnedModelSummary[] | null>(null);
  const [comparison, setComparison] = useState<{ key: string; value: SchemaComparison } | null>(
    null,
  );
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('learning:models', { endpoint }).then((result) => {
      if (live && result.ok) setModels(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, endpoint]);

  if (!models || models.length === 0) return null;

  const ref = (model: LearnedModelSummary) => ({ endpoint, event: model.event });
  const report = (error: boolean, text: string) => setMessage({ error, text });

  async function use(model: LearnedModelSummary) {
    const result = await api.call('learning:use', ref(model));
    if (!result.ok) return report(true, result.error.message);
    report(
      false,
      `"${result.value.schemaName}" is now this endpoint's schema for ${model.event ?? 'its deliveries'}`,
    );
    onChanged();
  }

  async function compare(model: LearnedModelSummary) {
    const result = await api.call('learning:compare', ref(model));
    if (!result.ok) return report(true, result.error.message);
    setComparison({ key: model.key, value: result.value });
  }

  async function download(model: LearnedModelSummary, format: LearnedSchemaFormat) {
    const result = await api.call('learning:schema', { ...ref(model), format });
    if (!result.ok) return report(true, result.error.message);
    downloadText(result.value.fileName, result.value.text, 'application/json');
  }

  return (
    <div className="learned-schemas" data-testid="learned-schemas">
      <h3>Learned from traffic</h3>
      <ul className="schema-list">
        {models.map((model) => (
          <li key={model.key} data-testid="learned-model">
            <code>{model.event ?? model.path ?? 'every event'}</code>{' '}
            <span className="muted">
              {model.deliveries} deliveries{model.settled ? '' : ' (still learning)'}
            </span>
            {model.driftCount > 0 && (
              <span className="tag tag-warning">{model.driftCount} drifted</span>
            )}
            <span className="learned-actions">
              <button type="button" className="button-link" onClick={() => void use(model)}>
                Use learned schema
              </button>
              <button
                type="button"
                className="button-link"
                data-testid="compare-learned"
                onClick={() => void compare(model)}
              >
                Compare with the provider’s schema
              </button>
              <button
                type="button"
                className="button-link"
                onClick={() => void download(model, 'json-schema')}
              >
                JSON Schema
              </button>
              <button
                type="button"
                className="button-link"
                onClick={() => void download(model, 'openapi')}
              >
                OpenAPI
              </button>
            </span>
            {comparison?.key === model.key && <ComparisonTable comparison={comparison.value} />}
          </li>
        ))}
      </ul>
      {message && (
        <p
          className={message.error ? 'form-error' : 'muted'}
          role={message.error ? 'alert' : undefined}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}

function ComparisonTable({ comparison }: { comparison: SchemaComparison }) {
  if (!comparison.providerSchema)
    return (
      <p className="muted">
        No schema to compare with: neither the provider nor you gave one for this event.
      </p>
    );
  if (comparison.disagreements.length === 0)
    return <p className="muted">Traffic agrees with {comparison.providerSchema}.</p>;
  return (
    <table className="count-table" data-testid="learned-comparison">
      <caption className="muted">
        Where {comparison.providerSchema} and the traffic disagree
      </caption>
      <thead>
        <tr>
          <th>Pointer</th>
          <th>Schema says</th>
          <th>Traffic shows</th>
          <th>Deliveries</th>
        </tr>
      </thead>
      <tbody>
        {comparison.disagreements.map((row) => (
          <tr key={`${row.pointer} ${row.provider}`}>
            <td>
              <code>{row.pointer || '/'}</code>
            </td>
            <td>{row.provider}</td>
            <td>{row.traffic}</td>
            <td className="count-cell">{row.deliveries}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
