// A stand-in for Preservica's access-token and webhook subscription APIs (protocols.md 1.1.2/1.1.4),
// over real HTTP. Like the real server, POST /api/webhook/subscriptions runs the challenge against
// the given URL before answering, and fails the subscription when the answer is wrong. Error bodies
// use {success:false, message}: Preservica's exact error wording is not public.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  username: string;
  password: string;
  tenant: string;
  roles?: string[];
}

export interface StandInSubscription {
  id: string;
  url: string;
  triggerType: string;
  secret: string;
  includeIdentifiers: boolean;
}

export interface ChallengeRecord {
  url: string;
  code: string;
  status: number | null;
  passed: boolean;
}

export interface PreservicaStandIn {
  /** e.g. http://127.0.0.1:1234 */
  url: string;
  subscriptions: StandInSubscription[];
  /** Exact JSON bodies received on POST /api/webhook/subscriptions. */
  subscribeBodies: string[];
  challenges: ChallengeRecord[];
  counts: { logins: number; failedLogins: number; refreshes: number; unauthorized: number };
  /** Every access token issued so far stops working; refresh tokens stay valid. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

const TRIGGERS = [
  'MOVED',
  'FULL_TEXT_INDEXED',
  'CHANGED_SECURITY_DESCRIPTOR',
  'INGEST_FAILED',
  'CHANGE_ASSET_VISIBILITY',
];

interface Session {
  user: StandInUser;
  refreshToken: string;
  expired: boolean;
}

export async function startPreservicaStandIn(options: {
  users: StandInUser[];
  validForMinutes?: number;
}): Promise<PreservicaStandIn> {
  const sessions = new Map<string, Session>();
  const state: Omit<PreservicaStandIn, 'url' | 'close' | 'expireAccessTokens'> = {
    subscriptions: [],
    subscribeBodies: [],
    challenges: [],
    counts: { logins: 0, failedLogins: 0, refreshes: 0, unauthorized: 0 },
  };
  const validFor = options.validForMinutes ?? 15;

  function issue(user: StandInUser) {
    const token = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    sessions.set(token, { user, refreshToken, expired: false });
    return {
      success: true,
      token,
      'refresh-token': refreshToken,
      validFor,
      user: user.username,
      tenant: user.tenant,
    };
  }

  function authorized(req: IncomingMessage, res: ServerResponse): Session | null {
    const token = req.headers['preservica-access-token'];
    const session = typeof token === 'string' ? sessions.get(token) : undefined;
    if (!session || session.expired) {
      state.counts.unauthorized += 1;
      send(res, 401, { success: false, message: 'Token expired or invalid' });
      return null;
    }
    const roles = session.user.roles ?? ['ROLE_SDB_MANAGER_USER'];
    if (!roles.includes('ROLE_SDB_MANAGER_USER') && !roles.includes('ROLE_SDB_ADMIN_USER')) {
      send(res, 403, { success: false, message: 'Access is denied' });
      return null;
    }
    return session;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/accesstoken/login') {
      const form = new URLSearchParams(body);
      const user = options.users.find(
        (candidate) =>
          candidate.username === form.get('username') &&
          candidate.password === form.get('password') &&
          (form.get('tenant') === null || candidate.tenant === form.get('tenant')),
      );
      if (
        !user ||
        !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ) {
        state.counts.failedLogins += 1;
        return send(res, 401, { success: false, message: 'Invalid credentials' });
      }
      state.counts.logins += 1;
      return send(res, 200, issue(user));
    }
    if (route === 'POST /api/accesstoken/refresh') {
      const token = req.headers['preservica-access-token'];
      const session = typeof token === 'string' ? sessions.get(token) : undefined;
      const refreshToken = new URLSearchParams(body).get('refreshToken');
      if (!session || refreshToken !== session.refreshToken)
        return send(res, 401, { success: false, message: 'Invalid refresh token' });
      sessions.delete(token as string);
      state.counts.refreshes += 1;
      return send(res, 200, issue(session.user));
    }
    if (url.pathname === '/api/webhook/subscriptions' && req.method === 'GET') {
      if (!authorized(req, res)) return;
      return send(res, 200, state.subscriptions.map(publicView));
    }
    if (url.pathname === '/api/webhook/subscriptions' && req.method === 'POST') {
      if (!authorized(req, res)) return;
      return subscribe(body, res);
    }
    const one = /^\/api\/webhook\/subscriptions\/([^/]+)$/.exec(url.pathname);
    if (one && req.method === 'DELETE') {
      if (!authorized(req, res)) return;
      const index = state.subscriptions.findIndex((item) => item.id === one[1]);
      if (index === -1)
        return send(res, 404, { success: false, message: `Subscription ${one[1]} not found` });
      state.subscriptions.splice(index, 1);
      res.writeHead(204).end();
      return;
    }
    send(res, 404, { success: false, message: `No route ${route}` });
  }

  async function subscribe(body: string, res: ServerResponse): Promise<void> {
    state.subscribeBodies.push(body);
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 400, { success: false, message: 'Malformed JSON' });
    }
    const { url, triggerType, secret, includeIdentifiers } = fields;
    if (
      typeof url !== 'string' ||
      typeof secret !== 'string' ||
      typeof triggerType !== 'string' ||
      !TRIGGERS.includes(triggerType)
    ) {
      return send(res, 400, {
        success: false,
        message: 'url, triggerType and secret are required',
      });
    }
    const code = randomBytes(12).toString('hex');
    const target = `${url}${url.includes('?') ? '&' : '?'}challengeCode=${code}`;
    const answer = await post(target);
    const expected = createHmac('sha256', Buffer.from(secret, 'latin1'))
      .update(Buffer.from(code, 'latin1'))
      .digest('hex');
    let passed = false;
    if (answer.status === 200) {
      try {
        passed =
          (JSON.parse(answer.body) as { challengeResponse?: unknown }).challengeResponse ===
          expected;
      } catch {
        passed = false;
      }
    }
    state.challenges.push({ url: target, code, status: answer.status, passed });
    if (!passed) {
      const why =
        answer.status === null
          ? `could not connect to ${url}`
          : `the challenge response from ${url} was not valid (HTTP ${answer.status})`;
      return send(res, 400, { success: false, message: `Webhook URL verification failed: ${why}` });
    }
    const subscription: StandInSubscription = {
      id: randomBytes(16).toString('hex'),
      url,
      triggerType,
      secret,
      includeIdentifiers: includeIdentifiers === true || includeIdentifiers === 'true',
    };
    state.subscriptions.push(subscription);
    send(res, 200, publicView(subscription));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: Error) =>
        send(res, 500, { message: error.message }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    expireAccessTokens() {
      for (const session of sessions.values()) session.expired = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function publicView(subscription: StandInSubscription) {
  return {
    id: subscription.id,
    url: subscription.url,
    triggerType: subscription.triggerType,
    includeIdentifiers: subscription.includeIdentifiers,
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
}

/** The challenge: an empty POST to the subscriber URL; a URL that does not answer is a null status. */
function post(target: string): Promise<{ status: number | null; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      target,
      { method: 'POST', headers: { 'content-length': '0' }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve({ status: null, body: '' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: null, body: '' }));
    req.end();
  });
}
