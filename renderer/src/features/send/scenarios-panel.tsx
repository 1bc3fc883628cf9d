// Saved scenarios (no secrets in them): run several in sequence, delete.
import { useState } from 'react';
import type { AttemptDetail, Scenario } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { StatusCode } from '../common/status-code';
import { TargetInput, useRecentTargets } from './target-input';

export function ScenariosPanel({
  scenarios,
  onChanged,
}: {
  scenarios: Scenario[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const targets = useRecentTargets();
  const [chosen, setChosen] = useState<string[]>([]);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [results, setResults] = useState<AttemptDetail[]>([]);
  const [error, setError] = useState<string | null>(null);

  if (scenarios.length === 0)
    return <p className="muted">No scenarios yet: forge an event and save it.</p>;

  const toggle = (name: string) =>
    setChosen((current) =>
      current.includes(name) ? current.filter((n) => n !== name) : [...current, name],
    );
  const run = async () => {
    setError(null);
    const answer = await api.call('scenarios:run', {
      names: chosen,
      ...(url.trim() ? { url: url.trim() } : {}),
      ...(secret ? { secret } : {}),
      confirmLoop: false,
    });
    if (answer.ok) setResults(answer.value);
    else setError(answer.error.message);
  };
  const remove = async (name: string) => {
    await api.call('scenarios:delete', { name });
    setChosen((current) => current.filter((n) => n !== name));
    onChanged();
  };

  return (
    <div className="send-panel" data-testid="scenarios-panel">
      <p className="muted">Checked scenarios run one after the other, in the order checked.</p>
      <ul className="scenario-list">
        {scenarios.map((scenario) => (
          <li key={scenario.name} data-testid="scenario-row">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(scenario.name)}
                onChange={() => toggle(scenario.name)}
              />
              {chosen.includes(scenario.name) && (
                <strong>{chosen.indexOf(scenario.name) + 1}. </strong>
              )}
              {scenario.name}{' '}
              <span className="muted">
                ({scenario.provider} {scenario.event}
                {scenario.url ? ` → ${scenario.url}` : ''})
              </span>
            </label>{' '}
            <button
              type="button"
              className="button button-tiny"
              onClick={() => void remove(scenario.name)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <div className="form-row">
        <TargetInput
          value={url}
          onChange={setUrl}
          recent={targets.recent}
          label="Target URL override"
          testId="scenarios-url"
        />
        <input
          className="text-input"
          aria-label="Signing secret"
          type="password"
          autoComplete="off"
          placeholder="secret"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        <button
          type="button"
          className="button"
          data-testid="scenarios-run"
          disabled={chosen.length === 0}
          onClick={() => void run()}
        >
          Run {chosen.length || ''}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {results.length > 0 && (
        <ol data-testid="scenario-results">
          {results.map((result) => (
            <li key={result.id}>
              {result.label}:{' '}
              {result.status === null ? (
                `no answer (${result.failureMessage})`
              ) : (
                <StatusCode status={result.status} withReason />
              )}{' '}
              <span className="muted">{result.totalMs.toFixed(1)} ms</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
