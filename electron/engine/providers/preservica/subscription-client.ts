import { serverMessageOf } from '../../subscriptions/http-call';
import { failed, succeeded, type SubscriptionResult } from '../../subscriptions/result';
import { PRESERVICA_TRIGGERS } from './events';
import {
  createPreservicaSession,
  type AuthorizedReply,
  type PreservicaConnection,
  type PreservicaSessionOptions,
} from './subscription-session';

/** Preservica's webhook API (pyPreservica webHooksAPI.py BASE_ENDPOINT + '/subscriptions'). */
const SUBSCRIPTIONS_PATH = '/api/webhook/subscriptions';

/** A subscription as Preservica lists it; unknown fields are kept in `raw`. */
export interface PreservicaSubscription {
  id: string;
  url: string | null;
  triggerType: string | null;
  includeIdentifiers: boolean | null;
  raw: Record<string, unknown>;
}

export interface PreservicaSubscribeRequest {
  /** The public URL Preservica will POST to (and challenge during this call). */
  url: string;
  /** Wire value: MOVED, FULL_TEXT_INDEXED, CHANGED_SECURITY_DESCRIPTOR, INGEST_FAILED, ... */
  triggerType: string;
  /** Shared secret: Preservica signs deliveries and the challenge answer with it. */
  secret: string;
  /** Default true, as the SDK always asks for identifiers. */
  includeIdentifiers?: boolean;
}

export interface PreservicaClient {
  readonly server: string;
  authenticate(): Promise<SubscriptionResult<void>>;
  list(): Promise<SubscriptionResult<PreservicaSubscription[]>>;
  /** Refuses (code `duplicate`) when a subscription with the same URL and trigger exists. */
  subscribe(
    request: PreservicaSubscribeRequest,
  ): Promise<SubscriptionResult<PreservicaSubscription>>;
  unsubscribe(id: string): Promise<SubscriptionResult<void>>;
  /** Lists, then deletes each; on a failure midway the error says which were already removed. */
  unsubscribeAll(): Promise<SubscriptionResult<{ removed: string[] }>>;
}

