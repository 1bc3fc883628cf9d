import { afterEach, describe, expect, it } from 'vitest';
import type { Responder } from '../../../electron/engine';
import { startEchoServer, type EchoServer } from '../../support/echo-server';
import {
  capture,
  startSenderEngine,
  waitForAttempts,
  type SenderEngine,
} from '../../support/sender-engine';

// Kanboard-style bodies name their event; the test responder records it as the derived fact.
const eventFromBody: Responder = (request) => {
  try {
    const parsed = JSON.parse(Buffer.from(request.body).toString()) as { event_name?: string };
    return { facts: { event: parsed.event_name ?? null } };
  } catch {
    return null;
  }
};

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function echo(port = 0): Promise<EchoServer> {
  const server = await startEchoServer(port);
  cleanup.push(() => server.close());
  return server;
}

async function engineWith(options: Parameters<typeof startSenderEngine>[0]): Promise<SenderEngine> {
  const app = await startSenderEngine({ responder: eventFromBody, ...options });
  cleanup.push(() => app.close());
  return app;
}

/** A URL where nothing listens now, on a port a test can listen on later. */
async function freeUrl(): Promise<{ url: string; port: number }> {
  const probe = await startEchoServer();
  const url = probe.url;
  await probe.close();
  return { url, port: Number(new URL(url).port) };
}

describe('forward on arrival', () => {
  it('fans out to every target whose rule takes the event, exact bytes', async () => {
    const all = await echo();
    const tasksOnly = await echo();
    const app = await engineWith({
      endpoints: [
        {
          path: '/kanboard',
          forward: [
            { url: `${all.url}/all` },
            { url: `${tasksOnly.url}/tasks`, events: ['task.*'] },
          ],
        },
      ],
    });
    const forwarded = waitForAttempts(app.engine, 3, (a) => a.kind === 'forward');
    const task = '{"event_name":"task.create","event_data":{"task_id":1}}';
    const comment = '{"event_name":"comment.create","event_data":{"id":2}}';
    const first = await capture(
      app.engine,
      '/kanboard?token=abc',
      [['Content-Type', 'application/json']],
      task,
    );
    await capture(app.engine, '/kanboard', [['Content-Type', 'application/json']], comment);
    const attempts = await forwarded;

    expect(all.received.map((r) => r.body.toString()).sort()).toEqual([comment, task].sort());
    expect(tasksOnly.received.map((r) => r.body.toString())).toEqual([task]);
    // The captured query travels with the delivery (Kanboard authenticates with ?token=).
    expect(all.received.find((r) => r.body.toString() === task)?.url).toBe('/all?token=abc');
    expect(attempts.every((a) => a.status === 200)).toBe(true);
    expect(app.engine.sender.attemptsOf(first.id)).toHaveLength(2);
  });

  it('loses nothing while the target is down: catch-up re-sends what it missed, oldest first', async () => {
    const { url, port } = await freeUrl();
    const app = await engineWith({
      endpoints: [{ path: '/hooks', forward: [{ url }] }],
      forwardRetry: { maxAttempts: 1 },
    });
    const failed = waitForAttempts(app.engine, 3, (a) => a.kind === 'forward');
    const bodies = ['{"n":1}', '{"n":2}', '{"n":3}'];
    for (const body of bodies)
      await capture(app.engine, '/hooks', [['content-type', 'application/json']], body);
    const attempts = await failed;
    expect(attempts.map((a) => a.failureCode)).toEqual([
      'connection-refused',
      'connection-refused',
      'connection-refused',
    ]);
    // Still down: catch-up stops at the first refusal instead of hammering.
    const stillDown = await app.engine.sender.catchUp('/hooks', url);
    expect(stillDown).toMatchObject({ sent: 1, succeeded: 0, failed: 1 });

    const back = await echo(port);
    const report = await app.engine.sender.catchUp('/hooks', url);
    expect(report).toMatchObject({ endpoint: '/hooks', url, sent: 3, succeeded: 3, failed: 0 });
    expect(back.received.map((r) => r.body.toString())).toEqual(bodies);
    // Nothing is missed any more.
    expect(await app.engine.sender.catchUp('/hooks', url)).toMatchObject({ sent: 0 });
    const history = app.engine.sender.attemptsOf(app.engine.store.list({ limit: 3 }).items[2]!.id);
    expect(history.map((a) => a.status)).toEqual([null, null, 200]);
    expect(history.map((a) => a.attemptNumber)).toEqual([1, 2, 3]);
  });

  it('retries a failed forward with backoff, visibly, until the target answers 2xx', async () => {
    const { url, port } = await freeUrl();
    const app = await engineWith({
      endpoints: [{ path: '/hooks', forward: [{ url }] }],
      forwardRetry: { maxAttempts: 4, baseDelayMs: 200 },
    });
    const firstFailure = waitForAttempts(app.engine, 1, (a) => a.kind === 'forward');
    const success = waitForAttempts(app.engine, 1, (a) => a.kind === 'forward' && a.status === 200);
    const { id } = await capture(app.engine, '/hooks', [], 'retry me');
    const [failure] = await firstFailure;
    expect(failure!.failureCode).toBe('connection-refused');
    expect(failure!.nextRetryAt).not.toBeNull();
    const back = await echo(port);
    const [ok] = await success;
    expect(ok!.attemptNumber).toBeGreaterThan(1);
    expect(ok!.label).toBe('retry');
    expect(back.received.map((r) => r.body.toString())).toEqual(['retry me']);
    const history = app.engine.sender.attemptsOf(id);
    expect(history.at(-1)!.status).toBe(200);
    // The retry that ran is no longer shown as pending.
    expect(history.slice(0, -1).every((a) => a.nextRetryAt === null)).toBe(true);
  });

  it('refuses a rule that points at its own receiver instead of looping', async () => {
    const app = await engineWith({ endpoints: [{ path: '/loop' }] });
    app.engine.setEndpoints([
      { path: '/loop', forward: [{ url: `${app.engine.receiver.url}/loop` }] },
    ]);
    const refused = waitForAttempts(app.engine, 1, (a) => a.kind === 'forward');
    await capture(app.engine, '/loop', [], 'once');
    const [attempt] = await refused;
    expect(attempt!.failureCode).toBe('loop-refused');
    expect(app.engine.store.count()).toBe(1);
  });
});

