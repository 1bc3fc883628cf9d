import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import { tempDir } from './store-fixtures';

const writer = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

describe('acknowledged means stored', () => {
  const temp = tempDir();
  afterEach(() => temp.remove());

  it('keeps every acknowledged delivery when the writer is killed with SIGKILL', async () => {
    const file = temp.file();
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const acknowledged: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    for await (const line of createInterface({ input: child.stdout })) {
      if (line) acknowledged.push(line);
      // Kill mid-stream: later commits are queued or in the middle of a transaction.
      if (acknowledged.length >= 2000) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(2000);

    const store = openDeliveryStore(file);
    try {
      const missing = acknowledged.filter((id) => store.get(id) === null);
      expect(missing).toEqual([]);
      const last = store.get(acknowledged[acknowledged.length - 1] ?? '');
      expect(last?.body.byteLength).toBe(3);
      expect(store.stats().count).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      store.close();
    }
  }, 60_000);
});
