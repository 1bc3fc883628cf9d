import type { SqliteDatabase } from './open-store';

/** What the user can change about a delivery; omitted fields stay as they are. */
export interface AnnotationPatch {
  pinned?: boolean;
  labels?: readonly string[];
  note?: string | null;
}

/**
 * Pin, label and note writes. Labels live twice: as a JSON array on the row (so list() reads them
 * with the summary) and in delivery_labels (so "label = x" is an index lookup at 100,000 rows).
 * Returns the delivery's seq, or null when no delivery has this id. Run inside a transaction.
 */
export function createAnnotationWriter(
  db: SqliteDatabase,
): (id: string, patch: AnnotationPatch) => number | null {
  const selectSeq = db.prepare('SELECT seq FROM deliveries WHERE id = ?');
  const setPinned = db.prepare('UPDATE deliveries SET pinned = ? WHERE seq = ?');
  const setNote = db.prepare('UPDATE deliveries SET note = ? WHERE seq = ?');
  const setLabels = db.prepare('UPDATE deliveries SET labels = ? WHERE seq = ?');
  const dropLabels = db.prepare('DELETE FROM delivery_labels WHERE seq = ?');
  const addLabel = db.prepare('INSERT OR IGNORE INTO delivery_labels (label, seq) VALUES (?, ?)');

  return (id, patch) => {
    const row = selectSeq.get([id]) as { seq: number } | undefined;
    if (!row) return null;
    const { seq } = row;
    if (patch.pinned !== undefined) setPinned.run([patch.pinned ? 1 : 0, seq]);
    // An empty note is no note: NULL keeps "has a note" a simple IS NOT NULL.
    if (patch.note !== undefined) setNote.run([patch.note?.trim() ? patch.note : null, seq]);
    if (patch.labels !== undefined) {
      const labels = [...new Set(patch.labels.map((label) => label.trim()).filter(Boolean))].sort();
      setLabels.run([labels.length ? JSON.stringify(labels) : null, seq]);
      dropLabels.run([seq]);
      for (const label of labels) addLabel.run([label, seq]);
    }
    return seq;
  };
}
