import { useState, type FormEvent } from 'react';
import type { AccountSaveInput, AccountView } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';
import type { ApiSubscriptionInfo, ApiSubscriptionProvider } from '../providers/provider-catalog';

/** Provider accounts: settings listed, passwords and tokens only ever written. */
export function AccountsSection({
  accounts,
  providers,
  onChanged,
}: {
  accounts: AccountView[];
  /** Providers with a subscription API, with the account fields each declares. */
  providers: readonly ApiSubscriptionProvider[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [chosen, setChosen] = useState<string | null>(null);
  const provider = providers.find((item) => item.id === chosen) ?? providers[0];
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: string, value: string) => setFields((f) => ({ ...f, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!provider) return;
    // Only this provider's fields, and no empty optional one (the engine checks the rest).
    const values = Object.fromEntries(
      provider.subscription.accountFields.flatMap((field) => {
        const value = fields[field.name] ?? '';
        return value === '' && field.optional ? [] : [[field.name, value]];
      }),
    );
    const input: AccountSaveInput = { ...values, provider: provider.id };
    const result = await api.call('accounts:save', input);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    // Secrets are written once and never kept in the form.
    setFields((f) =>
      Object.fromEntries(
        Object.entries(f).filter(
          ([name]) =>
            !providers.some((item) =>
              item.subscription.accountFields.some(
                (field) => field.name === name && field.kind === 'secret',
              ),
            ),
        ),
      ),
    );
    onChanged();
  };
  const remove = async (id: string) => {
    const result = await api.call('accounts:remove', { id });
    if (!result.ok) setError(result.error.message);
    onChanged();
  };
  const input = (field: ApiSubscriptionInfo['accountFields'][number]) => (
    <label className="form-field" key={field.name}>
      <span className="form-label">{field.label}</span>
      <input
        className="search-input"
        data-testid={`account-${field.name}`}
        type={field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : 'text'}
        value={fields[field.name] ?? ''}
        onChange={(event) => set(field.name, event.target.value)}
      />
    </label>
  );

  return (
    <div className="subscriptions-block" data-testid="accounts">
      <h3 className="panel-subtitle">Provider accounts</h3>
      {accounts.length === 0 ? (
        <p className="muted">No account yet.</p>
      ) : (
        <ul className="plain-list">
          {accounts.map((account) => (
            <li key={account.id} data-testid="account-row">
              <code>{account.id}</code>{' '}
              {!account.secretSaved && <span className="tag tag-warning">secret missing</span>}
              <button
                type="button"
                className="button button-tiny button-danger-ghost"
                onClick={() => void remove(account.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="tunnel-form" onSubmit={(event) => void save(event)}>
        <label className="form-field">
          <span className="form-label">Provider</span>
          <select
            className="select"
            data-testid="account-provider"
            value={provider?.id ?? ''}
            onChange={(event) => setChosen(event.target.value)}
          >
            {providers.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        {provider?.subscription.accountFields.map(input)}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-small" data-testid="account-save">
            Save account
          </button>
        </div>
      </form>
    </div>
  );
}
