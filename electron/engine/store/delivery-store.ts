import { join } from 'node:path';
import { startCheckpointer } from './checkpointer';
import { createDeliveryInserter } from './delivery-inserter';
import {
  claimJournalName,
  journalDirectory,
  recoverAbandonedJournals,
  releaseJournalName,
} from './journal-recovery';
import type { DeriveSnapshot } from '../capture-rules/derive-snapshot';
import type { DeriveLater } from './journal-format';
import { JournalWriter, type JournalWriterOptions } from './journal-writer';
import { startMaterializer, type Materializer } from './materializer';
import { createWalValve } from './wal-valve';
import type {
  DeliveryPage,
  DeliveryQuery,
  DeliverySummary,
  StoreStats,
} from '../../contract/delivery';
import { badgeOf } from '../../contract/verdict-badge';
import type { Delivery, NewDelivery } from '../delivery';
import type { AnnotationPatch } from './annotations';
import { createAnnotationWriter } from './annotations';
import { ChangeEmitter } from './change-events';
import { readFacets } from './facets';
import { readHistogram } from './histogram';
import type { DeliveryRow, SummaryRow } from './delivery-rows';
import { openLearningBook } from '../learning/learning-book';
import { openSuiteBook } from '../suites/suite-book';
import { SUMMARY_COLUMNS, rowToDelivery, rowToSummary, summaryOfPrepared } from './delivery-rows';
import { migrate } from './migrations';
import { createSearchIndexer } from './search-indexer';
import type { SqliteStatement } from './open-store';
import { createTransactionRunner, messageOf, openDatabase } from './open-store';
import type { DatabaseDamage } from '../../contract/delivery';
import {
  checkIntegrityInBackground,
  describeDamage,
  isCorruption,
  salvageDeliveryRows,
  type UnreadableRow,
} from './integrity';
import type { Totals } from './retention';
import { resolveRetention } from './retention';
import type { DeliveryFilter } from './search-query';
import { buildWhere, countQuery, listSql } from './search-query';
import type { DerivedFacts, DeliveryStore, RetentionLimits, StoreChange } from './types';

export interface OpenDeliveryStoreOptions {
  retention?: Partial<RetentionLimits>;
  /** Run WAL checkpoints on a worker thread instead of inside commits (the engine turns it on). */
  checkpointInBackground?: boolean;
  /**
   * Capture mode (the engine's): `capture()` acknowledges a delivery once its record is in this
   * process's capture journal, and a background thread turns records into rows. Every read waits
   * for that thread first, so what was acknowledged is always visible.
   */
  capture?: Omit<JournalWriterOptions, 'onWritten'>;
  onError?: (message: string) => void;
}

/** The SQLite store; beyond DeliveryStore it lets settings change the retention limits. */
export interface SqliteDeliveryStore extends DeliveryStore {
  /** Applies new limits now (evicting if needed) and to every later append. */
  setRetention(limits: Partial<RetentionLimits>): void;
  /**
   * Capture mode only: resolves once the delivery is stored in the journal (durably, per the
   * durability setting); it becomes a row moments later. Rejects if it could not be written.
   */
  capture(delivery: NewDelivery, derive?: DeriveLater | null): Promise<void>;
  /** Capture mode: the endpoints and schemas later records' facts are derived with. */
  setDeriveSnapshot(snapshot: DeriveSnapshot): void;
  /**
   * Deliveries recovered from abandoned journals at open whose facts were never derived (the
   * engine re-verifies them once its rules are loaded).
   */
  readonly recoveredUnderived: readonly string[];
  /**
   * Capture mode: resolves once every acknowledged delivery is a row and its change event went
   * out (so listeners such as the forwarder saw it). Resolves at once otherwise.
   */
  whenIndexed(): Promise<void>;
  /** Capture mode: writes what is queued, then stops the background thread (the journal keeps the rest). */
  stopCapturing(): Promise<void>;
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
  if (options.capture && file === ':memory:')
    throw new Error('Capture mode needs a store file, not :memory:.');
  const db = openDatabase(file);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const changes = new ChangeEmitter();
  const report = options.onError ?? ((message: string) => console.error(message));
  const onDisk = file !== ':memory:';
  const checkpointer =
    options.checkpointInBackground && onDisk ? startCheckpointer(file, report) : null;
  if (checkpointer) db.exec('PRAGMA wal_autocheckpoint = 0');
  const boundWal = checkpointer ? createWalValve(db, file) : () => undefined;
  const transaction = createTransactionRunner(db);
  const insert = createDeliveryInserter(db);
  // Whatever a process that is gone acknowledged but never indexed becomes rows before any read.
  const recovery = onDisk
    ? recoverAbandonedJournals({ db, transaction, insert }, file, retention, report)
    : { underived: [], damaged: [] };
  const recoveredUnderived = recovery.underived;
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
  const learning = openLearningBook(db);
  const suites = openSuiteBook(db);
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
  const emit = (change: StoreChange): void => {
    if (changes.hasListeners) changes.emit(change);
  };
  const emitEvicted = (ids: string[]): void => {
    if (ids.length) emit({ kind: 'deleted', ids });
  };

