import { statSync } from 'node:fs';
import { startCheckpointer } from './checkpointer';
import { createWalSyncer } from './wal-sync';
import type {
  DeliveryPage,
  DeliveryQuery,
  DeliverySummary,
  StoreStats,
} from '../../contract/delivery';
import { badgeOf } from '../../contract/verdict';
import type { Delivery, NewDelivery } from '../delivery';
import type { AnnotationPatch } from './annotations';
import { createAnnotationWriter } from './annotations';
import { ChangeEmitter } from './change-events';
import { readFacets } from './facets';
import { readHistogram } from './histogram';
import type { DeliveryRow, PreparedDelivery, SummaryRow } from './delivery-rows';
import {
  INSERT_SQL,
  SUMMARY_COLUMNS,
  prepareDelivery,
  rowToDelivery,
  rowToSummary,
  summaryOfPrepared,
} from './delivery-rows';
import { migrate } from './migrations';
import { createSearchIndexer } from './search-indexer';
import type { SqliteStatement } from './open-store';
import { createTransactionRunner, openDatabase } from './open-store';
import type { Totals } from './retention';
import { createEvictor, resolveRetention } from './retention';
import type { DeliveryFilter } from './search-query';
import { buildWhere, countQuery, listSql } from './search-query';
import type { DerivedFacts, DeliveryStore, RetentionLimits, StoreChange } from './types';

export interface OpenDeliveryStoreOptions {
  retention?: Partial<RetentionLimits>;
  /** Run WAL checkpoints on a worker thread instead of inside commits (the engine turns it on). */
  checkpointInBackground?: boolean;
  onError?: (message: string) => void;
}

/** Past this WAL size the writer checkpoints itself, in case the background one cannot keep up. */
const MAX_WAL_BYTES = 32 * 1024 * 1024;
const WAL_CHECK_EVERY_APPENDS = 128;

