import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './cli-process';
import { answeredId, sendRequest } from './http-request';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-listen-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('hookscope listen', () => {
  it('prints one line per delivery with time, method, target, size and answer', async () => {
    const listen = await startCli(
      ['listen', '--data-dir', dataDir, '--receiver-port', '0'],
      'stderr',
    );
    try {
      expect(listen.readyLine).toMatch(/^hookscope ready \{"receiver":"http:\/\/127\.0\.0\.1:\d+"/);
      await sendRequest(listen.ready.receiver, {
        method: 'PUT',
        target: '/orders/42?src=listen-test',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"total":12}'),
      });
      const line = await listen.waitForLine((text) => text.includes('/orders/42?src=listen-test'));
      expect(line).toMatch(
        /^\d\d:\d\d:\d\d\.\d{3} PUT {4}\/orders\/42\?src=listen-test {2}12 B {2}-> 200$/,
      );
    } finally {
      const done = await listen.stop('SIGINT');
      expect(done.code).toBe(0);
    }
    // stdout carries deliveries only.
    expect(listen.lines().filter((line) => line !== '')).toHaveLength(1);
  });

  it('--json prints the jsonl export object of each delivery', async () => {
    const listen = await startCli(
      ['listen', '--json', '--data-dir', dataDir, '--receiver-port', '0'],
      'stderr',
    );
    const body = Buffer.from([1, 2, 3, 0, 250]);
    try {
      const reply = await sendRequest(listen.ready.receiver, { target: '/bin?x=1', body });
      const id = answeredId(reply);
      const line = await listen.waitForLine((text) => text.includes(id));
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(record).slice(0, 12)).toEqual([
        'id',
        'receivedAt',
        'endpoint',
        'method',
        'target',
        'httpVersion',
        'remoteAddress',
        'rawHeaders',
        'bodyBase64',
        'size',
        'truncated',
        'response',
      ]);
      expect(record.target).toBe('/bin?x=1');
      expect(Buffer.from(record.bodyBase64 as string, 'base64').equals(body)).toBe(true);
      expect(record.size).toBe(5);
    } finally {
      expect((await listen.stop('SIGTERM')).code).toBe(0);
    }
  });
});
