import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPreservicaClient } from '../../../electron/engine/providers/preservica/subscription-client';
import { runPreservicaSubscribe } from '../../../electron/engine/providers/preservica/subscription-flow';
import type { PreservicaConnection } from '../../../electron/engine/providers/preservica/subscription-session';
import {
  createChallengeWatch,
  type ChallengeWatch,
  type SubscribeStep,
} from '../../../electron/engine/subscriptions';
import { startPreservicaStandIn, type PreservicaStandIn } from '../../support/preservica-standin';
import { closedPort, startReceivingEngine, type ReceivingEngine } from './receiving-engine';

const SECRET = 'my_shared_secret';
const USER = { username: 'manager@example.org', password: 'correct horse', tenant: 'ACME' };

let preservica: PreservicaStandIn;
let receiving: ReceivingEngine;
let watch: ChallengeWatch;

function connection(overrides: Partial<PreservicaConnection> = {}): PreservicaConnection {
  return { server: preservica.url, ...USER, ...overrides };
}

beforeAll(async () => {
  watch = createChallengeWatch();
  receiving = await startReceivingEngine(
    [
      { path: '/preservica', provider: 'preservica', secrets: [SECRET], handshake: true },
      {
        path: '/wrong-secret',
        provider: 'preservica',
        secrets: ['not the secret'],
        handshake: true,
      },
      { path: '/no-secret', provider: 'preservica', secrets: [], handshake: true },
    ],
    watch,
  );
});
afterAll(() => receiving.close());

beforeEach(async () => {
  preservica = await startPreservicaStandIn({
    users: [USER, { username: 'reader', password: 'pw', tenant: 'ACME', roles: ['ROLE_SDB_USER'] }],
  });
});
afterEach(() => preservica.close());