describe('proxy mode', () => {
  it("answers the sender with the target's answer, after storing the delivery", async () => {
    const target = await echo();
    target.answer = (_req, res) => {
      res.writeHead(202, { 'X-From': 'target', 'Content-Type': 'text/plain' });
      res.end('accepted by the local app');
    };
    const app = await engineWith({
      endpoints: [{ path: '/p', forward: [{ url: target.url, proxy: true }] }],
    });
    const reply = await capture(app.engine, '/p', [], 'proxied');
    expect(reply.status).toBe(202);
    expect(reply.answer).toBe('accepted by the local app');
    const stored = app.engine.store.get(reply.id)!;
    expect(stored.response?.status).toBe(202);
    expect(Buffer.from(stored.response!.body).toString()).toBe('accepted by the local app');
    expect(target.received).toHaveLength(1);
    const attempts = app.engine.sender.attemptsOf(reply.id);
    expect(attempts).toMatchObject([{ kind: 'forward', label: 'proxy', status: 202 }]);
  });

  it('gives the sender a 502 when the target is down, and still stores the delivery', async () => {
    const { url } = await freeUrl();
    const app = await engineWith({ endpoints: [{ path: '/p', forward: [{ url, proxy: true }] }] });
    const reply = await capture(app.engine, '/p', [], 'kept');
    expect(reply.status).toBe(502);
    expect(Buffer.from(app.engine.store.get(reply.id)!.body).toString()).toBe('kept');
    expect(app.engine.sender.attemptsOf(reply.id)[0]?.failureCode).toBe('connection-refused');
  });
});
