import { callHttp, serverMessageOf, type HttpCall } from '../../subscriptions/http-call';
import { failed, succeeded, type SubscriptionResult } from '../../subscriptions/result';
import { HOOKSCOPE_VERSION } from '../../version';

/** What it takes to call Keyclic's API, token included (never persisted in this shape). */
export interface KeyclicConnection {
  /** Base URL, e.g. https://api.keyclic.com */
  server: string;
  token: string;
  /** Keyclic webhooks belong to an organization (uuid). */
  organization: string;
}

/*
 * Keyclic's webhook API as described by keyclic-sdk swagger.json (Keyclic/keyclic-sdk@836e5b9b,
 * v2.13.11): security definition "bearer" = the `Authorization` header (sent as `Bearer <token>`),
 * a required `x-keyclic-app` header (default `com.keyclic.app`), JSON in, HAL JSON out.
 * POST /webhooks (WebhookData: event, organization, payloadUrl; 201), GET/PATCH/DELETE
 * /webhooks/{webhook} (WebhookPatch: event, payloadUrl; DELETE 204), GET
 * /organizations/{organization}/webhooks (WebhookPagination: page, pages, _embedded.items).
 */

/** The `event` enum of WebhookData (the docs also name operationRemoved, the schema does not). */
export const KEYCLIC_EVENTS = [
  'operationCreated',
  'operationStateChanged',
  'reportCreated',
  'reportStateChanged',
] as const;

export interface KeyclicWebhook {
  id: string;
  event: string | null;
  payloadUrl: string | null;
  enabled: boolean | null;
  raw: Record<string, unknown>;
}

export interface KeyclicClient {
  readonly server: string;
  readonly organization: string;
  /** Refuses (code `duplicate`) when the organization already has this event sent to this URL. */
  create(webhook: {
    event: string;
    payloadUrl: string;
  }): Promise<SubscriptionResult<KeyclicWebhook>>;
  list(): Promise<SubscriptionResult<KeyclicWebhook[]>>;
  get(id: string): Promise<SubscriptionResult<KeyclicWebhook>>;
  update(
    id: string,
    changes: { event?: string; payloadUrl?: string },
  ): Promise<SubscriptionResult<KeyclicWebhook>>;
  remove(id: string): Promise<SubscriptionResult<void>>;
}

const PAGE_LIMIT = 100;
/** A list longer than this many pages means the server's paging is broken, not a real list. */
const MAX_PAGES = 100;

