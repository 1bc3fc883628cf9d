// The app's suite calls (issue 16) on a real engine: create from stored deliveries, save, list,
// run against a real target with progress pushed per case, re-run the failed ones, import, delete.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../electron/contract/api';
import type { Suite, SuiteReport, SuiteSummary } from '../../../electron/contract/suites';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { createEngine, type Engine } from '../../../electron/engine/index';
import type { SqliteDeliveryStore } from '../../../electron/engine/store/delivery-store';

let root: string;
let engine: Engine;
let handlers: Handlers;
let target: Server;
let targetUrl: string;
const pushed: PushedEvent[] = [];

const call = async <T = unknown>(name: string, input?: unknown): Promise<T> => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hookscope-suite-calls-'));
  engine = await createEngine({ dataDir: root });
  handlers = createApiHandlers(engine, { shell: 'browser' });
  engine.events.on((event) => pushed.push(event));
  // Answers 500 to bodies that say so.
  target = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.statusCode = Buffer.concat(chunks).toString().includes('"bad"') ? 500 : 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/consumer`;
});

afterAll(async () => {
  target?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

async function deliver(body: string): Promise<string> {
  const reply = await fetch(`${engine.receiver.url}/hooks`, { method: 'POST', body });
  const { id } = (await reply.json()) as { id: string };
  await (engine.store as SqliteDeliveryStore).whenIndexed();
  return id;
}

describe('suite calls on a real engine', () => {
  it('creates, saves, runs (one failure, progress per case), re-runs the failed case, deletes', async () => {
    const ids = [await deliver('{"n":1}'), await deliver('{"bad":true}'), await deliver('{"n":3}')];
    const created = await call<{ suite: Suite; fileName: string; text: string }>('suites:create', {
      ids,
      name: 'Nightly',
    });
    expect(created.fileName).toBe('Nightly.suite.json');
    expect(created.suite.cases).toHaveLength(3);
    expect(JSON.parse(created.text)).toEqual(JSON.parse(JSON.stringify(created.suite)));

    const { id } = await call<{ id: string }>('suites:save', { suite: created.suite });
    expect(await call<SuiteSummary[]>('suites:list')).toEqual([
      expect.objectContaining({ id, name: 'Nightly', caseCount: 3 }),
    ]);

    const report = await call<SuiteReport>('suites:run', { id, to: targetUrl });
    expect(report).toMatchObject({ passed: 2, failed: 1, to: targetUrl });
    const failed = report.cases.filter((result) => !result.ok);
    expect(failed.map((result) => result.status)).toEqual([500]);
    const progress = pushed.filter((event) => event.event === 'suites:case-finished');
    expect(progress).toHaveLength(3);
    expect(progress.map((event) => (event.payload as { runId: string }).runId)).toEqual(
      Array(3).fill(report.runId),
    );

    const rerun = await call<SuiteReport>('suites:run', {
      id,
      to: targetUrl,
      cases: failed.map((result) => result.name),
    });
    expect(rerun.cases.map((result) => result.name)).toEqual(failed.map((result) => result.name));

    const imported = await call<{ id: string }>('suites:import', { text: created.text });
    expect(imported.id).not.toBe(id);
    const bad = await dispatchCall(handlers, 'suites:import', { text: '{"version":2}' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/\/version/);

    await call('suites:delete', { id });
    await call('suites:delete', { id: imported.id });
    expect(await call('suites:list')).toEqual([]);
  });
});
