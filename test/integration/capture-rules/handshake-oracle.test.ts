// Issue 13 item 1: the handshake responder must not be a signing oracle. Each HMAC handshake
// (Preservica, Zoom, Twitter CRC) is attacked the way the issue reproduced it, from a stranger's
// address through a stand-in tunnel, against a real engine (real receiver, real SQLite); the
// legitimate handshake still passes (the player acting as the provider, and Preservica's subscribe
// flow against the stand-in Preservica server).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/index';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers } from '../../../electron/engine/api/handlers';
import { ANSWER_BURST } from '../../../electron/engine/capture-rules/handshake-guard';
import { preservicaSignature } from '../../../electron/engine/providers/preservica';
import { playHandshake } from '../../../electron/engine/sender/handshake-player';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import type { OutgoingRequest, SendAnswer } from '../../../electron/engine/sender/types';
import { startPreservicaStandIn } from '../../support/preservica-standin';
import { startEngineFixture, text, type EngineFixture } from './engine-fixture';

const SECRETS = {
  preservica: 'preservica-shared-secret',
  zoom: 'zoom-secret-token',
  twitter: 'twitter-consumer-secret',
} as const;
const STRANGER = '203.0.113.7';
const BODY = '{"events":[{"entityType":"IO","entityRef":"0f3c3e3a-1d8c-4c2e-9f5e-2a8d0c6a4b11"}]}';

let fx: EngineFixture;
let relay: Server;
/** The receiver as a stranger on the internet reaches it: through the tunnel, from STRANGER. */
let publicUrl = '';

beforeAll(async () => {
  fx = await startEngineFixture({
    endpoints: Object.entries(SECRETS).map(([provider, secret]) => ({
      path: `/${provider}`,
      provider,
      handshake: true,
      secrets: [secret],
    })),
  });
  relay = createServer((socket) =>
    fx.engine.receiver.acceptTunnelConnection(socket, { remoteAddress: STRANGER }),
  );
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  publicUrl = `http://127.0.0.1:${(relay.address() as { port: number }).port}`;
});
afterAll(async () => {
  // The engine first: it drops the tunnelled connections the relay would otherwise wait for.
  await fx.close();
  await new Promise((resolve) => relay.close(resolve));
});

async function send(request: OutgoingRequest): Promise<SendAnswer> {
  const outcome = await sendExact(request, { timeoutMs: 10_000 });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.answer;
}

/** The stored record of the newest request, once the store's thread has derived its facts. */
async function newestDerived() {
  await fx.engine.store.whenReadable();
  return fx.newest();
}

describe('Preservica: the challenge cannot sign a delivery', () => {
  it('refuses a code carrying the delivery prefix, JSON, or more than 128 characters, and records why', async () => {
    const attacks: Array<[string, RegExp]> = [
      [`preservica-webhook-auth${BODY}`, /delivery signing prefix "preservica-webhook-auth"/],
      [BODY, /contains JSON/],
      ['a'.repeat(129), /129 characters long; real ones are at most 128/],
    ];
    for (const [code, why] of attacks) {
      const answer = await send({
        method: 'POST',
        url: `${publicUrl}/preservica?challengeCode=${encodeURIComponent(code)}`,
        rawHeaders: [],
        body: new Uint8Array(),
      });
      expect(answer.status).toBe(400);
      expect(text(answer.body)).toMatch(why);
      // The exact signature the issue obtained is nowhere in the answer.
      expect(text(answer.body)).not.toContain(
        preservicaSignature(SECRETS.preservica, Buffer.from(BODY)),
      );
      const stored = await newestDerived();
      expect(stored.handshake).toBe(false);
      expect(stored.response?.status).toBe(400);
      expect(text(stored.response?.body ?? new Uint8Array())).toMatch(why);
    }
  });

  it('still passes the real handshake, played as Preservica through the tunnel', async () => {
    const report = await playHandshake('preservica', `${publicUrl}/preservica`, SECRETS.preservica);
    expect(report.reason).toMatch(/answered correctly/);
    expect(report.pass).toBe(true);
  });
});

