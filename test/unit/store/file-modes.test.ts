// Files and folders that hold captures, settings and secrets are owner-only (issue 13 item 7),
// whatever the umask and whichever file was created first.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import { writeFileAtomic } from '../../../electron/engine/secrets/atomic-file';
import { createFileVault } from '../../../electron/engine/secrets/file-vault';
import { openDeliveryStore } from '../../../electron/engine/store';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  let root = '';
  let umask = 0;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hookscope-modes-'));
    // The most permissive umask: nothing may rely on it to hide files.
    umask = process.umask(0);
  });
  afterEach(async () => {
    process.umask(umask);
    await rm(root, { recursive: true, force: true });
  });

  it('a new data dir is 0700; the database, -wal and -shm are 0600', () => {
    const dir = join(root, 'data');
    const store = openDeliveryStore(databaseFile(dir));
    try {
      store.appendBatch([]);
      expect(modeOf(dir)).toBe(0o700);
      const file = databaseFile(dir);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(path), path).toBe(true);
        expect(modeOf(path), path).toBe(0o600);
      }
    } finally {
      store.close();
    }
  });

  it('a capture journal (headers and bodies before they are rows) is 0600', async () => {
    const dir = join(root, 'capture');
    const store = openDeliveryStore(databaseFile(dir), { capture: {} });
    try {
      const journals = `${databaseFile(dir)}-captures`;
      const files = readdirSync(journals).filter((name) => name.endsWith('.journal'));
      expect(files).toHaveLength(1);
      expect(modeOf(join(journals, files[0]!))).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('an existing 0755 data dir and 0644 database are tightened at open', () => {
    const dir = join(root, 'old');
    mkdirSync(dir, { mode: 0o755 });
    openDeliveryStore(databaseFile(dir)).close();
    chmodSync(dir, 0o755);
    chmodSync(databaseFile(dir), 0o644);
    const store = openDeliveryStore(databaseFile(dir));
    store.close();
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(databaseFile(dir))).toBe(0o600);
  });

  it('settings written atomically are 0600 even when a caller asks for 0644', () => {
    const file = join(root, 'settings', 'last-target.json');
    writeFileAtomic(file, '{}', 0o644);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(join(root, 'settings'))).toBe(0o700);
  });

  it('the headless vault file is 0600', () => {
    const file = join(root, 'secrets.json');
    createFileVault(file).set('k', 'v');
    expect(modeOf(file)).toBe(0o600);
  });
});
