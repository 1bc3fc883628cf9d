import { statSync } from 'node:fs';
import type { SqliteDatabase } from './open-store';

/** Past this WAL size the writer checkpoints itself, in case the background one cannot keep up. */
const MAX_WAL_BYTES = 32 * 1024 * 1024;
const CHECK_EVERY_APPENDS = 128;

/**
 * A safety valve for a writer whose automatic checkpoints are off (the background checkpointer
 * does them): under writes that never pause, a passive checkpoint may never catch up fully, so
 * every CHECK_EVERY_APPENDS appends the writer looks at the WAL and restarts it when too big.
 */
export function createWalValve(
  db: SqliteDatabase,
  databaseFile: string,
): (appends: number) => void {
  let appendsSinceCheck = 0;
  return (appends) => {
    appendsSinceCheck += appends;
    if (appendsSinceCheck < CHECK_EVERY_APPENDS) return;
    appendsSinceCheck = 0;
    const walBytes = statSync(`${databaseFile}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (walBytes > MAX_WAL_BYTES) db.exec('PRAGMA wal_checkpoint(RESTART)');
  };
}
