import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine';
import { answeredId, sendRequest } from './http-request';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hookscope-engine-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createEngine', () => {
  it('creates the data dir, stores what the receiver acknowledges, applies endpoint edits at once', async () => {
    const dataDir = join(root, 'nested', 'data');
    const engine = await createEngine({ dataDir, receiverPort: 0 });
    try {
      expect((await stat(join(dataDir, 'hookscope.db'))).isFile()).toBe(true);
      expect(engine.receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const reply = await sendRequest(engine.receiver.url, {
        target: '/a?b=1',
        body: Buffer.from('hi'),
      });
      const stored = engine.store.get(answeredId(reply));
      expect(stored?.target).toBe('/a?b=1');
      expect(Buffer.from(stored?.body ?? []).toString()).toBe('hi');

      engine.setEndpoints([{ path: '/custom', response: { status: 418, body: 'teapot' } }]);
      expect(engine.endpoints()).toHaveLength(1);
      const custom = await sendRequest(engine.receiver.url, { target: '/custom' });
      expect(custom.status).toBe(418);
    } finally {
      await engine.close();
    }
    // Closing twice is safe, and the store is closed.
    await engine.close();
    expect(() => engine.store.count()).toThrow(/closed/);
  });

  it('closes the store when the receiver cannot start, so the folder is not left locked', async () => {
    const first = await createEngine({ dataDir: join(root, 'one'), receiverPort: 0 });
    try {
      const dataDir = join(root, 'two');
      await expect(createEngine({ dataDir, receiverPort: first.receiver.port })).rejects.toThrow(
        String(first.receiver.port),
      );
      const retry = await createEngine({ dataDir, receiverPort: 0 });
      await retry.close();
    } finally {
      await first.close();
    }
  });
});
