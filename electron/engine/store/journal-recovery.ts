import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createJournalMaterializer, type MaterializeDeps } from './journal-materializer';
import { lock, lockPathOf, tryLock, type JournalLock } from './journal-lock';
import { JournalReader, recordsIn, type DamagedSpan } from './journal-reader';
import type { RetentionLimits } from './types';

const SUFFIX = '.journal';
const LOCK_SUFFIX = `${SUFFIX}.lock`;
const REPLAY_BATCH = 512;

/** Capture journals live next to the database, one file per capturing process. */
export function journalDirectory(databaseFile: string): string {
  return `${databaseFile}-captures`;
}

/** Where a journal with unreadable bytes is kept instead of being deleted. */
export function damagedJournalDirectory(databaseFile: string): string {
  return join(journalDirectory(databaseFile), 'damaged');
}

/** Journals this process writes right now, with their locks (a process may open several stores). */
const openHere = new Map<string, JournalLock>();
let journalsMadeHere = 0;

/**
 * A fresh journal name for this process (its pid, for people reading the folder, and a counter),
 * whose lock (journal-lock.ts) this process now holds: no other process recovers the journal
 * while this one lives. The lock file is made before the journal, so every journal written by
 * this version has a lock file from its first byte on.
 */
export function claimJournalName(databaseFile: string): string {
  const name = `${process.pid}-${Date.now().toString(36)}-${++journalsMadeHere}${SUFFIX}`;
  const directory = journalDirectory(databaseFile);
  mkdirSync(directory, { recursive: true });
  openHere.set(name, lock(lockPathOf(join(directory, name))));
  return name;
}

/** After this, the journal counts as abandoned: the next store to open recovers it. */
export function releaseJournalName(name: string): void {
  openHere.get(name)?.release();
  openHere.delete(name);
}

/** A recovered journal that held bytes that were not whole, valid records. */
export interface JournalDamageReport {
  journal: string;
  /** Records read whole (now rows, or rows already). */
  recovered: number;
  /** Records lost in the damaged spans (counted by seq where a good record follows). */
  dropped: number;
  spans: Array<{ at: number; bytes: number; records: number; toEnd: boolean }>;
  /** Where the journal was moved (damaged/), or null if that failed (then it stays in place). */
  movedTo: string | null;
  /** One line for people: `recovered 999, dropped 1 damaged record at byte N`. */
  message: string;
}

export interface JournalRecovery {
  /**
   * Ids of recovered deliveries whose facts (provider, event, verdict) are still to be derived:
   * the engine re-verifies them once its rules are loaded.
   */
  underived: string[];
  damaged: JournalDamageReport[];
}

/**
 * Turns the journals of processes that are gone (a crash, a kill, a clean exit that left records
 * unindexed) into rows. Runs when a store opens, before anything reads it, so every delivery that
 * was ever acknowledged is there. A journal whose lock is held has a live writer, which indexes it
 * itself. Damage costs only the damaged records: the reader resyncs on the next valid record. A
 * clean journal is deleted afterwards; one with unreadable bytes is moved to damaged/ (the bytes
 * may still be worth a look) and reported through `onProblem` and the returned report.
 */