describe('Zoom: plainToken cannot be a signing input, and the request must be signed', () => {
  it('refuses a plainToken shaped like `v0:<ts>:<body>` and an unsigned validation', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const forgedToken = `v0:${ts}:{"event":"meeting.started"}`;
    const body = JSON.stringify({
      event: 'endpoint.url_validation',
      payload: { plainToken: forgedToken },
      event_ts: Date.now(),
    });
    const answer = await send({
      method: 'POST',
      url: `${publicUrl}/zoom`,
      rawHeaders: [['Content-Type', 'application/json']],
      body: Buffer.from(body),
    });
    expect(answer.status).toBe(400);
    expect(text(answer.body)).toMatch(/plainToken contains ":"/);
    expect((await newestDerived()).handshake).toBe(false);

    // Token-shaped but not signed by Zoom: 401, as zoom/webhook-sample answers, nothing computed.
    const unsigned = await send({
      method: 'POST',
      url: `${publicUrl}/zoom`,
      rawHeaders: [['Content-Type', 'application/json']],
      body: Buffer.from(
        JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken: 'abcDEF123' } }),
      ),
    });
    expect(unsigned.status).toBe(401);
    expect(text(unsigned.body)).not.toMatch(/encryptedToken/);
  });

  it('still passes the real url_validation, played as Zoom', async () => {
    const report = await playHandshake('zoom', `${publicUrl}/zoom`, SECRETS.zoom);
    expect(report.reason).toMatch(/answered correctly/);
    expect(report.pass).toBe(true);
  });
});

describe('Twitter CRC: crc_token cannot be a delivery body; an answer reused as a signature is flagged', () => {
  it('refuses a crc_token holding JSON', async () => {
    const answer = await send({
      method: 'GET',
      url: `${publicUrl}/twitter?crc_token=${encodeURIComponent('{"tweet_create_events":[]}')}`,
      rawHeaders: [],
      body: new Uint8Array(),
    });
    expect(answer.status).toBe(400);
    expect(text(answer.body)).toMatch(/crc_token contains "\{"/);
  });

  it('flags a delivery whose signature equals a CRC answer given: forged-via-handshake, never valid', async () => {
    // A token-shaped body passes the shape check; its CRC answer is the body's valid signature.
    const token = 'forgedbodyforgedbody0123';
    const crc = await send({
      method: 'GET',
      url: `${publicUrl}/twitter?crc_token=${token}`,
      rawHeaders: [],
      body: new Uint8Array(),
    });
    expect(crc.status).toBe(200);
    const responseToken = (JSON.parse(text(crc.body)) as { response_token: string }).response_token;
    await send({
      method: 'POST',
      url: `${publicUrl}/twitter`,
      rawHeaders: [['X-Twitter-Webhooks-Signature', responseToken]],
      body: Buffer.from(token),
    });
    const stored = await newestDerived();
    expect(stored.verdict?.signature.status).toBe('forged-via-handshake');
    expect(stored.verdict?.signature.reason).toMatch(/equals a handshake answer Hookscope gave/);
    expect(stored.badge).toBe('fail');

    // The same body signed by the real secret, with a signature no answer gave, is still valid.
    const genuineBody = 'genuine-body-never-asked-about';
    const genuine = `sha256=${createHmac('sha256', SECRETS.twitter).update(genuineBody).digest('base64')}`;
    await send({
      method: 'POST',
      url: `${publicUrl}/twitter`,
      rawHeaders: [['X-Twitter-Webhooks-Signature', genuine]],
      body: Buffer.from(genuineBody),
    });
    expect((await newestDerived()).verdict?.signature.status).toBe('valid');
    // The ledger survives restarts, private to the user.
    expect(statSync(join(fx.dataDir, 'handshake-answers.json')).mode & 0o777).toBe(0o600);
  });

  it('still passes the real CRC, played as Twitter', async () => {
    const report = await playHandshake('twitter', `${publicUrl}/twitter`, SECRETS.twitter);
    expect(report.pass).toBe(true);
  });
});

