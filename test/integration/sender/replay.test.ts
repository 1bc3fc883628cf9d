import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers } from '../../../electron/engine/api/handlers';
import { LAST_TARGET_KEY, LastTargetSetting } from '../../../electron/engine/settings/schemas';
import { withSettings } from '../../../electron/engine/settings/settings-store';
import { startEchoServer, type EchoServer } from '../../support/echo-server';
import { capture, startSenderEngine, type SenderEngine } from '../../support/sender-engine';

const STRIPE_SECRET = 'whsec_replay_test_secret';
// Standard Webhooks secrets are base64 after whsec_; the key is the decoded bytes.
const SW_KEY = Buffer.from('0123456789abcdef0123456789abcdef');
const SW_SECRET = `whsec_${SW_KEY.toString('base64')}`;
const PRESERVICA_SECRET = 'my_shared_secret';

let app: SenderEngine;
let target: EchoServer;

beforeAll(async () => {
  app = await startSenderEngine({
    endpoints: [
      { path: '/stripe', provider: 'stripe', secrets: [STRIPE_SECRET] },
      { path: '/sw', provider: 'standard-webhooks', secrets: [SW_SECRET] },
      { path: '/preservica', provider: 'preservica', secrets: [PRESERVICA_SECRET] },
    ],
  });
  target = await startEchoServer();
});
afterAll(async () => {
  await target.close();
  await app.close();
});
afterEach(() => {
  target.received.length = 0;
  target.answer = (_req, res) => res.end('ok');
});

const header = (headers: [string, string][], name: string) =>
  headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe('replay', () => {
  it('sends the captured body bytes and header order exactly, and records the attempt', async () => {
    const body = Buffer.concat([Buffer.from('{"a":1,  "b":"é"}\n'), Buffer.from([0xff, 0x00])]);
    const { id } = await capture(
      app.engine,
      '/plain?x=1',
      [
        ['X-Zeta', 'z'],
        ['content-type', 'application/json'],
        ['X-Dup', 'one'],
        ['Host', 'original.example'],
        ['X-Dup', 'two'],
        ['x-lower', 'Mixed Case Value'],
      ],
      body,
    );
    const attempt = await app.engine.sender.replay({ deliveryId: id, url: `${target.url}/hook` });

    const got = target.received[0]!;
    expect(Buffer.compare(got.body, body)).toBe(0);
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/hook');
    const sentNames = got.rawHeaders.map(([name]) => name);
    // Captured order and case; the receiver's own framing headers (Content-Length) keep their place.
    const captured = app.engine.store.get(id)!.rawHeaders.map(([name]) => name);
    const kept = captured.filter((name) => !['connection'].includes(name.toLowerCase()));
    expect(sentNames.slice(0, kept.length)).toEqual(kept);
    expect(header(got.rawHeaders, 'host')).toBe(new URL(target.url).host);
    expect(got.rawHeaders.filter(([n]) => n === 'X-Dup').map(([, v]) => v)).toEqual(['one', 'two']);

    expect(attempt.kind).toBe('replay');
    expect(attempt.deliveryId).toBe(id);
    expect(attempt.status).toBe(200);
    expect(Buffer.from(attempt.answer!.body).toString()).toBe('ok');
    expect(Buffer.compare(Buffer.from(attempt.request.body), body)).toBe(0);
    expect(app.engine.sender.attemptsOf(id).map((a) => a.id)).toEqual([attempt.id]);
    expect(app.engine.sender.attempt(attempt.id).request.rawHeaders).toEqual(
      attempt.request.rawHeaders,
    );
  });

  it('edits method, headers and body before sending', async () => {
    const { id } = await capture(app.engine, '/plain', [['content-type', 'text/plain']], 'before');
    await app.engine.sender.replay({
      deliveryId: id,
      url: target.url,
      method: 'PUT',
      rawHeaders: [['X-Edited', 'yes']],
      body: new TextEncoder().encode('after'),
    });
    const got = target.received[0]!;
    expect(got.method).toBe('PUT');
    expect(got.body.toString()).toBe('after');
    expect(header(got.rawHeaders, 'x-edited')).toBe('yes');
    expect(header(got.rawHeaders, 'content-type')).toBeUndefined();
  });

  it('defaults to the last target used, remembered in the data dir', async () => {
    const { id } = await capture(app.engine, '/plain', [], 'again');
    await app.engine.sender.replay({ deliveryId: id, url: `${target.url}/remembered` });
    const second = await app.engine.sender.replay({ deliveryId: id });
    expect(second.url).toBe(`${target.url}/remembered`);
    expect(target.received.map((r) => r.url)).toEqual(['/remembered', '/remembered']);
    expect(
      withSettings(app.dataDir, (s) => s.read(LAST_TARGET_KEY, LastTargetSetting, null)),
    ).toEqual({ url: `${target.url}/remembered` });
  });

  it('records a target that is down as a failed attempt, not an error', async () => {
    const down = await startEchoServer();
    const url = down.url;
    await down.close();
    const { id } = await capture(app.engine, '/plain', [], 'x');
    const attempt = await app.engine.sender.replay({ deliveryId: id, url });
    expect(attempt.status).toBeNull();
    expect(attempt.failureCode).toBe('connection-refused');
    expect(attempt.answer).toBeNull();
  });
});

