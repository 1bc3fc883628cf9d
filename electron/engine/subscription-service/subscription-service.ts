import { randomBytes } from 'node:crypto';
import type { TunnelUrlChanged } from '../../contract/tunnel';
import type {
  AccountSaveInput,
  AccountView,
  ManualSetupView,
  RegisteredSubscriptionView,
  RepointResultView,
  SubscriptionsList,
} from '../../contract/subscriptions';
import type { EngineEvents } from '../events/engine-events';
import type { EndpointConfig } from '../receiver/types';
import type { SecretVault } from '../secrets/types';
import type { DeliveryStore } from '../store/types';
import {
  accountSecretKey,
  AccountError,
  createAccountBook,
  createRepointer,
  createSubscriptionRegistry,
  movedUrl,
  requireApiSubscriber,
  requireManualSubscriber,
  SubscriptionCapabilityError,
  waitForFirstDelivery,
  webhookUrl,
  type ApiSubscriber,
  type ChallengeWatch,
  type ProviderAccount,
  type ProviderConnection,
  type SubscriptionConnection,
} from '../subscriptions';
import { SubscriptionServiceError, toServiceError } from './subscription-errors';
import { createSubscriptionSettings } from './subscription-settings';

export interface SubscriptionServiceOptions {
  dataDir: string;
  vault: SecretVault;
  events: EngineEvents;
  challengeWatch: ChallengeWatch;
  store: Pick<DeliveryStore, 'onChange'>;
  endpoints(): readonly EndpointConfig[];
  setEndpoints(endpoints: EndpointConfig[]): void;
  /** The tunnel's public URL now, or null. */
  publicUrl(): string | null;
  /** The receiver's local URL, for setups shown while no tunnel is up. */
  receiverUrl(): string;
  /** The public URL before the last change, or null. */
  previousPublicUrl(): string | null;
  /** Arms an endpoint's handshake answers for `ms` (capture rules), while a subscribe flow runs. */
  arm?(path: string, ms: number): void;
  onError: (error: Error, context: string) => void;
}