describe('Preservica subscribe flow against the stand-in and the real engine', () => {
  it('subscribes when the endpoint answers the challenge with the right secret, reporting each step in order', async () => {
    const client = createPreservicaClient(connection());
    const steps: SubscribeStep[] = [];
    const url = `${receiving.url}/preservica`;
    const run = runPreservicaSubscribe({
      client,
      url,
      trigger: 'MOVED',
      secret: SECRET,
      onStep: (step) => steps.push(step),
      watchChallenges: (listener) => watch.watch('/preservica', listener),
    });
    const outcome = await run.done;

    expect(outcome.ok).toBe(true);
    expect(steps.map((step) => step.step)).toEqual([
      'request-sent',
      'challenge-received',
      'challenge-answered',
      'subscription-created',
    ]);
    expect(preservica.subscriptions).toHaveLength(1);
    expect(preservica.subscriptions[0]).toMatchObject({
      url,
      triggerType: 'MOVED',
      secret: SECRET,
      includeIdentifiers: true,
    });
    if (outcome.ok) expect(outcome.value.id).toBe(preservica.subscriptions[0]?.id);
    // The body carries exactly the SDK's fields, includeIdentifiers as the string "true".
    expect(JSON.parse(preservica.subscribeBodies[0] ?? '')).toEqual({
      url,
      triggerType: 'MOVED',
      secret: SECRET,
      includeIdentifiers: 'true',
    });
    expect(preservica.challenges).toHaveLength(1);
    expect(preservica.challenges[0]?.passed).toBe(true);
    expect(steps[1]?.detail).toContain(preservica.challenges[0]?.code);

    // The challenge went through Hookscope's receiver and is stored as a handshake delivery.
    const stored = receiving.engine.store.list({ limit: 10, endpoint: '/preservica' });
    expect(
      stored.items.some(
        (item) => item.handshake && item.target.includes(preservica.challenges[0]?.code ?? '?'),
      ),
    ).toBe(true);
  });

  it('fails with a clear reason when the endpoint holds another secret, and nothing is recorded', async () => {
    const steps: SubscribeStep[] = [];
    const run = runPreservicaSubscribe({
      client: createPreservicaClient(connection()),
      url: `${receiving.url}/wrong-secret`,
      trigger: 'FULL_TEXT_INDEXED',
      secret: SECRET,
      onStep: (step) => steps.push(step),
      watchChallenges: (listener) => watch.watch('/wrong-secret', listener),
    });
    const outcome = await run.done;

    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('challenge-failed');
      expect(outcome.error.message).toMatch(/secret is most likely not the one given/);
      expect(outcome.error.serverMessage).toMatch(/verification failed/);
      expect(outcome.error.status).toBe(400);
    }
    expect(steps.map((step) => step.step)).toEqual([
      'request-sent',
      'challenge-received',
      'challenge-answered',
      'failed',
    ]);
    expect(preservica.subscriptions).toHaveLength(0);
    expect(preservica.challenges[0]?.passed).toBe(false);
  });

  it('says the challenge was not answered when the endpoint has no secret', async () => {
    const run = runPreservicaSubscribe({
      client: createPreservicaClient(connection()),
      url: `${receiving.url}/no-secret`,
      trigger: 'MOVED',
      secret: SECRET,
      watchChallenges: (listener) => watch.watch('/no-secret', listener),
    });
    const outcome = await run.done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.error.message).toMatch(/reached Hookscope but was not answered/);
    expect(preservica.subscriptions).toHaveLength(0);
  });

  it('says no challenge arrived when the subscribed URL does not reach Hookscope', async () => {
    const closed = await closedPort();
    const steps: SubscribeStep[] = [];
    const outcome = await runPreservicaSubscribe({
      client: createPreservicaClient(connection()),
      url: `http://127.0.0.1:${closed}/preservica`,
      trigger: 'MOVED',
      secret: SECRET,
      onStep: (step) => steps.push(step),
      watchChallenges: (listener) => watch.watch('/preservica', listener),
    }).done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/No challenge reached Hookscope/);
    expect(steps.map((step) => step.step)).toEqual(['request-sent', 'failed']);
  });

  it('names the tenant when Preservica rejects the username or password', async () => {
    const client = createPreservicaClient(connection({ password: 'wrong' }));
    const listed = await client.list();
    expect(listed.ok).toBe(false);
    if (!listed.ok) {
      expect(listed.error.code).toBe('auth');
      expect(listed.error.message).toBe(
        'Preservica rejected the username or password for tenant ACME.',
      );
    }
    const steps: SubscribeStep[] = [];
    const outcome = await runPreservicaSubscribe({
      client,
      url: `${receiving.url}/preservica`,
      trigger: 'MOVED',
      secret: SECRET,
      onStep: (step) => steps.push(step),
    }).done;
    expect(outcome.ok).toBe(false);
    expect(steps.at(-1)?.detail).toMatch(/rejected the username or password/);
    expect(preservica.subscriptions).toHaveLength(0);
  });

  it('explains a user without the manager role', async () => {
    const listed = await createPreservicaClient(
      connection({ username: 'reader', password: 'pw' }),
    ).list();
    expect(listed.ok).toBe(false);
    if (!listed.ok) {
      expect(listed.error.code).toBe('forbidden');
      expect(listed.error.message).toMatch(/ROLE_SDB_MANAGER_USER/);
    }
  });

  it('reports an unreachable server with the sender message', async () => {
    const port = await closedPort();
    const outcome = await createPreservicaClient(
      connection({ server: `http://127.0.0.1:${port}` }),
    ).subscribe({
      url: `${receiving.url}/preservica`,
      triggerType: 'MOVED',
      secret: SECRET,
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('unreachable');
      expect(outcome.error.message).toBe(
        `Cannot reach Preservica at http://127.0.0.1:${port}: nothing is listening on 127.0.0.1:${port} (connection refused)`,
      );
    }
  });

  it('refuses a duplicate subscription without creating a second one', async () => {
    const client = createPreservicaClient(connection());
    const request = { url: `${receiving.url}/preservica`, triggerType: 'MOVED', secret: SECRET };
    const first = await client.subscribe(request);
    expect(first.ok).toBe(true);
    const second = await client.subscribe(request);
    expect(second.ok).toBe(false);
    if (!second.ok && first.ok) {
      expect(second.error.code).toBe('duplicate');
      expect(second.error.message).toContain(first.value.id);
    }
    expect(preservica.subscriptions).toHaveLength(1);
    expect(preservica.subscribeBodies).toHaveLength(1);
    // Another trigger on the same URL is a different subscription.
    expect((await client.subscribe({ ...request, triggerType: 'INGEST_FAILED' })).ok).toBe(true);
    expect(preservica.subscriptions).toHaveLength(2);
  });

  it('lists, unsubscribes one, then all', async () => {
    const client = createPreservicaClient(connection());
    for (const triggerType of ['MOVED', 'FULL_TEXT_INDEXED', 'INGEST_FAILED']) {
      expect(
        (
          await client.subscribe({
            url: `${receiving.url}/preservica`,
            triggerType,
            secret: SECRET,
          })
        ).ok,
      ).toBe(true);
    }
    const listed = await client.list();
    expect(listed.ok && listed.value.map((item) => item.triggerType)).toEqual([
      'MOVED',
      'FULL_TEXT_INDEXED',
      'INGEST_FAILED',
    ]);
    const first = listed.ok ? (listed.value[0]?.id ?? '') : '';

    expect((await client.unsubscribe(first)).ok).toBe(true);
    expect(preservica.subscriptions.map((item) => item.id)).not.toContain(first);
    const again = await client.unsubscribe(first);
    expect(!again.ok && again.error.code).toBe('not-found');

    const all = await client.unsubscribeAll();
    expect(all.ok && all.value.removed).toHaveLength(2);
    expect(preservica.subscriptions).toHaveLength(0);
  });

  it('refreshes an expired token once and retries the call (no second login)', async () => {
    const client = createPreservicaClient(connection());
    expect((await client.list()).ok).toBe(true);
    expect(preservica.counts).toMatchObject({ logins: 1, refreshes: 0 });

    preservica.expireAccessTokens();
    const listed = await client.list();
    expect(listed.ok).toBe(true);
    expect(preservica.counts).toMatchObject({ logins: 1, refreshes: 1, unauthorized: 1 });
  });

  it('refreshes ahead of time when validFor has run out on its clock', async () => {
    let now = 1_000_000;
    const client = createPreservicaClient(connection(), { now: () => now });
    expect((await client.list()).ok).toBe(true);
    now += 15 * 60_000; // the stand-in's validFor
    expect((await client.list()).ok).toBe(true);
    expect(preservica.counts).toMatchObject({ logins: 1, refreshes: 1, unauthorized: 0 });
  });
});
