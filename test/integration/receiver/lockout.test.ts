import { execFileSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/engine/receiver';
import {
  Collector,
  deferred,
  httpRequest,
  openSocket,
  readResponses,
  startTestReceiver,
  type TestReceiver,
} from './helpers';

/**
 * No lock-out (issue 13 item 3), with real sockets: 1,000 slow or idle connections from the same
 * loopback address the probe uses. The probe must be answered 200 and stored; how fast is
 * measured by test/bench/receiver-lockout.ts, not asserted here.
 */

/**
 * 1,000 flood connections cost this process about 1,300 descriptors (the client ends, plus the
 * server ends the receiver keeps under its per-source cap). Kept within the fd limit (`ulimit -n`
 * as this process's children inherit it); on a machine below ~1,600 the flood shrinks, still far
 * above the per-source cap of 256 so eviction is exercised.
 */
const FD_LIMIT = ((): number => {
  try {
    const limit = execFileSync('/bin/sh', ['-c', 'ulimit -n']).toString().trim();
    return limit === 'unlimited' ? Infinity : Number(limit);
  } catch {
    return Infinity; // no POSIX shell (Windows): sockets are not bounded by a descriptor table
  }
})();
const FLOOD = Math.min(1_000, Math.floor((FD_LIMIT - 300) / 1.3));
let t: TestReceiver | null = null;
let clients: Socket[] = [];
let trickle: NodeJS.Timeout | undefined;

afterEach(async () => {
  clearInterval(trickle);
  for (const socket of clients) socket.destroy();
  clients = [];
  await t?.receiver.close();
  t = null;
});

function openFrom(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Opens `count` connections; each sends `first` (if any) and then stays open. */
async function flood(port: number, count: number, first?: (i: number) => string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = await openSocket(port);
    // Evicted connections are reset by the receiver: expected, not a failure.
    socket.on('error', () => undefined);
    if (first) socket.write(first(i));
    clients.push(socket);
  }
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

describe('no lock-out', () => {
  it('answers a new sender while 1,000 slow uploads from its own address are open', async () => {
    expect(FLOOD).toBeGreaterThan(DEFAULT_LIMITS.maxConnectionsPerSource ?? Infinity);
    t = await startTestReceiver();
    const { port } = t.receiver;
    // A declared 100 kB body, one byte now and one every 2 s (the attack).
    await flood(
      port,
      FLOOD,
      (i) => `POST /slow/${i} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\na`,
    );
    trickle = setInterval(() => {
      for (const socket of clients) if (!socket.destroyed) socket.write('a');
    }, 2_000);

    const probe = await httpRequest(t.receiver.url, { path: '/probe', body: 'hello' });
    expect(probe.status).toBe(200);
    const stored = t.collector.deliveries.find((d) => d.target === '/probe');
    expect(stored?.response?.status).toBe(200);
    expect(Buffer.from(stored?.body ?? []).toString()).toBe('hello');

    // Past the per-source cap connections were evicted. A victim whose request had arrived is
    // recorded as evicted, claiming no answer (none was sent); one evicted before its request
    // arrived leaves nothing to record (which victims had sent their head depends on timing). An
    // upload that outlived the minimum-rate window is answered 408, and its record carries that
    // 408. Nothing else was answered.
    const cap = DEFAULT_LIMITS.maxConnectionsPerSource ?? 0;
    await t.collector.waitFor(2);
    const others = t.collector.deliveries.filter((d) => d.target !== '/probe');
    const evicted = others.filter((d) => d.response === null);
    for (const record of evicted) {
      expect(record.truncated).toBe(true);
      expect(record.note).toBe(`connection evicted: more than ${cap} connections from 127.0.0.1`);
    }
    for (const record of others.filter((d) => d.response !== null)) {
      expect(record.response?.status).toBe(408);
    }
  });

  it('answers a new sender while 1,000 idle connections from its own address are open', async () => {
    t = await startTestReceiver();
    await flood(t.receiver.port, FLOOD);
    const probe = await httpRequest(t.receiver.url, { path: '/probe', body: 'x' });
    expect(probe.status).toBe(200);
    expect(t.collector.deliveries.map((d) => d.target)).toEqual(['/probe']);
  });

  it('evicts an idle connection at the per-source cap, never one being answered', async () => {
    const gate = deferred();
    const entered = deferred();
    const collector = new Collector();
    t = await startTestReceiver({
      limits: { ...DEFAULT_LIMITS, maxConnectionsPerSource: 2 },
      sink: async (delivery) => {
        entered.resolve();
        await gate.promise;
        await collector.sink(delivery);
      },
    });
    const { port } = t.receiver;
    const busy = await openSocket(port);
    const answered = readResponses(busy, 1);
    busy.write('POST /busy HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok');
    // The busy request is fully read and waits for its store: work in progress, not evictable.
    await entered.promise;
    const idle = await openSocket(port);
    idle.on('error', () => undefined);
    clients.push(busy, idle);
    const newcomer = await openSocket(port);
    clients.push(newcomer);
    await closed(idle);
    expect(busy.destroyed).toBe(false);
    gate.resolve();
    expect((await answered).responses[0]?.status).toBe(200);
    const probe = readResponses(newcomer, 1);
    newcomer.write('POST /new HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    expect((await probe).responses[0]?.status).toBe(200);
    expect(collector.deliveries.map((d) => d.target)).toEqual(['/busy', '/new']);
  });

  it('at the total cap evicts from the busiest source to let another source in', async () => {
    t = await startTestReceiver({
      limits: { ...DEFAULT_LIMITS, maxConnections: 4, maxConnectionsPerSource: 100 },
    });
    const { port } = t.receiver;
    const crowd: Socket[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await openFrom(port, '127.0.0.2');
      socket.on('error', () => undefined);
      crowd.push(socket);
    }
    clients.push(...crowd);
    const probe = await httpRequest(t.receiver.url, { path: '/other-source', body: 'x' });
    expect(probe.status).toBe(200);
    // One of the crowd made room.
    await Promise.race(crowd.map(closed));
    expect(crowd.filter((socket) => socket.destroyed).length).toBe(1);
  });
});
