import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker is a few lines of plain JavaScript given as source, so it needs no build step and
// runs the same under tsx, vitest, the CLI bundle and Electron.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.file);
db.exec('PRAGMA busy_timeout = 50');
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the receiver's thread. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses 1,000 WAL pages: it copies those pages into the database and fsyncs it,
 * which stalled every in-flight delivery for 15-30 ms here, several times a second under load.
 * A PASSIVE checkpoint from a second connection on a worker thread does the same work without
 * blocking writers; the writing connection then turns its own automatic checkpoints off.
 */
export function startCheckpointer(
  file: string,
  onError: (message: string) => void,
  intervalMs = 500,
): Checkpointer {
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, libsql, intervalMs },
  });
  worker.on('message', (message: string) => onError(`checkpoint failed: ${message}`));
  worker.on('error', (error) => onError(`checkpoint worker failed: ${error.message}`));
  // The worker must never keep a process alive that is otherwise done.
  worker.unref();
  return {
    async stop() {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await worker.terminate();
    },
  };
}
