import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import { kanboardSetup } from '../../../electron/engine/providers/kanboard/subscription';
import { waitForFirstDelivery } from '../../../electron/engine/subscriptions';
import { startReceivingEngine, type ReceivingEngine } from './receiving-engine';

const TOKEN = 'a'.repeat(60);
let receiving: ReceivingEngine;

beforeAll(async () => {
  receiving = await startReceivingEngine([
    { path: '/kanboard', provider: 'kanboard', options: { token: TOKEN } },
  ]);
});
afterAll(() => receiving.close());

function post(target: string) {
  return sendExact({
    method: 'POST',
    url: `${receiving.url}${target}`,
    rawHeaders: [['Content-Type', 'application/json']],
    body: new TextEncoder().encode(
      '{"event_name":"task.create","event_data":{},"event_author":"admin"}',
    ),
  });
}

describe('waiting for the first delivery after a manual setup', () => {
  it('resolves with the id of the first delivery on the endpoint, not one on another path', async () => {
    const setup = kanboardSetup({
      publicUrl: receiving.url,
      endpointPath: '/kanboard',
      token: TOKEN,
    });
    const waiting = waitForFirstDelivery(receiving.engine.store, '/kanboard', 30_000);
    expect((await post('/other')).ok).toBe(true);
    // Exactly what Kanboard calls: the pasted URL plus ?token=.
    const sent = await post(`${new URL(setup.copy[0]!.value).pathname}?token=${TOKEN}`);
    expect(sent.ok && sent.answer.status).toBeLessThan(300);

    const id = await waiting;
    expect(id).not.toBeNull();
    expect(receiving.engine.store.get(id ?? '')?.target).toBe(`/kanboard?token=${TOKEN}`);
  });

  it('resolves null when nothing arrives in time or the wait is cancelled', async () => {
    expect(await waitForFirstDelivery(receiving.engine.store, '/never', 20)).toBeNull();
    const controller = new AbortController();
    const waiting = waitForFirstDelivery(
      receiving.engine.store,
      '/never',
      60_000,
      controller.signal,
    );
    controller.abort();
    expect(await waiting).toBeNull();
  });
});
