// `npm run bench`: Hookscope's receiver with durable capture against a bare node:http server and
// against mockttp (HTTP Toolkit's engine), all in this run on this machine. Prints ratios, never
// asserts times. Results also go to test-output/bench.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, runPaced, type LoadResult } from './load';
import { startTarget } from './target-process';
import { timeLargeBody } from './large-body';
import { benchSearch } from './search';
import { DEFAULT_RETENTION } from '../../electron/engine/store';

const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// 1 KiB JSON body, like a typical webhook.
const body = JSON.stringify({
  event: 'task.create',
  data: { id: 1, title: 'x'.repeat(960) },
}).slice(0, 1024);

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
}

/** For Hookscope: how long after the load ended every acknowledged delivery was a row. */
let indexedAfterLoad: { ms: number; stored: number } | null = null;

async function throughput(kind: 'bare' | 'hookscope' | 'mockttp'): Promise<LoadResult> {
  const dir = freshDir();
  const target = await startTarget(kind, dir);
  try {
    const result = await runLoad({
      url: target.url,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      body,
    });
    if (kind === 'hookscope') {
      // Acknowledged means in the capture journal; rows (and search) follow. count() waits for them.
      const startedAt = performance.now();
      const { count } = await target.stats();
      indexedAfterLoad = { ms: performance.now() - startedAt, stored: count };
    }
    return result;
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const line = (name: string, r: LoadResult) =>
  `${name.padEnd(28)} ${r.requestsPerSec.toFixed(0).padStart(8)} req/s   p50 ${r.p50Ms} ms   p99 ${r.p99Ms} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

console.log(
  `1 KiB JSON POSTs, ${CONNECTIONS} connections, ${DURATION_SEC} s each, best of ${ROUNDS} interleaved rounds`,
);
// The machine is shared (and the load generator runs on it too): rounds are interleaved and the
// best of each kept, so a disturbance in one round does not decide a ratio.
const best = (a: LoadResult | null, b: LoadResult): LoadResult =>
  a && a.requestsPerSec >= b.requestsPerSec ? a : b;
let bare: LoadResult | null = null;
let hookscope: LoadResult | null = null;
let mockttp: LoadResult | null = null;
for (let round = 0; round < ROUNDS; round++) {
  bare = best(bare, await throughput('bare'));
  hookscope = best(hookscope, await throughput('hookscope'));
  mockttp = best(mockttp, await throughput('mockttp'));
}
if (!bare || !hookscope || !mockttp) throw new Error('no rounds ran');
console.log(line('(a) bare node:http', bare));
console.log(line('(b) hookscope durable', hookscope));
if (indexedAfterLoad) {
  const { ms, stored } = indexedAfterLoad;
  console.log(
    `    the last round's ${stored} stored deliveries were all rows ${(ms / 1000).toFixed(1)} s after its load ended (retention keeps ${DEFAULT_RETENTION.maxCount})`,
  );
}
console.log(line('(c) mockttp recording', mockttp));
const ratioBA = hookscope.requestsPerSec / bare.requestsPerSec;
const ratioBC = hookscope.requestsPerSec / mockttp.requestsPerSec;
console.log(
  `ratio b/a ${ratioBA.toFixed(2)} (target >= 0.70)   ratio b/c ${ratioBC.toFixed(2)} (target > 1)`,
);

// Latency at a steady 1,000 req/s (10 connections, requests evenly spaced), Hookscope against the
// bare server in the same run: the client shares the machine, so only the pair means something.
async function steady(kind: 'bare' | 'hookscope'): Promise<LoadResult> {
  const dir = freshDir();
  const target = await startTarget(kind, dir);
  try {
    return await runPaced({
      url: target.url,
      connections: 10,
      durationSec: DURATION_SEC,
      rate: 1000,
      body,
    });
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
const steadyBare = await steady('bare');
console.log(line('(a) bare at 1,000 req/s', steadyBare));
const steadyHookscope = await steady('hookscope');
console.log(line('(b) hookscope at 1,000 req/s', steadyHookscope) + '   (target p99 <= 10 ms)');

// Capturing a 10 MiB body, against the bare server reading the same body.
const large = await timeLargeBody(freshDir);
console.log(
  `10 MiB body: hookscope ${large.hookscopeMs.toFixed(1)} ms, bare ${large.bareMs.toFixed(1)} ms (median of ${large.runs}), ratio ${(large.hookscopeMs / large.bareMs).toFixed(2)}`,
);

// RSS after storing 100,000 deliveries.
const rssDir = freshDir();
const rssTarget = await startTarget('hookscope', rssDir);
const fill = await runLoad({ url: rssTarget.url, connections: CONNECTIONS, amount: 100_000, body });
const stats = await rssTarget.stats();
await rssTarget.stop();
rmSync(rssDir, { recursive: true, force: true });
const rssMiB = stats.rss / 1024 ** 2;
console.log(
  `after ${stats.count} stored deliveries (${fill.non2xx} non-2xx): RSS ${rssMiB.toFixed(0)} MiB (target <= 300 MiB)`,
);

// Search and filters at 100,000 stored deliveries (target: each under 100 ms).
const search = await benchSearch();

mkdirSync('test-output', { recursive: true });
writeFileSync(
  'test-output/bench.json',
  JSON.stringify(
    {
      bare,
      hookscope,
      indexedAfterLoad,
      mockttp,
      ratioBA,
      ratioBC,
      steady: { bare: steadyBare, hookscope: steadyHookscope },
      large,
      rssMiB,
      stored: stats.count,
      search,
    },
    null,
    2,
  ),
);