describe('arming and rate limiting', () => {
  it('answers an unarmed endpoint only for providers that re-validate (Twitter, Zoom), and says why otherwise', async () => {
    for (const path of ['/preservica', '/zoom', '/twitter']) fx.engine.captureRules.disarm(path);
    try {
      const preservica = await playHandshake(
        'preservica',
        fx.url('/preservica'),
        SECRETS.preservica,
      );
      expect(preservica.pass).toBe(false);
      expect(preservica.answer?.status).toBe(403);
      expect(text(preservica.answer?.body ?? new Uint8Array())).toMatch(
        /the endpoint \/preservica is not armed for handshakes/,
      );
      const stored = await newestDerived();
      expect(stored.handshake).toBe(false);
      expect(text(stored.response?.body ?? new Uint8Array())).toMatch(/not armed/);

      expect((await playHandshake('twitter', fx.url('/twitter'), SECRETS.twitter)).pass).toBe(true);
      expect((await playHandshake('zoom', fx.url('/zoom'), SECRETS.zoom)).pass).toBe(true);

      // The UI's button: handshakes:arm through the contract.
      const handlers = createApiHandlers(fx.engine, { shell: 'browser' });
      const armed = (await dispatchCall(handlers, 'handshakes:arm', {
        endpoint: '/preservica',
        minutes: 10,
      })) as { ok: boolean; value: { armedUntil: number | null } };
      expect(armed.ok).toBe(true);
      expect(armed.value.armedUntil).toBeGreaterThan(Date.now());
      expect(
        (await playHandshake('preservica', fx.url('/preservica'), SECRETS.preservica)).pass,
      ).toBe(true);
    } finally {
      for (const path of ['/preservica', '/zoom', '/twitter'])
        fx.engine.captureRules.arm(path, 600_000);
    }
  });

  it(`answers at most ${ANSWER_BURST} challenges in a burst from one stranger, then 429`, async () => {
    // A fresh engine: the stranger's bucket of the shared one was spent by the tests above.
    const own = await startEngineFixture({
      endpoints: [{ path: '/p', provider: 'preservica', handshake: true, secrets: ['s'] }],
    });
    const ownRelay = createServer((socket) =>
      own.engine.receiver.acceptTunnelConnection(socket, { remoteAddress: STRANGER }),
    );
    await new Promise<void>((resolve) => ownRelay.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(ownRelay.address() as { port: number }).port}/p`;
      const statuses: number[] = [];
      for (let i = 0; i < ANSWER_BURST + 2; i += 1) {
        const report = await playHandshake('preservica', url, 's');
        statuses.push(report.answer?.status ?? 0);
      }
      expect(statuses.slice(0, ANSWER_BURST)).toEqual(Array(ANSWER_BURST).fill(200));
      expect(statuses.slice(ANSWER_BURST)).toEqual([429, 429]);
      const stored = await (async () => {
        await own.engine.store.whenReadable();
        return own.newest();
      })();
      expect(text(stored.response?.body ?? new Uint8Array())).toMatch(
        new RegExp(`too many challenges from ${STRANGER.replaceAll('.', '\\.')}`),
      );
      // The user's own machine is not limited.
      expect((await playHandshake('preservica', own.url('/p'), 's')).pass).toBe(true);
    } finally {
      await new Promise((resolve) => ownRelay.close(resolve));
      await own.close();
    }
  });
});

describe('the Preservica subscribe flow arms the endpoint by itself', () => {
  it('passes the challenge of a subscription created while the endpoint was not armed', async () => {
    const USER = { username: 'manager@example.org', password: 'correct horse', tenant: 'ACME' };
    const standIn = await startPreservicaStandIn({ users: [USER] });
    const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-oracle-subscribe-'));
    const engine = await createEngine({
      dataDir,
      receiverPort: 0,
      endpoints: [
        {
          path: '/preservica',
          provider: 'preservica',
          handshake: true,
          secrets: [SECRETS.preservica],
        },
      ],
    });
    try {
      engine.captureRules.disarm('/preservica');
      const handlers = createApiHandlers(engine, { shell: 'browser' });
      const call = (name: string, input?: unknown) =>
        dispatchCall(handlers, name, input) as Promise<{
          ok: boolean;
          value?: unknown;
          error?: { message: string };
        }>;
      const account = (
        await call('accounts:save', { provider: 'preservica', server: standIn.url, ...USER })
      ).value as { id: string };
      const created = await call('subscriptions:create', {
        accountId: account.id,
        endpointPath: '/preservica',
        event: 'MOVED',
        url: `${engine.receiver.url}/preservica`,
      });
      expect(created.error).toBeUndefined();
      expect(created.ok).toBe(true);
      expect(engine.captureRules.armedUntil('/preservica')).not.toBeNull();
    } finally {
      await engine.close();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
