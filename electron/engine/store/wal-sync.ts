import { open, type FileHandle } from 'node:fs/promises';

/**
 * Makes committed transactions durable without blocking the event loop.
 *
 * SQLite runs with synchronous=NORMAL in WAL mode: COMMIT writes the WAL frames to the OS but does not
 * fsync them, which already survives a killed process. For power loss we fsync the WAL ourselves,
 * asynchronously (libuv's thread pool), and acknowledge deliveries only after that. This is exactly
 * the fsync synchronous=FULL would do inside COMMIT, minus the 1.5-4 ms stall of the whole receiver
 * per batch. Concurrent callers share one fsync; a caller arriving while one runs waits for the next,
 * since its frames may have been written after the running fsync started.
 */
export function createWalSyncer(databaseFile: string): {
  sync(): Promise<void>;
  close(): Promise<void>;
} {
  if (databaseFile === ':memory:')
    return { sync: () => Promise.resolve(), close: () => Promise.resolve() };
  let handle: Promise<FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  const fsyncOnce = async () => {
    // The -wal file exists once the first transaction committed; it keeps its inode while any
    // connection is open (checkpoints rewind or truncate it, they don't replace it).
    handle ??= open(`${databaseFile}-wal`, 'r+');
    await (await handle).datasync();
  };

  function sync(): Promise<void> {
    if (!running) {
      running = fsyncOnce().finally(() => (running = null));
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return sync();
      });
    return queued;
  }

  return {
    sync,
    async close() {
      await Promise.allSettled([running, queued]);
      if (handle) await (await handle).close().catch(() => undefined);
      handle = null;
    },
  };
}
