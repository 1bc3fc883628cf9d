import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createJournalMaterializer, type MaterializeDeps } from './journal-materializer';
import { JournalReader } from './journal-reader';
import type { RetentionLimits } from './types';

const SUFFIX = '.journal';
const REPLAY_BATCH = 512;

/** Capture journals live next to the database, one file per capturing process. */
export function journalDirectory(databaseFile: string): string {
  return `${databaseFile}-captures`;
}

/** Journals this process writes right now (a process may open and close several stores). */
const openHere = new Set<string>();
let journalsMadeHere = 0;

/**
 * A fresh journal name for this process: its pid (so others can tell if it still runs) and a
 * counter. Held as open until released.
 */
export function claimJournalName(): string {
  const name = `${process.pid}-${Date.now().toString(36)}-${++journalsMadeHere}${SUFFIX}`;
  openHere.add(name);
  return name;
}

/** After this, the journal counts as abandoned: the next store to open recovers it. */
export function releaseJournalName(name: string): void {
  openHere.delete(name);
}

/**
 * Turns the journals of processes that are gone (a crash, a kill, a clean exit that left records
 * unindexed) into rows, then deletes them. Runs when a store opens, before anything reads it, so
 * every delivery that was ever acknowledged is there. Journals of live processes are theirs to
 * index. Returns the ids of recovered deliveries whose facts (provider, event, verdict) are still
 * to be derived: the engine re-verifies them once its rules are loaded.
 */
export function recoverAbandonedJournals(
  deps: MaterializeDeps,
  databaseFile: string,
  retention: RetentionLimits,
  onProblem: (message: string) => void,
): string[] {
  const directory = journalDirectory(databaseFile);
  mkdirSync(directory, { recursive: true });
  const underived: string[] = [];
  for (const name of readdirSync(directory)) {
    if (!name.endsWith(SUFFIX) || isStillWritten(name)) continue;
    const path = join(directory, name);
    const materializer = createJournalMaterializer(deps, name);
    const reader = new JournalReader(path);
    try {
      const end = statSync(path).size;
      for (;;) {
        const { records } = reader.next(end, REPLAY_BATCH);
        if (records.length === 0) break;
        const batch = materializer.materialize(records, retention);
        underived.push(...batch.underived);
        for (const skipped of batch.skipped) onProblem(`not stored: ${skipped}`);
      }
      if (reader.offset < end) {
        // Only a crash in the middle of a write leaves this, and that write was never
        // acknowledged: what follows the last whole record is not a delivery anyone was told
        // is stored.
        onProblem(
          `capture journal ${path}: ${end - reader.offset} bytes after the last whole record were dropped`,
        );
      }
    } finally {
      reader.close();
    }
    deps.transaction(() => materializer.forget());
    unlinkSync(path);
  }
  return underived;
}

function isStillWritten(name: string): boolean {
  const pid = Number.parseInt(name, 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return openHere.has(name);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
