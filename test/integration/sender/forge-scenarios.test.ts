import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../../electron/contract/sender';
import { startEchoServer, type EchoServer } from '../../support/echo-server';
import { startSenderEngine, type SenderEngine } from '../../support/sender-engine';

const ENDPOINT_SECRET = 'whsec_endpoint_secret_never_saved';

let app: SenderEngine;
let target: EchoServer;
beforeAll(async () => {
  app = await startSenderEngine({
    endpoints: [{ path: '/stripe', provider: 'stripe', secrets: [ENDPOINT_SECRET] }],
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

describe('forge', () => {
  it('lists every provider with its events, templates and schemas', () => {
    const templates = app.engine.sender.templates();
    const kanboard = templates.find((t) => t.provider === 'kanboard')!;
    expect(kanboard.budgetMs).toBe(1000);
    expect(kanboard.events.length).toBeGreaterThan(0);
    expect(templates.find((t) => t.provider === 'preservica')).toMatchObject({
      handshake: true,
      canSign: true,
    });
  });

  it('sends a template with variables expanded and --set edits, signed, and records it', async () => {
    const stripe = app.engine.sender.templates().find((t) => t.provider === 'stripe')!;
    const event = stripe.events[0]!.name;
    const attempt = await app.engine.sender.forge({
      provider: 'stripe',
      event,
      url: target.url,
      body: '{"id":"{{uuid}}","created":"{{now_unix}}","type":"x"}',
      sets: ['/type=forged.type', '/livemode=false'],
      secretFromEndpoint: '/stripe',
    });
    const got = target.received[0]!;
    const sent = JSON.parse(got.body.toString()) as Record<string, unknown>;
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof sent.created).toBe('number');
    expect(sent).toMatchObject({ type: 'forged.type', livemode: false });
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
      header(got.rawHeaders, 'stripe-signature')!,
    )!;
    expect(v1).toBe(
      createHmac('sha256', ENDPOINT_SECRET).update(`${t}.${got.body.toString()}`).digest('hex'),
    );
    expect(attempt).toMatchObject({ kind: 'forge', deliveryId: null, status: 200 });
  });

  it('sends ids beyond 2^53 from the editor exactly as typed (Shopify order ids)', async () => {
    await app.engine.sender.forge({
      provider: 'shopify',
      event: 'orders/create',
      url: target.url,
      body: '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508","created_at":"{{now}}"}',
    });
    const sent = target.received[0]!.body.toString();
    expect(sent).toContain('"id":820982911946154508,');
    expect(sent).not.toContain('{{now}}');
  });

  it('says where the editor text breaks the schema, by JSON pointer', () => {
    const kanboard = app.engine.sender.templates().find((t) => t.provider === 'kanboard')!;
    const event = kanboard.events.find((e) => e.schema)!;
    const broken = app.engine.sender.validateTemplate('kanboard', event.name, '{"event_name": 42}');
    expect(broken.parseError).toBeNull();
    expect(broken.schema).toBe('invalid');
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.errors.every((e) => e.pointer.startsWith('/') || e.pointer === '')).toBe(true);
    const notJson = app.engine.sender.validateTemplate('kanboard', event.name, '{"event_name": ');
    expect(notJson.parseError).toMatch(/JSON|Unexpected|end/i);
    const fine = app.engine.sender.validateTemplate(
      'kanboard',
      event.name,
      JSON.stringify(event.template),
    );
    expect(fine.schema).toBe('valid');
  });

  it('refuses an unknown event with the list of known ones', async () => {
    await expect(
      app.engine.sender.forge({ provider: 'kanboard', event: 'no.such', url: target.url }),
    ).rejects.toThrow(/has no event "no.such"; known: /);
  });
});

describe('scenarios', () => {
  it('saves scenarios without secrets or signature headers, and runs a sequence in order', async () => {
    const event = app.engine.sender.templates().find((t) => t.provider === 'stripe')!.events[0]!
      .name;
    const saved = app.engine.sender.saveScenario({
      name: 'first',
      provider: 'stripe',
      event,
      url: target.url,
      body: '{"step":1}',
      rawHeaders: [
        ['X-Custom', 'kept'],
        ['Stripe-Signature', `t=1,v1=${'0'.repeat(64)}`],
        ['Authorization', `Bearer ${ENDPOINT_SECRET}`],
      ],
      secretFromEndpoint: '/stripe',
    });
    expect(saved.rawHeaders).toEqual([['X-Custom', 'kept']]);
    app.engine.sender.saveScenario({
      name: 'second',
      provider: 'stripe',
      event,
      body: '{"step":2}',
    });

    const file = readFileSync(join(app.dataDir, 'scenarios.json'), 'utf8');
    expect(file).not.toContain(ENDPOINT_SECRET);
    expect(file).not.toContain('Stripe-Signature');
    expect(app.engine.sender.scenarios.list().map((s) => s.name)).toEqual(['first', 'second']);

    const results = await app.engine.sender.runScenarios({
      names: ['first', 'second'],
      url: target.url,
    });
    expect(results.map((r) => r.label)).toEqual(['first', 'second']);
    expect(target.received.map((r) => r.body.toString())).toEqual(['{"step":1}', '{"step":2}']);
    // The first is signed with the endpoint's secret at run time; the second is unsigned.
    expect(header(target.received[0]!.rawHeaders, 'stripe-signature')).toMatch(/^t=\d+,v1=/);
    expect(header(target.received[1]!.rawHeaders, 'stripe-signature')).toBeUndefined();
    expect(header(target.received[0]!.rawHeaders, 'x-custom')).toBe('kept');

    expect(app.engine.sender.scenarios.delete('first')).toBe(true);
    expect(app.engine.sender.scenarios.list().map((s) => s.name)).toEqual(['second']);
  });
});

describe('bulk', () => {
  it('sends N forged events at concurrency C with progress, a histogram, status counts and the budget', async () => {
    let served = 0;
    target.answer = (_req, res) => {
      served += 1;
      res.statusCode = served % 5 === 0 ? 500 : 200;
      res.end();
    };
    const event = app.engine.sender.templates().find((t) => t.provider === 'kanboard')!.events[0]!
      .name;
    const progress: BulkProgress[] = [];
    const stop = app.engine.sender.onEvent((e) => {
      if (e.event === 'bulk:progressed') progress.push(e.payload);
    });
    const report = await app.engine.sender.bulk({
      runId: 'run-1',
      url: target.url,
      count: 50,
      concurrency: 8,
      source: { provider: 'kanboard', event },
    });
    stop();
    expect(report.sent).toBe(50);
    expect(report.statusCounts).toEqual({ '200': 40, '500': 10 });
    expect(report.budgetMs).toBe(1000);
    expect(report.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(50);
    expect(report.histogram.at(-1)!.upToMs).toBeNull();
    expect(progress.at(-1)).toEqual({ runId: 'run-1', done: 50, total: 50 });
    expect(target.received).toHaveLength(50);
  });
});

describe('handshake player', () => {
  it('records the play as an attempt and reports pass or fail with the reason', async () => {
    target.answer = (_req, res) => res.end('{"challengeCode":"wrong"}');
    const result = await app.engine.sender.handshake({
      provider: 'preservica',
      url: target.url,
      secret: 's',
    });
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(/challengeCode/);
    expect(app.engine.sender.attempt(result.attemptId)).toMatchObject({
      kind: 'handshake',
      status: 200,
    });
  });
});
