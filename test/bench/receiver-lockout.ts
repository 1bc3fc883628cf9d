/**
 * Lock-out figures (issue 13 item 3): probe latency while 1,000 slow uploads (a declared 100 kB
 * body, one byte every 2 s) or 1,000 idle connections from the probe's own address are open.
 * Run: npx tsx test/bench/receiver-lockout.ts [probes]
 * Target: every probe answered 200, max latency under 100 ms.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { DEFAULT_LIMITS, startReceiver } from '../../electron/engine/receiver';

const probes = Number(process.argv[2] ?? 20);
const FLOOD = 1_000;

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** One probe on a fresh connection: ms from connect to the end of the answer. */
function probe(port: number): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/probe', agent: false },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }),
        );
      },
    );
    req.on('error', reject);
    req.end('{"probe":true}');
  });
}

async function scenario(name: string, first: ((i: number) => string) | null): Promise<void> {
  let stored = 0;
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    limits: DEFAULT_LIMITS,
    endpoints: () => [],
    sink: () => {
      stored++;
      return Promise.resolve();
    },
  });
  const sockets: Socket[] = [];
  for (let i = 0; i < FLOOD; i++) {
    const socket = await open(receiver.port);
    socket.on('error', () => undefined);
    if (first) socket.write(first(i));
    sockets.push(socket);
  }
  const trickle = first
    ? setInterval(() => {
        for (const socket of sockets) if (!socket.destroyed) socket.write('a');
      }, 2_000)
    : undefined;
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < probes; i++) {
    const result = await probe(receiver.port);
    if (result.status !== 200) failed++;
    times.push(result.ms);
    // Spread the probes over a few trickle periods.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  clearInterval(trickle);
  const open_ = sockets.filter((socket) => !socket.destroyed).length;
  for (const socket of sockets) socket.destroy();
  await receiver.close();
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)] ?? NaN;
  const max = times[times.length - 1] ?? NaN;
  console.log(
    `${name}: ${probes} probes, ${failed} not 200; p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; ` +
      `${open_} of ${FLOOD} flood connections still open, ${stored} records`,
  );
}

await scenario(
  '1,000 slow uploads',
  (i) => `POST /slow/${i} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\na`,
);
await scenario('1,000 idle connections', null);
