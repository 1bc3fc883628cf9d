import { useCallback, useEffect, useState } from 'react';
import type { AccountView, SubscriptionsList } from '../../../../electron/contract/subscriptions';
import { useServices } from '../../app-context';
import {
  apiSubscriptionProviders,
  manualSubscriptionProviders,
  useProviderCatalog,
} from '../providers/provider-catalog';
import { AccountsSection } from './accounts-section';
import { CreateSubscription } from './create-subscription';
import { ManualSetup } from './manual-setup';
import { SubscriptionList } from './subscription-list';

/** Accounts, one-click subscriptions, the ones Hookscope made, and by-hand setups. */
export function SubscriptionsPanel() {
  const { api } = useServices();
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [list, setList] = useState<SubscriptionsList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const catalog = useProviderCatalog();
  const apiProviders = apiSubscriptionProviders(catalog);

  // Bumped to list again (after a change here, or a re-point pushed by the engine).
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    void Promise.all([api.call('accounts:list'), api.call('subscriptions:list')]).then(
      ([listedAccounts, listed]) => {
        if (!live) return;
        if (listedAccounts.ok) setAccounts(listedAccounts.value);
        if (listed.ok) setList(listed.value);
        const failure = !listedAccounts.ok
          ? listedAccounts.error
          : !listed.ok
            ? listed.error
            : null;
        setError(failure ? failure.message : null);
      },
    );
    return () => {
      live = false;
    };
  }, [api, version]);

  useEffect(() => api.on('subscriptions:repointed', refresh), [api, refresh]);

  return (
    <section className="tunnel-panel" data-testid="subscriptions-panel">
      <h2 className="panel-title">Subscriptions</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <CreateSubscription accounts={accounts} providers={apiProviders} onCreated={refresh} />
      <SubscriptionList list={list} onChanged={refresh} />
      <ManualSetup providers={manualSubscriptionProviders(catalog)} />
      <AccountsSection accounts={accounts} providers={apiProviders} onChanged={refresh} />
    </section>
  );
}
