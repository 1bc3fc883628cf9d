// CPU cost of storing a delivery (µs of CPU per delivery, process.cpuUsage), independent of load
// on the machine. Usage: tsx test/bench/store-cost.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDeliveryId } from '../../electron/engine/ids';
import { openDeliveryStore } from '../../electron/engine/store';
import type { NewDelivery } from '../../electron/engine/delivery';

const N = 20_000;
const BATCH = 50;
const body = new TextEncoder().encode(
  JSON.stringify({ event: 'task.create', data: { id: 1, title: 'x'.repeat(960) } }).slice(0, 1024),
);

function delivery(): NewDelivery {
  return {
    id: newDeliveryId(),
    endpoint: null,
    receivedAt: Date.now(),
    remoteAddress: '127.0.0.1',
    method: 'POST',
    target: '/bench',
    httpVersion: '1.1',
    rawHeaders: [
      ['host', '127.0.0.1'],
      ['content-type', 'application/json'],
      ['content-length', String(body.length)],
    ],
    body,
    size: body.length,
    truncated: false,
    via: 'local',
    response: {
      status: 200,
      rawHeaders: [['content-type', 'application/json']],
      body: new TextEncoder().encode('{"ok":true}'),
      latencyMs: 0.1,
    },
    provider: null,
    event: null,
    handshake: false,
    verdict: null,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hookscope-store-cost-'));
const store = openDeliveryStore(join(dir, 'hookscope.db'));
const batches = Array.from({ length: N / BATCH }, () => Array.from({ length: BATCH }, delivery));
const before = process.cpuUsage();
const started = performance.now();
for (const batch of batches) store.appendBatch(batch);
const cpu = process.cpuUsage(before);
const wall = performance.now() - started;
console.log(
  `store: ${((cpu.user + cpu.system) / N).toFixed(1)} µs CPU per delivery (user ${(cpu.user / N).toFixed(1)}, system ${(cpu.system / N).toFixed(1)}), wall ${((wall * 1000) / N).toFixed(1)} µs, batches of ${BATCH}`,
);
store.close();
rmSync(dir, { recursive: true, force: true });
