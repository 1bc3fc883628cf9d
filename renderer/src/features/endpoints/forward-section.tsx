// Forward rules of one endpoint (like `stripe listen --forward-to`): each stored delivery is sent on
// to these targets, and "Catch up" re-sends what a target missed while it was down.
import { useState } from 'react';
import { useServices } from '../../app-context';
import type { ForwardDraft } from './endpoint-draft';

export function ForwardSection({
  endpoint,
  rules,
  onChange,
}: {
  /** The saved endpoint path; null while the endpoint is new (catch-up needs stored deliveries). */
  endpoint: string | null;
  rules: readonly ForwardDraft[];
  onChange: (rules: ForwardDraft[]) => void;
}) {
  const { api } = useServices();
  const [reports, setReports] = useState<Record<string, string>>({});
  const update = (index: number, patch: Partial<ForwardDraft>) =>
    onChange(rules.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));

  async function catchUp(url: string) {
    if (!endpoint) return;
    setReports((current) => ({ ...current, [url]: 'sending what it missed…' }));
    const result = await api.call('forward:catch-up', { endpoint, url });
    const text = result.ok
      ? `re-sent ${result.value.sent}: ${result.value.succeeded} answered 2xx, ${result.value.failed} failed`
      : `catch-up failed: ${result.error.message}`;
    setReports((current) => ({ ...current, [url]: text }));
  }

  return (
    <fieldset className="endpoint-fieldset" data-testid="endpoint-forward">
      <legend>Forward each delivery to</legend>
      {rules.length === 0 && <p className="muted">No forwarding: deliveries are only captured.</p>}
      {rules.map((rule, index) => (
        <div key={index} className="endpoint-row forward-rule">
          <label className="endpoint-field">
            Target URL
            <input
              data-testid="forward-url"
              value={rule.url}
              placeholder="http://localhost:3000/webhook"
              onChange={(e) => update(index, { url: e.target.value })}
            />
          </label>
          <label className="endpoint-field narrow">
            Events (empty: all)
            <input
              value={rule.events}
              onChange={(e) => update(index, { events: e.target.value })}
            />
          </label>
          <label className="endpoint-check" title="Answer the sender with this target's answer">
            <input
              type="checkbox"
              checked={rule.proxy}
              onChange={(e) => update(index, { proxy: e.target.checked })}
            />
            Proxy
          </label>
          {endpoint && rule.url && (
            <button
              type="button"
              data-testid="forward-catch-up"
              onClick={() => void catchUp(rule.url)}
            >
              Catch up
            </button>
          )}
          <button type="button" onClick={() => onChange(rules.filter((_, i) => i !== index))}>
            Remove
          </button>
          {reports[rule.url] && (
            <p className="muted forward-report" data-testid="forward-report">
              {reports[rule.url]}
            </p>
          )}
        </div>
      ))}
      <button
        type="button"
        data-testid="forward-add"
        onClick={() => onChange([...rules, { url: '', events: '', proxy: false }])}
      >
        Add target
      </button>
    </fieldset>
  );
}
