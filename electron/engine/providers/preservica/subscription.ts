import type {
  AccountSettings,
  ApiSubscription,
  RemoteSubscription,
  SubscriptionConnection,
} from '../types';
import { PRESERVICA_TRIGGERS } from './events';
import { createPreservicaClient, type PreservicaSubscription } from './subscription-client';
import { runPreservicaSubscribe } from './subscription-flow';
import type { PreservicaConnection } from './subscription-session';

/** The account fields and environment names are pyPreservica's own (common.py AuthenticatedAPI). */
const FIELDS = [
  { name: 'server', label: 'Server', kind: 'url', env: 'PRESERVICA_SERVER', maxLength: 2_000 },
  { name: 'username', label: 'Username', kind: 'text', env: 'PRESERVICA_USERNAME', maxLength: 500 },
  {
    name: 'password',
    label: 'Password',
    kind: 'secret',
    env: 'PRESERVICA_PASSWORD',
    maxLength: 1_000,
  },
  {
    name: 'tenant',
    label: 'Tenant (optional)',
    kind: 'text',
    optional: true,
    env: 'PRESERVICA_TENANT',
    maxLength: 200,
  },
] as const satisfies ApiSubscription['accountFields'];

/** The connection the client needs, from an account's flat fields (checked by the account book). */
export function preservicaConnection(settings: AccountSettings): PreservicaConnection {
  const tenant = settings['tenant'];
  return {
    server: settings['server'] ?? '',
    username: settings['username'] ?? '',
    password: settings['password'] ?? '',
    ...(tenant ? { tenant } : {}),
  };
}

const remote = (item: PreservicaSubscription): RemoteSubscription => ({
  id: item.id,
  url: item.url,
  event: item.triggerType,
});

/**
 * Preservica's webhook API (pyPreservica webHooksAPI.py): subscribe blocks while Preservica
 * challenges the URL with the shared secret, so the endpoint must answer Preservica's handshake.
 * There is no update call: re-pointing subscribes the new URL, then removes the old subscription.
 */
export const preservicaSubscription: ApiSubscription = {
  kind: 'api',
  accountFields: FIELDS,
  accountLabel: (settings) => `${settings['username'] ?? ''}@${settings['tenant'] ?? ''}`,
  eventFlag: 'trigger',
  eventLabel: 'Trigger',
  eventSuggestions: PRESERVICA_TRIGGERS,
  // Trigger wire values have one spelling.
  apiEvent: (event) => event,
  endpoint: { handshake: true },
  unsubscribeAll: true,
  connect(settings, options = {}): SubscriptionConnection {
    const client = createPreservicaClient(preservicaConnection(settings), options);
    return {
      server: client.server,
      async list() {
        const listed = await client.list();
        return listed.ok ? { ok: true, value: listed.value.map(remote) } : listed;
      },
      async subscribe(request, progress = {}) {
        const run = runPreservicaSubscribe({
          client,
          url: request.url,
          trigger: request.event,
          secret: request.secret ?? '',
          ...(request.includeIdentifiers !== undefined
            ? { includeIdentifiers: request.includeIdentifiers }
            : {}),
          ...(progress.onStep ? { onStep: progress.onStep } : {}),
          ...(progress.watchChallenges ? { watchChallenges: progress.watchChallenges } : {}),
        });
        const outcome = await run.done;
        return outcome.ok ? { ok: true, value: remote(outcome.value) } : outcome;
      },
      unsubscribe: (remoteId) => client.unsubscribe(remoteId),
    };
  },
};