export function createPreservicaClient(
  connection: PreservicaConnection,
  options: PreservicaSessionOptions = {},
): PreservicaClient {
  const session = createPreservicaSession(connection, options);
  const server = session.server;

  /** Answers every API call can give that are not about the call itself. */
  function commonFailure(reply: AuthorizedReply, what: string) {
    const serverMessage = serverMessageOf(reply);
    if (reply.status === 403) {
      return failed(
        'forbidden',
        `Preservica refused to ${what}: the user ${connection.username} needs the role ROLE_SDB_MANAGER_USER (or ROLE_SDB_ADMIN_USER) for the webhook API.`,
        { status: 403, serverMessage },
      );
    }
    return failed(
      'rejected',
      `Preservica could not ${what} (HTTP ${reply.status}): ${serverMessage || 'no explanation given'}.`,
      {
        status: reply.status,
        serverMessage,
      },
    );
  }

  async function list(): Promise<SubscriptionResult<PreservicaSubscription[]>> {
    const reply = await session.send({
      method: 'GET',
      path: SUBSCRIPTIONS_PATH,
      headers: [['Accept', 'application/json']],
    });
    if (!reply.ok) return reply;
    if (reply.value.status !== 200)
      return commonFailure(reply.value, 'list the webhook subscriptions');
    const json = reply.value.json;
    if (!Array.isArray(json)) {
      return failed(
        'bad-answer',
        `Preservica answered the subscription list with something other than a JSON array: ${reply.value.text.slice(0, 200)}`,
      );
    }
    const subscriptions: PreservicaSubscription[] = [];
    for (const item of json) {
      const subscription = toSubscription(item);
      if (!subscription)
        return failed(
          'bad-answer',
          `Preservica listed a subscription without an id: ${JSON.stringify(item).slice(0, 200)}`,
        );
      subscriptions.push(subscription);
    }
    return succeeded(subscriptions);
  }

  async function subscribe(
    request: PreservicaSubscribeRequest,
  ): Promise<SubscriptionResult<PreservicaSubscription>> {
    const invalid = checkSubscribeRequest(request);
    if (invalid) return failed('invalid-input', invalid);
    const existing = await list();
    if (!existing.ok) return existing;
    const twin = existing.value.find(
      (item) => sameUrl(item.url, request.url) && item.triggerType === request.triggerType,
    );
    if (twin) {
      return failed(
        'duplicate',
        `Preservica already has a ${request.triggerType} subscription to ${request.url} (id ${twin.id}); nothing was created. Unsubscribe it first to subscribe again with another secret.`,
      );
    }
    // Field order and the string "true" are the SDK's (webHooksAPI.py subscribe).
    const body = JSON.stringify({
      url: request.url,
      triggerType: request.triggerType,
      secret: request.secret,
      includeIdentifiers: request.includeIdentifiers === false ? 'false' : 'true',
    });
    const reply = await session.send({
      method: 'POST',
      path: SUBSCRIPTIONS_PATH,
      headers: [
        ['Accept', 'application/json'],
        ['Content-Type', 'application/json'],
      ],
      body,
    });
    if (!reply.ok) return reply;
    const { status } = reply.value;
    if (status === 200 || status === 201) {
      const created = toSubscription(reply.value.json);
      if (created) return succeeded(created);
      return failed(
        'bad-answer',
        `Preservica accepted the subscription (HTTP ${status}) but its answer has no subscription id; list the subscriptions to see it. Answer: ${reply.value.text.slice(0, 200)}`,
        { status },
      );
    }
    if (status === 403) return commonFailure(reply.value, 'create the subscription');
    const serverMessage = serverMessageOf(reply.value);
    // The subscribe call blocks while Preservica challenges the URL; a failed challenge is its
    // documented failure, but a bad trigger or URL fails the same way, so name both.
    const code = /challenge/i.test(serverMessage) ? 'challenge-failed' : 'rejected';
    return failed(
      code,
      `Preservica did not create the subscription (HTTP ${status}): ${serverMessage || 'no explanation given'}. During this call Preservica POSTs a challenge to ${request.url}; check that this URL reaches Hookscope and that the endpoint answers with the same secret.`,
      { status, serverMessage },
    );
  }

  async function unsubscribe(id: string): Promise<SubscriptionResult<void>> {
    if (id.trim() === '')
      return failed('invalid-input', 'A subscription id is needed to unsubscribe.');
    const reply = await session.send({
      method: 'DELETE',
      path: `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
    });
    if (!reply.ok) return reply;
    // The SDK expects 204; a 200 also means the subscription is gone.
    if (reply.value.status === 204 || reply.value.status === 200) return succeeded(undefined);
    if (reply.value.status === 404) {
      return failed('not-found', `Preservica has no subscription ${id}.`, {
        status: 404,
        serverMessage: serverMessageOf(reply.value),
      });
    }
    return commonFailure(reply.value, `delete subscription ${id}`);
  }

  async function unsubscribeAll(): Promise<SubscriptionResult<{ removed: string[] }>> {
    const current = await list();
    if (!current.ok) return current;
    const removed: string[] = [];
    for (const subscription of current.value) {
      const outcome = await unsubscribe(subscription.id);
      if (!outcome.ok) {
        const done =
          removed.length > 0 ? `Already removed: ${removed.join(', ')}. ` : 'None was removed. ';
        return failed(
          outcome.error.code,
          `${done}Stopped at ${subscription.id}: ${outcome.error.message}`,
          outcome.error,
        );
      }
      removed.push(subscription.id);
    }
    return succeeded({ removed });
  }

  return {
    server,
    authenticate: () => session.authenticate(),
    list,
    subscribe,
    unsubscribe,
    unsubscribeAll,
  };
}

function checkSubscribeRequest(request: PreservicaSubscribeRequest): string | null {
  try {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `The webhook URL must be http(s), not ${url.protocol}`;
  } catch {
    return `"${request.url}" is not a URL.`;
  }
  if (request.triggerType.trim() === '')
    return 'A trigger type is needed (e.g. MOVED or FULL_TEXT_INDEXED).';
  if (
    !(PRESERVICA_TRIGGERS as readonly string[]).includes(request.triggerType) &&
    /[^A-Z_]/.test(request.triggerType)
  ) {
    return `"${request.triggerType}" is not a Preservica trigger wire value; known values: ${PRESERVICA_TRIGGERS.join(', ')}.`;
  }
  if (request.secret === '')
    return 'A shared secret is needed: Preservica challenges the URL with it.';
  return null;
}

/** Preservica echoes the URL it was given; ignore only a trailing slash difference. */
function sameUrl(a: string | null, b: string): boolean {
  return a !== null && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

function toSubscription(value: unknown): PreservicaSubscription | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const id = raw['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  const include = raw['includeIdentifiers'];
  return {
    id: String(id),
    url: typeof raw['url'] === 'string' ? raw['url'] : null,
    triggerType: typeof raw['triggerType'] === 'string' ? raw['triggerType'] : null,
    includeIdentifiers:
      include === true || include === 'true'
        ? true
        : include === false || include === 'false'
          ? false
          : null,
    raw,
  };
}
