import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lock, lockPathOf, tryLock } from '../../../electron/engine/store/journal-lock';
import { journalDirectory } from '../../../electron/engine/store/journal-recovery';
import { tempDir } from './store-fixtures';

const owner = fileURLToPath(new URL('./crash-journal-owner.ts', import.meta.url));

/** Starts crash-journal-owner.ts; resolves with its journal's path once it holds the lock. */
async function startOwner(file: string): Promise<{ child: ChildProcess; journal: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', owner, file, '3'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const [word, name] = line.split(' ');
    if (word === 'ready' && name) return { child, journal: join(journalDirectory(file), name) };
  }
  throw new Error('the journal owner exited before it was ready');
}

function killed(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    child.once('exit', (_code, signal) => resolve(signal));
    child.kill('SIGKILL');
  });
}

describe('journal ownership is an OS file lock (SQLite EXCLUSIVE on <journal>.lock)', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.remove());

  it('another process cannot take it while the holder lives; SIGKILL frees it', async () => {
    const { child, journal } = await startOwner(temp.file());
    try {
      const lockFile = lockPathOf(journal);
      expect(existsSync(lockFile)).toBe(true);
      expect(tryLock(lockFile)).toBeNull();
      // Still held on a second try: the failed attempt changed nothing.
      expect(tryLock(lockFile)).toBeNull();
      expect(await killed(child)).toBe('SIGKILL');
      const taken = tryLock(lockFile);
      expect(taken).not.toBeNull();
      taken?.release();
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('a second connection in the same process, or another thread, cannot take it either', async () => {
    const path = join(temp.dir, 'same.journal.lock');
    const held = lock(path);
    expect(tryLock(path)).toBeNull();
    expect(() => lock(path)).toThrow(/held by another process/);
    const libsql = fileURLToPath(import.meta.resolve('libsql'));
    const fromThread = await new Promise<string>((resolve, reject) => {
      const worker = new Worker(
        `const Database = require(${JSON.stringify(libsql)});
         const { parentPort, workerData } = require('node:worker_threads');
         const db = new Database(workerData);
         db.exec('PRAGMA busy_timeout = 0');
         try {
           db.exec('PRAGMA journal_mode = OFF');
           db.exec('BEGIN EXCLUSIVE');
           parentPort.postMessage('taken');
         }
         catch (error) { parentPort.postMessage(String(error.code)); }
         db.close();`,
        { eval: true, workerData: path },
      );
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(fromThread).toBe('SQLITE_BUSY');
    held.release();
    const again = tryLock(path);
    expect(again).not.toBeNull();
    again?.release();
    // Nothing but the 0-byte lock file: no -journal beside it.
    expect(existsSync(`${path}-journal`)).toBe(false);
  });
});
