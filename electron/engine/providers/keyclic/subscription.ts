import type { ApiSubscription, RemoteSubscription, SubscriptionConnection } from '../types';
import { KEYCLIC_EVENT_NAMES, keyclicApiEventName } from './events';
import { createKeyclicClient, KEYCLIC_EVENTS, type KeyclicWebhook } from './subscription-client';

/**
 * The canonical (snake_case, the seed documentation's) names the API can subscribe to: those whose
 * camelCase spelling is in the WebhookData `event` enum (not `operation_removed`).
 */
const SUBSCRIBABLE = KEYCLIC_EVENT_NAMES.filter((name) =>
  (KEYCLIC_EVENTS as readonly string[]).includes(keyclicApiEventName(name)),
);

const FIELDS = [
  {
    name: 'server',
    label: 'Server',
    kind: 'url',
    env: 'KEYCLIC_SERVER',
    default: 'https://api.keyclic.com',
    maxLength: 2_000,
  },
  { name: 'token', label: 'API token', kind: 'secret', env: 'KEYCLIC_TOKEN', maxLength: 5_000 },
  {
    name: 'organization',
    label: 'Organization id',
    kind: 'text',
    env: 'KEYCLIC_ORGANIZATION',
    maxLength: 200,
  },
] as const satisfies ApiSubscription['accountFields'];

const remote = (webhook: KeyclicWebhook): RemoteSubscription => ({
  id: webhook.id,
  url: webhook.payloadUrl,
  event: webhook.event,
});

/**
 * Keyclic's webhook API (keyclic-sdk swagger.json): a bearer token, webhooks per organization,
 * PATCH to move one. Keyclic sends no challenge and signs nothing, so the endpoint needs nothing.
 */
export const keyclicSubscription: ApiSubscription = {
  kind: 'api',
  accountFields: FIELDS,
  accountLabel: (settings) => settings['organization'] ?? '',
  eventFlag: 'event',
  eventLabel: 'Event',
  eventSuggestions: SUBSCRIBABLE,
  // Users may give either spelling; the API enum is camelCase.
  apiEvent: keyclicApiEventName,
  endpoint: { handshake: false },
  unsubscribeAll: false,
  connect(settings, options = {}): SubscriptionConnection {
    const client = createKeyclicClient(
      {
        server: settings['server'] ?? '',
        token: settings['token'] ?? '',
        organization: settings['organization'] ?? '',
      },
      options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
    );
    return {
      server: client.server,
      async list() {
        const listed = await client.list();
        return listed.ok ? { ok: true, value: listed.value.map(remote) } : listed;
      },
      async subscribe(request, progress = {}) {
        const event = keyclicApiEventName(request.event);
        progress.onStep?.({
          step: 'request-sent',
          detail: `Asked Keyclic at ${client.server} to send ${event} to ${request.url}.`,
        });
        const created = await client.create({ event, payloadUrl: request.url });
        progress.onStep?.(
          created.ok
            ? {
                step: 'subscription-created',
                detail: `Keyclic created webhook ${created.value.id} (${event} -> ${request.url}).`,
              }
            : { step: 'failed', detail: created.error.message },
        );
        return created.ok ? { ok: true, value: remote(created.value) } : created;
      },
      unsubscribe: (remoteId) => client.remove(remoteId),
      async update(remoteId, { url }) {
        const updated = await client.update(remoteId, { payloadUrl: url });
        return updated.ok ? { ok: true, value: remote(updated.value) } : updated;
      },
    };
  },
};
