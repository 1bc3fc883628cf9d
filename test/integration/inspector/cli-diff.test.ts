// `hookscope diff` as a child process against a store filled directly: output and exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import { openDeliveryStore } from '../../../electron/engine/store';
import { runCli } from '../cli/cli-process';
import { makeDelivery } from '../store/store-fixtures';

let dataDir = '';
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const first = makeDelivery({
  body: json({ status: 'open', items: [{ id: 1 }, { id: 2 }], at: 1 }),
});
const second = makeDelivery({
  body: json({ items: [{ id: 2 }, { id: 1 }], status: 'closed', at: 2 }),
});
const same = makeDelivery({ body: json({ at: 1, items: [{ id: 1 }, { id: 2 }], status: 'open' }) });
const textA = makeDelivery({
  rawHeaders: [['Content-Type', 'text/plain']],
  body: new TextEncoder().encode('one\ntwo\nthree'),
});
const textB = makeDelivery({
  rawHeaders: [['Content-Type', 'text/plain']],
  body: new TextEncoder().encode('one\n2\nthree'),
});

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hookscope-cli-diff-'));
  const store = openDeliveryStore(databaseFile(dataDir));
  store.appendBatch([first, second, same, textA, textB]);
  store.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('hookscope diff', () => {
  it('exits 1 and prints one line per change when the deliveries differ', async () => {
    const result = await runCli(['diff', first.id, second.id, '--data-dir', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changed  /body/status  "open" -> "closed"');
    expect(result.stdout).toContain('changed  /body/at  1 -> 2');
    expect(result.stdout).toMatch(/moved {4}\/body\/items\/\d {2}from \/body\/items\/\d/);
  });

  it('exits 0 when equal up to key order, and when masks hide every difference', async () => {
    const equal = await runCli(['diff', first.id, same.id, '--data-dir', dataDir]);
    expect(equal.code).toBe(0);
    expect(equal.stdout).toBe('');
    const masked = await runCli([
      'diff',
      first.id,
      second.id,
      '--data-dir',
      dataDir,
      '--mask',
      '/body/status',
      '--mask',
      'at',
      '--mask',
      '/body/items',
      '--json',
    ]);
    expect(masked.code).toBe(0);
    expect(JSON.parse(masked.stdout)).toEqual([]);
    // Equal only because of the masks: stderr says how much they hid (status, at, one move).
    expect(masked.stderr).toBe(
      '3 differences hidden by masks (run without --presets and --mask to see them)\n',
    );
  });

  it('prints a JSON array with --json', async () => {
    const result = await runCli([
      'diff',
      first.id,
      second.id,
      '--data-dir',
      dataDir,
      '--json',
      '--mask',
      '/body/items',
    ]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { kind: 'changed', pointer: '/body/status', old: 'open', new: 'closed' },
      { kind: 'changed', pointer: '/body/at', old: 1, new: 2 },
    ]);
  });

  it('diffs text bodies by line', async () => {
    const result = await runCli(['diff', textA.id, textB.id, '--data-dir', dataDir, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      { kind: 'removed', pointer: '/body', line: 2, old: 'two' },
      { kind: 'added', pointer: '/body', line: 2, new: '2' },
    ]);
  });

  it('exits 2 with a clear message for an unknown id, a missing store, or bad usage', async () => {
    const unknown = await runCli(['diff', first.id, 'no-such-id', '--data-dir', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no delivery with id "no-such-id"');
    const noStore = await runCli(['diff', 'a', 'b', '--data-dir', join(dataDir, 'missing')]);
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toContain('no Hookscope store');
    const oneId = await runCli(['diff', first.id, '--data-dir', dataDir]);
    expect(oneId.code).toBe(2);
    expect(oneId.stderr).toContain('expected two delivery ids, got 1');
    const badFlag = await runCli(['diff', first.id, second.id, '--colour']);
    expect(badFlag.code).toBe(2);
  });
});
