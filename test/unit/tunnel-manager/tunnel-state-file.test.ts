import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    expect((await stat(join(dir, TUNNEL_STATE_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(reported).toEqual([]);
  });

  it('moves an unreadable file aside instead of overwriting it, and says so', async () => {
    await writeFile(
      join(dir, TUNNEL_STATE_FILE_NAME),
      '{"version":1,"settings":{"provider":"carrier-pigeon"},"history":[]}',
    );
    expect(open().load()).toEqual({ settings: null, history: [] });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('moved it to');
    const aside = readdirSync(dir).find((name) => name.includes('unreadable'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toContain('carrier-pigeon');
    expect(existsSync(join(dir, TUNNEL_STATE_FILE_NAME))).toBe(false);
  });
});
