// Search and filters at 100,000 stored deliveries: fills a store directly (appendBatch, no HTTP)
// with varied deliveries, then times every filter kind and several full-text searches the way the
// inbox asks them (first page of 500, newest first, plus the count). Target: each under 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryQuery } from '../../electron/contract/delivery';
import type { Verdict } from '../../electron/contract/verdict';
import type { NewDelivery } from '../../electron/engine/delivery';
import { newDeliveryId } from '../../electron/engine/ids';
import {
  openDeliveryStore,
  type SqliteDeliveryStore,
} from '../../electron/engine/store/delivery-store';

export const SEARCH_TARGET_MS = 100;
const PAGE = 500;
const REPEATS = 15;

const PROVIDERS = ['github', 'stripe', 'preservica', 'kanboard', 'keyclic', null] as const;
const EVENTS = [
  'push',
  'pull_request',
  'issues',
  'invoice.paid',
  'charge.failed',
  'customer.created',
  'IngestComplete',
  'MoveComplete',
  'task.create',
  'task.close',
  'comment.create',
  'report.created',
];
const ENDPOINTS = ['default', 'github', 'stripe', 'archive', 'board'];
const WORDS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliet',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
];
const VERDICTS: (Verdict | null)[] = [
  null,
  {
    signature: { status: 'valid', reason: 'ok' },
    schema: { status: 'valid', errors: [] },
    health: [],
  },
  {
    signature: { status: 'invalid', reason: 'mismatch' },
    schema: { status: 'no-schema', errors: [] },
    health: [],
  },
  {
    signature: { status: 'not-applicable', reason: 'no secret' },
    schema: { status: 'no-schema', errors: [] },
    health: [{ code: 'content-type', severity: 'warning', message: 'text/plain JSON' }],
  },
];

