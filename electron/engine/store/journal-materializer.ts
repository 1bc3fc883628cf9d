import type { DeliverySummary } from '../../contract/delivery';
import { summaryOfPrepared } from './delivery-rows';
import type { JournalRecord } from './journal-format';
import type { Inserted } from './delivery-inserter';
import type { NewDelivery } from '../delivery';
import type { SqliteDatabase } from './open-store';
import type { RetentionLimits } from './types';

/** What one materializing transaction did, for change events. */
export interface MaterializedBatch {
  /** The last journal record handled (written, or already there). */
  journalSeq: number;
  /** Summaries of the new rows, in order (empty when all were already rows), for change events. */
  appended: DeliverySummary[];
  evicted: string[];
  /** Records that could never become rows (say, a duplicate id), with why. */
  skipped: string[];
  /** Ids of deliveries written without the facts they were to get (no deriver was given). */
  underived: string[];
}

export interface MaterializeDeps {
  db: SqliteDatabase;
  transaction: <T>(work: () => T) => T;
  insert: (deliveries: readonly NewDelivery[], retention: RetentionLimits) => Inserted;
  /** Fills in provider, event and verdict of a record that asks for it; never throws. */
  derive?: (record: JournalRecord) => NewDelivery;
}

/**
 * Turns journal records into rows, exactly once: the journal's watermark (capture_journals.seq)
 * moves in the same transaction as the rows, so a record at or below it is never written again,
 * whichever process or thread replays the journal, and however often.
 */
export function createJournalMaterializer(deps: MaterializeDeps, journalName: string) {
  const { db, transaction, insert, derive } = deps;
  const readMark = db.prepare('SELECT seq FROM capture_journals WHERE name = ?').raw();
  const writeMark = db.prepare(
    'INSERT INTO capture_journals (name, seq) VALUES (?, ?) ' +
      'ON CONFLICT (name) DO UPDATE SET seq = excluded.seq',
  );
  const mark = (): number =>
    Number((readMark.get([journalName]) as unknown[] | undefined)?.[0] ?? 0);

  function materializeTogether(records: JournalRecord[], retention: RetentionLimits) {
    return transaction(() => {
      const fresh = records.filter((record) => record.seq > mark());
      const last = records[records.length - 1] as JournalRecord;
      if (fresh.length === 0) return { appended: [], evicted: [], underived: [] };
      const deliveries = fresh.map((record) =>
        record.derive && derive ? derive(record) : record.delivery,
      );
      const inserted = insert(deliveries, retention);
      writeMark.run([journalName, last.seq]);
      const underived = derive
        ? []
        : fresh.filter((record) => record.derive).map((record) => record.delivery.id);
      const appended = inserted.prepared.map((item, i) =>
        summaryOfPrepared(item, inserted.seqs[i] as number),
      );
      return { appended, evicted: inserted.evicted, underived };
    });
  }

  return {
    /** The watermark: every record up to it is a row. */
    mark,
    /**
     * Writes the records in one transaction. If that fails, one by one: a record SQLite refuses
     * for good (a constraint) is skipped and reported; any other failure (disk full, a lock held
     * too long) is thrown, and the caller retries later from the same records.
     */
    materialize(records: JournalRecord[], retention: RetentionLimits): MaterializedBatch {
      const journalSeq = (records[records.length - 1] as JournalRecord).seq;
      try {
        return { journalSeq, ...materializeTogether(records, retention), skipped: [] };
      } catch (error) {
        if (records.length === 1 && !isConstraint(error)) throw error;
      }
      const batch: MaterializedBatch = {
        journalSeq,
        appended: [],
        evicted: [],
        skipped: [],
        underived: [],
      };
      for (const record of records) {
        try {
          const one = materializeTogether([record], retention);
          batch.appended.push(...one.appended);
          batch.evicted.push(...one.evicted);
          batch.underived.push(...one.underived);
        } catch (error) {
          if (!isConstraint(error)) throw error;
          transaction(() => writeMark.run([journalName, record.seq]));
          batch.skipped.push(`delivery ${record.delivery.id}: ${messageOf(error)}`);
        }
      }
      return batch;
    },
    forget(): void {
      db.prepare('DELETE FROM capture_journals WHERE name = ?').run([journalName]);
    },
  };
}

function isConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