/** The SQLite store; beyond DeliveryStore it lets settings change the retention limits. */
export interface SqliteDeliveryStore extends DeliveryStore {
  /** Applies new limits now (evicting if needed) and to every later append. */
  setRetention(limits: Partial<RetentionLimits>): void;
  readonly file: string;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;
const ITERATE_PAGE = 64;
const ID_CHUNK = 500;

export function openDeliveryStore(
  file: string,
  options: OpenDeliveryStoreOptions = {},
): SqliteDeliveryStore {
  let retention = resolveRetention(options.retention);
  const db = openDatabase(file);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const changes = new ChangeEmitter();
  const walSyncer = createWalSyncer(file);
  const checkpointer =
    options.checkpointInBackground && file !== ':memory:'
      ? startCheckpointer(file, options.onError ?? ((message) => console.error(message)))
      : null;
  if (checkpointer) db.exec('PRAGMA wal_autocheckpoint = 0');
  let appendsSinceWalCheck = 0;
  // A safety valve: under writes that never pause, a passive checkpoint may never catch up fully.
  const boundWal = (): void => {
    if (!checkpointer || ++appendsSinceWalCheck < WAL_CHECK_EVERY_APPENDS) return;
    appendsSinceWalCheck = 0;
    const walBytes = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (walBytes > MAX_WAL_BYTES) db.exec('PRAGMA wal_checkpoint(RESTART)');
  };
  const transaction = createTransactionRunner(db);
  const evictOverflow = createEvictor(db);
  const insertRow = db.prepare(INSERT_SQL);
  const searchIndex = createSearchIndexer(db, transaction);
  if (searchIndex.hasPending()) searchIndex.appended();
  const addTotals = db.prepare(
    'UPDATE store_totals SET count = count + ?, bytes = bytes + ? WHERE id = 1',
  );
  const readTotals = db.prepare('SELECT count, bytes FROM store_totals WHERE id = 1');
  const selectById = db.prepare('SELECT * FROM deliveries WHERE id = ?');
  const selectSummaryBySeq = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE seq = ?`);
  const selectAfter = db.prepare('SELECT * FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?');
  const selectSeqs = db.prepare(
    'SELECT seq FROM deliveries WHERE id IN (SELECT value FROM json_each(?))',
  );
  const selectBySeqs = db.prepare(
    'SELECT * FROM deliveries WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq',
  );
  const selectDoomed = db.prepare(
    'SELECT seq, id, stored_bytes FROM deliveries WHERE id IN (SELECT value FROM json_each(?))',
  );
  const deleteText = db.prepare('DELETE FROM deliveries_fts WHERE rowid = ?');
  const deleteRow = db.prepare('DELETE FROM deliveries WHERE seq = ?');
  const updateDerivedRow = db.prepare(
    'UPDATE deliveries SET provider = ?, event = ?, handshake = ?, verdict = ?, badge = ? ' +
      'WHERE id = ? RETURNING seq',
  );
  const writeAnnotation = createAnnotationWriter(db);
  const clearText = db.prepare("INSERT INTO deliveries_fts (deliveries_fts) VALUES ('delete-all')");
  const clearRows = db.prepare('DELETE FROM deliveries');
  const resetTotals = db.prepare('UPDATE store_totals SET count = 0, bytes = 0 WHERE id = 1');

  // Filtered list/count statements differ only by which filters are present: prepare each shape once.
  const statementCache = new Map<string, SqliteStatement>();
  const cached = (sql: string): SqliteStatement => {
    let statement = statementCache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statementCache.set(sql, statement);
    }
    return statement;
  };

  let open = true;
  const assertOpen = (): void => {
    if (!open) throw new Error(`The delivery store at ${file} is closed.`);
  };
  const emit = (change: StoreChange): void => {
    if (changes.hasListeners) changes.emit(change);
  };
  const emitEvicted = (ids: string[]): void => {
    if (ids.length) emit({ kind: 'deleted', ids });
  };

  function appendBatch(deliveries: readonly NewDelivery[]): void {
    assertOpen();
    if (deliveries.length === 0) return;
    // JSON and text extraction happen before BEGIN so the write lock is held only for SQLite work.
    const prepared = deliveries.map(prepareDelivery);
    const seqs: number[] = new Array<number>(prepared.length);
    const evicted = transaction(() => {
      let bytes = 0;
      for (let i = 0; i < prepared.length; i++) {
        const item = prepared[i] as PreparedDelivery;
        const seq = Number(insertRow.run(item.params).lastInsertRowid);
        seqs[i] = seq;
        bytes += item.storedBytes;
      }
      addTotals.run([prepared.length, bytes]);
      return evictOverflow(retention);
    });
    searchIndex.appended();
    boundWal();
    if (changes.hasListeners) {
      const items = prepared.map((item, i) => summaryOfPrepared(item, seqs[i] as number));
      emit({ kind: 'appended', items });
    }
    emitEvicted(evicted);
  }

  function get(id: string): Delivery | null {
    assertOpen();
    const row = selectById.get([id]) as DeliveryRow | undefined;
    return row ? rowToDelivery(row) : null;
  }

  function list(query: DeliveryQuery): DeliveryPage {
    assertOpen();
    const limit = Math.min(Math.max(Math.floor(query.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
    if (query.text) searchIndex.catchUp();
    const where = buildWhere(query, query.beforeSeq);
    // One extra row tells whether an older page exists without a second query.
    const sql = listSql(SUMMARY_COLUMNS, where);
    const rows = cached(sql).all([...where.params, limit + 1]) as SummaryRow[];
    const hasMore = rows.length > limit;
    const items: DeliverySummary[] = [];
    for (let i = 0; i < Math.min(rows.length, limit); i++)
      items.push(rowToSummary(rows[i] as SummaryRow));
    const last = items[items.length - 1];
    return { items, nextBeforeSeq: hasMore && last ? last.seq : null };
  }

  function count(filter: DeliveryFilter = {}): number {
    assertOpen();
    if (filter.text) searchIndex.catchUp();
    if (buildWhere(filter).sql === '') return (readTotals.get([]) as Totals).count;
    const query = countQuery(filter);
    const row = cached(query.sql).get(query.params) as { n: number };
    return row.n;
  }

  function* iterateAll(): Generator<Delivery> {
    // Short queries with a seq cursor, not one open statement: writers may commit between pages.
    let after = -1;
    for (;;) {
      assertOpen();
      const rows = selectAfter.all([after, ITERATE_PAGE]) as DeliveryRow[];
      for (const row of rows) yield rowToDelivery(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < ITERATE_PAGE) return;
      after = last.seq;
    }
  }

  function* iterateIds(ids: readonly string[]): Generator<Delivery> {
    const seqs: number[] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = JSON.stringify(ids.slice(i, i + ID_CHUNK));
      for (const row of selectSeqs.all([chunk]) as { seq: number }[]) seqs.push(row.seq);
    }
    seqs.sort((a, b) => a - b);
    for (let i = 0; i < seqs.length; i += ITERATE_PAGE) {
      assertOpen();
      const chunk = JSON.stringify(seqs.slice(i, i + ITERATE_PAGE));
      for (const row of selectBySeqs.all([chunk]) as DeliveryRow[]) yield rowToDelivery(row);
    }
  }

  function iterate(ids?: readonly string[]): Iterable<Delivery> {
    assertOpen();
    return ids === undefined ? iterateAll() : iterateIds(ids);
  }

  function updateDerived(id: string, facts: DerivedFacts): void {
    assertOpen();
    const verdict = facts.verdict ? JSON.stringify(facts.verdict) : null;
    const params = [facts.provider, facts.event, facts.handshake ? 1 : 0, verdict];
    const updated = updateDerivedRow.get([...params, badgeOf(facts.verdict), id]) as
      { seq: number } | undefined;
    // An id that retention already evicted is not an error: there is simply nothing to update.
    if (!updated || !changes.hasListeners) return;
    const row = selectSummaryBySeq.get([updated.seq]) as SummaryRow | undefined;
    if (row) emit({ kind: 'updated', items: [rowToSummary(row)] });
  }

  function annotate(id: string, patch: AnnotationPatch): DeliverySummary | null {
    assertOpen();
    const seq = transaction(() => writeAnnotation(id, patch));
    if (seq === null) return null;
    const row = selectSummaryBySeq.get([seq]) as SummaryRow | undefined;
    if (!row) return null;
    const summary = rowToSummary(row);
    emit({ kind: 'updated', items: [summary] });
    return summary;
  }

  function remove(ids: readonly string[]): number {
    assertOpen();
    if (ids.length === 0) return 0;
    const deleted = transaction(() => {
      const gone: string[] = [];
      let bytes = 0;
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = JSON.stringify(ids.slice(i, i + ID_CHUNK));
        const rows = selectDoomed.all([chunk]) as {
          seq: number;
          id: string;
          stored_bytes: number;
        }[];
        for (const row of rows) {
          deleteText.run([row.seq]);
          deleteRow.run([row.seq]);
          gone.push(row.id);
          bytes += row.stored_bytes;
        }
      }
      if (gone.length) addTotals.run([-gone.length, -bytes]);
      return gone;
    });
    emitEvicted(deleted);
    return deleted.length;
  }

  function clear(): void {
    assertOpen();
    transaction(() => {
      clearText.run([]);
      clearRows.run([]);
      resetTotals.run([]);
    });
    emit({ kind: 'cleared' });
  }

  /** bytes = stored request + response body bytes (what retention's maxBytes limits), not file size. */
  function stats(): StoreStats {
    assertOpen();
    const totals = readTotals.get([]) as Totals;
    return { count: totals.count, bytes: totals.bytes };
  }

  function setRetention(limits: Partial<RetentionLimits>): void {
    assertOpen();
    const next = resolveRetention({ ...retention, ...limits });
    const evicted = transaction(() => evictOverflow(next));
    retention = next;
    emitEvicted(evicted);
  }

  function close(): void {
    if (!open) return;
    open = false;
    searchIndex.close();
    statementCache.clear();
    db.close();
    void walSyncer.close();
    void checkpointer?.stop();
  }

  return {
    file,
    appendBatch,
    waitDurable: () => (open ? walSyncer.sync() : Promise.resolve()),
    get,
    list,
    count,
    iterate,
    updateDerived,
    annotate,
    facets: (filter = {}) => (assertOpen(), readFacets(cached, filter)),
    histogram: (filter, buckets) => (assertOpen(), readHistogram(cached, filter, buckets)),
    delete: remove,
    clear,
    stats,
    setRetention,
    onChange: (listener) => changes.on(listener),
    close,
  };
}
