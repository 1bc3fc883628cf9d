import type { KeyclicClient } from './keyclic-client';
import type { PreservicaClient } from './preservica-client';
import type { RegisteredSubscription, SubscriptionRegistry } from './registry';

export interface RepointResult {
  /** Registry id of the subscription. */
  id: string;
  provider: RegisteredSubscription['provider'];
  ok: boolean;
  /** What happened, including anything left for the person to clean up. */
  message: string;
  /** The provider's id after the move (Preservica gives a new one). */
  remoteId: string;
  url: string;
}

export interface RepointDependencies {
  registry: SubscriptionRegistry;
  /** Clients per provider account; may throw (e.g. the account's secret is gone). */
  preservicaClient(accountId: string): PreservicaClient;
  keyclicClient(accountId: string): KeyclicClient;
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
   * Preservica has no update call. Subscribe the new URL first, then remove the old subscription:
   * if the new URL cannot be subscribed (tunnel not ready, challenge failed) the old subscription
   * stays registered and reported, instead of leaving the person with nothing.
   */
  async function repointPreservica(
    entry: RegisteredSubscription,
    url: string,
  ): Promise<RepointResult> {
    const report = (
      ok: boolean,
      message: string,
      remoteId = entry.remoteId,
      at = entry.url,
    ): RepointResult => ({
      id: entry.id,
      provider: 'preservica',
      ok,
      message,
      remoteId,
      url: at,
    });
    const secret = registry.secretOf(entry.id);
    if (secret === null) {
      return report(
        false,
        `The shared secret of Preservica subscription ${entry.remoteId} is missing from the secret store; it still points at ${entry.url}. Subscribe ${url} again by hand.`,
      );
    }
    let client: PreservicaClient;
    try {
      client = deps.preservicaClient(entry.accountId);
    } catch (error) {
      return report(
        false,
        `Cannot use Preservica account ${entry.accountId}: ${(error as Error).message} Subscription ${entry.remoteId} still points at ${entry.url}.`,
      );
    }
    let newRemoteId: string;
    const created = await client.subscribe({ url, triggerType: entry.event, secret });
    if (created.ok) {
      newRemoteId = created.value.id;
    } else if (created.error.code === 'duplicate') {
      // A previous, interrupted re-point already subscribed the new URL: adopt that subscription.
      const listed = await client.list();
      const twin = listed.ok
        ? listed.value.find((item) => item.url === url && item.triggerType === entry.event)
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
    const twinEntry = registry.findByRemote('preservica', entry.accountId, newRemoteId);
    if (twinEntry && twinEntry.id !== entry.id) {
      // Another record already holds the new subscription: keep one record for it.
      if (oldGone) registry.remove(entry.id);
    } else if (oldGone) {
      registry.update(entry.id, { remoteId: newRemoteId, url });
    } else {
      // The new subscription is live and must be recorded; the old one stays recorded too, so it
      // is neither lost at Preservica nor forgotten here.
      registry.update(entry.id, { remoteId: newRemoteId, url });
      registry.add(
        {
          provider: 'preservica',
          accountId: entry.accountId,
          remoteId: entry.remoteId,
          endpointPath: entry.endpointPath,
          url: entry.url,
          event: entry.event,
        },
        secret,
      );
    }
    if (!oldGone) {
      return report(
        false,
        `Subscribed ${url} (id ${newRemoteId}) but could not remove the old subscription ${entry.remoteId} (${entry.url}): ${removed.ok ? '' : removed.error.message} Both are recorded; unsubscribe ${entry.remoteId} when Preservica answers again.`,
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

  async function repointKeyclic(
    entry: RegisteredSubscription,
    url: string,
  ): Promise<RepointResult> {
    const report = (ok: boolean, message: string, at = entry.url): RepointResult => ({
      id: entry.id,
      provider: 'keyclic',
      ok,
      message,
      remoteId: entry.remoteId,
      url: at,
    });
    let client: KeyclicClient;
    try {
      client = deps.keyclicClient(entry.accountId);
    } catch (error) {
      return report(
        false,
        `Cannot use Keyclic account ${entry.accountId}: ${(error as Error).message} Webhook ${entry.remoteId} still points at ${entry.url}.`,
      );
    }
    const updated = await client.update(entry.remoteId, { payloadUrl: url });
    if (updated.ok) {
      registry.update(entry.id, { url });
      return report(
        true,
        `Keyclic webhook ${entry.remoteId} (${entry.event}) now posts to ${url}.`,
        url,
      );
    }
    if (updated.error.code === 'not-found') {
      registry.remove(entry.id);
      return report(
        false,
        `Keyclic webhook ${entry.remoteId} no longer exists (deleted outside Hookscope); removed it from the list. Create it again for ${url} if still needed.`,
      );
    }
    return report(
      false,
      `Could not move Keyclic webhook ${entry.remoteId} to ${url}: ${updated.error.message} It still posts to ${entry.url}.`,
    );
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
          results.push(
            entry.provider === 'preservica'
              ? await repointPreservica(entry, url)
              : await repointKeyclic(entry, url),
          );
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
