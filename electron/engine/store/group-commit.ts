import type { NewDelivery } from '../delivery';
import type { DeliveryStore, GroupCommitter } from './types';

export interface GroupCommitOptions {
  /** How long the first queued delivery waits for company; 0 batches one event-loop turn. */
  windowMs?: number;
  /** A queue this long is written at once, without waiting for the window. */
  maxBatch?: number;
}

interface Pending {
  delivery: NewDelivery;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export const DEFAULT_GROUP_COMMIT = { windowMs: 2, maxBatch: 256 } as const;

/**
 * Acknowledged means stored, cheaply: many concurrent deliveries share one transaction and one
 * fsync, and each promise settles only after that transaction is on disk (or failed). The fsync runs
 * off the event loop, so the next batch is written while the previous one is being synced.
 */
export function createGroupCommitter(
  store: DeliveryStore,
  options: GroupCommitOptions = {},
): GroupCommitter {
  const windowMs = Math.max(0, options.windowMs ?? DEFAULT_GROUP_COMMIT.windowMs);
  const maxBatch = Math.max(1, Math.floor(options.maxBatch ?? DEFAULT_GROUP_COMMIT.maxBatch));
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;

  function cancelWindow(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = null;
    immediate = null;
  }

  function openWindow(): void {
    if (timer || immediate) return;
    if (windowMs === 0) immediate = setImmediate(writeQueuedInBackground);
    else timer = setTimeout(writeQueuedInBackground, windowMs);
  }

  /** Timer entry point: failures are delivered to each commit's own promise. */
  function writeQueuedInBackground(): void {
    writeQueued().catch(() => undefined);
  }

  /**
   * Writes the queue in one transaction, then waits until it is on disk before settling each
   * delivery's promise. Rejects if some queued delivery could not be stored.
   */
  function writeQueued(): Promise<void> {
    cancelWindow();
    const batch = queue;
    queue = [];
    const { stored, firstError } = writeBatch(batch);
    const durable = store.waitDurable();
    durable.then(
      () => stored.forEach((pending) => pending.resolve()),
      (error: unknown) => stored.forEach((pending) => pending.reject(error)),
    );
    return firstError === undefined ? durable : durable.then(() => Promise.reject(firstError));
  }

  function writeBatch(batch: Pending[]): { stored: Pending[]; firstError?: unknown } {
    if (batch.length === 0) return { stored: [] };
    try {
      store.appendBatch(batch.map((pending) => pending.delivery));
      return { stored: batch };
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return { stored: [], firstError: error };
      }
      // One bad delivery (say, a duplicate id) must not fail its neighbours: retry one by one,
      // so exactly the deliveries that could not be stored are rejected.
      return writeOneByOne(batch);
    }
  }

  function writeOneByOne(batch: Pending[]): { stored: Pending[]; firstError?: unknown } {
    const stored: Pending[] = [];
    let firstError: unknown = undefined;
    for (const pending of batch) {
      try {
        store.appendBatch([pending.delivery]);
        stored.push(pending);
      } catch (error) {
        firstError ??= error;
        pending.reject(error);
      }
    }
    return { stored, firstError };
  }

  return {
    commit(delivery) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ delivery, resolve, reject });
        if (queue.length >= maxBatch) writeQueuedInBackground();
        else openWindow();
      });
    },
    flush: writeQueued,
  };
}
