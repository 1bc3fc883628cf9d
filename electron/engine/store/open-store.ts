import { dirname } from 'node:path';
import Database from 'libsql';
import { ensurePrivateDir, precreatePrivateFile, restrictFileModes } from '../data-dir';

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

/**
 * Opens (creating if needed) the SQLite file with the pragmas durability depends on.
 * WAL lets readers (the UI, a second connection) run while the receiver writes.
 * synchronous=NORMAL: a committed transaction survives a killed process, and a lost one after a
 * power cut is still in the capture journal (which durability 'fsync' syncs before acknowledging).
 */
export function openDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') {
    // Owner-only folder and files (issue 13): captures hold tokens and signed headers.
    ensurePrivateDir(dirname(file));
    precreatePrivateFile(file);
  }
  let db: SqliteDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new Error(`Cannot open the delivery store at ${file}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  try {
    // First of all: another connection (a CLI export, a test, serve's checkpointer truncating the
    // WAL) may hold a lock for a moment. Even `journal_mode = WAL` on a file already in WAL mode
    // needs one, and without a timeout it failed at once with "database is locked".
    db.exec('PRAGMA busy_timeout = 5000');
    const mode = pragmaValue(db, 'journal_mode = WAL');
    if (file !== ':memory:' && String(mode).toLowerCase() !== 'wal') {
      throw new Error(`the file system refused WAL mode (got "${String(mode)}")`);
    }
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA temp_store = MEMORY');
    db.exec('PRAGMA cache_size = -16000');
    // Keeps the WAL file from staying huge after a burst once it has been checkpointed.
    db.exec('PRAGMA journal_size_limit = 67108864');
    if (file !== ':memory:') restrictFileModes(file);
  } catch (error) {
    db.close();
    throw new Error(`Cannot open the delivery store at ${file}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return db;
}

/** Runs `work` in one write transaction; rolls back and rethrows if anything (even COMMIT) fails. */
export function createTransactionRunner(db: SqliteDatabase): <T>(work: () => T) => T {
  // BEGIN IMMEDIATE takes the write lock up front so a busy writer is waited for (busy_timeout)
  // instead of failing halfway through the batch with SQLITE_BUSY on lock upgrade.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  return <T>(work: () => T): T => {
    begin.run([]);
    try {
      const result = work();
      commit.run([]);
      return result;
    } catch (error) {
      if (db.inTransaction) rollback.run([]);
      throw error;
    }
  };
}

/** The single value a PRAGMA returns (libsql ignores pluck mode, so read it in raw mode). */
export function pragmaValue(db: SqliteDatabase, pragma: string): unknown {
  const row = db.prepare(`PRAGMA ${pragma}`).raw().get([]) as unknown[] | undefined;
  return row?.[0];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
