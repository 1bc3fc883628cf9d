// The bridge never hands the page a full expected signature (issue 13 item 7): a wrongly signed
// Stripe delivery, captured by the real receiver, read through the API as the app reads it.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryDetail } from '../../../electron/contract/delivery';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { createEngine, type Engine } from '../../../electron/engine/index';

let root = '';
let engine: Engine;
let handlers: Handlers;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-redaction-'));
  engine = await createEngine({
    dataDir: root,
    endpoints: [{ path: '/stripe', provider: 'stripe', secrets: ['whsec_right'] }],
  });
  handlers = createApiHandlers(engine, { shell: 'browser' });
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

it('deliveries:get gives at most 4 characters of the expected Stripe signature', async () => {
  const body = '{"id":"evt_1","type":"charge.succeeded"}';
  const timestamp = Math.floor(Date.now() / 1000);
  // What Stripe would have sent with the configured secret (Stripe's v1 scheme: t.body).
  const valid = createHmac('sha256', 'whsec_right').update(`${timestamp}.${body}`).digest('hex');
  const answer = await fetch(`${engine.receiver.url}/stripe`, {
    method: 'POST',
    headers: { 'Stripe-Signature': `t=${timestamp},v1=${'0'.repeat(64)}` },
    body,
  });
  const { id } = (await answer.json()) as { id: string };
  await engine.store.whenReadable();
  // The engine itself computed and kept the valid signature (so this test can fail)...
  for (let turn = 0; turn < 200 && !engine.store.get(id)?.verdict; turn++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  expect(JSON.stringify(engine.store.get(id)?.verdict)).toContain(valid);
  // ...and the API boundary cuts it.
  const result = await dispatchCall(handlers, 'deliveries:get', { id });
  if (!result.ok) throw new Error(result.error.message);
  const delivery = result.value as DeliveryDetail;
  expect(delivery.verdict?.signature.status).toBe('invalid');
  const text = JSON.stringify(delivery.verdict);
  expect(text).not.toContain(valid.slice(0, 5));
  expect(text).toContain(`${valid.slice(0, 4)}…`);
});
