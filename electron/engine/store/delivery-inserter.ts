import type { NewDelivery } from '../delivery';
import type { SqliteDatabase } from './open-store';
import { INSERT_SQL, prepareDelivery, type PreparedDelivery } from './delivery-rows';
import { createEvictor } from './retention';
import type { RetentionLimits } from './types';

export interface Inserted {
  prepared: PreparedDelivery[];
  /** The seq SQLite gave each delivery, in order. */
  seqs: number[];
  /** Ids retention evicted to make room. */
  evicted: string[];
}

/**
 * Writes deliveries as rows, keeps the totals and applies retention. The caller holds the write
 * transaction, so rows, totals and evictions (and whatever else the caller writes, such as a
 * journal watermark) commit together. Used by direct appends and by the journal's materializer.
 */
export function createDeliveryInserter(db: SqliteDatabase) {
  const insertRow = db.prepare(INSERT_SQL);
  const addTotals = db.prepare(
    'UPDATE store_totals SET count = count + ?, bytes = bytes + ? WHERE id = 1',
  );
  const evictOverflow = createEvictor(db);
  return function insert(deliveries: readonly NewDelivery[], retention: RetentionLimits): Inserted {
    const prepared = deliveries.map(prepareDelivery);
    const seqs = new Array<number>(prepared.length);
    let bytes = 0;
    for (let i = 0; i < prepared.length; i++) {
      const item = prepared[i] as PreparedDelivery;
      seqs[i] = Number(insertRow.run(item.params).lastInsertRowid);
      bytes += item.storedBytes;
    }
    addTotals.run([prepared.length, bytes]);
    return { prepared, seqs, evicted: evictOverflow(retention) };
  };
}
