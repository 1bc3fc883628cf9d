import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'libsql';
import { createGroupCommitter, openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore, StoreChange } from '../../../electron/engine/store';
import { makeDelivery, tempDir } from './store-fixtures';

describe('group commit', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteDeliveryStore;
  let reader: InstanceType<typeof Database>;
  let changes: StoreChange[];

  /** Reads through a SECOND connection: proves the commit is visible outside this one. */
  const storedElsewhere = (id: string): boolean =>
    (
      reader.prepare('SELECT count(*) FROM deliveries WHERE id = ?').raw().get([id]) as number[]
    )[0] === 1;

  beforeEach(() => {
    temp = tempDir();
    store = openDeliveryStore(temp.file());
    reader = new Database(temp.file());
    changes = [];
    store.onChange((change) => changes.push(change));
  });
  afterEach(() => {
    reader.close();
    store.close();
    temp.remove();
  });

  it("with durability 'fsync', resolves only after the WAL was fsynced", async () => {
    let releaseSync: () => void = () => undefined;
    const waitDurable = vi
      .spyOn(store, 'waitDurable')
      .mockImplementation(() => new Promise<void>((resolve) => (releaseSync = resolve)));
    const committer = createGroupCommitter(store, { durability: 'fsync' });
    const delivery = makeDelivery();
    let resolved = false;
    const commit = committer.commit(delivery).then(() => (resolved = true));
    await vi.waitFor(() => expect(waitDurable).toHaveBeenCalledTimes(1));
    // Committed (visible to another connection) but not yet acknowledged: the fsync is pending.
    expect(storedElsewhere(delivery.id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false);
    releaseSync();
    await commit;
    expect(resolved).toBe(true);
  });

  it("with the default durability ('commit'), never waits for an fsync", async () => {
    const waitDurable = vi.spyOn(store, 'waitDurable');
    const committer = createGroupCommitter(store);
    const delivery = makeDelivery();
    await committer.commit(delivery);
    expect(storedElsewhere(delivery.id)).toBe(true);
    expect(waitDurable).not.toHaveBeenCalled();
  });

  it('writes concurrent commits in one transaction and resolves only once readable elsewhere', async () => {
    const appendBatch = vi.spyOn(store, 'appendBatch');
    const committer = createGroupCommitter(store, { windowMs: 5 });
    const batch = Array.from({ length: 20 }, () => makeDelivery());
    const visibleAtResolve = await Promise.all(
      batch.map((delivery) => committer.commit(delivery).then(() => storedElsewhere(delivery.id))),
    );
    expect(visibleAtResolve).toEqual(batch.map(() => true));
    expect(appendBatch).toHaveBeenCalledTimes(1);
    expect(appendBatch.mock.calls[0]?.[0]).toHaveLength(20);
    expect(changes).toHaveLength(1);
  });

  it('does not resolve before the window closes', async () => {
    const committer = createGroupCommitter(store, { windowMs: 60_000 });
    const delivery = makeDelivery();
    let resolved = false;
    const pending = committer.commit(delivery).then(() => {
      resolved = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false);
    expect(storedElsewhere(delivery.id)).toBe(false);
    await committer.flush();
    await pending;
    expect(resolved).toBe(true);
    expect(storedElsewhere(delivery.id)).toBe(true);
  });

  it('writes as soon as maxBatch deliveries are queued, without waiting for the window', async () => {
    const committer = createGroupCommitter(store, { windowMs: 60_000, maxBatch: 3 });
    const batch = [makeDelivery(), makeDelivery(), makeDelivery()];
    await Promise.all(batch.map((delivery) => committer.commit(delivery)));
    expect(batch.every((delivery) => storedElsewhere(delivery.id))).toBe(true);
    expect(changes).toHaveLength(1);
  });

  it('batches one event-loop turn when windowMs is 0', async () => {
    const committer = createGroupCommitter(store, { windowMs: 0 });
    await Promise.all([committer.commit(makeDelivery()), committer.commit(makeDelivery())]);
    expect(changes).toHaveLength(1);
    expect(store.stats().count).toBe(2);
  });

  it('rejects exactly the delivery that cannot be stored; its neighbours are stored', async () => {
    const existing = makeDelivery();
    store.appendBatch([existing]);
    const committer = createGroupCommitter(store, { windowMs: 60_000 });
    const good = [makeDelivery(), makeDelivery()];
    const results = await Promise.allSettled([
      committer.commit(good[0] ?? makeDelivery()),
      committer.commit({ ...makeDelivery(), id: existing.id }),
      committer.commit(good[1] ?? makeDelivery()),
      committer.flush(),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(good.every((delivery) => storedElsewhere(delivery.id))).toBe(true);
    expect(store.stats().count).toBe(3);
  });

  it('rejects every commit once the store is closed, never resolving an unstored delivery', async () => {
    const committer = createGroupCommitter(store, { windowMs: 1 });
    const delivery = makeDelivery();
    const pending = committer.commit(delivery);
    store.close();
    await expect(pending).rejects.toThrow(/closed/);
    expect(storedElsewhere(delivery.id)).toBe(false);
    store = openDeliveryStore(temp.file());
  });

  it('flush with nothing queued resolves', async () => {
    await expect(createGroupCommitter(store).flush()).resolves.toBeUndefined();
  });

  it('stores 20,000 concurrent small deliveries with far fewer transactions', async () => {
    const committer = createGroupCommitter(store);
    const total = 20_000;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      pending.push(
        committer.commit(
          makeDelivery({ body: new TextEncoder().encode(`{"n":${i}}`), target: `/n/${i}` }),
        ),
      );
    }
    await Promise.all(pending);
    expect(store.stats().count).toBe(total);
    expect(changes.length).toBeLessThanOrEqual(Math.ceil(total / 256));
    expect(store.count({ text: '19999' })).toBe(1);
  }, 120_000);
});
