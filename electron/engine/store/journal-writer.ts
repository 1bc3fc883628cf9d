import { closeSync, fdatasync, ftruncateSync, openSync, writevSync } from 'node:fs';
import type { NewDelivery } from '../delivery';
import { encodeRecord, type DeriveLater } from './journal-format';

/**
 * When a delivery counts as stored. 'commit' (default): its record is written to the journal,
 * which survives the process being killed or crashing. 'fsync': also on disk, which survives a
 * power loss, at the price of one fdatasync (1.5-4 ms measured here) in every answer's time.
 */
export type Durability = 'commit' | 'fsync';

export interface JournalWriterOptions {
  /** How long the first queued delivery waits for company; 0 batches one event-loop turn. */
  windowMs?: number;
  /** A queue this long is written at once, without waiting for the window. */
  maxBatch?: number;
  durability?: Durability;
  /** Told after every write: records up to `seq` are whole up to `end` in this `generation`. */
  onWritten(generation: number, end: number, seq: number): void;
}

export const DEFAULT_JOURNAL_WRITES = { windowMs: 0, maxBatch: 256, durability: 'commit' } as const;

/** Past this size, a journal whose records are all rows is emptied. */
const RESET_AT_BYTES = 8 * 1024 * 1024;

interface Pending {
  parts: Buffer[];
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The receiver's side of the capture journal: acknowledged means written here. The deliveries of
 * one event-loop turn (or window) go out in one writev, so a burst costs one system call per
 * turn, not one per delivery; each delivery's promise settles once its bytes are in the file
 * (and, with durability 'fsync', on disk). Nothing else happens on the receiver's thread: the
 * materializer thread turns records into rows.
 */
export class JournalWriter {
  private readonly fd: number;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly durability: Durability;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private position = 0;
  private generation = 0;
  private nextSeq = 1;
  private syncsInFlight = 0;
  private closed = false;
  /** The seq of the last record written. */
  lastWrittenSeq = 0;

  constructor(
    readonly path: string,
    private readonly options: JournalWriterOptions,
  ) {
    this.fd = openSync(path, 'wx', 0o600);
    this.windowMs = Math.max(0, options.windowMs ?? DEFAULT_JOURNAL_WRITES.windowMs);
    this.maxBatch = Math.max(1, Math.floor(options.maxBatch ?? DEFAULT_JOURNAL_WRITES.maxBatch));
    this.durability = options.durability ?? DEFAULT_JOURNAL_WRITES.durability;
  }

  /** Resolves once the delivery's record is written; rejects if it could not be. */
  commit(delivery: NewDelivery, derive: DeriveLater | null = null): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The capture journal is closed.'));
    return new Promise<void>((resolve, reject) => {
      const seq = this.nextSeq++;
      this.queue.push({ parts: encodeRecord(seq, delivery, derive), seq, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.writeQueued();
      else this.openWindow();
    });
  }

  /** Writes whatever is queued now; resolves when it is stored. */
  flush(): Promise<void> {
    return this.writeQueued();
  }

  /**
   * Empties the file when every record in it is a row (the materializer reached `materializedSeq`)
   * and nothing is waiting, so the journal stays small. The next write starts a new generation.
   */
  resetIfCaughtUp(materializedSeq: number): void {
    if (this.closed || this.queue.length || this.syncsInFlight) return;
    if (materializedSeq < this.lastWrittenSeq || this.position < RESET_AT_BYTES) return;
    ftruncateSync(this.fd, 0);
    this.position = 0;
    this.generation += 1;
  }

  close(): void {
    if (this.closed) return;
    this.writeQueued().catch(() => undefined);
    this.closed = true;
    closeSync(this.fd);
  }

  private openWindow(): void {
    if (this.timer || this.immediate) return;
    const write = (): void => void this.writeQueued().catch(() => undefined);
    if (this.windowMs === 0) this.immediate = setImmediate(write);
    else this.timer = setTimeout(write, this.windowMs);
  }

  private writeQueued(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return Promise.resolve();
    const start = this.position;
    try {
      this.position = start + writeAll(this.fd, batch, start);
    } catch (error) {
      // A short write (disk full) must not leave half a record for the next batch to follow.
      try {
        ftruncateSync(this.fd, start);
      } catch {
        // The file is unusable; every later write fails the same way and is reported.
      }
      this.position = start;
      for (const pending of batch) pending.reject(error);
      return Promise.reject(error);
    }
    this.lastWrittenSeq = (batch[batch.length - 1] as Pending).seq;
    this.options.onWritten(this.generation, this.position, this.lastWrittenSeq);
    if (this.durability === 'commit') {
      for (const pending of batch) pending.resolve();
      return Promise.resolve();
    }
    return this.syncThenSettle(batch);
  }

  private syncThenSettle(batch: Pending[]): Promise<void> {
    this.syncsInFlight += 1;
    return new Promise<void>((resolve, reject) => {
      fdatasync(this.fd, (error) => {
        this.syncsInFlight -= 1;
        for (const pending of batch) {
          if (error) pending.reject(error);
          else pending.resolve();
        }
        if (error) reject(error);
        else resolve();
      });
    });
  }
}

/** writev until every byte of the batch is in the file; returns the bytes written. */
function writeAll(fd: number, batch: readonly Pending[], position: number): number {
  let buffers: Buffer[] = [];
  for (const pending of batch) for (const part of pending.parts) buffers.push(part);
  let total = 0;
  // IOV_MAX is 1024 on Linux: larger lists go in slices.
  while (buffers.length) {
    const slice = buffers.slice(0, 1024);
    let written = writevSync(fd, slice, position + total);
    total += written;
    let used = 0;
    while (used < slice.length && written >= (slice[used] as Buffer).length) {
      written -= (slice[used] as Buffer).length;
      used += 1;
    }
    buffers = buffers.slice(used);
    if (written > 0) buffers[0] = (buffers[0] as Buffer).subarray(written);
  }
  return total;
}
