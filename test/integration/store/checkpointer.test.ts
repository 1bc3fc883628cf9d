import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery, tempDir } from './store-fixtures';

describe('background WAL checkpoints', () => {
  it('copies committed pages into the database from a worker, not inside commits', async () => {
    const temp = tempDir();
    const file = temp.file('checkpointed.db');
    const errors: string[] = [];
    const store = openDeliveryStore(file, {
      checkpointInBackground: true,
      onError: (message) => errors.push(message),
    });
    const sizeBefore = statSync(file).size;
    const body = new Uint8Array(8192).fill(120);
    for (let i = 0; i < 40; i++)
      store.appendBatch(Array.from({ length: 10 }, () => makeDelivery({ body })));
    // With automatic checkpoints off, only the worker's checkpoint moves pages into the main file.
    expect(statSync(file).size).toBe(sizeBefore);
    await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(400 * 8192);
    expect(errors).toEqual([]);
    expect(store.count()).toBe(400);
    store.close();
    temp.remove();
  });
});
