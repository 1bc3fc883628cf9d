// The inspector's contract calls through dispatchCall on a real engine with real HTTP deliveries.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectorSettings, type DeliveryDiff } from '../../../electron/contract/inspector';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { createEngine, type Engine } from '../../../electron/engine/index';
import { INSPECTOR_SETTINGS_KEY } from '../../../electron/engine/settings/schemas';
import { withSettings } from '../../../electron/engine/settings/settings-store';

let root: string;
let engine: Engine;
let handlers: Handlers;
const ids: string[] = [];

const post = async (path: string, body: string) => {
  const response = await fetch(`${engine.receiver.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return ((await response.json()) as { id: string }).id;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-inspector-calls-'));
  engine = await createEngine({ dataDir: root });
  handlers = createApiHandlers(engine, { shell: 'browser' });
  ids.push(await post('/orders', '{"status":"open","n":1}'));
  ids.push(await post('/orders', '{"n":1,"status":"paid"}'));
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('inspector calls', () => {
  it('deliveries:diff answers the changes, and not-found for an unknown id', async () => {
    const result = await dispatchCall(handlers, 'deliveries:diff', { a: ids[0], b: ids[1] });
    expect(result.ok).toBe(true);
    const diff = (result as { value: DeliveryDiff }).value;
    expect(diff.equal).toBe(false);
    expect(diff.body).toEqual({
      kind: 'json',
      changes: [{ kind: 'changed', pointer: '/body/status', old: 'open', new: 'paid' }],
    });
    const masked = await dispatchCall(handlers, 'deliveries:diff', {
      a: ids[0],
      b: ids[1],
      masks: ['status'],
    });
    expect(masked.ok && (masked.value as DeliveryDiff).body).toEqual({ kind: 'json', changes: [] });
    const missing = await dispatchCall(handlers, 'deliveries:diff', { a: ids[0], b: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = await dispatchCall(handlers, 'deliveries:diff', { a: ids[0] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('annotates, and the label shows up in facets and filters', async () => {
    const annotated = await dispatchCall(handlers, 'deliveries:annotate', {
      id: ids[0],
      labels: ['bug'],
      pinned: true,
    });
    expect(annotated).toMatchObject({
      ok: true,
      value: { id: ids[0], pinned: true, labels: ['bug'] },
    });
    const refused = await dispatchCall(handlers, 'deliveries:annotate', {
      id: ids[0],
      labels: ['two words'],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const facets = await dispatchCall(handlers, 'deliveries:facets', {});
    expect(facets).toMatchObject({
      ok: true,
      value: { labels: [{ value: 'bug', count: 1 }], pinned: 1 },
    });
    const listed = await dispatchCall(handlers, 'deliveries:list', { label: 'bug' });
    expect(
      listed.ok && (listed.value as { items: { id: string }[] }).items.map((d) => d.id),
    ).toEqual([ids[0]]);
    const histogram = await dispatchCall(handlers, 'deliveries:histogram', {
      filter: { pinned: true },
    });
    expect(histogram).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('persists saved filters and mask rules in the data folder', async () => {
    expect(await dispatchCall(handlers, 'inspector:load', {})).toEqual({
      ok: true,
      value: { savedFilters: [], maskRules: [], usePresets: true },
    });
    const settings = {
      savedFilters: [
        { name: 'failed stripe', filter: { provider: 'stripe', badge: 'fail' }, range: '24h' },
      ],
      maskRules: ['/body/id'],
      usePresets: false,
    };
    expect(await dispatchCall(handlers, 'inspector:save', settings)).toEqual({
      ok: true,
      value: settings,
    });
    // A new set of handlers (a restarted shell) reads them back from the file.
    const fresh = createApiHandlers(engine, { shell: 'electron' });
    expect(await dispatchCall(fresh, 'inspector:load', {})).toEqual({ ok: true, value: settings });
    // Kept in the workspace's settings table, not in a JSON file beside it.
    expect(
      withSettings(root, (store) => store.read(INSPECTOR_SETTINGS_KEY, InspectorSettings, null)),
    ).toEqual(settings);
    expect(existsSync(join(root, 'inspector-settings.json'))).toBe(false);
    const invalid = await dispatchCall(handlers, 'inspector:save', {
      ...settings,
      savedFilters: [{ name: '', filter: {} }],
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
