import Database from 'libsql';

/**
 * Who owns a capture journal, told by an OS file lock rather than by whether a process with the
 * journal's PID runs (a PID is reused: a dead writer's journal named for a PID that now belongs
 * to a live process was never recovered).
 *
 * Node has no flock, and a native package just for it would need a build per runtime. libsql,
 * already loaded (N-API, the same binary in Node and Electron), brings SQLite's own file locking:
 * `BEGIN EXCLUSIVE` on a small SQLite file next to the journal takes SQLite's EXCLUSIVE lock,
 * which is an fcntl() byte-range lock on Linux and macOS and LockFileEx() on Windows. The
 * operating system drops either when the process that holds it dies, however it dies (SIGKILL,
 * crash, power loss), so "the lock is free" means exactly "no live process writes this journal".
 * SQLite also arbitrates between connections of the same process (fcntl locks alone would not:
 * they are per process), so a second store or the materializer thread in this process sees the
 * lock as taken too. test/integration/store/journal-lock.test.ts checks all of this with real
 * processes and SIGKILL.
 *
 * The lock file never holds data: journal_mode OFF keeps SQLite from creating a `-journal` file
 * beside it, and nothing is ever written, so the file stays 0 bytes.
 */
export interface JournalLock {
  readonly path: string;
  /** Gives the lock up (the file stays; whoever recovers the journal deletes it). */
  release(): void;
}

/** The lock file of a journal. */
export function lockPathOf(journalPath: string): string {
  return `${journalPath}.lock`;
}

/**
 * Takes the lock at `path` (creating the file), or answers null when another connection, in this
 * process or any other, holds it. Never waits.
 */
export function tryLock(path: string): JournalLock | null {
  const db = new Database(path);
  try {
    // Never wait for a holder: a held lock means a live owner, and waiting would not change that.
    db.exec('PRAGMA busy_timeout = 0');
    db.exec('PRAGMA journal_mode = OFF');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) return null;
    throw error;
  }
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

/** Takes the lock at `path`; throws when someone holds it (a fresh journal's lock never is). */
export function lock(path: string): JournalLock {
  const taken = tryLock(path);
  if (!taken) throw new Error(`The capture journal lock ${path} is held by another process.`);
  return taken;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
