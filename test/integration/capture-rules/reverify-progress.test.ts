// Issue 17.2 "show progress for big stores": `deliveries:reverify` pushes
// `deliveries:reverify-progressed` through the engine's events (what the event batcher forwards to
// the UI) while it works through the store in batches, ending with done = total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload, PushedEvent } from '../../../electron/contract/api';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { REVERIFY_BATCH } from '../../../electron/engine/capture-rules/reverify';
import { bytes, startEngineFixture, type EngineFixture } from './engine-fixture';

/** More than two batches, so the run is really batched. */
const ON_PATH = REVERIFY_BATCH * 2 + 7;

let fx: EngineFixture;
let handlers: Handlers;
const call = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** The progress events raised while `run` ran. */
async function progressDuring(
  run: () => Promise<unknown>,
): Promise<EventPayload<'deliveries:reverify-progressed'>[]> {
  const seen: EventPayload<'deliveries:reverify-progressed'>[] = [];
  const off = fx.engine.events.on((event: PushedEvent) => {
    if (event.event === 'deliveries:reverify-progressed') seen.push(event.payload);
  });
  try {
    await run();
  } finally {
    off();
  }
  return seen;
}

beforeAll(async () => {
  fx = await startEngineFixture();
  handlers = createApiHandlers(fx.engine, { shell: 'browser' });
  for (let n = 0; n < ON_PATH; n++) {
    const answer = await fx.send({
      path: `/hooks/orders?n=${n}`,
      method: 'POST',
      rawHeaders: [['Content-Type', 'application/json']],
      body: bytes(`{"n":${n}}`),
    });
    expect(answer.status).toBe(200);
  }
  // One elsewhere: outside the endpoint's scope, inside the whole store's.
  await fx.send({ path: '/other', method: 'POST', rawHeaders: [], body: bytes('x') });
});
afterAll(() => fx.close());

describe('re-verification progress events', () => {
  it('pushes progress for the endpoint, growing, ending at the count', async () => {
    let count = -1;
    const seen = await progressDuring(async () => {
      count = ((await call('deliveries:reverify', { endpoint: '/hooks' })) as { count: number })
        .count;
    });
    expect(count).toBe(ON_PATH);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.every((p) => p.endpoint === '/hooks' && p.total === ON_PATH)).toBe(true);
    const dones = seen.map((p) => p.done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    expect(seen.at(-1)).toEqual({ endpoint: '/hooks', done: ON_PATH, total: ON_PATH });
    // Throttled, never more than one per batch.
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(ON_PATH / REVERIFY_BATCH));
  });

  it('names no endpoint for the whole store', async () => {
    const seen = await progressDuring(() => call('deliveries:reverify', {}));
    expect(seen.at(-1)).toEqual({ endpoint: null, done: ON_PATH + 1, total: ON_PATH + 1 });
  });

  it('pushes progress for the re-verification that saving an endpoint starts in the background', async () => {
    const seen = await progressDuring(async () => {
      await call('endpoints:set', { endpoints: [{ path: '/hooks', secrets: ['s'] }] });
      await fx.engine.captureRules.idle();
    });
    expect(seen.at(-1)).toEqual({ endpoint: '/hooks', done: ON_PATH, total: ON_PATH });
  });
});