export interface CreateSubscription {
  accountId: string;
  endpointPath: string;
  event: string;
  url?: string;
  includeIdentifiers?: boolean;
  runId?: string;
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;

const fail = (code: SubscriptionServiceError['code'], message: string) =>
  new SubscriptionServiceError(code, message);

/**
 * Accounts, subscriptions and re-pointing for the contract calls and the CLI: everything
 * electron/engine/subscriptions offers, wired to this engine's endpoints, tunnel and events.
 */
export function createSubscriptionService(options: SubscriptionServiceOptions) {
  const { vault, events } = options;
  const accounts = createAccountBook(options.dataDir, vault);
  const registry = createSubscriptionRegistry(options.dataDir, vault);
  const settings = createSubscriptionSettings(options.dataDir, (error) =>
    options.onError(error, 'subscription settings'),
  );

  function connectionOf(accountId: string): ProviderConnection {
    try {
      return accounts.connection(accountId);
    } catch (error) {
      if (error instanceof AccountError) {
        const missing = accounts.get(accountId) === null;
        throw fail(missing ? 'not-found' : 'unavailable', error.message);
      }
      throw error;
    }
  }
  /** The account's provider API capability; the account file only holds providers that have one. */
  function subscriberOf(account: ProviderAccount): ApiSubscriber {
    try {
      return requireApiSubscriber(account.provider);
    } catch (error) {
      if (error instanceof SubscriptionCapabilityError) throw fail('invalid-input', error.message);
      throw error;
    }
  }
  const connect = (accountId: string): SubscriptionConnection => {
    const connection = connectionOf(accountId);
    return requireApiSubscriber(connection.provider).api.connect(connection);
  };
  const repointer = createRepointer({ registry, connection: connect });

  function accountView(account: ProviderAccount): AccountView {
    return { ...account, secretSaved: vault.get(accountSecretKey(account.id)) !== null };
  }

  function requireAccount(accountId: string): ProviderAccount {
    const account = accounts.get(accountId);
    if (!account) throw fail('not-found', `No provider account "${accountId}".`);
    return account;
  }

  /**
   * The endpoint a subscription lands on, and its shared secret when the provider challenges the URL
   * with one during the call (its capability's `endpoint.handshake`). A missing endpoint is created
   * (this provider, handshakes on, a fresh secret): the subscription is one click.
   */
  function prepareEndpoint(subscriber: ApiSubscriber, path: string): { secret?: string } {
    if (!subscriber.api.endpoint.handshake) return {};
    const { provider } = subscriber;
    const current = options.endpoints();
    const existing = current.find((endpoint) => endpoint.path === path);
    if (existing && existing.provider !== provider.id) {
      throw fail(
        'invalid-input',
        `The endpoint ${path} is set up for ${existing.provider ?? 'no provider'}; ${provider.name}'s challenge would not be answered there. Use another path or switch it to ${provider.name}.`,
      );
    }
    if (existing && existing.handshake === false) {
      throw fail(
        'invalid-input',
        `The endpoint ${path} has handshakes turned off, so ${provider.name}'s challenge would go unanswered; turn them on first.`,
      );
    }
    const secret = existing?.secrets?.[0];
    if (existing && secret) return { secret };
    const fresh = randomBytes(32).toString('hex');
    const endpoint: EndpointConfig = existing
      ? { ...existing, handshake: true, secrets: [fresh] }
      : { path, provider: provider.id, handshake: true, secrets: [fresh] };
    options.setEndpoints([...current.filter((item) => item.path !== path), endpoint]);
    return { secret: fresh };
  }

  function subscriptionUrl(endpointPath: string, url: string | undefined): string {
    if (url) return url;
    const publicUrl = options.publicUrl();
    if (!publicUrl) {
      throw fail(
        'unavailable',
        'No public URL: start a tunnel first (the provider must reach this machine), or give the URL to subscribe.',
      );
    }
    return webhookUrl(publicUrl, endpointPath);
  }

  /** Runs the provider's subscribe call, its steps pushed as `subscriptions:progressed`. */
  async function createSubscription(
    account: ProviderAccount,
    input: CreateSubscription,
  ): Promise<RegisteredSubscriptionView> {
    const subscriber = subscriberOf(account);
    const url = subscriptionUrl(input.endpointPath, input.url);
    const { secret } = prepareEndpoint(subscriber, input.endpointPath);
    const event = subscriber.api.apiEvent(input.event);
    const outcome = await connect(account.id).subscribe(
      {
        url,
        event: input.event,
        ...(secret !== undefined ? { secret } : {}),
        ...(input.includeIdentifiers !== undefined
          ? { includeIdentifiers: input.includeIdentifiers }
          : {}),
      },
      {
        watchChallenges: (listener) => options.challengeWatch.watch(input.endpointPath, listener),
        onStep: ({ step, detail }) =>
          events.emit('subscriptions:progressed', {
            runId: input.runId ?? null,
            endpointPath: input.endpointPath,
            step,
            detail,
            at: Date.now(),
          }),
      },
    );
    if (!outcome.ok) throw toServiceError(outcome.error);
    return registry.add(
      {
        provider: account.provider,
        accountId: account.id,
        remoteId: outcome.value.id,
        endpointPath: input.endpointPath,
        url,
        event,
      },
      secret,
    );
  }

  async function repoint(
    from: string | null,
    to: string | null,
    automatic: boolean,
  ): Promise<RepointResultView[]> {
    if (!from || !to) {
      throw fail(
        'invalid-input',
        'Nothing to re-point: there is no earlier public URL, or no current one (start the tunnel).',
      );
    }
    for (const entry of registry.list()) options.arm?.(entry.endpointPath, 120_000);
    const results = await repointer.repointAll(from, to);
    events.emit('subscriptions:repointed', { from, to, automatic, results });
    return results;
  }

  return {
    accounts: {
      list: (): AccountView[] => accounts.list().map(accountView),
      save(input: AccountSaveInput): AccountView {
        const { id, ...connection } = input;
        try {
          return accountView(accounts.save(connection as ProviderConnection, id));
        } catch (error) {
          if (error instanceof AccountError) throw fail('invalid-input', error.message);
          throw error;
        }
      },
      remove: (id: string): boolean => accounts.remove(id),
      /** For the CLI: the book itself (connection settings with secrets). */
      book: accounts,
    },
    registry,

    async list(accountId?: string): Promise<SubscriptionsList> {
      const registered = registry
        .list()
        .filter((entry) => accountId === undefined || entry.accountId === accountId);
      let remote: SubscriptionsList['remote'] = null;
      if (accountId !== undefined) {
        const account = requireAccount(accountId);
        const registeredId = (remoteId: string) =>
          registry.findByRemote(account.provider, account.id, remoteId)?.id ?? null;
        const listed = await connect(account.id).list();
        if (!listed.ok) throw toServiceError(listed.error);
        remote = listed.value.map((item) => ({
          remoteId: item.id,
          url: item.url,
          event: item.event,
          registeredId: registeredId(item.id),
        }));
      }
      return { registered, remote, autoRepoint: settings.get().autoRepoint };
    },

    /** Steps (a challenge the receiver answers meanwhile, ...) are pushed as `subscriptions:progressed`. */
    async create(input: CreateSubscription): Promise<RegisteredSubscriptionView> {
      options.arm?.(input.endpointPath, 120_000);
      return createSubscription(requireAccount(input.accountId), input);
    },

    /** By registry id, or by the provider's id within an account. */
    async remove(
      target: { id: string } | { accountId: string; remoteId: string },
    ): Promise<boolean> {
      const entry =
        'id' in target
          ? registry.get(target.id)
          : (registry
              .list()
              .find(
                (item) => item.accountId === target.accountId && item.remoteId === target.remoteId,
              ) ?? null);
      if ('id' in target && !entry) {
        throw fail('not-found', `No subscription ${target.id} was created by Hookscope.`);
      }
      const accountId = entry?.accountId ?? ('accountId' in target ? target.accountId : '');
      const remoteId = entry?.remoteId ?? ('remoteId' in target ? target.remoteId : '');
      subscriberOf(requireAccount(accountId));
      const removed = await connect(accountId).unsubscribe(remoteId);
      // Gone at the provider either way: forget the record too.
      if (removed.ok || removed.error.code === 'not-found') {
        if (entry) registry.remove(entry.id);
        if (removed.ok || entry) return true;
      }
      if (!removed.ok) throw toServiceError(removed.error);
      return true;
    },

    repoint(from?: string, to?: string): Promise<RepointResultView[]> {
      return repoint(from ?? options.previousPublicUrl(), to ?? options.publicUrl(), false);
    },

    settings,

    manualSetup(input: {
      provider: string;
      endpointPath: string;
      publicUrl?: string;
    }): ManualSetupView {
      let manual;
      try {
        manual = requireManualSubscriber(input.provider).manual;
      } catch (error) {
        if (error instanceof SubscriptionCapabilityError)
          throw fail('invalid-input', error.message);
        throw error;
      }
      const tunnelUrl = options.publicUrl();
      const publicUrl = input.publicUrl ?? tunnelUrl ?? options.receiverUrl();
      const endpoint = options.endpoints().find((item) => item.path === input.endpointPath);
      const setup = manual.setup({
        publicUrl,
        endpointPath: input.endpointPath,
        ...(endpoint ? { endpoint } : {}),
      });
      return { ...setup, publicUrlIsTunnel: input.publicUrl !== undefined || tunnelUrl !== null };
    },

    waitForFirstDelivery: (endpointPath: string, timeoutMs: number, signal?: AbortSignal) =>
      waitForFirstDelivery(options.store, endpointPath, timeoutMs, signal),

    /**
     * The tunnel announced a new public URL: say so (with how many subscriptions still point at
     * the old one), and re-point them when the person opted in. Each result is pushed.
     */
    onUrlChanged(change: { previous: string; current: string; at: number }): void {
      let affectedSubscriptions = 0;
      try {
        affectedSubscriptions = registry
          .list()
          .filter((entry) => movedUrl(entry.url, change.previous, change.current) !== null).length;
      } catch (error) {
        // An unreadable registry must not hide the URL change itself: announce it regardless.
        options.onError(error as Error, 'reading the subscriptions registry');
      }
      const { autoRepoint } = settings.get();
      const payload: TunnelUrlChanged = { ...change, affectedSubscriptions, autoRepoint };
      events.emit('tunnel:url-changed', payload);
      if (autoRepoint && affectedSubscriptions > 0) {
        repoint(change.previous, change.current, true).catch((error: unknown) =>
          options.onError(error as Error, 're-pointing subscriptions'),
        );
      }
    },
  };
}
