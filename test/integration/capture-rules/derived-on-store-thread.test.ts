// Provider, event and verdict of captured deliveries are derived on the store's thread, from a
// copy of the endpoints that follows every change; recovered deliveries get theirs at start.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, databaseFile, type Engine } from '../../../electron/engine/index';
import { journalDirectory } from '../../../electron/engine/store/journal-recovery';
import { JournalWriter } from '../../../electron/engine/store/journal-writer';
import { makeDelivery } from '../store/store-fixtures';

describe('facts derived off the receiver thread', () => {
  let engine: Engine | null = null;
  let dataDir = '';
  afterEach(async () => {
    await engine?.close();
    engine = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows endpoint changes: a delivery is judged with the endpoints of its capture', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookscope-derive-'));
    engine = await createEngine({ dataDir, receiverPort: 0 });
    const post = async (): Promise<string> => {
      const answer = await fetch(`${engine!.receiver.url}/gh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push' },
        body: '{"ref":"refs/heads/main"}',
      });
      return ((await answer.json()) as { id: string }).id;
    };
    const before = await post();
    engine.setEndpoints([{ path: '/gh', provider: 'github', secrets: ['s3cret'] }]);
    const after = await post();
    // Reads wait for the store's thread, so the facts are there once the read returns.
    expect(engine.store.get(after)).toMatchObject({ provider: 'github', event: 'push' });
    expect(engine.store.get(after)?.verdict?.signature.status).toBe('missing');
    // The earlier one was captured before the endpoint existed (re-verification covers it later).
    expect(engine.store.get(before)?.endpoint).toBeNull();
  });

  it('derives the facts of deliveries recovered from a journal a dead process left', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hookscope-derive-'));
    const directory = journalDirectory(databaseFile(dataDir));
    mkdirSync(directory, { recursive: true });
    const left = makeDelivery({
      endpoint: '/gh',
      target: '/gh',
      rawHeaders: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'issues'],
      ],
      body: new TextEncoder().encode('{"action":"opened"}'),
    });
    // Above the kernel's pid_max: no process has this pid.
    const writer = new JournalWriter(join(directory, `${2 ** 30}-left-1.journal`), {
      onWritten: () => undefined,
    });
    await writer.commit(left, { publicUrl: null });
    writer.close();

    engine = await createEngine({
      dataDir,
      receiverPort: 0,
      endpoints: [{ path: '/gh', provider: 'github', secrets: ['s3cret'] }],
    });
    expect(engine.store.get(left.id)?.id).toBe(left.id);
    await vi.waitFor(() =>
      expect(engine!.store.get(left.id)).toMatchObject({
        provider: 'github',
        event: 'issues.opened',
      }),
    );
  });
});
