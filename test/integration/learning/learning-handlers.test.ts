// The app's learning calls (issue 16) on a real engine: real HTTP deliveries, real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryPage } from '../../../electron/contract/delivery';
import type { LearnedModelSummary, SchemaComparison } from '../../../electron/contract/learning';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { createEngine, type Engine } from '../../../electron/engine/index';
import type { SqliteDeliveryStore } from '../../../electron/engine/store/delivery-store';

let root: string;
let engine: Engine;
let handlers: Handlers;

const call = async <T = unknown>(name: string, input?: unknown): Promise<T> => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};
const failure = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return result.error;
};

const task = (id: number, timeEstimated: number | null) => ({
  event_name: 'task.create',
  event_data: {
    task_id: id,
    task: { id, title: `Task ${id}`, project_id: 1, time_estimated: timeEstimated },
  },
});

async function deliver(path: string, body: unknown): Promise<string> {
  const reply = await fetch(`${engine.receiver.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const { id } = (await reply.json()) as { id: string };
  // Answered means journaled; the row (and its learning) follows on the store's thread.
  await (engine.store as SqliteDeliveryStore).whenIndexed();
  return id;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-learning-'));
  engine = await createEngine({
    dataDir: root,
    endpoints: [
      { path: '/kanboard', provider: 'kanboard' },
      { path: '/kb-provider', provider: 'kanboard' },
    ],
  });
  handlers = createApiHandlers(engine, { shell: 'browser' });
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('learning calls on a real engine', () => {
  it('settles after the configured count and flags the first departure; the filter finds it', async () => {
    expect(await call('learning:settings', {})).toEqual({ settleAfter: 20 });
    expect(await call('learning:settings', { settleAfter: 3 })).toEqual({ settleAfter: 3 });
    for (let i = 1; i <= 4; i++) await deliver('/kanboard', task(i, 3600));
    const drifted = await deliver('/kanboard', task(5, null));

    const models = await call<LearnedModelSummary[]>('learning:models', { endpoint: '/kanboard' });
    expect(models).toEqual([
      expect.objectContaining({
        endpoint: '/kanboard',
        event: 'task.create',
        deliveries: 5,
        settled: true,
        driftCount: 1,
      }),
    ]);
    expect(models[0]?.driftSince).toEqual(expect.any(Number));

    const page = await call<DeliveryPage>('deliveries:list', { drift: ['drift'] });
    expect(page.items.map((item) => item.id)).toEqual([drifted]);
    expect(page.items[0]?.drift).toBe('drift');
    const detail = await call<{ driftVerdict: { changes: { pointer: string }[] } }>(
      'deliveries:get',
      { id: drifted },
    );
    expect(detail.driftVerdict.changes.map((change) => change.pointer)).toEqual([
      '/event_data/task/time_estimated',
    ]);
  });

  it("compares with the endpoint's schema: a declared integer that traffic sends as null", async () => {
    // The documentation's view of the field (an integer), as a user would import it.
    const documented = {
      type: 'object',
      required: ['event_name', 'event_data'],
      properties: {
        event_name: { type: 'string' },
        event_data: {
          type: 'object',
          properties: {
            task: {
              type: 'object',
              required: ['id', 'owner_id'],
              properties: { id: { type: 'integer' }, time_estimated: { type: 'integer' } },
            },
          },
        },
      },
    };
    await call('schemas:import', {
      endpoint: '/kanboard',
      event: 'task.create',
      format: 'json-schema',
      document: JSON.stringify(documented),
      name: 'docs',
    });
    const comparison = await call<SchemaComparison>('learning:compare', {
      endpoint: '/kanboard',
      event: 'task.create',
    });
    expect(comparison.providerSchema).toBe('user schema docs');
    expect(comparison.disagreements).toEqual([
      {
        pointer: '/event_data/task/owner_id',
        provider: 'required',
        traffic: 'absent',
        deliveries: 5,
      },
      {
        pointer: '/event_data/task/time_estimated',
        provider: 'integer',
        traffic: 'null',
        deliveries: 1,
      },
    ]);
  });

  it("compares with the provider's own schema when the endpoint has none", async () => {
    for (let i = 1; i <= 3; i++) await deliver('/kb-provider', task(i, i === 3 ? null : 60));
    const comparison = await call<SchemaComparison>('learning:compare', {
      endpoint: '/kb-provider',
      event: 'task.create',
    });
    expect(comparison.providerSchema).toBe('kanboard task.create');
    // Kanboard's schema (from its DB schema: time_estimated has no NOT NULL) allows the null.
    expect(comparison.disagreements.map((d) => d.pointer)).not.toContain(
      '/event_data/task/time_estimated',
    );
  });

  it('offers the learned schema as a download and as the endpoint schema', async () => {
    const download = await call<{ fileName: string; text: string }>('learning:schema', {
      endpoint: '/kb-provider',
      event: 'task.create',
      format: 'json-schema',
    });
    expect(download.fileName).toMatch(/\.schema\.json$/);
    const schema = JSON.parse(download.text) as { $schema: string; properties: object };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');

    const used = await call<{ schemaName: string }>('learning:use', {
      endpoint: '/kb-provider',
      event: 'task.create',
    });
    const listed = await call<{ name: string; event: string | null }[]>('schemas:list', {
      endpoint: '/kb-provider',
    });
    expect(listed).toEqual([
      expect.objectContaining({ name: used.schemaName, event: 'task.create' }),
    ]);
  });

  it("the diff's mask rules keep volatile pointers out of drift", async () => {
    const settings = await call<{ maskRules: string[] }>('inspector:load');
    await call('inspector:save', {
      ...settings,
      maskRules: ['/body/event_data/task/time_estimated'],
    });
    for (let i = 1; i <= 3; i++) await deliver('/masked', task(i, 60));
    const masked = await deliver('/masked', task(4, null));
    const unmasked = await deliver('/masked', { ...task(5, 60), extra: true });
    const drift = async (id: string) =>
      (await call<{ drift?: string }>('deliveries:get', { id })).drift;
    expect(await drift(masked)).toBe('none');
    expect(await drift(unmasked)).toBe('drift');
  });

  it('answers not-found for an endpoint with nothing learned', async () => {
    expect(await failure('learning:compare', { endpoint: '/nothing' })).toMatchObject({
      code: 'not-found',
    });
  });

  it('clear-all forgets the models', async () => {
    await call('deliveries:clear');
    expect(await call('learning:models', {})).toEqual([]);
  });
});
