import {
  callHttp,
  serverMessageOf,
  type HttpCall,
  type HttpReply,
} from '../../subscriptions/http-call';
import { failed, succeeded, type SubscriptionResult } from '../../subscriptions/result';
import { HOOKSCOPE_VERSION } from '../../version';

/** What it takes to call Preservica's API, password included (never persisted in this shape). */
export interface PreservicaConnection {
  /** Base URL, e.g. https://eu.preservica.com */
  server: string;
  username: string;
  password: string;
  /** Preservica's login finds the tenant itself when the user belongs to only one. */
  tenant?: string;
}

/*
 * How Preservica hands out API tokens, as pyPreservica does it (carj/pyPreservica@dd3097fd,
 * pyPreservica/common.py, AuthenticatedAPI.__token__ and the 401 branches of webHooksAPI.py):
 * - POST {server}/api/accesstoken/login, form-encoded fields `username`, `password`, `tenant`
 *   (without a tenant the SDK sends `includeUserDetails=true` instead and reads `tenant` back).
 *   200 -> JSON {success, token, "refresh-token", validFor (minutes), ...}. An error answer may carry
 *   `message: "needs.2fa"` (two-factor accounts, answered via /api/accesstoken/complete-2fa).
 * - Every call sends the token in the `Preservica-Access-Token` header (common.py HEADER_TOKEN).
 * - On 401 the SDK fetches a new token and retries the call.
 * The SDK itself never refreshes; Preservica's refresh call, as used by other public clients
 * (Ruby/Python Preservica clients found through the code index): POST /api/accesstoken/refresh with
 * the current token in `Preservica-Access-Token` and form field `refreshToken=<refresh-token>`,
 * answering the same JSON as login. We refresh when the token is about to expire or a call got 401,
 * and fall back to a full login when the refresh is refused.
 */

export const PRESERVICA_TOKEN_HEADER = 'Preservica-Access-Token';
/** Renew this long before `validFor` runs out, so a long call (the subscribe challenge) still fits. */
const RENEW_MARGIN_MS = 60_000;

interface TokenState {
  token: string;
  refreshToken: string | null;
  /** ms since epoch; null when the server gave no lifetime. */
  expiresAt: number | null;
}

export interface PreservicaSessionOptions {
  timeoutMs?: number;
  /** Clock for token expiry (tests move it forward). */
  now?: () => number;
}

export interface AuthorizedCall {
  method: HttpCall['method'];
  /** Path below the server, e.g. /api/webhook/subscriptions */
  path: string;
  headers?: [string, string][];
  body?: string;
}

export type AuthorizedReply = { status: number; text: string; json: unknown };

export interface PreservicaSession {
  readonly server: string;
  /** Logs in (or reuses a valid token). */
  authenticate(): Promise<SubscriptionResult<void>>;
  /** Sends a call with the token; renews the token and retries once on 401. */
  send(call: AuthorizedCall): Promise<SubscriptionResult<AuthorizedReply>>;
}

