// Issue "Capture engine", item 3: acknowledged means stored. Thousands of concurrent deliveries,
// the server is SIGKILLed midway, and every request that got a 2xx must be in the store, byte-exact.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import { openDeliveryStore } from '../../../electron/engine/store';
import { exited, startCli } from './cli-process';
import { answeredId, sendRequest } from './http-request';

const TOTAL_REQUESTS = 3_000;
const CONCURRENCY = 64;
const AGENTS = 8;
/** SIGKILL once this many deliveries were acknowledged: well before the end, so some are in flight. */
const KILL_AFTER_ACKS = 1_200;

interface Sent {
  target: string;
  body: Buffer;
}

/** Bodies of varied sizes and bytes: empty, tiny, a few KB, and now and then 100 KB+. */
function bodyFor(index: number): Buffer {
  if (index % 97 === 0) return Buffer.alloc(0);
  const size = index % 101 === 0 ? 100_000 + (index % 5000) : (index * 7919) % 9000;
  return randomBytes(size);
}

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-durability-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('durability under SIGKILL', () => {
  it('keeps every acknowledged delivery, byte-exact', async () => {
    const serve = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    const agents = Array.from(
      { length: AGENTS },
      () => new Agent({ keepAlive: true, maxSockets: CONCURRENCY / AGENTS }),
    );
    const acknowledged = new Map<string, Sent>();
    let next = 0;
    let killed = false;
    let failures = 0;

    async function worker(workerIndex: number): Promise<void> {
      const agent = agents[workerIndex % AGENTS];
      while (next < TOTAL_REQUESTS && !killed) {
        const index = next++;
        const sent: Sent = {
          target: `/durable/${index}?n=${index}&tag=${randomBytes(3).toString('hex')}&u=%C3%A9`,
          body: bodyFor(index),
        };
        try {
          const reply = await sendRequest(serve.ready.receiver, {
            target: sent.target,
            headers: { 'content-type': 'application/octet-stream', 'x-index': String(index) },
            body: sent.body,
            agent,
          });
          if (reply.status >= 200 && reply.status < 300) acknowledged.set(answeredId(reply), sent);
        } catch {
          // Expected once the server is killed: the request was never acknowledged.
          failures += 1;
        }
        if (!killed && acknowledged.size >= KILL_AFTER_ACKS) {
          killed = true;
          serve.child.kill('SIGKILL');
        }
      }
    }

    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i)));
    for (const agent of agents) agent.destroy();
    await exited(serve.child);
    expect(killed).toBe(true);
    expect(serve.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // Open the store the killed process left behind (SQLite replays its WAL) and check every ack.
    const store = openDeliveryStore(databaseFile(dataDir));
    try {
      const missing: string[] = [];
      const different: string[] = [];
      for (const [id, sent] of acknowledged) {
        const stored = store.get(id);
        if (!stored) {
          missing.push(id);
          continue;
        }
        const sameBody = Buffer.from(stored.body).equals(sent.body);
        if (!sameBody || stored.target !== sent.target || stored.size !== sent.body.length) {
          different.push(id);
        }
      }
      expect(missing).toEqual([]);
      expect(different).toEqual([]);
      expect(store.count()).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      store.close();
    }
    // Reported for whoever reads the log; the assertions above do not depend on it.
    console.info(`durability: ${acknowledged.size} acknowledged, ${failures} cut by the kill`);

    // And `serve` starts again on the same folder.
    const again = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    expect((await again.stop()).code).toBe(0);
  });
});
