import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryPage } from '../../../electron/contract/delivery';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { createEngine, type Engine } from '../../../electron/engine/index';
import { exportChunks } from '../../../electron/engine/export';

let root: string;
let engine: Engine;
let handlers: Handlers;

const post = (path: string, body: string) =>
  fetch(`${engine.receiver.url}${path}`, { method: 'POST', body });
const call = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-handlers-'));
  engine = await createEngine({
    dataDir: root,
    endpoints: [{ path: '/stripe', provider: 'stripe', secrets: ['whsec_one', 'whsec_two'] }],
  });
  handlers = createApiHandlers(engine, { shell: 'electron', version: '9.9.9' });
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('API handlers on a real engine', () => {
  it('exports deliveries exactly as `hookscope export` does', async () => {
    const answer = (await (await post('/export-me', '{"n":1}')).json()) as { id: string };
    const jsonl = (await call('deliveries:export', { ids: [answer.id], format: 'jsonl' })) as {
      fileName: string;
      text: string;
    };
    expect(jsonl.fileName).toBe(`hookscope-${answer.id}.jsonl`);
    expect(jsonl.text).toBe(
      [...exportChunks(engine.store, { format: 'jsonl', ids: [answer.id] })].join(''),
    );
    expect(JSON.parse(jsonl.text)).toMatchObject({
      id: answer.id,
      target: '/export-me',
      bodyBase64: 'eyJuIjoxfQ==',
    });
    const har = (await call('deliveries:export', { ids: [answer.id], format: 'har' })) as {
      text: string;
    };
    expect(JSON.parse(har.text).log.entries[0].request.url).toBe(
      `${engine.receiver.url}/export-me`,
    );
    const missing = await dispatchCall(handlers, 'deliveries:export', {
      ids: ['nope'],
      format: 'jsonl',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('reports the app and the receiver', async () => {
    expect(await call('app:info')).toEqual({
      name: 'Hookscope',
      version: '9.9.9',
      dataDir: root,
      shell: 'electron',
    });
    expect(await call('receiver:info')).toMatchObject({
      url: engine.receiver.url,
      publicUrl: null,
    });
  });

  it('lists, counts, gets, deletes and clears deliveries', async () => {
    for (const n of [1, 2, 3]) expect((await post(`/orders/${n}`, `{"n":${n}}`)).status).toBe(200);
    const page = (await call('deliveries:list', { limit: 2 })) as DeliveryPage;
    expect(page.items.map((item) => item.target)).toEqual(['/orders/3', '/orders/2']);
    expect(page.nextBeforeSeq).not.toBeNull();
    expect(await call('deliveries:count', { pathPrefix: '/orders' })).toEqual({ count: 3 });

    const id = page.items[0]?.id ?? '';
    const detail = (await call('deliveries:get', { id })) as { body: Uint8Array };
    expect(new TextDecoder().decode(detail.body)).toBe('{"n":3}');

    expect(await call('deliveries:delete', { ids: [id, 'not-there'] })).toEqual({ deleted: 1 });
    const gone = await dispatchCall(handlers, 'deliveries:get', { id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });

    expect(await call('deliveries:clear')).toBeNull();
    expect(await call('deliveries:stats')).toMatchObject({ count: 0 });
  });

  it('never sends endpoint secrets and keeps them when the UI omits them', async () => {
    expect(await call('endpoints:list')).toEqual([
      { path: '/stripe', provider: 'stripe', secretCount: 2 },
    ]);
    const saved = await call('endpoints:set', {
      endpoints: [
        { path: '/stripe', provider: 'stripe', handshake: true },
        { path: '/new', secrets: ['s3'] },
      ],
    });
    expect(saved).toEqual([
      { path: '/stripe', provider: 'stripe', handshake: true, secretCount: 2 },
      { path: '/new', secretCount: 1 },
    ]);
    expect(engine.endpoints()[0]?.secrets).toEqual(['whsec_one', 'whsec_two']);
    await call('endpoints:set', { endpoints: [{ path: '/stripe', secrets: [] }] });
    expect(engine.endpoints()).toEqual([{ path: '/stripe', secrets: [] }]);
    expect(JSON.stringify(await call('endpoints:list'))).not.toContain('whsec');
  });
});
