// The materializer thread: turns the capture journal into delivery rows (and search text) while
// the receiver's thread only appends to the journal. Started by materializer.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { deriveFromSnapshot } from '../capture-rules/derive-snapshot';
import type { NewDelivery } from '../delivery';
import { createDeliveryInserter } from './delivery-inserter';
import type { JournalRecord } from './journal-format';
import { createJournalMaterializer } from './journal-materializer';
import { JournalReader, recordsIn } from './journal-reader';
import type { FromMaterializer, MaterializerData, ToMaterializer } from './materializer-protocol';
import { createTransactionRunner, messageOf, openDatabase } from './open-store';
import { createSearchIndexer } from './search-indexer';
import { createWalValve } from './wal-valve';

/** Records per transaction: short enough that the UI's own writes never wait long for the lock. */
const BATCH_RECORDS = 256;
const RETRY_AFTER_MS = 1_000;
/**
 * Capture comes first: while the receiver takes more than BUSY_RATE deliveries a second, this
 * thread leaves the CPU to it (on a 2-core machine under a load test, indexing alongside cost the
 * receiver a third of its throughput) and indexes once the burst is over. It never waits while a
 * reader is waiting, nor once MAX_BACKLOG records are pending, so the journal stays bounded.
 */
const BUSY_RATE = 2_000;
const BUSY_CHECK_MS = 10;
const BUSY_HOLD_MS = 200;
/**
 * A written record waits this long for company before its transaction: at a steady 1,000
 * deliveries a second, one commit (and one change event) per 20 ms instead of per delivery keeps
 * this thread from taking the CPU away from the receiver's answers several hundred times a second.
 * A reader never waits for it (it sends 'hurry').
 */
const GATHER_MS = 20;
const MAX_BACKLOG = 200_000;

const data = workerData as MaterializerData;
const port = parentPort!;
const send = (message: FromMaterializer): void => port.postMessage(message);

const progress = new BigInt64Array(data.progress);
const db = openDatabase(data.databaseFile);
if (data.checkpointInBackground) db.exec('PRAGMA wal_autocheckpoint = 0');
// Appends touch the tail of each index: a small page cache does (the app's reads have their own).
db.exec('PRAGMA cache_size = -4000');
const transaction = createTransactionRunner(db);
let snapshot = data.snapshot;

/** Provider, event and verdict, derived here so the receiver's thread never spends time on them. */
function derive(record: JournalRecord): NewDelivery {
  try {
    return {
      ...record.delivery,
      ...deriveFromSnapshot(snapshot, record.delivery, record.derive?.publicUrl ?? null),
    };
  } catch (error) {
    // The delivery is stored either way; its verdict can be recomputed (re-verify) later.
    send({
      type: 'problem',
      message: `facts of delivery ${record.delivery.id}: ${messageOf(error)}`,
    });
    return record.delivery;
  }
}

const materializer = createJournalMaterializer(
  { db, transaction, insert: createDeliveryInserter(db), derive },
  data.journalName,
);
const searchIndex = createSearchIndexer(db, transaction);
const boundWal = createWalValve(db, data.databaseFile);
const reader = new JournalReader(data.journalFile);
let retention = data.retention;
let generation = 0;
let end = 0;
/** The receiver's pace, from the journal seqs it reports: [time, seq] at the last check. */
let writtenSeq = 0;
let paceSample = { at: Date.now(), seq: 0 };
let stopping = false;

/** The next step, at `dueAt`; an earlier request replaces a later one. */
let next: { timer: NodeJS.Timeout; dueAt: number } | null = null;
function schedule(delayMs = 0): void {
  if (stopping) return;
  const dueAt = Date.now() + delayMs;
  if (next && next.dueAt <= dueAt) return;
  if (next) clearTimeout(next.timer);
  next = {
    dueAt,
    timer: setTimeout(() => {
      next = null;
      step();
    }, delayMs),
  };
}

/**
 * Judged over windows of at least BUSY_CHECK_MS; one busy window counts for BUSY_HOLD_MS, since
 * a load test's pace dips for a moment now and then and a batch started in a dip costs the
 * receiver ~10 ms of a core.
 */
let busyUntil = 0;
function receiverIsBusy(): boolean {
  if (Atomics.load(progress, 1) > 0n) return false;
  if (writtenSeq - Number(Atomics.load(progress, 0)) > MAX_BACKLOG) return false;
  const now = Date.now();
  const elapsed = now - paceSample.at;
  if (elapsed >= BUSY_CHECK_MS) {
    if (((writtenSeq - paceSample.seq) * 1000) / elapsed > BUSY_RATE)
      busyUntil = now + BUSY_HOLD_MS;
    paceSample = { at: now, seq: writtenSeq };
  }
  return now < busyUntil;
}

/** One transaction's worth of records; schedules the next while some are left. */
function step(): void {
  if (stopping) return;
  if (receiverIsBusy()) {
    schedule(BUSY_CHECK_MS);
    return;
  }
  const startedAt = reader.offset;
  const { records, skipped } = reader.next(end, BATCH_RECORDS);
  if (skipped) {
    // Damage in this process's own journal (a disk fault: the writer reports `end` only after
    // whole records): the reader went on at the next valid record, so only the damaged ones are
    // lost, and their seqs are skipped over by the progress of the ones after them.
    send({
      type: 'problem',
      message:
        `capture journal ${data.journalFile}: skipped ${skipped.bytes} damaged bytes at byte ` +
        `${skipped.at}, about ${recordsIn(skipped, 0)} record(s)`,
    });
    if (skipped.seqAfter === null && reader.offset >= end) {
      // Nothing valid follows up to what was written: readers must not wait for those seqs.
      const seen = Number(Atomics.load(progress, 0));
      if (writtenSeq > seen) {
        Atomics.store(progress, 0, BigInt(writtenSeq));
        Atomics.notify(progress, 0);
        send({ type: 'materialized', journalSeq: writtenSeq, appended: [], evicted: [] });
      }
      return;
    }
    schedule();
    return;
  }
  if (records.length === 0) return;
  try {
    const batch = materializer.materialize(records, retention);
    Atomics.store(progress, 0, BigInt(batch.journalSeq));
    Atomics.notify(progress, 0);
    for (const skipped of batch.skipped)
      send({ type: 'problem', message: `not stored: ${skipped}` });
    const { journalSeq, appended, evicted } = batch;
    send({ type: 'materialized', journalSeq, appended, evicted });
    if (appended.length) {
      searchIndex.appended();
      boundWal(appended.length);
    }
  } catch (error) {
    // Nothing is lost: the records stay in the journal and are read again.
    reader.offset = startedAt;
    send({ type: 'problem', message: `deliveries wait in the journal: ${messageOf(error)}` });
    schedule(RETRY_AFTER_MS);
    return;
  }
  // More written than read means a backlog: go on. Otherwise the next write schedules a step.
  if (reader.offset < end) schedule();
}

port.on('message', (message: ToMaterializer) => {
  switch (message.type) {
    case 'written':
      if (message.generation !== generation) {
        // The journal was emptied after everything in it became rows: start again at its top.
        generation = message.generation;
        reader.offset = 0;
        end = 0;
      }
      end = Math.max(end, message.end);
      writtenSeq = Math.max(writtenSeq, message.seq);
      schedule(GATHER_MS);
      return;
    case 'hurry':
      schedule();
      return;
    case 'retention':
      retention = message.limits;
      return;
    case 'derive-context':
      snapshot = message.snapshot;
      return;
    case 'stop':
      stopping = true;
      searchIndex.close();
      reader.close();
      db.close();
      port.close();
  }
});
