import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectImportFormat,
  harChunks,
  ImportError,
  importDeliveries,
  jsonlChunks,
  readImportFile,
} from '../../../electron/engine/export';
import { openDeliveryStore } from '../../../electron/engine/store';
import { sampleDeliveries } from './sample-deliveries';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hookscope-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detectImportFormat', () => {
  it('uses the extension, else the content', async () => {
    const har = [...harChunks(sampleDeliveries())].join('');
    const jsonl = [...jsonlChunks(sampleDeliveries())].join('');
    const files: Record<string, string> = {
      'a.har': jsonl,
      'b.jsonl': har,
      'c.txt': har,
      'd.txt': jsonl,
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    expect(await detectImportFormat(join(dir, 'a.har'))).toBe('har');
    expect(await detectImportFormat(join(dir, 'b.jsonl'))).toBe('jsonl');
    expect(await detectImportFormat(join(dir, 'c.txt'))).toBe('har');
    expect(await detectImportFormat(join(dir, 'd.txt'))).toBe('jsonl');
  });
});

describe('readImportFile', () => {
  it('skips blank lines and counts lines from 1 in errors', async () => {
    const lines = [...jsonlChunks(sampleDeliveries())].map((line) => line.trimEnd());
    const file = join(dir, 'blank.jsonl');
    await writeFile(file, `${lines[0]}\r\n\n${lines[1]}\n{oops}\n`);
    await expect(readImportFile(file)).rejects.toThrow(/^line 4: not valid JSON/);
    await writeFile(file, `${lines[0]}\r\n\n${lines[1]}`);
    expect((await readImportFile(file)).deliveries).toHaveLength(2);
  });

  it('names the HAR entry and field at fault', async () => {
    const har = JSON.parse([...harChunks(sampleDeliveries())].join('')) as {
      log: { entries: { response: { status: unknown } }[] };
    };
    const entry = har.log.entries[2];
    if (entry) entry.response.status = 'fine';
    const file = join(dir, 'bad.har');
    await writeFile(file, JSON.stringify(har));
    await expect(readImportFile(file)).rejects.toThrow(/log\.entries\[2\]\.response\.status: /);
  });
});

describe('importDeliveries', () => {
  it('writes in order, skips stored ids, and refuses an id twice in one file', () => {
    const store = openDeliveryStore(join(dir, 'store', 'hookscope.db'));
    try {
      const samples = sampleDeliveries();
      expect(importDeliveries(store, samples.slice(0, 2))).toEqual({
        imported: 2,
        skippedExisting: [],
      });
      const report = importDeliveries(store, samples);
      expect(report.imported).toBe(2);
      expect(report.skippedExisting).toEqual([samples[0]?.id, samples[1]?.id]);
      expect([...store.iterate()].map((delivery) => delivery.id)).toEqual(samples.map((d) => d.id));

      const twice = [samples[0], samples[0]].filter((d) => d !== undefined);
      expect(() => importDeliveries(store, twice)).toThrow(ImportError);
      expect(store.count()).toBe(samples.length);
    } finally {
      store.close();
    }
  });
});
