import type { RetentionLimits } from './types';
import { DEFAULT_RETENTION } from './types';
import type { SqliteDatabase } from './open-store';

export function resolveRetention(overrides: Partial<RetentionLimits> = {}): RetentionLimits {
  const limits = { ...DEFAULT_RETENTION, ...overrides };
  for (const key of ['maxCount', 'maxBytes'] as const) {
    const value = limits[key];
    if (!Number.isFinite(value) || value < 1) {
      throw new Error(`Retention ${key} must be a positive number, got ${String(value)}.`);
    }
  }
  return limits;
}

export interface Totals {
  count: number;
  bytes: number;
}

interface OldestRow {
  seq: number;
  id: string;
  stored_bytes: number;
}

const SCAN_PAGE = 512;

/**
 * Evicts the oldest deliveries until both limits hold; must run inside the caller's write
 * transaction so the append and its evictions commit together. The newest delivery is always
 * kept, even if it alone exceeds maxBytes: the store never empties itself to make room.
 */
export function createEvictor(db: SqliteDatabase) {
  const readTotals = db.prepare('SELECT count, bytes FROM store_totals WHERE id = 1');
  const oldest = db.prepare(
    'SELECT seq, id, stored_bytes FROM deliveries WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const deleteRows = db.prepare('DELETE FROM deliveries WHERE seq <= ?');
  const deleteText = db.prepare('DELETE FROM deliveries_fts WHERE rowid <= ?');
  const addTotals = db.prepare(
    'UPDATE store_totals SET count = count + ?, bytes = bytes + ? WHERE id = 1',
  );

  return function evictOverflow(limits: RetentionLimits): string[] {
    const totals = readTotals.get([]) as Totals;
    let count = totals.count;
    let bytes = totals.bytes;
    if (count <= limits.maxCount && bytes <= limits.maxBytes) return [];
    const evicted: string[] = [];
    let freedBytes = 0;
    let cutoff = -1;
    scan: for (;;) {
      const page = oldest.all([cutoff, SCAN_PAGE]) as OldestRow[];
      for (const row of page) {
        if (count <= 1 || (count <= limits.maxCount && bytes <= limits.maxBytes)) break scan;
        evicted.push(row.id);
        cutoff = row.seq;
        count -= 1;
        bytes -= row.stored_bytes;
        freedBytes += row.stored_bytes;
      }
      if (page.length < SCAN_PAGE) break;
    }
    if (evicted.length === 0) return [];
    // Eviction always takes a prefix by seq, so one range delete covers it.
    deleteText.run([cutoff]);
    deleteRows.run([cutoff]);
    addTotals.run([-evicted.length, -freedBytes]);
    return evicted;
  };
}