describe('replay with a fresh signature', () => {
  it('re-signs Stripe: t=<now>,v1=hex HMAC-SHA256(secret, "t.body") verifies', async () => {
    const body = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}';
    const old = 'a'.repeat(64);
    const { id } = await capture(
      app.engine,
      '/stripe',
      [
        ['Content-Type', 'application/json'],
        ['Stripe-Signature', `t=1492774577,v1=${old}`],
      ],
      body,
    );
    const before = Math.floor(Date.now() / 1000);
    await app.engine.sender.replay({ deliveryId: id, url: target.url, resign: {} });
    const got = target.received[0]!;
    expect(got.body.toString()).toBe(body);
    const signature = header(got.rawHeaders, 'stripe-signature')!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(Number(t)).toBeGreaterThanOrEqual(before);
    const expected = createHmac('sha256', STRIPE_SECRET).update(`${t}.${body}`).digest('hex');
    expect(v1).toBe(expected);
    expect(got.rawHeaders.filter(([n]) => n.toLowerCase() === 'stripe-signature')).toHaveLength(1);
  });

  it('re-signs Standard Webhooks with a new id: v1,base64 HMAC(decoded key, "id.ts.body") verifies', async () => {
    const body = '{"type":"invoice.paid","data":{"id":"inv_1"}}';
    const { id } = await capture(
      app.engine,
      '/sw',
      [
        ['content-type', 'application/json'],
        ['webhook-id', 'msg_old'],
        ['webhook-timestamp', '1614265330'],
        ['webhook-signature', 'v1,AAAA'],
      ],
      body,
    );
    await app.engine.sender.replay({ deliveryId: id, url: target.url, resign: {} });
    const got = target.received[0]!;
    const messageId = header(got.rawHeaders, 'webhook-id')!;
    const timestamp = header(got.rawHeaders, 'webhook-timestamp')!;
    expect(messageId).not.toBe('msg_old');
    expect(Number(timestamp)).toBeGreaterThan(1614265330);
    const expected = createHmac('sha256', SW_KEY)
      .update(`${messageId}.${timestamp}.${body}`)
      .digest('base64');
    expect(header(got.rawHeaders, 'webhook-signature')).toBe(`v1,${expected}`);
  });

  it('re-signs Preservica: hex HMAC-SHA256(secret, "preservica-webhook-auth" + body) verifies', async () => {
    const body =
      '{"subscriptionId":"4583e1e6d2c72ed96a1151bc7dfd53c2","events":[{"entityType":"IO","entityRef":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}]}';
    const { id } = await capture(
      app.engine,
      '/preservica',
      [
        ['Content-Type', 'application/json'],
        ['Preservica-Signature', 'f'.repeat(64)],
      ],
      body,
    );
    await app.engine.sender.replay({ deliveryId: id, url: target.url, resign: {} });
    const got = target.received[0]!;
    const expected = createHmac('sha256', PRESERVICA_SECRET)
      .update(`preservica-webhook-auth${body}`)
      .digest('hex');
    // The published vector for this body and secret (protocols.md §1.1.5).
    expect(expected).toBe('24a2c90372a48056ee7a714321dd3ee77a6b6c5885991c9d70f02129720f55f8');
    expect(header(got.rawHeaders, 'preservica-signature')).toBe(expected);
  });

  it('signs with another provider and secret when asked', async () => {
    const { id } = await capture(app.engine, '/plain', [], '{"x":1}');
    await app.engine.sender.replay({
      deliveryId: id,
      url: target.url,
      resign: { provider: 'preservica', secret: 'other' },
    });
    const got = target.received[0]!;
    const expected = createHmac('sha256', 'other')
      .update('preservica-webhook-auth{"x":1}')
      .digest('hex');
    expect(header(got.rawHeaders, 'preservica-signature')).toBe(expected);
  });

  it('refuses to re-sign without a secret, saying so', async () => {
    const { id } = await capture(app.engine, '/plain', [], '{}');
    await expect(
      app.engine.sender.replay({ deliveryId: id, url: target.url, resign: { provider: 'stripe' } }),
    ).rejects.toThrow(/no endpoint with a secret/);
    expect(target.received).toHaveLength(0);
  });
});

