/**
 * Receiver throughput against a bare node:http server measured in the same run.
 * Run: npx tsx test/bench/receiver-throughput.ts [seconds]
 * Target: the receiver (with a sink that resolves at once) reaches >= 70% of bare req/s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { DEFAULT_LIMITS, startReceiver } from '../../electron/engine/receiver';

const seconds = Number(process.argv[2] ?? 5);
const body = JSON.stringify({ event: 'push', ref: 'refs/heads/main', payload: 'x'.repeat(600) });

async function measure(url: string): Promise<number> {
  const result = await autocannon({
    url: `${url}/hooks/github?delivery=1`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push' },
    body,
    connections: 32,
    pipelining: 1,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`errors: ${result.errors}, non-2xx: ${result.non2xx}`);
  return result.requests.average;
}

async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  // A fair baseline: it too reads the whole body and answers JSON.
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      Buffer.concat(chunks);
      res.writeHead(200, ['content-type', 'application/json']);
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let stored = 0;
const baseline = await bare();
const receiver = await startReceiver({
  host: '127.0.0.1',
  port: 0,
  limits: DEFAULT_LIMITS,
  endpoints: () => [{ path: '/hooks' }],
  sink: () => {
    stored++;
    return Promise.resolve();
  },
});
await measure(baseline.url); // warm-up
await measure(receiver.url);
// Interleaved rounds, best of each: the machine is shared, so a single run is noisy.
let bareRps = 0;
let receiverRps = 0;
for (let round = 0; round < 2; round++) {
  bareRps = Math.max(bareRps, await measure(baseline.url));
  receiverRps = Math.max(receiverRps, await measure(receiver.url));
}
await baseline.close();
await receiver.close();

const ratio = receiverRps / bareRps;
console.log(`bare node:http   ${bareRps.toFixed(0)} req/s`);
console.log(`receiver         ${receiverRps.toFixed(0)} req/s (${stored} stored)`);
console.log(`ratio            ${(ratio * 100).toFixed(1)}% (target >= 70%)`);
process.exitCode = ratio >= 0.7 ? 0 : 1;
