// A real store file with one page of the deliveries table overwritten (issue 13 item 8):
// export skips the unreadable rows, names them and exports the rest (exit 3); the engine's
// background quick_check reports the damage loudly with the repair command; `hookscope repair`
// rebuilds a clean store from every readable row and keeps the damaged file aside.
import { existsSync, openSync, closeSync, writeSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import type { NewDelivery } from '../../../electron/engine/delivery';
import { openDeliveryStore } from '../../../electron/engine/store';
import { checkIntegrityInBackground } from '../../../electron/engine/store/integrity';
import { runCli, startCli } from './cli-process';

const TOTAL = 1_592;

function delivery(index: number): NewDelivery {
  const id = `01JDAMAGED${String(index).padStart(16, '0')}`;
  return {
    id,
    receivedAt: 1_700_000_000_000 + index,
    endpoint: null,
    method: 'POST',
    target: `/hook/${index}`,
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    rawHeaders: [['Content-Type', 'application/json']],
    body: new TextEncoder().encode(JSON.stringify({ index, pad: 'x'.repeat(300) })),
    size: 0,
    truncated: false,
    response: null,
    via: 'local',
    provider: null,
    event: null,
    handshake: false,
    verdict: null,
  };
}

/** Overwrites one leaf page of the deliveries table (found with dbstat) with garbage. */
function damageOnePage(file: string): { page: number; rowsOnPage: number } {
  const db = new Database(file);
  // Every page in the main file: a page still in the WAL would be replayed over the damage.
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const pageSize = Number((db.prepare('PRAGMA page_size').raw().get([]) as [number])[0]);
  const leaves = db
    .prepare(
      "SELECT pageno, ncell FROM dbstat WHERE name = 'deliveries' AND pagetype = 'leaf' ORDER BY pageno",
    )
    .all([]) as { pageno: number; ncell: number }[];
  db.close();
  const target = leaves[Math.floor(leaves.length / 2)]!;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (target.pageno - 1) * pageSize);
  closeSync(fd);
  return { page: target.pageno, rowsOnPage: target.ncell };
}

let root = '';
let dataDir = '';
let damaged = { page: 0, rowsOnPage: 0 };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hookscope-damaged-'));
  dataDir = join(root, 'data');
  const store = openDeliveryStore(databaseFile(dataDir));
  const all = Array.from({ length: TOTAL }, (_, index) => delivery(index));
  for (const item of all) item.size = item.body.length;
  store.appendBatch(all);
  // A text search makes the full-text index catch up, as a store that ran a while would have.
  expect(store.count({ text: 'pad' })).toBe(TOTAL);
  store.close();
  damaged = damageOnePage(databaseFile(dataDir));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a store with one damaged page', () => {
  it('quick_check on a worker thread finds it', async () => {
    const report = await checkIntegrityInBackground(databaseFile(dataDir));
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
  });

  it('export skips the unreadable rows, names each, exports the rest, exits 3', async () => {
    const result = await runCli(['export', '--data-dir', dataDir, '--format', 'jsonl']);
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stdout.trim().split('\n');
    const skipped =
      result.stderr.match(/skipped unreadable delivery 01JDAMAGED\d+ \(seq \d+\)/g) ?? [];
    expect(skipped.length).toBe(damaged.rowsOnPage);
    expect(lines.length + skipped.length).toBe(TOTAL);
    expect(result.stderr).toContain(`hookscope repair --data-dir ${JSON.stringify(dataDir)}`);
    // Oldest first, nothing duplicated.
    const seen = lines.map((line) => (JSON.parse(line) as { id: string }).id);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it('the engine warns loudly once capture starts, and stats carry the notice', async () => {
    const messages: string[] = [];
    const store = openDeliveryStore(databaseFile(dataDir), {
      capture: { durability: 'commit' },
      onError: (message) => messages.push(message),
    });
    try {
      // The check runs on a worker: wait for its verdict through the store's own reporting.
      for (let turn = 0; turn < 600 && !store.stats().databaseDamage; turn++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const damage = store.stats().databaseDamage;
      expect(damage?.repairCommand).toBe(`hookscope repair --data-dir ${JSON.stringify(dataDir)}`);
      expect(
        messages.some(
          (message) =>
            message.includes('WARNING: the database') && message.includes('hookscope repair'),
        ),
      ).toBe(true);
    } finally {
      await store.stopCapturing();
      store.close();
    }
  });

  it('serve starts, keeps answering, and warns on stderr with the repair command', async () => {
    const serve = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    try {
      const warning = await serve.waitForLine((line) => line.includes('WARNING: the database'));
      expect(warning).toContain(`hookscope repair --data-dir ${JSON.stringify(dataDir)}`);
      const answer = await fetch(`${serve.ready.receiver}/after-damage`, {
        method: 'POST',
        body: 'x',
      });
      expect(answer.status).toBe(200);
    } finally {
      expect((await serve.stop()).code).toBe(0);
    }
  });

  it('repair rebuilds a clean store from the readable rows and keeps the damaged file', async () => {
    const result = await runCli(['repair', '--data-dir', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const unreadable = result.stderr.match(/could not read delivery/g) ?? [];
    expect(unreadable.length).toBe(damaged.rowsOnPage);
    // The delivery serve stored after the damage counts too.
    const kept = TOTAL - damaged.rowsOnPage + 1;
    expect(result.stdout).toContain(`${kept} deliveries kept`);
    const names = await readdir(dataDir);
    expect(names.some((name) => /^hookscope\.db\.damaged-\d+$/.test(name))).toBe(true);

    expect((await checkIntegrityInBackground(databaseFile(dataDir))).ok).toBe(true);
    const exported = await runCli(['export', '--data-dir', dataDir]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(kept);
    // Totals and the search index follow the rebuilt rows.
    const store = openDeliveryStore(databaseFile(dataDir));
    try {
      expect(store.stats().count).toBe(kept);
      expect(store.count({ text: 'pad' })).toBe(kept - 1);
    } finally {
      store.close();
    }
    expect(existsSync(`${databaseFile(dataDir)}.repair-0`)).toBe(false);
  });
});
