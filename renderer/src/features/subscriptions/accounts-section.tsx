import { useState, type FormEvent } from 'react';
import type { AccountSaveInput, AccountView } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';

/** Provider accounts: settings listed, passwords and tokens only ever written. */
export function AccountsSection({
  accounts,
  onChanged,
}: {
  accounts: AccountView[];
  onChanged: () => void;
}) {
  const { api } = useServices();
  const [provider, setProvider] = useState<'preservica' | 'keyclic'>('preservica');
  const [fields, setFields] = useState({
    server: '',
    username: '',
    password: '',
    tenant: '',
    token: '',
    organization: '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof fields, value: string) =>
    setFields((f) => ({ ...f, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input: AccountSaveInput =
      provider === 'preservica'
        ? {
            provider,
            server: fields.server,
            username: fields.username,
            password: fields.password,
            ...(fields.tenant ? { tenant: fields.tenant } : {}),
          }
        : {
            provider,
            server: fields.server,
            token: fields.token,
            organization: fields.organization,
          };
    const result = await api.call('accounts:save', input);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setFields((f) => ({ ...f, password: '', token: '' }));
    onChanged();
  };
  const remove = async (id: string) => {
    const result = await api.call('accounts:remove', { id });
    if (!result.ok) setError(result.error.message);
    onChanged();
  };
  const input = (key: keyof typeof fields, label: string, type = 'text') => (
    <label className="form-field">
      <span className="form-label">{label}</span>
      <input
        className="search-input"
        data-testid={`account-${key}`}
        type={type}
        value={fields[key]}
        onChange={(event) => set(key, event.target.value)}
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
            value={provider}
            onChange={(event) => setProvider(event.target.value as typeof provider)}
          >
            <option value="preservica">Preservica</option>
            <option value="keyclic">Keyclic</option>
          </select>
        </label>
        {input('server', 'Server', 'url')}
        {provider === 'preservica' ? (
          <>
            {input('username', 'Username')}
            {input('password', 'Password', 'password')}
            {input('tenant', 'Tenant (optional)')}
          </>
        ) : (
          <>
            {input('token', 'API token', 'password')}
            {input('organization', 'Organization id')}
          </>
        )}
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