export function createKeyclicClient(
  connection: KeyclicConnection,
  options: { timeoutMs?: number } = {},
): KeyclicClient {
  const server = connection.server.replace(/\/+$/, '');
  const authorization = /^bearer /i.test(connection.token)
    ? connection.token
    : `Bearer ${connection.token}`;

  async function send(method: HttpCall['method'], path: string, what: string, body?: unknown) {
    const headers: [string, string][] = [
      ['User-Agent', `Hookscope/${HOOKSCOPE_VERSION}`],
      ['Accept', 'application/hal+json;charset=UTF-8, application/json'],
      ['Authorization', authorization],
      ['x-keyclic-app', 'com.keyclic.app'],
    ];
    if (body !== undefined) headers.push(['Content-Type', 'application/json;charset=UTF-8']);
    const reply = await callHttp(
      {
        method,
        url: `${server}${path}`,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
      options.timeoutMs,
    );
    if (!reply.reached)
      return failed('unreachable', `Cannot reach Keyclic at ${server}: ${reply.message}`);
    if (reply.status >= 200 && reply.status < 300) return succeeded(reply);
    const serverMessage = keyclicMessage(reply);
    const extra = { status: reply.status, serverMessage };
    switch (reply.status) {
      case 401:
        return failed(
          'auth',
          `Keyclic rejected the API token (HTTP 401) while trying to ${what}; check or renew the token.`,
          extra,
        );
      case 403:
        return failed(
          'forbidden',
          `Keyclic refused to ${what} (HTTP 403): the token's user may not manage webhooks of organization ${connection.organization}.`,
          extra,
        );
      case 404:
        return failed(
          'not-found',
          `Keyclic found nothing to ${what} (HTTP 404)${serverMessage ? `: ${serverMessage}` : ''}.`,
          extra,
        );
      default:
        return failed(
          'rejected',
          `Keyclic could not ${what} (HTTP ${reply.status}): ${serverMessage || 'no explanation given'}.`,
          extra,
        );
    }
  }

  async function list(): Promise<SubscriptionResult<KeyclicWebhook[]>> {
    const webhooks: KeyclicWebhook[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const reply = await send(
        'GET',
        `/organizations/${encodeURIComponent(connection.organization)}/webhooks?page=${page}&limit=${PAGE_LIMIT}`,
        `list the webhooks of organization ${connection.organization}`,
      );
      if (!reply.ok) return reply;
      const json = reply.value.json as Record<string, unknown> | undefined;
      const embedded = json?.['_embedded'] as Record<string, unknown> | undefined;
      const items = embedded?.['items'] ?? [];
      if (typeof json !== 'object' || json === null || !Array.isArray(items)) {
        return failed(
          'bad-answer',
          `Keyclic answered the webhook list with an unexpected shape: ${reply.value.text.slice(0, 200)}`,
        );
      }
      for (const item of items) {
        const webhook = toWebhook(item);
        if (!webhook)
          return failed(
            'bad-answer',
            `Keyclic listed a webhook without an id: ${JSON.stringify(item).slice(0, 200)}`,
          );
        webhooks.push(webhook);
      }
      const pages = typeof json['pages'] === 'number' ? json['pages'] : 1;
      if (page >= pages || items.length === 0) return succeeded(webhooks);
    }
    return failed(
      'bad-answer',
      `Keyclic kept paging the webhook list beyond ${MAX_PAGES} pages; stopped.`,
    );
  }

  function single(
    reply: { json: unknown; text: string },
    status: number,
  ): SubscriptionResult<KeyclicWebhook> {
    const webhook = toWebhook(reply.json);
    return webhook
      ? succeeded(webhook)
      : failed(
          'bad-answer',
          `Keyclic's answer (HTTP ${status}) carries no webhook id: ${reply.text.slice(0, 200)}`,
        );
  }

  return {
    server,
    organization: connection.organization,
    list,
    async create({ event, payloadUrl }) {
      const invalid =
        checkUrl(payloadUrl) ??
        (event.trim() === '' ? `An event is needed; one of ${KEYCLIC_EVENTS.join(', ')}.` : null);
      if (invalid) return failed('invalid-input', invalid);
      const existing = await list();
      if (!existing.ok) return existing;
      const twin = existing.value.find(
        (webhook) => webhook.event === event && webhook.payloadUrl === payloadUrl,
      );
      if (twin)
        return failed(
          'duplicate',
          `Keyclic already sends ${event} to ${payloadUrl} (webhook ${twin.id}); nothing was created.`,
        );
      const reply = await send('POST', '/webhooks', `create the ${event} webhook`, {
        event,
        organization: connection.organization,
        payloadUrl,
      });
      return reply.ok ? single(reply.value, reply.value.status) : reply;
    },
    async get(id) {
      const reply = await send('GET', `/webhooks/${encodeURIComponent(id)}`, `read webhook ${id}`);
      return reply.ok ? single(reply.value, reply.value.status) : reply;
    },
    async update(id, changes) {
      if (changes.payloadUrl !== undefined) {
        const invalid = checkUrl(changes.payloadUrl);
        if (invalid) return failed('invalid-input', invalid);
      }
      if (changes.event === undefined && changes.payloadUrl === undefined)
        return failed('invalid-input', 'Nothing to change: give an event or a payload URL.');
      const reply = await send(
        'PATCH',
        `/webhooks/${encodeURIComponent(id)}`,
        `update webhook ${id}`,
        changes,
      );
      return reply.ok ? single(reply.value, reply.value.status) : reply;
    },
    async remove(id) {
      const reply = await send(
        'DELETE',
        `/webhooks/${encodeURIComponent(id)}`,
        `delete webhook ${id}`,
      );
      return reply.ok ? succeeded(undefined) : reply;
    },
  };
}

function checkUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? null
      : `The payload URL must be http(s), not ${parsed.protocol}`;
  } catch {
    return `"${url}" is not a URL.`;
  }
}

/** Keyclic's Error: `message`, plus nested `_embedded.errors[].message` for validation failures. */
function keyclicMessage(reply: { text: string; json: unknown }): string {
  const top = serverMessageOf(reply);
  const nested = (reply.json as { _embedded?: { errors?: unknown } } | undefined)?._embedded
    ?.errors;
  if (!Array.isArray(nested)) return top;
  const details = nested
    .map((error) =>
      typeof error === 'object' && error !== null
        ? (error as Record<string, unknown>)['message']
        : null,
    )
    .filter((message): message is string => typeof message === 'string');
  return [top, ...details].filter((part) => part !== '').join('; ');
}

function toWebhook(value: unknown): KeyclicWebhook | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw['id'] !== 'string' || raw['id'] === '') return null;
  return {
    id: raw['id'],
    event: typeof raw['event'] === 'string' ? raw['event'] : null,
    payloadUrl: typeof raw['payloadUrl'] === 'string' ? raw['payloadUrl'] : null,
    enabled: typeof raw['enabled'] === 'boolean' ? raw['enabled'] : null,
    raw,
  };
}