/** A small deterministic generator, so every run stores the same data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function variedDelivery(index: number, now: number, next: () => number): NewDelivery {
  const provider = pick(PROVIDERS, next);
  const event = provider === null ? null : pick(EVENTS, next);
  const words = Array.from({ length: 12 }, () => pick(WORDS, next)).join(' ');
  // One in 10,000 bodies carries a rare word: the "needle" searches.
  const rare = index % 10_000 === 7 ? ' zanzibar' : '';
  const body = new TextEncoder().encode(
    JSON.stringify({
      id: `evt_${index}`,
      type: event,
      index,
      text: words + rare,
      data: { amount: index % 997 },
    }),
  );
  const status = pick([200, 200, 200, 202, 400, 500], next);
  return {
    id: newDeliveryId(),
    // Seven days of traffic, oldest first.
    receivedAt: now - 7 * 86_400_000 + index * 6_000,
    endpoint: pick(ENDPOINTS, next),
    remoteAddress: '127.0.0.1',
    method: next() < 0.85 ? 'POST' : pick(['GET', 'PUT', 'DELETE'], next),
    target: `/hooks/${pick(ENDPOINTS, next)}?n=${index}`,
    httpVersion: '1.1',
    rawHeaders: [
      ['Host', '127.0.0.1:8787'],
      ['Content-Type', 'application/json'],
      ['User-Agent', `${provider ?? 'curl'}-hookshot/1.0`],
    ],
    body,
    size: body.byteLength,
    truncated: false,
    via: next() < 0.5 ? 'local' : 'tunnel',
    response: {
      status,
      rawHeaders: [['Content-Type', 'application/json']],
      body: new Uint8Array(0),
      latencyMs: 1,
    },
    provider,
    event,
    handshake: false,
    verdict: pick(VERDICTS, next),
  };
}

export function fillStore(store: SqliteDeliveryStore, count: number): void {
  const next = random(42);
  const now = Date.now();
  const batch: NewDelivery[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(variedDelivery(i, now, next));
    if (batch.length === 1000) store.appendBatch(batch.splice(0));
  }
  if (batch.length) store.appendBatch(batch);
}

export interface Timing {
  name: string;
  p50Ms: number;
  maxMs: number;
  rows: number;
  count: number;
}

function time(
  store: SqliteDeliveryStore,
  name: string,
  query: Omit<DeliveryQuery, 'limit'>,
): Timing {
  const samples: number[] = [];
  let rows = 0;
  let count = 0;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    rows = store.list({ ...query, limit: PAGE }).items.length;
    count = store.count(query);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    p50Ms: samples[Math.floor(samples.length / 2)] ?? 0,
    maxMs: samples.at(-1) ?? 0,
    rows,
    count,
  };
}

function timeCall(name: string, work: () => unknown): Timing {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    name,
    p50Ms: samples[Math.floor(samples.length / 2)] ?? 0,
    maxMs: samples.at(-1) ?? 0,
    rows: 0,
    count: 0,
  };
}

export async function benchSearch(count = 100_000): Promise<Timing[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-search-'));
  const store = openDeliveryStore(join(dir, 'hookscope.db'), {
    retention: { maxCount: count * 2 },
  });
  try {
    const filling = performance.now();
    fillStore(store, count);
    const fillMs = performance.now() - filling;
    // Full-text indexing runs when the receiver is quiet; the first search catches up the backlog.
    const catchingUp = performance.now();
    store.count({ text: 'warmup' });
    const catchUpMs = performance.now() - catchingUp;
    // Some annotations, as a user would leave them.
    const some = store.list({ limit: 300 }).items;
    some.forEach((item, i) =>
      store.annotate(item.id, { pinned: i % 3 === 0, labels: i % 2 ? ['bug'] : ['todo'] }),
    );
    const now = Date.now();
    console.log(
      `search: filled ${count} deliveries in ${(fillMs / 1000).toFixed(1)} s, full-text index caught up in ` +
        `${(catchUpMs / 1000).toFixed(1)} s; each line: list page of ${PAGE} + count, ${REPEATS} repeats`,
    );
    const timings = [
      time(store, 'no filter', {}),
      time(store, 'method PUT', { method: 'PUT' }),
      time(store, 'provider stripe', { provider: 'stripe' }),
      time(store, 'event invoice.paid', { event: 'invoice.paid' }),
      time(store, 'verdict fail', { badge: 'fail' }),
      time(store, 'answer status 500', { responseStatus: 500 }),
      time(store, 'endpoint archive', { endpoint: 'archive' }),
      time(store, 'path prefix /hooks/board', { pathPrefix: '/hooks/board' }),
      time(store, 'last 24 h', { since: now - 86_400_000 }),
      time(store, 'a 1 h window 3 days ago', {
        since: now - 3 * 86_400_000,
        until: now - 3 * 86_400_000 + 3_600_000,
      }),
      time(store, 'pinned', { pinned: true }),
      time(store, 'label bug', { label: 'bug' }),
      time(store, 'provider + event + fail', { provider: 'github', event: 'push', badge: 'fail' }),
      time(store, 'text: rare word', { text: 'zanzibar' }),
      time(store, 'text: common word', { text: 'alpha' }),
      time(store, 'text: two words', { text: 'alpha tango' }),
      time(store, 'text: prefix "novem"', { text: 'novem' }),
      time(store, 'text: id evt_4242', { text: 'evt_4242' }),
      time(store, 'text + provider stripe', { text: 'sierra', provider: 'stripe' }),
      time(store, 'text + last 24 h', { text: 'alpha', since: now - 86_400_000 }),
      time(store, 'text: no match', { text: 'qqqqqq' }),
      timeCall('facets (menus)', () => store.facets({})),
      timeCall('histogram 60 buckets', () => store.histogram({}, 60)),
      timeCall('histogram, provider stripe', () => store.histogram({ provider: 'stripe' }, 60)),
    ];
    for (const t of timings) {
      const verdict = t.p50Ms <= SEARCH_TARGET_MS ? 'ok' : 'SLOW';
      const shape =
        t.name.startsWith('facets') || t.name.startsWith('histogram')
          ? ''
          : `  (${t.rows} rows, count ${t.count})`;
      console.log(
        `  ${t.name.padEnd(30)} p50 ${t.p50Ms.toFixed(1).padStart(6)} ms  max ${t.maxMs.toFixed(1).padStart(6)} ms  ${verdict}${shape}`,
      );
    }
    const worst = Math.max(...timings.map((t) => t.p50Ms));
    console.log(`search: worst p50 ${worst.toFixed(1)} ms (target <= ${SEARCH_TARGET_MS} ms)`);
    return timings;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx test/bench/search.ts` runs this section alone.
if (import.meta.url === `file://${process.argv[1]}`)
  await benchSearch(Number(process.env.BENCH_SEARCH_COUNT ?? 100_000));
