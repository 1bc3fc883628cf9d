import { useEffect, useState, type FormEvent } from 'react';
import type { AccountView, SubscriptionStep } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';
import type { ApiSubscriptionProvider } from '../providers/provider-catalog';

const STEP_LABELS: Record<SubscriptionStep['step'], string> = {
  'request-sent': 'Request sent',
  'challenge-received': 'Challenge received',
  'challenge-answered': 'Challenge answered',
  'subscription-created': 'Subscription created',
  failed: 'Failed',
};

/** One-click subscription: a provider's challenge (Preservica's) is answered while the steps show live. */
export function CreateSubscription({
  accounts,
  providers,
  onCreated,
}: {
  accounts: AccountView[];
  /** Providers with a subscription API: the event field's label and suggestions. */
  providers: readonly ApiSubscriptionProvider[];
  onCreated: () => void;
}) {
  const { api } = useServices();
  const [accountId, setAccountId] = useState('');
  const [endpointPath, setEndpointPath] = useState('/preservica');
  const [event, setEvent] = useState('MOVED');
  const [runId, setRunId] = useState<string | null>(null);
  const [steps, setSteps] = useState<SubscriptionStep[]>([]);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const account = accounts.find((item) => item.id === accountId) ?? accounts[0];
  const subscription = providers.find((item) => item.id === account?.provider)?.subscription;
  const suggestions = subscription?.eventSuggestions ?? [];

  useEffect(() => {
    if (!runId) return;
    return api.on('subscriptions:progressed', (step) => {
      if (step.runId === runId) setSteps((current) => [...current, step]);
    });
  }, [api, runId]);

  if (accounts.length === 0)
    return (
      <p className="muted">
        Save {providers.length > 0 ? `a ${providers.map((item) => item.name).join(' or ')}` : 'an'}{' '}
        account to subscribe.
      </p>
    );

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault();
    if (!account) return;
    const id = `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setRunId(id);
    setSteps([]);
    setOutcome(null);
    setBusy(true);
    const result = await api.call('subscriptions:create', {
      accountId: account.id,
      endpointPath,
      event,
      runId: id,
    });
    setBusy(false);
    setOutcome(
      result.ok
        ? { ok: true, message: `Subscribed ${result.value.url} (id ${result.value.remoteId}).` }
        : { ok: false, message: result.error.message },
    );
    if (result.ok) onCreated();
  };

  return (
    <div className="subscriptions-block" data-testid="create-subscription">
      <h3 className="panel-subtitle">Subscribe</h3>
      <form className="tunnel-form" onSubmit={(e) => void submit(e)}>
        <label className="form-field">
          <span className="form-label">Account</span>
          <select
            className="select"
            data-testid="subscribe-account"
            value={account?.id ?? ''}
            onChange={(e) => setAccountId(e.target.value)}
          >
            {accounts.map((item) => (
              <option key={item.id} value={item.id}>
                {item.id}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-label">Endpoint path</span>
          <input
            className="search-input"
            data-testid="subscribe-endpoint"
            value={endpointPath}
            onChange={(e) => setEndpointPath(e.target.value)}
          />
        </label>
        <label className="form-field">
          <span className="form-label">{subscription?.eventLabel ?? 'Event'}</span>
          <input
            className="search-input"
            data-testid="subscribe-event"
            list="subscribe-event-suggestions"
            value={event}
            onChange={(e) => setEvent(e.target.value)}
          />
          <datalist id="subscribe-event-suggestions">
            {suggestions.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </label>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-small"
            data-testid="subscribe-submit"
            disabled={busy}
          >
            {busy ? 'Subscribing…' : 'Subscribe the public URL'}
          </button>
        </div>
      </form>
      {steps.length > 0 && (
        <ol className="subscribe-steps" data-testid="subscribe-steps">
          {steps.map((step) => (
            <li
              key={`${step.at}-${step.step}`}
              className={`subscribe-step subscribe-step-${step.step}`}
              data-step={step.step}
            >
              <strong>{STEP_LABELS[step.step]}</strong> <span className="muted">{step.detail}</span>
            </li>
          ))}
        </ol>
      )}
      {outcome && (
        <p
          className={outcome.ok ? 'form-ok' : 'form-error'}
          role="status"
          data-testid="subscribe-outcome"
        >
          {outcome.message}
        </p>
      )}
    </div>
  );
}
