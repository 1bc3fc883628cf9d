import type { RawHeaders } from '../../contract/delivery';
import { createHmac, randomBytes } from 'node:crypto';
import type { OutgoingRequest, SendAnswer } from './types';

/**
 * How a provider runs its subscription handshake against a URL, and how it judges the answer.
 * Each play mirrors the provider's documented behaviour (shared/reference/protocols.md, Part 2).
 */
export interface HandshakePlay {
  provider: string;
  /** Whether the play needs the shared secret / verify token. */
  needsSecret: boolean;
  request(url: URL, secret: string): { request: OutgoingRequest; expected: string };
  /** null when the answer passes, else the reason it fails. */
  judge(answer: SendAnswer, expected: string): string | null;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const hmacHex = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('hex');
const hmacBase64 = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('base64');
const token = () => randomBytes(12).toString('hex');
const json = (body: unknown): Uint8Array => Buffer.from(JSON.stringify(body));

/** Most handshakes are a GET or an empty POST: the query or a header carries the challenge. */
const bodiless = (
  method: 'GET' | 'POST',
  url: string,
  rawHeaders: RawHeaders = [],
): OutgoingRequest => ({
  method,
  url,
  rawHeaders,
  body: new Uint8Array(),
});

function withQuery(url: URL, params: Record<string, string>): string {
  const copy = new URL(url);
  for (const [key, value] of Object.entries(params)) copy.searchParams.set(key, value);
  return copy.toString();
}

function parseJson(answer: SendAnswer): Record<string, unknown> | string {
  try {
    const parsed: unknown = JSON.parse(text(answer.body));
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : 'the answer is JSON but not an object';
  } catch {
    return `the answer is not JSON: ${JSON.stringify(text(answer.body).slice(0, 80))}`;
  }
}

function needStatus(
  answer: SendAnswer,
  accepted: (status: number) => boolean,
  what: string,
): string | null {
  return accepted(answer.status) ? null : `expected ${what}, got HTTP ${answer.status}`;
}

const is200 = (status: number) => status === 200;
const is2xx = (status: number) => status >= 200 && status < 300;

/** Plays for a JSON answer field that must equal the expected value. */
function judgeJsonField(field: string) {
  return (answer: SendAnswer, expected: string): string | null => {
    const statusProblem = needStatus(answer, is200, 'HTTP 200');
    if (statusProblem) return statusProblem;
    const body = parseJson(answer);
    if (typeof body === 'string') return body;
    const got = body[field];
    if (got === undefined) return `the answer has no "${field}" field`;
    return got === expected
      ? null
      : `"${field}" is ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`;
  };
}

/** Plays whose answer body must be the challenge exactly. */
function judgeEcho(statusOk: (status: number) => boolean, statusText: string) {
  return (answer: SendAnswer, expected: string): string | null =>
    needStatus(answer, statusOk, statusText) ??
    (text(answer.body) === expected
      ? null
      : `the body is ${JSON.stringify(text(answer.body).slice(0, 80))}, expected the challenge ${JSON.stringify(expected)}`);
}

export const handshakePlays: readonly HandshakePlay[] = [
  {
    provider: 'preservica',
    needsSecret: true,
    request: (url, secret) => {
      const challengeCode = token();
      return {
        request: bodiless('POST', withQuery(url, { challengeCode }), [
          ['Content-Type', 'application/json'],
        ]),
        expected: JSON.stringify({
          challengeCode,
          challengeResponse: hmacHex(secret, challengeCode),
        }),
      };
    },
    judge: (answer, expected) => {
      const want = JSON.parse(expected) as { challengeCode: string; challengeResponse: string };
      return (
        judgeJsonField('challengeCode')(answer, want.challengeCode) ??
        judgeJsonField('challengeResponse')(answer, want.challengeResponse)
      );
    },
  },
  {
    provider: 'twitter',
    needsSecret: true,
    request: (url, secret) => {
      const crc = token();
      return {
        request: bodiless('GET', withQuery(url, { crc_token: crc })),
        expected: `sha256=${hmacBase64(secret, crc)}`,
      };
    },
    judge: judgeJsonField('response_token'),
  },
  {
    provider: 'zoom',
    needsSecret: true,
    request: (url, secret) => {
      const plainToken = token();
      const body = json({
        event: 'endpoint.url_validation',
        payload: { plainToken },
        event_ts: Date.now(),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${hmacHex(secret, `v0:${timestamp}:${text(body)}`)}`;
      return {
        request: {
          method: 'POST',
          url: url.toString(),
          rawHeaders: [
            ['Content-Type', 'application/json'],
            ['x-zm-request-timestamp', timestamp],
            ['x-zm-signature', signature],
          ],
          body,
        },
        expected: JSON.stringify({ plainToken, encryptedToken: hmacHex(secret, plainToken) }),
      };
    },
    judge: (answer, expected) => {
      const want = JSON.parse(expected) as { plainToken: string; encryptedToken: string };
      return (
        judgeJsonField('plainToken')(answer, want.plainToken) ??
        judgeJsonField('encryptedToken')(answer, want.encryptedToken)
      );
    },
  },
  {
    provider: 'slack',
    needsSecret: false,
    request: (url) => {
      const challenge = token();
      return {
        request: {
          method: 'POST',
          url: url.toString(),
          rawHeaders: [['Content-Type', 'application/json']],
          body: json({ token: 'verification-token', challenge, type: 'url_verification' }),
        },
        expected: challenge,
      };
    },
    // Slack accepts the challenge as plain text, as a form field, or as JSON {"challenge"}.
    judge: (answer, expected) => {
      const statusProblem = needStatus(answer, is200, 'HTTP 200');
      if (statusProblem) return statusProblem;
      const body = text(answer.body).trim();
      if (body === expected || body === `challenge=${expected}`) return null;
      const parsed = parseJson(answer);
      if (typeof parsed !== 'string' && parsed.challenge === expected) return null;
      return `the answer does not contain the challenge ${JSON.stringify(expected)} (got ${JSON.stringify(body.slice(0, 80))})`;
    },
  },
  {
    provider: 'meta',
    needsSecret: true,
    request: (url, secret) => {
      const challenge = String(Math.floor(Math.random() * 1e9));
      return {
        request: bodiless(
          'GET',
          withQuery(url, {
            'hub.mode': 'subscribe',
            'hub.challenge': challenge,
            'hub.verify_token': secret,
          }),
        ),
        expected: challenge,
      };
    },
    judge: judgeEcho(is200, 'HTTP 200'),
  },
  {
    provider: 'websub',
    needsSecret: false,
    request: (url) => {
      const challenge = token();
      return {
        request: bodiless(
          'GET',
          withQuery(url, {
            'hub.mode': 'subscribe',
            'hub.topic': 'https://example.com/feed',
            'hub.challenge': challenge,
            'hub.lease_seconds': '86400',
          }),
        ),
        expected: challenge,
      };
    },
    judge: judgeEcho(is2xx, 'a 2xx status'),
  },
  {
    provider: 'microsoft-graph',
    needsSecret: false,
    request: (url) => {
      const validationToken = `Validation: ${token()}`;
      return {
        request: bodiless('POST', withQuery(url, { validationToken }), [
          ['Content-Type', 'text/plain'],
        ]),
        expected: validationToken,
      };
    },
    judge: judgeEcho(is200, 'HTTP 200'),
  },
  {
    provider: 'dropbox',
    needsSecret: false,
    request: (url) => {
      const challenge = token();
      return {
        request: bodiless('GET', withQuery(url, { challenge })),
        expected: challenge,
      };
    },
    judge: judgeEcho(is200, 'HTTP 200'),
  },
  {
    provider: 'okta',
    needsSecret: false,
    request: (url) => {
      const challenge = token();
      return {
        request: bodiless('GET', url.toString(), [
          ['X-Okta-Verification-Challenge', challenge],
          ['User-Agent', 'Okta-Integrations'],
        ]),
        expected: challenge,
      };
    },
    judge: judgeJsonField('verification'),
  },
  {
    provider: 'asana',
    needsSecret: false,
    request: (url) => {
      const secret = token();
      return {
        request: bodiless('POST', url.toString(), [['X-Hook-Secret', secret]]),
        expected: secret,
      };
    },
    judge: (answer, expected) => {
      const statusProblem = needStatus(answer, (s) => s === 200 || s === 204, 'HTTP 200 or 204');
      if (statusProblem) return statusProblem;
      const echoed = answer.rawHeaders.find(
        ([name]) => name.toLowerCase() === 'x-hook-secret',
      )?.[1];
      if (echoed === undefined) return 'the answer does not echo the X-Hook-Secret header';
      return echoed === expected
        ? null
        : `X-Hook-Secret echoed as ${JSON.stringify(echoed)}, expected ${JSON.stringify(expected)}`;
    },
  },
];

export function findHandshakePlay(provider: string): HandshakePlay | undefined {
  return handshakePlays.find((play) => play.provider === provider);
}
