// A stand-in for Keyclic's webhook management API as keyclic-sdk swagger.json describes it
// (protocols.md 1.4): bearer token in Authorization, required x-keyclic-app header, HAL JSON,
// POST /webhooks (201), GET/PATCH/DELETE /webhooks/{id}, GET /organizations/{org}/webhooks (paged).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeyclicStandInWebhook {
  id: string;
  organization: string;
  event: string;
  payloadUrl: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface KeyclicStandIn {
  url: string;
  webhooks: KeyclicStandInWebhook[];
  /** Every request's method, path and Authorization header, in order. */
  requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

const EVENTS = ['operationCreated', 'operationStateChanged', 'reportCreated', 'reportStateChanged'];

export async function startKeyclicStandIn(options: {
  /** token -> organizations it may manage */
  tokens: Record<string, string[]>;
  /** Largest page the list hands out, whatever `limit` asks (exercises paging). */
  maxPageSize?: number;
}): Promise<KeyclicStandIn> {
  const webhooks: KeyclicStandInWebhook[] = [];
  const requests: KeyclicStandIn['requests'] = [];
  const maxPageSize = options.maxPageSize ?? 100;

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://standin');
    requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    if (req.headers['x-keyclic-app'] === undefined)
      return send(res, 400, { message: 'Missing x-keyclic-app header.' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const organizations = bearer ? options.tokens[bearer[1] ?? ''] : undefined;
    if (!organizations) return send(res, 401, { message: 'Invalid JWT Token' });

    const list = /^\/organizations\/([^/]+)\/webhooks$/.exec(url.pathname);
    if (list && req.method === 'GET') {
      const organization = list[1] ?? '';
      if (!organizations.includes(organization))
        return send(res, 403, { message: 'Access denied.' });
      const mine = webhooks.filter((webhook) => webhook.organization === organization);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), maxPageSize);
      const page = Number(url.searchParams.get('page') ?? 1);
      const pages = Math.max(1, Math.ceil(mine.length / limit));
      return send(res, 200, {
        limit,
        page,
        pages,
        total: mine.length,
        _links: { self: { href: url.pathname } },
        _embedded: { items: mine.slice((page - 1) * limit, page * limit).map(view) },
      });
    }
    if (url.pathname === '/webhooks' && req.method === 'POST') {
      const data = parse(body);
      if (!data) return send(res, 400, { message: 'Invalid JSON.' });
      const { event, organization, payloadUrl } = data;
      const errors: { message: string }[] = [];
      if (typeof event !== 'string' || !EVENTS.includes(event))
        errors.push({ message: 'event: The value you selected is not a valid choice.' });
      if (typeof organization !== 'string')
        errors.push({ message: 'organization: This value should not be blank.' });
      if (typeof payloadUrl !== 'string')
        errors.push({ message: 'payloadUrl: This value should not be blank.' });
      if (errors.length > 0)
        return send(res, 400, {
          message: 'Validation Failed',
          total: errors.length,
          _embedded: { errors },
        });
      if (!organizations.includes(organization as string))
        return send(res, 403, { message: 'Access denied.' });
      const now = new Date().toISOString();
      const webhook: KeyclicStandInWebhook = {
        id: randomUUID(),
        organization: organization as string,
        event: event as string,
        payloadUrl: payloadUrl as string,
        enabled: true,
        createdAt: now,
        updatedAt: now,
      };
      webhooks.push(webhook);
      return send(res, 201, view(webhook));
    }
    const one = /^\/webhooks\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const webhook = webhooks.find((candidate) => candidate.id === one[1]);
      if (!webhook) return send(res, 404, { message: 'Webhook not found.' });
      if (!organizations.includes(webhook.organization))
        return send(res, 403, { message: 'Access denied.' });
      if (req.method === 'GET') return send(res, 200, view(webhook));
      if (req.method === 'DELETE') {
        webhooks.splice(webhooks.indexOf(webhook), 1);
        res.writeHead(204).end();
        return;
      }
      if (req.method === 'PATCH') {
        const patch = parse(body);
        if (!patch) return send(res, 400, { message: 'Invalid JSON.' });
        if (patch['event'] !== undefined) {
          if (typeof patch['event'] !== 'string' || !EVENTS.includes(patch['event']))
            return send(res, 400, {
              message: 'event: The value you selected is not a valid choice.',
            });
          webhook.event = patch['event'];
        }
        if (typeof patch['payloadUrl'] === 'string') webhook.payloadUrl = patch['payloadUrl'];
        webhook.updatedAt = new Date().toISOString();
        return send(res, 200, view(webhook));
      }
    }
    send(res, 404, { message: 'No route found.' });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    webhooks,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function view(webhook: KeyclicStandInWebhook) {
  return {
    id: webhook.id,
    event: webhook.event,
    payloadUrl: webhook.payloadUrl,
    enabled: webhook.enabled,
    type: 'webhook',
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
    _links: {
      organization: {
        href: `/organizations/${webhook.organization}`,
        iriTemplate: { mapping: { organization: webhook.organization } },
      },
      self: { href: `/webhooks/${webhook.id}`, iriTemplate: { mapping: { webhook: webhook.id } } },
    },
  };
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const json = JSON.parse(body) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/hal+json;charset=UTF-8' })
    .end(JSON.stringify(json));
}