  const capturing = options.capture && onDisk ? startCapturing(options.capture) : null;
  // Damaged file (issue 13): quick_check reads every page, so it runs on a worker once capture is
  // up, never on the receiver's thread; damage is reported loudly and shown by stats().
  let databaseDamage: DatabaseDamage | null = null;
  if (capturing) {
    void checkIntegrityInBackground(file).then((check) => {
      if (check.ok || !open) return;
      databaseDamage = describeDamage(file, check);
      report(databaseDamage.message);
    });
  }

  /** Every read and write starts here: the store is open and holds every acknowledged delivery. */
  const assertOpen = (): void => {
    if (!open) throw new Error(`The delivery store at ${file} is closed.`);
    if (capturing) capturing.materializer.waitFor(capturing.journal.lastWrittenSeq);
  };

  function startCapturing(settings: Omit<JournalWriterOptions, 'onWritten'>) {
    const journalName = claimJournalName(file);
    const journalFile = join(journalDirectory(file), journalName);
    // Assigned right below; the writer calls back only after a commit, never while constructed.
    let materializer: Materializer | null = null;
    const journal = new JournalWriter(journalFile, {
      ...settings,
      onWritten: (generation, end, seq) => materializer?.written(generation, end, seq),
    });
    materializer = startMaterializer({
      databaseFile: file,
      journalFile,
      journalName,
      retention,
      checkpointInBackground: checkpointer !== null,
      onMaterialized: (batch) => {
        if (!open) return;
        if (batch.appended.length) emit({ kind: 'appended', items: batch.appended });
        emitEvicted(batch.evicted);
        announced(batch.journalSeq);
        journal.resetIfCaughtUp(batch.journalSeq);
      },
      onProblem: report,
    });
    return { journal, journalName, materializer, announced: 0, waiters: [] as Array<() => void> };
  }

  function whenIndexed(): Promise<void> {
    if (!capturing || capturing.announced >= capturing.journal.lastWrittenSeq)
      return Promise.resolve();
    const release = capturing.materializer.hold();
    return new Promise<void>((resolve) => capturing.waiters.push(resolve)).finally(release);
  }

  function announced(journalSeq: number): void {
    if (!capturing) return;
    capturing.announced = journalSeq;
    if (journalSeq < capturing.journal.lastWrittenSeq) return;
    const waiters = capturing.waiters.splice(0);
    for (const resolve of waiters) resolve();
  }

  async function stopCapturing(): Promise<void> {
    if (!capturing) return;
    await capturing.journal.flush().catch(() => undefined);
    capturing.journal.close();
    await capturing.materializer.stop();
    announced(Infinity);
    // From here the journal is abandoned: the next store to open turns what is left into rows.
    releaseJournalName(capturing.journalName);
  }

  /** A read blocks at most for this many records written while whenReadable waited. */
  const READABLE_GAP = 1_000;
  async function whenReadable(): Promise<void> {
    // The receiver keeps writing meanwhile: chase it a few times, then let the read block.
    for (let round = 0; round < 3 && capturing && open; round++) {
      const target = capturing.journal.lastWrittenSeq;
      await capturing.materializer.reached(target - READABLE_GAP);
      if (capturing.journal.lastWrittenSeq - target <= READABLE_GAP) return;
    }
  }

