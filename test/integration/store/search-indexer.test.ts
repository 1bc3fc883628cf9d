import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery, tempDir } from './store-fixtures';

const temp = tempDir();

/** Reads the index watermark through a second connection, as another process would. */
function indexedUpTo(file: string): number {
  const db = new Database(file);
  try {
    const row = db
      .prepare('SELECT indexed_seq FROM store_totals WHERE id = 1')
      .raw()
      .get([]) as unknown[];
    return Number(row[0]);
  } finally {
    db.close();
  }
}

describe('deferred full-text indexing', () => {
  it('commits first and indexes once the receiver is quiet', async () => {
    const file = temp.file('quiet.db');
    const store = openDeliveryStore(file);
    store.appendBatch([
      makeDelivery({ body: new TextEncoder().encode('{"note":"zebra crossing"}') }),
    ]);
    expect(indexedUpTo(file)).toBe(0);
    await expect.poll(() => indexedUpTo(file), { timeout: 5_000 }).toBe(1);
    expect(store.list({ text: 'zebra' }).items).toHaveLength(1);
    store.close();
  });

  it('a text search right after an append sees it (the search catches up first)', () => {
    const file = temp.file('eager.db');
    const store = openDeliveryStore(file);
    for (let i = 0; i < 450; i++)
      store.appendBatch([makeDelivery({ target: `/t/${i}?animal=okapi${i}` })]);
    expect(store.count({ text: 'okapi449' })).toBe(1);
    expect(store.count({ text: 'okapi0' })).toBe(1);
    expect(indexedUpTo(file)).toBe(450);
    store.close();
  });

  it('searches whole bodies: a key at the end of a 2 MB JSON is found like one at its start', () => {
    const file = temp.file('big.db');
    const store = openDeliveryStore(file);
    const items = Array.from({ length: 70_000 }, (_, i) => ({ id: i, name: `item ${i}` }));
    const big = JSON.stringify({ first_key: 'aardvark', items, last_key: 'zebu' });
    expect(big.length).toBeGreaterThan(2_000_000);
    // Two big bodies and a small one after them: steps are bounded by bytes, every row indexed.
    store.appendBatch([
      makeDelivery({ body: new TextEncoder().encode(big) }),
      makeDelivery({ body: new TextEncoder().encode(big.replace('zebu', 'quokka')) }),
      makeDelivery({ body: new TextEncoder().encode('{"small":"wombat"}') }),
    ]);
    expect(store.count({ text: 'aardvark' })).toBe(2);
    expect(store.count({ text: 'zebu' })).toBe(1);
    expect(store.count({ text: 'quokka' })).toBe(1);
    expect(store.count({ text: 'wombat' })).toBe(1);
    expect(indexedUpTo(file)).toBe(3);
    store.close();
  });

  it('rows left unindexed by a previous run are indexed after reopening', async () => {
    const file = temp.file('reopen.db');
    const first = openDeliveryStore(file);
    first.appendBatch([makeDelivery({ target: '/t?word=narwhal' })]);
    first.close();
    expect(indexedUpTo(file)).toBe(0);
    const second = openDeliveryStore(file);
    await expect.poll(() => indexedUpTo(file), { timeout: 5_000 }).toBe(1);
    expect(second.count({ text: 'narwhal' })).toBe(1);
    second.close();
    temp.remove();
  });
});