export function createPreservicaSession(
  connection: PreservicaConnection,
  options: PreservicaSessionOptions = {},
): PreservicaSession {
  const server = connection.server.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const userAgent = `Hookscope/${HOOKSCOPE_VERSION}`;
  let state: TokenState | null = null;
  const who = connection.tenant ? `tenant ${connection.tenant}` : `user ${connection.username}`;

  const post = (path: string, headers: [string, string][], form: Record<string, string>) =>
    callHttp(
      {
        method: 'POST',
        url: `${server}${path}`,
        headers: [
          ['User-Agent', userAgent],
          ['Accept', 'application/json'],
          ['Content-Type', 'application/x-www-form-urlencoded'],
          ...headers,
        ],
        body: new URLSearchParams(form).toString(),
      },
      options.timeoutMs,
    );

  function unreachable(reply: Extract<HttpReply, { reached: false }>) {
    return failed('unreachable', `Cannot reach Preservica at ${server}: ${reply.message}`);
  }

  function tokenFrom(reply: Extract<HttpReply, { reached: true }>): TokenState | null {
    const json = reply.json;
    if (typeof json !== 'object' || json === null) return null;
    const record = json as Record<string, unknown>;
    if (
      record['success'] === false ||
      typeof record['token'] !== 'string' ||
      record['token'] === ''
    )
      return null;
    const validFor = record['validFor'];
    return {
      token: record['token'],
      refreshToken: typeof record['refresh-token'] === 'string' ? record['refresh-token'] : null,
      expiresAt: typeof validFor === 'number' && validFor > 0 ? now() + validFor * 60_000 : null,
    };
  }

  async function login(): Promise<SubscriptionResult<string>> {
    const form: Record<string, string> = {
      username: connection.username,
      password: connection.password,
    };
    if (connection.tenant) form['tenant'] = connection.tenant;
    else form['includeUserDetails'] = 'true';
    const reply = await post('/api/accesstoken/login', [], form);
    if (!reply.reached) return unreachable(reply);
    const serverMessage = serverMessageOf(reply);
    if (reply.status === 200) {
      const fresh = tokenFrom(reply);
      if (fresh) {
        state = fresh;
        return succeeded(fresh.token);
      }
    }
    if (serverMessage.startsWith('needs.2fa')) {
      return failed(
        'auth',
        `The Preservica account ${connection.username} uses two-factor authentication, which Hookscope cannot answer; use an API account without 2FA.`,
        { status: reply.status, serverMessage },
      );
    }
    if (reply.status === 404) {
      return failed(
        'rejected',
        `${server} has no Preservica login API (HTTP 404 on /api/accesstoken/login): check the server address.`,
        {
          status: 404,
          serverMessage,
        },
      );
    }
    if (reply.status >= 500) {
      return failed(
        'rejected',
        `Preservica could not log in (HTTP ${reply.status}): ${serverMessage || 'no explanation given'}`,
        {
          status: reply.status,
          serverMessage,
        },
      );
    }
    return failed('auth', `Preservica rejected the username or password for ${who}.`, {
      status: reply.status,
      serverMessage,
    });
  }

  async function refresh(current: TokenState): Promise<TokenState | null> {
    if (current.refreshToken === null) return null;
    const reply = await post(
      '/api/accesstoken/refresh',
      [[PRESERVICA_TOKEN_HEADER, current.token]],
      {
        refreshToken: current.refreshToken,
      },
    );
    const fresh = reply.reached && reply.status === 200 ? tokenFrom(reply) : null;
    if (fresh) state = fresh;
    return fresh;
  }

  /** A refresh when possible, otherwise a new login (what the SDK always does). */
  async function renew(): Promise<SubscriptionResult<string>> {
    const refreshed = state ? await refresh(state) : null;
    if (refreshed) return succeeded(refreshed.token);
    state = null;
    return login();
  }

  async function ensureToken(): Promise<SubscriptionResult<string>> {
    if (state === null) return login();
    if (state.expiresAt !== null && now() >= state.expiresAt - RENEW_MARGIN_MS) return renew();
    return succeeded(state.token);
  }

  async function sendOnce(call: AuthorizedCall, token: string): Promise<HttpReply> {
    return callHttp(
      {
        method: call.method,
        url: `${server}${call.path}`,
        headers: [
          ['User-Agent', userAgent],
          [PRESERVICA_TOKEN_HEADER, token],
          ...(call.headers ?? []),
        ],
        ...(call.body !== undefined ? { body: call.body } : {}),
      },
      options.timeoutMs,
    );
  }

  return {
    server,
    async authenticate() {
      const token = await ensureToken();
      return token.ok ? succeeded(undefined) : token;
    },
    async send(call) {
      const token = await ensureToken();
      if (!token.ok) return token;
      let reply = await sendOnce(call, token.value);
      if (reply.reached && reply.status === 401) {
        const renewed = await renew();
        if (!renewed.ok) return renewed;
        reply = await sendOnce(call, renewed.value);
        if (reply.reached && reply.status === 401) {
          return failed(
            'auth',
            `Preservica refused a fresh token for ${who} (HTTP 401 twice on ${call.path}).`,
            {
              status: 401,
              serverMessage: serverMessageOf(reply),
            },
          );
        }
      }
      if (!reply.reached) return unreachable(reply);
      return succeeded({ status: reply.status, text: reply.text, json: reply.json });
    },
  };
}
