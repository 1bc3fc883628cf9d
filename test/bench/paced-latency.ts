// An open-loop load client for latency at a fixed rate: requests are issued at evenly spaced times
// (not in per-second bursts, as autocannon's rate mode sends them) over keep-alive connections,
// whatever the answers do, and each latency counts from the moment the request was issued
// (waiting for a free connection included) to the end of its answer.
// Usage (run in its own process by load.ts): tsx test/bench/paced-latency.ts <url> <rate> <seconds> <connections> <body>
import { Agent, request } from 'node:http';

const [url = '', rateText = '1000', secondsText = '10', connectionsText = '10', body = ''] =
  process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connectionsText) });
const target = new URL(url);
const latencies: number[] = [];
let non2xx = 0;
let errors = 0;
let inFlight = 0;

function send(): void {
  const issuedAt = performance.now();
  inFlight += 1;
  const req = request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode > 299) non2xx += 1;
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - issuedAt);
        inFlight -= 1;
      });
    },
  );
  req.on('error', () => {
    errors += 1;
    inFlight -= 1;
  });
  req.end(body);
}

const startedAt = performance.now();
const total = Math.round(rate * seconds);
let sent = 0;
// A 1 ms tick sends whatever fell due since the last one.
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - startedAt) * rate) / 1000));
    for (; sent < due; sent++) send();
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 1);
});
while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (q: number): number =>
  Math.round(
    (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 100,
  ) / 100;
const elapsedSec = (performance.now() - startedAt) / 1000;
process.stdout.write(
  JSON.stringify({
    requestsPerSec: latencies.length / elapsedSec,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: at(1),
    total: latencies.length,
    non2xx,
    errors,
  }),
);