describe('the loop guard and the contract', () => {
  const handlers = () => createApiHandlers(app.engine, { shell: 'browser' });

  it("asks before sending to Hookscope's own receiver (confirm-loop), then sends when confirmed", async () => {
    const { id } = await capture(app.engine, '/plain', [], 'loop');
    const before = app.engine.store.count();
    const own = app.engine.receiver.url.replace('127.0.0.1', 'localhost');
    const refused = await dispatchCall(handlers(), 'replay:send', {
      deliveryId: id,
      url: `${own}/again`,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'confirm-loop' } });
    expect(app.engine.store.count()).toBe(before);

    const confirmed = await dispatchCall(handlers(), 'replay:send', {
      deliveryId: id,
      url: `${own}/again`,
      confirmLoop: true,
    });
    expect(confirmed.ok).toBe(true);
    expect(app.engine.store.count()).toBe(before + 1);
  });

  it('lists attempts by delivery and diffs an answer with the original answer', async () => {
    const { id } = await capture(app.engine, '/plain', [], '{"n":1}');
    target.answer = (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":false,"why":"target"}');
    };
    const sent = await dispatchCall(handlers(), 'replay:send', { deliveryId: id, url: target.url });
    expect(sent.ok).toBe(true);
    const attemptId = (sent as { value: { id: string } }).value.id;
    const list = await dispatchCall(handlers(), 'replay:attempts', { deliveryId: id });
    expect(list).toMatchObject({
      ok: true,
      value: [{ id: attemptId, kind: 'replay', status: 200 }],
    });
    const diff = await dispatchCall(handlers(), 'attempts:diff', { attemptId });
    expect(diff.ok).toBe(true);
    const value = (
      diff as { value: { equal: boolean; body: { kind: string; changes: { pointer: string }[] } } }
    ).value;
    expect(value.equal).toBe(false);
    expect(value.body.kind).toBe('json');
    expect(value.body.changes.map((c) => c.pointer)).toContain('/body/why');
  });

  it('refuses unknown deliveries with not-found', async () => {
    const result = await dispatchCall(handlers(), 'replay:send', {
      deliveryId: 'nope',
      url: target.url,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
