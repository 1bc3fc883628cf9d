// The engine's provider list (`providers:list`), fetched once per api: features ask it what a
// provider can do (subscribe through an API, be set up by hand, confirm on request) instead of
// branching on provider ids.
import { useEffect, useState } from 'react';
import type { ProviderInfo } from '../../../../electron/contract/capture-rules';
import type { AppApi } from '../../api';
import { useServices } from '../../app-context';

const catalogs = new WeakMap<AppApi, Promise<ProviderInfo[]>>();

export function loadProviderCatalog(api: AppApi): Promise<ProviderInfo[]> {
  let catalog = catalogs.get(api);
  if (!catalog) {
    catalog = api.call('providers:list').then(
      (result) => (result.ok ? result.value : []),
      () => [],
    );
    // A failed load is not cached: the next caller asks again.
    void catalog.then((providers) => {
      if (providers.length === 0) catalogs.delete(api);
    });
    catalogs.set(api, catalog);
  }
  return catalog;
}

/** The provider list; empty until it arrives. */
export function useProviderCatalog(): ProviderInfo[] {
  const { api } = useServices();
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  useEffect(() => {
    let live = true;
    void loadProviderCatalog(api).then((loaded) => {
      if (live) setProviders(loaded);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return providers;
}

export type ApiSubscriptionInfo = Extract<
  NonNullable<ProviderInfo['subscription']>,
  { kind: 'api' }
>;

export interface ApiSubscriptionProvider {
  id: string;
  name: string;
  subscription: ApiSubscriptionInfo;
}

/** Providers whose webhooks Hookscope registers through their API, with what that takes. */
export function apiSubscriptionProviders(
  providers: readonly ProviderInfo[],
): ApiSubscriptionProvider[] {
  return providers.flatMap((provider) =>
    provider.subscription?.kind === 'api'
      ? [{ id: provider.id, name: provider.name, subscription: provider.subscription }]
      : [],
  );
}

/** Providers set up by hand (no webhook API). */
export function manualSubscriptionProviders(providers: readonly ProviderInfo[]): ProviderInfo[] {
  return providers.filter((provider) => provider.subscription?.kind === 'manual');
}
