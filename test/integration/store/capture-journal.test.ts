import { appendFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'libsql';
import { openDeliveryStore } from '../../../electron/engine/store';
import type { SqliteDeliveryStore, StoreChange } from '../../../electron/engine/store';
import { journalDirectory } from '../../../electron/engine/store/journal-recovery';
import { JournalWriter } from '../../../electron/engine/store/journal-writer';
import { makeDelivery, tempDir } from './store-fixtures';

describe('capture mode: acknowledged once journalled, rows made by the materializer thread', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteDeliveryStore;
  let changes: StoreChange[];
  let problems: string[];

  const open = (capture = {}) => {
    store = openDeliveryStore(temp.file(), {
      capture,
      onError: (message) => problems.push(message),
    });
    store.onChange((change) => changes.push(change));
    return store;
  };
  /** Reads through a SECOND connection: proves the row exists outside this process's view. */
  const rowsElsewhere = (): number => {
    const reader = new Database(temp.file());
    try {
      return (reader.prepare('SELECT count(*) FROM deliveries').raw().get([]) as number[])[0] ?? 0;
    } finally {
      reader.close();
    }
  };
  const journals = (): string[] => readdirSync(journalDirectory(temp.file()));

  beforeEach(() => {
    temp = tempDir();
    changes = [];
    problems = [];
  });
  afterEach(async () => {
    await store.stopCapturing();
    store.close();
    temp.remove();
  });

  it('reads right after the acknowledgement see the delivery, byte-exact', async () => {
    open();
    const body = Uint8Array.from([0, 255, 1, 254, 0x7b]);
    const delivery = makeDelivery({
      body,
      size: body.byteLength,
      response: {
        status: 202,
        rawHeaders: [['X-Answer', 'Yes']],
        body: new TextEncoder().encode('{"ok":true}'),
        latencyMs: 1.25,
      },
    });
    await store.capture(delivery);
    const stored = store.get(delivery.id);
    expect(stored?.body).toEqual(body);
    expect(stored?.rawHeaders).toEqual(delivery.rawHeaders);
    expect(stored?.response?.status).toBe(202);
    expect(new TextDecoder().decode(stored?.response?.body)).toBe('{"ok":true}');
    expect(stored?.response?.latencyMs).toBe(1.25);
  });

  it('announces appended rows once they exist, and whenIndexed waits for that', async () => {
    open();
    const batch = Array.from({ length: 20 }, () => makeDelivery());
    await Promise.all(batch.map((delivery) => store.capture(delivery)));
    await store.whenIndexed();
    const appended = changes.flatMap((change) => (change.kind === 'appended' ? change.items : []));
    expect(appended.map((item) => item.id)).toEqual(batch.map((delivery) => delivery.id));
    expect(rowsElsewhere()).toBe(20);
  });

  it('batches one event-loop turn into one write when windowMs is 0', async () => {
    open({ windowMs: 0 });
    const sizes: number[] = [];
    const file = join(journalDirectory(temp.file()), journals()[0] ?? '');
    const first = store.capture(makeDelivery());
    const second = store.capture(makeDelivery());
    // Nothing is written within the turn: both records go out together afterwards.
    sizes.push(statSync(file).size);
    await Promise.all([first, second]);
    sizes.push(statSync(file).size);
    expect(sizes[0]).toBe(0);
    expect(sizes[1]).toBeGreaterThan(0);
    expect(store.stats().count).toBe(2);
  });

  it('does not acknowledge before the window closes; flush writes at once', async () => {
    open({ windowMs: 60_000 });
    let resolved = false;
    const pending = store.capture(makeDelivery()).then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved).toBe(false);
    expect(rowsElsewhere()).toBe(0);
    // Inside maxBatch, a flush is what ends the wait.
    await store.stopCapturing();
    await pending;
    expect(resolved).toBe(true);
  });

  it('writes as soon as maxBatch deliveries are queued', async () => {
    open({ windowMs: 60_000, maxBatch: 3 });
    await Promise.all([1, 2, 3].map(() => store.capture(makeDelivery())));
    expect(store.stats().count).toBe(3);
  });

  it("with durability 'fsync' acknowledges after the journal is synced", async () => {
    open({ durability: 'fsync' });
    const delivery = makeDelivery();
    await store.capture(delivery);
    expect(store.get(delivery.id)?.id).toBe(delivery.id);
  });

  it('skips and reports a record SQLite refuses (duplicate id); its neighbours become rows', async () => {
    open();
    const existing = makeDelivery();
    store.appendBatch([existing]);
    const good = [makeDelivery(), makeDelivery()];
    await Promise.all([
      store.capture(good[0]!),
      store.capture({ ...makeDelivery(), id: existing.id }),
      store.capture(good[1]!),
    ]);
    expect(store.get(good[0]!.id)).not.toBeNull();
    expect(store.get(good[1]!.id)).not.toBeNull();
    expect(store.stats().count).toBe(3);
    // The report comes from the materializer thread, a message after the row commit.
    await vi.waitFor(() =>
      expect(problems.join('\n')).toMatch(
        new RegExp(`not stored: delivery ${existing.id}: .*UNIQUE`),
      ),
    );
  });

  it('keeps deliveries the thread never indexed: the next store to open recovers them', async () => {
    open();
    const batch = Array.from({ length: 50 }, (_, i) =>
      makeDelivery({ target: `/left/${i}`, body: new TextEncoder().encode(`{"n":${i}}`) }),
    );
    await Promise.all(batch.map((delivery) => store.capture(delivery)));
    await store.stopCapturing();
    store.close();
    const reopened = openDeliveryStore(temp.file());
    try {
      expect(reopened.stats().count).toBe(50);
      expect(reopened.get(batch[49]!.id)?.target).toBe('/left/49');
      // Recovered journals are deleted; the reopened store (not capturing) has none of its own.
      expect(journals()).toEqual([]);
    } finally {
      reopened.close();
    }
    open();
  });

  /** A journal as a process with `pid` would have left it. */
  async function journalOf(pid: number, deliveries: ReturnType<typeof makeDelivery>[]) {
    mkdirSync(journalDirectory(temp.file()), { recursive: true });
    const path = join(journalDirectory(temp.file()), `${pid}-test-1.journal`);
    const writer = new JournalWriter(path, { onWritten: () => undefined });
    await Promise.all(deliveries.map((delivery) => writer.commit(delivery)));
    writer.close();
    return path;
  }

  it('recovers the journal of a dead process, dropping a torn last record with a report', async () => {
    const left = [makeDelivery({ target: '/a' }), makeDelivery({ target: '/b' })];
    // No process has this pid (above the kernel's pid_max).
    const path = await journalOf(2 ** 30, left);
    const tornAt = statSync(path).size;
    appendFileSync(path, Buffer.from([0x48, 0x53, 0x43, 0x32, 9, 9]));
    open();
    expect(store.get(left[1]!.id)?.target).toBe('/b');
    expect(store.stats().count).toBe(2);
    expect(existsSync(path)).toBe(false);
    // Unreadable bytes: the journal is kept aside, not deleted, and the report says what was lost.
    expect(
      existsSync(join(journalDirectory(temp.file()), 'damaged', '1073741824-test-1.journal')),
    ).toBe(true);
    expect(problems.join('\n')).toMatch(
      new RegExp(`recovered 2, dropped 1 damaged record at byte ${tornAt} \\(6 bytes, to the end`),
    );
    expect(store.stats().journalDamage).toMatchObject([{ recovered: 2, dropped: 1 }]);
  });

  it('leaves the journal of a running pid to it when it has no lock file (written before locks)', async () => {
    // pid 1 always runs. Journals with a lock file are judged by the lock (journal-damage.test.ts).
    const path = await journalOf(1, [makeDelivery()]);
    open();
    expect(store.stats().count).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('empties the journal once every record in it is a row (past 8 MiB)', async () => {
    open();
    const big = new Uint8Array(1024 * 1024).fill(0x61);
    for (let i = 0; i < 10; i++)
      await store.capture(makeDelivery({ body: big, size: big.byteLength }));
    await store.whenIndexed();
    await store.capture(makeDelivery());
    await store.whenIndexed();
    const [own] = journals();
    const file = join(journalDirectory(temp.file()), own ?? '');
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    expect(store.stats().count).toBe(11);
    // Records written after the reset are read from the top of the emptied file.
    const after = makeDelivery({ target: '/after-reset' });
    await store.capture(after);
    expect(store.get(after.id)?.target).toBe('/after-reset');
  });

  it('stores 20,000 concurrent small deliveries, all searchable', async () => {
    open();
    const total = 20_000;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      pending.push(
        store.capture(
          makeDelivery({ body: new TextEncoder().encode(`{"n":${i}}`), target: `/n/${i}` }),
        ),
      );
    }
    await Promise.all(pending);
    expect(store.stats().count).toBe(total);
    expect(store.count({ text: '19999' })).toBe(1);
  }, 120_000);

  it('whenReadable waits without blocking until all but the last few records are rows', async () => {
    open();
    const total = 3_000;
    await Promise.all(Array.from({ length: total }, () => store.capture(makeDelivery())));
    await store.whenReadable();
    // A read now blocks for at most READABLE_GAP (1,000) records.
    expect(rowsElsewhere()).toBeGreaterThanOrEqual(total - 1_000);
    expect(store.stats().count).toBe(total);
  });

  it('refuses capture mode for an in-memory store, and capture() outside capture mode', async () => {
    expect(() => openDeliveryStore(':memory:', { capture: {} })).toThrow(/needs a store file/);
    store = openDeliveryStore(temp.file());
    await expect(store.capture(makeDelivery())).rejects.toThrow(/not opened in capture mode/);
  });
});