export function recoverAbandonedJournals(
  deps: MaterializeDeps,
  databaseFile: string,
  retention: RetentionLimits,
  onProblem: (message: string) => void,
): JournalRecovery {
  const directory = journalDirectory(databaseFile);
  mkdirSync(directory, { recursive: true });
  const result: JournalRecovery = { underived: [], damaged: [] };
  const names = readdirSync(directory);
  for (const name of names) {
    if (!name.endsWith(SUFFIX) || openHere.has(name)) continue;
    const path = join(directory, name);
    const lockPath = lockPathOf(path);
    // A journal without a lock file was written by a Hookscope from before the locks: its writer
    // may still run, and only its PID can tell (a reused PID only delays its recovery until that
    // process ends; recovering a journal still being written would lose what comes after).
    if (!existsSync(lockPath) && legacyWriterMayRun(name)) continue;
    // Held while recovering too, so two stores opening at once never recover the same journal.
    const held = tryLock(lockPath);
    if (!held) continue;
    try {
      if (!existsSync(path)) continue; // Another store recovered it between readdir and the lock.
      const damage = recoverJournal(deps, directory, name, retention, onProblem, result.underived);
      if (damage) {
        result.damaged.push(damage);
        onProblem(damage.message);
      }
    } finally {
      held.release();
    }
    removeQuietly(lockPath);
  }
  // Lock files whose journal is gone: a writer killed between making the lock and the journal.
  for (const name of names) {
    if (!name.endsWith(LOCK_SUFFIX)) continue;
    const path = join(directory, name);
    if (!existsSync(path) || existsSync(path.slice(0, -'.lock'.length))) continue;
    const stale = tryLock(path);
    if (!stale) continue;
    stale.release();
    removeQuietly(path);
  }
  return result;
}

function recoverJournal(
  deps: MaterializeDeps,
  directory: string,
  name: string,
  retention: RetentionLimits,
  onProblem: (message: string) => void,
  underived: string[],
): JournalDamageReport | null {
  const path = join(directory, name);
  const materializer = createJournalMaterializer(deps, name);
  // Records up to the watermark were rows before the writer died: not lost if damaged now.
  const markAtStart = materializer.mark();
  const reader = new JournalReader(path);
  const spans: DamagedSpan[] = [];
  let recovered = 0;
  try {
    const end = statSync(path).size;
    for (;;) {
      const { records, skipped } = reader.next(end, REPLAY_BATCH);
      if (skipped) {
        spans.push(skipped);
        continue;
      }
      if (records.length === 0) break;
      recovered += records.length;
      const batch = materializer.materialize(records, retention);
      underived.push(...batch.underived);
      for (const skippedRecord of batch.skipped) onProblem(`not stored: ${skippedRecord}`);
    }
  } finally {
    reader.close();
  }
  deps.transaction(() => materializer.forget());
  if (spans.length === 0) {
    unlinkSync(path);
    return null;
  }
  const counted = spans.map((span) => ({
    at: span.at,
    bytes: span.bytes,
    records: recordsIn(span, markAtStart),
    // A span at the end may be a write a crash cut short (never acknowledged) as well as damage.
    toEnd: span.seqAfter === null,
  }));
  let movedTo: string | null = join(directory, 'damaged', name);
  try {
    // Owner-only, like the data dir: it holds captured headers and bodies.
    mkdirSync(join(directory, 'damaged'), { recursive: true, mode: 0o700 });
    renameSync(path, movedTo);
  } catch (error) {
    onProblem(`capture journal ${path} could not be moved aside: ${String(error)}`);
    movedTo = null;
  }
  const dropped = counted.reduce((sum, span) => sum + span.records, 0);
  return {
    journal: name,
    recovered,
    dropped,
    spans: counted,
    movedTo,
    message: describe(path, recovered, dropped, counted, movedTo),
  };
}

function describe(
  path: string,
  recovered: number,
  dropped: number,
  spans: JournalDamageReport['spans'],
  movedTo: string | null,
): string {
  const where = spans
    .map(
      (span) => `${span.at} (${span.bytes} bytes${span.toEnd ? ', to the end of the file' : ''})`,
    )
    .join(', ');
  const kept = movedTo
    ? `; the journal was moved to ${movedTo}`
    : '; the journal was kept in place';
  return (
    `capture journal ${path}: recovered ${recovered}, dropped ${dropped} damaged ` +
    `record${dropped === 1 ? '' : 's'} at byte${spans.length === 1 ? '' : 's'} ${where}${kept}`
  );
}

function legacyWriterMayRun(name: string): boolean {
  const pid = Number.parseInt(name, 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file another process still has open cannot be deleted on Windows: the next open retries. */
function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Left for the next recovery's stale-lock pass.
  }
}
