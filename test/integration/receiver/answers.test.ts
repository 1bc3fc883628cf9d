import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../electron/engine/delivery';
import type { EndpointConfig } from '../../../electron/engine/receiver';
import {
  deferred,
  httpRequest,
  openSocket,
  readResponses,
  startTestReceiver,
  type TestReceiver,
} from './helpers';

let t: TestReceiver | null = null;

afterEach(async () => {
  await t?.receiver.close();
  t = null;
});

describe('receiver answers', () => {
  it("answers with the endpoint's configured status, headers, body and delay", async () => {
    const endpoints: EndpointConfig[] = [
      {
        path: '/custom',
        response: {
          status: 202,
          headers: { 'X-Reply': 'yes', 'Content-Type': 'text/plain' },
          body: 'accepted',
          delayMs: 150,
        },
      },
    ];
    t = await startTestReceiver({ endpoints: () => endpoints });
    const started = performance.now();
    const result = await httpRequest(t.receiver.url, { path: '/custom/x?q=1', body: 'p' });
    const elapsed = performance.now() - started;
    expect(result.status).toBe(202);
    expect(result.headers).toContainEqual(['X-Reply', 'yes']);
    expect(result.headers).toContainEqual(['Content-Type', 'text/plain']);
    expect(result.body.toString()).toBe('accepted');
    expect(elapsed).toBeGreaterThanOrEqual(150);
    const delivery = t.collector.only();
    expect(delivery.endpoint).toBe('/custom');
    expect(delivery.response).toMatchObject({ status: 202 });
    expect(delivery.response?.rawHeaders.slice(0, 2)).toEqual([
      ['X-Reply', 'yes'],
      ['Content-Type', 'text/plain'],
    ]);
    expect(Buffer.from(delivery.response?.body ?? []).toString()).toBe('accepted');
    expect(delivery.response?.latencyMs).toBeGreaterThanOrEqual(150);
  });

  it('picks the longest matching prefix, on path segments, ignoring the query', async () => {
    const endpoints: EndpointConfig[] = [
      { path: '/', response: { status: 201 } },
      { path: '/hooks', response: { status: 202 } },
      { path: '/hooks/github', response: { status: 203 } },
    ];
    t = await startTestReceiver({ endpoints: () => endpoints });
    const statusOf = async (path: string) => (await httpRequest(t!.receiver.url, { path })).status;
    expect(await statusOf('/hooks/github/push?x=/hooks')).toBe(203);
    expect(await statusOf('/hooks/gitlab')).toBe(202);
    expect(await statusOf('/hooks?github')).toBe(202);
    expect(await statusOf('/hooksmith')).toBe(201);
    expect(t.collector.deliveries.map((d) => d.endpoint)).toEqual([
      '/hooks/github',
      '/hooks',
      '/hooks',
      '/',
    ]);
  });

  it('reads endpoints on every request, so edits apply at once', async () => {
    let endpoints: EndpointConfig[] = [];
    t = await startTestReceiver({ endpoints: () => endpoints });
    expect((await httpRequest(t.receiver.url, { path: '/e' })).status).toBe(200);
    endpoints = [{ path: '/e', response: { status: 204 } }];
    expect((await httpRequest(t.receiver.url, { path: '/e' })).status).toBe(204);
  });

  it('lets the responder answer and add derived facts', async () => {
    t = await startTestReceiver({
      endpoints: () => [{ path: '/p', provider: 'demo' }],
      responder: (capture, endpoint) =>
        capture.method === 'OPTIONS'
          ? {
              answer: { status: 200, headers: { 'WebHook-Allowed-Origin': '*' }, body: '' },
              facts: { provider: endpoint?.provider ?? null, handshake: true, event: 'validate' },
            }
          : null,
    });
    const handshake = await httpRequest(t.receiver.url, { method: 'OPTIONS', path: '/p' });
    expect(handshake.headers).toContainEqual(['WebHook-Allowed-Origin', '*']);
    const plain = await httpRequest(t.receiver.url, { path: '/p', body: '{}' });
    expect(plain.status).toBe(200);
    expect(t.collector.deliveries.map((d) => [d.provider, d.handshake, d.event])).toEqual([
      ['demo', true, 'validate'],
      [null, false, null],
    ]);
  });

  it('turns an unsendable configured answer into a 500 that says why, and still stores', async () => {
    t = await startTestReceiver({
      endpoints: () => [{ path: '/', response: { headers: { 'Bad Header': 'x' } } }],
    });
    const result = await httpRequest(t.receiver.url, { path: '/z' });
    expect(result.status).toBe(500);
    expect(result.body.toString()).toContain('invalid configured answer');
    expect(t.collector.only().response?.status).toBe(500);
  });

  it('answers 503 when the sink rejects, acknowledges nothing, and keeps serving', async () => {
    let fail = true;
    const stored: NewDelivery[] = [];
    t = await startTestReceiver({
      sink: async (delivery) => {
        if (fail) throw new Error('disk full');
        stored.push(delivery);
      },
    });
    const failed = await httpRequest(t.receiver.url, { path: '/s', body: 'a' });
    expect(failed.status).toBe(503);
    expect(JSON.parse(failed.body.toString())).toEqual({
      ok: false,
      error: 'delivery could not be stored; retry later',
    });
    expect(stored).toEqual([]);
    expect(t.errors.map((e) => e.error.message)).toEqual(['disk full']);
    fail = false;
    const ok = await httpRequest(t.receiver.url, { path: '/s', body: 'b' });
    expect(ok.status).toBe(200);
    expect(stored.map((d) => Buffer.from(d.body).toString())).toEqual(['b']);
  });

  it('answers only after the sink resolves', async () => {
    const gate = deferred();
    const entered = deferred<NewDelivery>();
    t = await startTestReceiver({
      sink: (delivery) => {
        entered.resolve(delivery);
        return gate.promise;
      },
    });
    const socket = await openSocket(t.receiver.port);
    let bytesBeforeCommit = 0;
    const early = (chunk: Buffer): void => {
      bytesBeforeCommit += chunk.length;
    };
    socket.on('data', early);
    socket.write('POST /wait HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nw');
    const delivery = await entered.promise;
    // The sink holds the delivery; give the receiver every chance to (wrongly) answer.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(bytesBeforeCommit).toBe(0);
    socket.off('data', early);
    const reading = readResponses(socket, 1);
    gate.resolve();
    const { responses } = await reading;
    socket.destroy();
    expect(responses[0]?.status).toBe(200);
    expect(JSON.parse(responses[0]?.body.toString() ?? '')).toEqual({ ok: true, id: delivery.id });
  });

  it('falls back to the default answer when the responder throws, and reports it', async () => {
    t = await startTestReceiver({
      responder: () => {
        throw new Error('responder bug');
      },
    });
    const result = await httpRequest(t.receiver.url, { path: '/r' });
    expect(result.status).toBe(200);
    expect(t.collector.deliveries).toHaveLength(1);
    expect(t.errors.map((e) => [e.context, e.error.message])).toEqual([
      ['responder', 'responder bug'],
    ]);
  });
});
