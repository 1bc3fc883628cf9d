import type { NewDelivery } from '../delivery';
import { createLearner } from '../learning/learner';
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
  // Every new row teaches its event's model and gets its drift verdict, in this transaction.
  const learner = createLearner(db);
  const writeDrift = db.prepare('UPDATE deliveries SET drift_status = ?, drift = ? WHERE seq = ?');
  return function insert(deliveries: readonly NewDelivery[], retention: RetentionLimits): Inserted {
    const prepared = deliveries.map(prepareDelivery);
    const seqs = new Array<number>(prepared.length);
    const learning = learner.batch();
    let bytes = 0;
    for (let i = 0; i < prepared.length; i++) {
      const item = prepared[i] as PreparedDelivery;
      const seq = Number(insertRow.run(item.params).lastInsertRowid);
      seqs[i] = seq;
      bytes += item.storedBytes;
      const drift = learning.learn(item.delivery, item.contentType);
      if (drift) {
        writeDrift.run([drift.status, drift.json, seq]);
        item.drift = drift.status;
      }
    }
    learning.flush();
    addTotals.run([prepared.length, bytes]);
    return { prepared, seqs, evicted: evictOverflow(retention) };
  };
}