  function capture(delivery: NewDelivery, derive: DeriveLater | null = null): Promise<void> {
    if (!capturing) return Promise.reject(new Error('This store was not opened in capture mode.'));
    return capturing.journal.commit(delivery, derive);
  }

  function appendBatch(deliveries: readonly NewDelivery[]): void {
    assertOpen();
    if (deliveries.length === 0) return;
    const inserted = transaction(() => insert(deliveries, retention));
    searchIndex.appended();
    boundWal(deliveries.length);
    if (changes.hasListeners) {
      const { prepared, seqs } = inserted;
      const items = prepared.map((item, i) => summaryOfPrepared(item, seqs[i] as number));
      emit({ kind: 'appended', items });
    }
    emitEvicted(inserted.evicted);
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

  /** The fast path until a damaged page stops it; then one row at a time past it (integrity.ts). */
  function* iterateReadable(
    ids: readonly string[] | undefined,
    onUnreadable: (row: UnreadableRow) => void,
  ): Generator<Delivery> {
    let lastSeq = -1;
    try {
      for (const delivery of iterate(ids)) {
        lastSeq = delivery.seq;
        yield delivery;
      }
      return;
    } catch (error) {
      if (!isCorruption(error)) throw error;
    }
    const wanted = ids === undefined ? null : new Set(ids);
    for (const item of salvageDeliveryRows<DeliveryRow>(db, lastSeq)) {
      if ('unreadable' in item) {
        const { id } = item.unreadable;
        if (!wanted || (id !== null && wanted.has(id))) onUnreadable(item.unreadable);
        continue;
      }
      if (wanted && !wanted.has(item.row.id)) continue;
      try {
        yield rowToDelivery(item.row);
      } catch (error) {
        onUnreadable({ seq: item.seq, id: item.row.id, reason: messageOf(error) });
      }
    }
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
      // The models were learned from these deliveries: clear-all starts learning afresh.
      learning.reset();
    });
    emit({ kind: 'cleared' });
  }

  /** bytes = stored request + response body bytes (what retention's maxBytes limits), not file size. */
  function stats(options: { indexedOnly?: boolean } = {}): StoreStats {
    // indexedOnly (event pushes, every ~50 ms under load): no Atomics.wait for the materializer on
    // the thread that answers webhooks; that wait was serve's main cost with a page open (issue 14).
    if (options.indexedOnly) {
      if (!open) throw new Error(`The delivery store at ${file} is closed.`);
    } else assertOpen();
    const totals = readTotals.get([]) as Totals;
    // Damaged capture journals recovered at open (issue 13): the app shows them as a notice.
    const damage = databaseDamage ? { databaseDamage } : {};
    if (recovery.damaged.length === 0)
      return { count: totals.count, bytes: totals.bytes, ...damage };
    return { count: totals.count, bytes: totals.bytes, journalDamage: recovery.damaged, ...damage };
  }

  function setRetention(limits: Partial<RetentionLimits>): void {
    assertOpen();
    const next = resolveRetention({ ...retention, ...limits });
    const evicted = transaction(() => insert([], next).evicted);
    retention = next;
    capturing?.materializer.setRetention(next);
    emitEvicted(evicted);
  }

  function close(): void {
    if (!open) return;
    open = false;
    if (capturing) void stopCapturing();
    searchIndex.close();
    statementCache.clear();
    db.close();
    void checkpointer?.stop();
  }

  return {
    file,
    appendBatch,
    capture,
    whenReadable,
    setDeriveSnapshot: (snapshot) => capturing?.materializer.setDeriveSnapshot(snapshot),
    recoveredUnderived,
    whenIndexed,
    stopCapturing,
    get,
    list,
    count,
    iterate,
    iterateReadable,
    updateDerived,
    annotate,
    facets: (filter = {}) => (assertOpen(), readFacets(cached, filter)),
    histogram: (filter, buckets) => (assertOpen(), readHistogram(cached, filter, buckets)),
    delete: remove,
    clear,
    stats,
    setRetention,
    learning,
    suites,
    onChange: (listener) => changes.on(listener),
    close,
  };
}
