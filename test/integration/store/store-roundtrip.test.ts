import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'libsql';
import { openDeliveryStore, SCHEMA_VERSION } from '../../../electron/engine/store';
import type { SqliteDeliveryStore } from '../../../electron/engine/store';
import { makeDelivery, OK_VERDICT, tempDir } from './store-fixtures';

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('delivery store: round trip', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteDeliveryStore;

  beforeEach(() => {
    temp = tempDir();
    store = openDeliveryStore(temp.file());
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('keeps body bytes, header order, case and duplicates, and the response exactly', () => {
    const delivery = makeDelivery({
      method: 'PUT',
      target: '/hooks/a%20b?x=1&x=2',
      httpVersion: '1.0',
      remoteAddress: '::ffff:127.0.0.1',
      rawHeaders: [
        ['X-Signature', 'sha256=abc'],
        ['content-type', 'application/octet-stream'],
        ['X-Dup', 'one'],
        ['x-dup', 'two'],
        ['X-DUP', 'three'],
      ],
      body: allBytes,
      size: 999,
      truncated: true,
      via: 'tunnel',
      receivedAt: 1_700_000_000_123,
      response: {
        status: 202,
        rawHeaders: [
          ['Content-Length', '3'],
          ['X-Hookscope', 'yes'],
        ],
        body: Uint8Array.from([0, 255, 10]),
        latencyMs: 1.5,
      },
      provider: 'preservica',
      event: 'ingest.done',
      handshake: true,
      verdict: OK_VERDICT,
    });
    store.appendBatch([delivery]);
    const stored = store.get(delivery.id);
    expect(stored).not.toBeNull();
    expect(Array.from(stored?.body ?? [])).toEqual(Array.from(allBytes));
    expect(stored?.body).toBeInstanceOf(Uint8Array);
    expect(stored).toMatchObject({
      id: delivery.id,
      method: 'PUT',
      target: '/hooks/a%20b?x=1&x=2',
      httpVersion: '1.0',
      remoteAddress: '::ffff:127.0.0.1',
      rawHeaders: delivery.rawHeaders,
      size: 999,
      truncated: true,
      via: 'tunnel',
      receivedAt: 1_700_000_000_123,
      provider: 'preservica',
      event: 'ingest.done',
      handshake: true,
      verdict: OK_VERDICT,
      badge: 'ok',
      contentType: 'application/octet-stream',
      responseStatus: 202,
    });
    expect(stored?.response?.rawHeaders).toEqual(delivery.response?.rawHeaders);
    expect(Array.from(stored?.response?.body ?? [])).toEqual([0, 255, 10]);
    expect(stored?.response?.latencyMs).toBe(1.5);
    expect(stored?.seq).toBeGreaterThan(0);
  });

  it('keeps an empty body empty and a missing response null', () => {
    const delivery = makeDelivery({ body: new Uint8Array(0), size: 0, rawHeaders: [] });
    store.appendBatch([delivery]);
    const stored = store.get(delivery.id);
    expect(stored?.body.byteLength).toBe(0);
    expect(stored?.response).toBeNull();
    expect(stored?.contentType).toBeNull();
    expect(stored?.badge).toBe('none');
  });

  it('returns null for an unknown id and assigns increasing seqs', () => {
    const batch = [makeDelivery(), makeDelivery(), makeDelivery()];
    store.appendBatch(batch);
    expect(store.get('nope')).toBeNull();
    const seqs = batch.map((d) => store.get(d.id)?.seq ?? 0);
    expect(seqs[1]).toBeGreaterThan(seqs[0] ?? Infinity);
    expect(seqs[2]).toBeGreaterThan(seqs[1] ?? Infinity);
  });

  it('rejects a duplicate id and keeps the earlier batch intact (one transaction)', () => {
    const first = makeDelivery();
    store.appendBatch([first]);
    const fresh = makeDelivery();
    expect(() => store.appendBatch([fresh, { ...makeDelivery(), id: first.id }])).toThrow(/UNIQUE/);
    expect(store.get(fresh.id)).toBeNull();
    expect(store.stats().count).toBe(1);
  });

  it('keeps everything after close and reopen, and sets user_version', () => {
    const batch = Array.from({ length: 50 }, (_, i) =>
      makeDelivery({ body: Uint8Array.from([i, 0, 255]), target: `/r/${i}` }),
    );
    store.appendBatch(batch);
    const before = store.stats();
    store.close();
    store = openDeliveryStore(temp.file());
    expect(store.stats()).toEqual(before);
    expect(store.count()).toBe(50);
    expect(Array.from(store.get(batch[49]?.id ?? '')?.body ?? [])).toEqual([49, 0, 255]);
    expect(store.list({ text: 'r' }).items.length).toBeGreaterThan(0);

    const raw = new Database(temp.file());
    try {
      expect(raw.prepare('PRAGMA user_version').raw().get([])).toEqual([SCHEMA_VERSION]);
      expect(raw.prepare('PRAGMA journal_mode').raw().get([])).toEqual(['wal']);
    } finally {
      raw.close();
    }
  });

  it('opening the same file twice runs migrations once and shares data', () => {
    const second = openDeliveryStore(temp.file());
    try {
      const delivery = makeDelivery();
      store.appendBatch([delivery]);
      expect(second.get(delivery.id)?.id).toBe(delivery.id);
    } finally {
      second.close();
    }
  });

  it('refuses a file written by a newer schema with a clear error', () => {
    store.close();
    const raw = new Database(temp.file());
    raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDeliveryStore(temp.file())).toThrow(/newer Hookscope/);
    store = openDeliveryStore(temp.file('other.db'));
  });

  it('fails clearly once closed', () => {
    store.close();
    expect(() => store.get('x')).toThrow(/closed/);
    expect(() => store.appendBatch([makeDelivery()])).toThrow(/closed/);
    store.close();
  });

  it('iterates oldest first, all or only the given ids, across page boundaries', () => {
    const batch = Array.from({ length: 150 }, (_, i) => makeDelivery({ target: `/i/${i}` }));
    store.appendBatch(batch);
    const all = [...store.iterate()].map((d) => d.target);
    expect(all).toEqual(batch.map((d) => d.target));
    const wanted = [batch[120], batch[3], batch[77]].map((d) => d?.id ?? '');
    const some = [...store.iterate([...wanted, 'missing'])].map((d) => d.id);
    expect(some).toEqual([batch[3]?.id, batch[77]?.id, batch[120]?.id]);
    expect([...store.iterate([])]).toEqual([]);
  });
});
