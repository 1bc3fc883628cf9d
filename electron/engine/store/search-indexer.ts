import type { RawHeaders } from '../../contract/delivery';
import { searchableText } from './fts-text';
import type { SqliteDatabase } from './open-store';

/** Rows indexed per transaction: small enough that one step never stalls the receiver for long. */
const STEP_ROWS = 200;
/**
 * Body bytes indexed per transaction (at least one row): bodies are indexed whole up to the 25 MiB
 * body limit, so a step is bounded by bytes as well as rows, and bodies are read one at a time.
 */
const STEP_BYTES = 4 * 1024 * 1024;
/** While deliveries keep arriving, indexing waits for a quiet moment, but never longer than this. */
const MAX_LAG_MS = 5_000;
/** A quiet moment: no append for this long. */
const QUIET_MS = 25;

interface PendingRow {
  seq: number;
  target: string;
  raw_headers: string;
  size: number;
}

/**
 * Full-text indexing, kept off the acknowledgement path. Tokenizing a body is the most expensive
 * part of storing a delivery (about half its CPU), and nobody searches within milliseconds of a
 * delivery arriving, so rows are committed first and indexed when the receiver is quiet (or after
 * MAX_LAG_MS under sustained load). `store_totals.indexed_seq` is the watermark: every row above it
 * is not yet indexed. A text search first catches up, so search results are always complete.
 */
export function createSearchIndexer(db: SqliteDatabase, transaction: <T>(work: () => T) => T) {
  const readWatermark = db.prepare('SELECT indexed_seq FROM store_totals WHERE id = 1').raw();
  const selectPending = db.prepare(
    'SELECT seq, target, raw_headers, length(body) AS size FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const selectBody = db.prepare('SELECT body FROM deliveries WHERE seq = ?').raw();
  const insertText = db.prepare(
    'INSERT INTO deliveries_fts (rowid, target, headers, body) VALUES (?, ?, ?, ?)',
  );
  const setWatermark = db.prepare('UPDATE store_totals SET indexed_seq = ? WHERE id = 1');
  const maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM deliveries').raw();

  let timer: NodeJS.Timeout | null = null;
  let lastAppendAt = 0;
  let oldestPendingAt: number | null = null;
  let closed = false;

  const watermark = (): number => Number((readWatermark.get([]) as unknown[])[0] ?? 0);

  /**
   * Indexes pending rows in one transaction, up to STEP_ROWS rows or STEP_BYTES of bodies;
   * returns whether rows may remain.
   */
  function step(): boolean {
    return transaction(() => {
      const rows = selectPending.all([watermark(), STEP_ROWS]) as PendingRow[];
      let bytes = 0;
      let last: number | null = null;
      for (const row of rows) {
        if (last !== null && bytes + row.size > STEP_BYTES) break;
        const [body] = selectBody.get([row.seq]) as [ArrayBuffer | null];
        const text = searchableText({
          target: row.target,
          rawHeaders: JSON.parse(row.raw_headers) as RawHeaders,
          body: body ? new Uint8Array(body) : new Uint8Array(0),
        });
        insertText.run([row.seq, ...text]);
        bytes += row.size;
        last = row.seq;
      }
      if (last !== null) setWatermark.run([last]);
      return rows.length === STEP_ROWS || (last !== null && last !== rows.at(-1)?.seq);
    });
  }

  function catchUp(): void {
    while (step()) {
      // keep going until a step says the backlog is gone
    }
    oldestPendingAt = null;
  }

  function run(): void {
    timer = null;
    if (closed) return;
    const now = Date.now();
    const overdue = oldestPendingAt !== null && now - oldestPendingAt > MAX_LAG_MS;
    if (!overdue && now - lastAppendAt < QUIET_MS) {
      schedule(QUIET_MS);
      return;
    }
    if (step()) schedule(0);
    else oldestPendingAt = null;
  }

  function schedule(delayMs: number): void {
    if (timer || closed) return;
    timer = setTimeout(run, delayMs);
    timer.unref();
  }

  return {
    /** Call after rows were appended. */
    appended(): void {
      lastAppendAt = Date.now();
      oldestPendingAt ??= lastAppendAt;
      schedule(QUIET_MS);
    },
    /** Makes every stored row searchable now (before a text query). */
    catchUp,
    /** True when rows are waiting to be indexed (used when the store opens). */
    hasPending: (): boolean => Number((maxSeq.get([]) as unknown[])[0]) > watermark(),
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
