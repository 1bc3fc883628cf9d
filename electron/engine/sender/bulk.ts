import { sendExact } from './send-exact';
import type { OutgoingRequest, SendOutcome } from './types';

export interface BulkOptions {
  count: number;
  concurrency: number;
  /** Builds request number i (fresh ids/signatures per copy when the caller wants them). */
  build: (index: number) => OutgoingRequest;
  /** Answers slower than this are flagged (e.g. Kanboard's docs ask for under 1 s). */
  budgetMs?: number;
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BulkReport {
  sent: number;
  /** HTTP status -> count; failures before an answer are counted under their code. */
  statusCounts: Record<string, number>;
  latencyMs: { min: number; p50: number; p90: number; p99: number; max: number };
  /** Latency histogram: upper bound in ms -> count (last bucket is Infinity). */
  histogram: Array<{ upToMs: number; count: number }>;
  slowerThanBudget: number;
  budgetMs: number | null;
  totalMs: number;
  requestsPerSec: number;
}

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, Infinity];

/** Sends `count` requests with at most `concurrency` in flight and summarises the answers. */
export async function runBulk(options: BulkOptions): Promise<BulkReport> {
  const started = performance.now();
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let next = 0;
  let done = 0;

  const record = (outcome: SendOutcome) => {
    const key = outcome.ok ? String(outcome.answer.status) : outcome.code;
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    latencies.push(outcome.ok ? outcome.answer.timing.totalMs : outcome.timing.totalMs);
    done += 1;
    options.onProgress?.(done, options.count);
  };

  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      record(await sendExact(options.build(index), { timeoutMs: options.timeoutMs }));
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, options.count)) }, worker),
  );

  const totalMs = performance.now() - started;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    sent: options.count,
    statusCounts,
    latencyMs: {
      min: sorted[0] ?? 0,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: sorted.at(-1) ?? 0,
    },
    histogram: BUCKETS_MS.map((upToMs, i) => ({
      upToMs,
      count: sorted.filter((ms) => ms <= upToMs && ms > (BUCKETS_MS[i - 1] ?? -1)).length,
    })),
    slowerThanBudget:
      options.budgetMs === undefined ? 0 : sorted.filter((ms) => ms > options.budgetMs!).length,
    budgetMs: options.budgetMs ?? null,
    totalMs,
    requestsPerSec: options.count / (totalMs / 1000),
  };
}
