import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import { openDatabase } from '../../../electron/engine/store/open-store';
import {
  createTunnelStateStore,
  MAX_URL_HISTORY,
  TUNNEL_STATE_FILE_NAME,
} from '../../../electron/engine/tunnel-manager/tunnel-state-file';

describe('tunnel state file', () => {
  let dir = '';
  const reported: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hookscope-tunnel-state-'));
    reported.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const open = () => createTunnelStateStore(dir, (error) => reported.push(error.message));

  it('starts empty, then round-trips settings and history (0600, capped)', async () => {
    const store = open();
    expect(store.load()).toEqual({ settings: null, history: [] });
    const history = Array.from({ length: MAX_URL_HISTORY + 5 }, (_, i) => ({
      url: `http://127.0.0.1:${1000 + i}`,
      provider: 'ssh' as const,
      since: i,
      until: i + 1,
    }));
    store.save({
      settings: { provider: 'ssh', target: 'a@b:22', remotePort: 0, keyFile: '/k' },
      history,
    });
    const loaded = open().load();
    expect(loaded.settings).toEqual({
      provider: 'ssh',
      target: 'a@b:22',
      remotePort: 0,
      keyFile: '/k',
    });
    expect(loaded.history).toHaveLength(MAX_URL_HISTORY);
    expect(loaded.history.at(-1)?.url).toBe(`http://127.0.0.1:${1000 + MAX_URL_HISTORY + 4}`);
    // Kept in the workspace's SQLite file (owner-only, like the deliveries), not in a JSON file.
    expect((await stat(databaseFile(dir))).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, TUNNEL_STATE_FILE_NAME))).toBe(false);
    expect(reported).toEqual([]);
  });

  it('imports a tunnel.json of earlier versions once, renaming it *.migrated', async () => {
    const record = { url: 'https://a.example', provider: 'ssh', since: 1, until: null };
    const file = join(dir, TUNNEL_STATE_FILE_NAME);
    await writeFile(file, JSON.stringify({ version: 1, settings: null, history: [record] }));
    expect(open().load()).toEqual({ settings: null, history: [record] });
    expect(existsSync(file)).toBe(false);
    expect(await readFile(`${file}.migrated`, 'utf8')).toContain('a.example');
    expect(open().load().history).toEqual([record]);
    expect(reported).toEqual([]);
  });

  it('leaves an unreadable file in place instead of losing it, and says so once', async () => {
    const file = join(dir, TUNNEL_STATE_FILE_NAME);
    await writeFile(file, '{"version":1,"settings":{"provider":"carrier-pigeon"},"history":[]}');
    expect(open().load()).toEqual({ settings: null, history: [] });
    expect(open().load()).toEqual({ settings: null, history: [] });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('left in place');
    expect(await readFile(file, 'utf8')).toContain('carrier-pigeon');
    // Saving works meanwhile; the file is still there for the person to fix.
    open().save({ settings: null, history: [] });
    expect(existsSync(file)).toBe(true);
  });

  it('a damaged stored value reads as empty and is reported with its key', () => {
    open().save({ settings: null, history: [] });
    const db = openDatabase(databaseFile(dir));
    db.prepare("UPDATE settings SET value = '{\"history\":5}' WHERE key = 'tunnel'").run([]);
    db.close();
    expect(open().load()).toEqual({ settings: null, history: [] });
    expect(reported).toEqual([expect.stringContaining('"tunnel"')]);
  });
});
