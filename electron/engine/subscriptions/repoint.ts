import { findProvider } from '../providers/registry';
import type { SubscriptionConnection } from '../providers/types';
import { findApiSubscriber } from './capabilities';
import type { RegisteredSubscription, SubscriptionRegistry } from './registry';

export interface RepointResult {
  /** Registry id of the subscription. */
  id: string;
  provider: RegisteredSubscription['provider'];
  ok: boolean;
  /** What happened, including anything left for the person to clean up. */
  message: string;
  /** The provider's id after the move (a re-subscription gets a new one). */
  remoteId: string;
  url: string;
}

export interface RepointDependencies {
  registry: SubscriptionRegistry;
  /** The provider API client of an account; may throw (e.g. the account's secret is gone). */
  connection(accountId: string): SubscriptionConnection;
}

/**
 * The URL a subscription should move to, or null when it does not live under `oldUrl`.
 * `https://a.ngrok.app` moves `https://a.ngrok.app/preservica` to `<newUrl>/preservica`.
 */
export function movedUrl(url: string, oldUrl: string, newUrl: string): string | null {
  const from = oldUrl.replace(/\/+$/, '');
  const to = newUrl.replace(/\/+$/, '');
  if (!url.startsWith(from)) return null;
  const rest = url.slice(from.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return null;
  return `${to}${rest}`;
}

export function createRepointer(deps: RepointDependencies) {
  const { registry } = deps;

  /**
   * Without an update call (Preservica): subscribe the new URL first, then remove the old
   * subscription. If the new URL cannot be subscribed (tunnel not ready, challenge failed) the old
   * subscription stays registered and reported, instead of leaving the person with nothing.
   */
  async function resubscribe(
    entry: RegisteredSubscription,
    url: string,
    client: SubscriptionConnection,
    name: string,
    needsSecret: boolean,
  ): Promise<RepointResult> {
    const report = (
      ok: boolean,
      message: string,
      remoteId = entry.remoteId,
      at = entry.url,
    ): RepointResult => ({
      id: entry.id,
      provider: entry.provider,
      ok,
      message,
      remoteId,
      url: at,
    });
    const secret = registry.secretOf(entry.id);
    if (needsSecret && secret === null) {
      return report(
        false,
        `The shared secret of ${name} subscription ${entry.remoteId} is missing from the secret store; it still points at ${entry.url}. Subscribe ${url} again by hand.`,
      );
    }
    let newRemoteId: string;
    const created = await client.subscribe({
      url,
      event: entry.event,
      ...(secret !== null ? { secret } : {}),
    });
    if (created.ok) {
      newRemoteId = created.value.id;
    } else if (created.error.code === 'duplicate') {
      // A previous, interrupted re-point already subscribed the new URL: adopt that subscription.
      const listed = await client.list();
      const twin = listed.ok
        ? listed.value.find((item) => item.url === url && item.event === entry.event)
        : undefined;
      if (!twin)
        return report(
          false,
          `${created.error.message} Could not find it again to adopt it; ${entry.url} is still subscribed.`,
        );
      newRemoteId = twin.id;
    } else {
      return report(
        false,
        `Could not subscribe ${url}: ${created.error.message} The old subscription ${entry.remoteId} (${entry.url}) was left in place.`,
      );
    }

    const removed = await client.unsubscribe(entry.remoteId);
    const oldGone = removed.ok || removed.error.code === 'not-found';
    const twinEntry = registry.findByRemote(entry.provider, entry.accountId, newRemoteId);
    if (twinEntry && twinEntry.id !== entry.id) {
      // Another record already holds the new subscription: keep one record for it.
      if (oldGone) registry.remove(entry.id);
    } else if (oldGone) {
      registry.update(entry.id, { remoteId: newRemoteId, url });
    } else {
      // The new subscription is live and must be recorded; the old one stays recorded too, so it
      // is neither lost at the provider nor forgotten here.
      registry.update(entry.id, { remoteId: newRemoteId, url });
      registry.add(
        {
          provider: entry.provider,
          accountId: entry.accountId,
          remoteId: entry.remoteId,
          endpointPath: entry.endpointPath,
          url: entry.url,
          event: entry.event,
        },
        secret ?? undefined,
      );
    }
    if (!oldGone) {
      return report(
        false,
        `Subscribed ${url} (id ${newRemoteId}) but could not remove the old subscription ${entry.remoteId} (${entry.url}): ${removed.ok ? '' : removed.error.message} Both are recorded; unsubscribe ${entry.remoteId} when ${name} answers again.`,
        newRemoteId,
        url,
      );
    }
    return report(
      true,
      `Re-subscribed ${entry.event} to ${url} (id ${newRemoteId}) and removed ${entry.remoteId}.`,
      newRemoteId,
      url,
    );
  }

  /** With an update call (Keyclic's PATCH): the subscription keeps its id. */
  async function update(
    entry: RegisteredSubscription,
    url: string,
    client: SubscriptionConnection,
    name: string,
    move: NonNullable<SubscriptionConnection['update']>,
  ): Promise<RepointResult> {
    const report = (ok: boolean, message: string, at = entry.url): RepointResult => ({
      id: entry.id,
      provider: entry.provider,
      ok,
      message,
      remoteId: entry.remoteId,
      url: at,
    });
    const updated = await move.call(client, entry.remoteId, { url });
    if (updated.ok) {
      registry.update(entry.id, { url });
      return report(
        true,
        `${name} webhook ${entry.remoteId} (${entry.event}) now posts to ${url}.`,
        url,
      );
    }
    if (updated.error.code === 'not-found') {
      registry.remove(entry.id);
      return report(
        false,
        `${name} webhook ${entry.remoteId} no longer exists (deleted outside Hookscope); removed it from the list. Create it again for ${url} if still needed.`,
      );
    }
    return report(
      false,
      `Could not move ${name} webhook ${entry.remoteId} to ${url}: ${updated.error.message} It still posts to ${entry.url}.`,
    );
  }

  async function repointOne(entry: RegisteredSubscription, url: string): Promise<RepointResult> {
    const name = findProvider(entry.provider)?.name ?? entry.provider;
    const failure = (message: string): RepointResult => ({
      id: entry.id,
      provider: entry.provider,
      ok: false,
      message,
      remoteId: entry.remoteId,
      url: entry.url,
    });
    const subscriber = findApiSubscriber(entry.provider);
    if (!subscriber)
      return failure(
        `Hookscope has no webhook API for "${entry.provider}"; ${entry.remoteId} still points at ${entry.url}.`,
      );
    let client: SubscriptionConnection;
    try {
      client = deps.connection(entry.accountId);
    } catch (error) {
      return failure(
        `Cannot use ${name} account ${entry.accountId}: ${(error as Error).message} Subscription ${entry.remoteId} still points at ${entry.url}.`,
      );
    }
    return client.update
      ? update(entry, url, client, name, client.update)
      : resubscribe(entry, url, client, name, subscriber.api.endpoint.handshake);
  }

  return {
    /**
     * Moves every recorded subscription under `oldUrl` to `newUrl`, one at a time, and reports
     * each one; a failure never stops the others.
     */
    async repointAll(oldUrl: string, newUrl: string): Promise<RepointResult[]> {
      const results: RepointResult[] = [];
      for (const entry of registry.list()) {
        const url = movedUrl(entry.url, oldUrl, newUrl);
        if (url === null || url === entry.url) continue;
        try {
          results.push(await repointOne(entry, url));
        } catch (error) {
          // e.g. the registry file could not be written: the provider side may have moved already.
          results.push({
            id: entry.id,
            provider: entry.provider,
            ok: false,
            message: `Re-pointing ${entry.url} to ${url} stopped unexpectedly: ${(error as Error).message} Check the subscriptions at ${entry.provider}.`,
            remoteId: entry.remoteId,
            url: entry.url,
          });
        }
      }
      return results;
    },
  };
}

export type Repointer = ReturnType<typeof createRepointer>;
