import { STATUS_CODES } from 'node:http';
import type { BulkReport } from '../contract/sender';
import type { SendOutcome } from '../engine/sender/types';

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One line: `HTTP 200 OK in 12.3 ms (first byte 11.0 ms)`, or why no answer came. */
export function describeOutcome(outcome: SendOutcome): string {
  if (!outcome.ok) return `no answer: ${outcome.message} (after ${ms(outcome.timing.totalMs)})`;
  const { status, timing } = outcome.answer;
  return `HTTP ${status} ${STATUS_CODES[status] ?? ''} in ${ms(timing.totalMs)} (first byte ${ms(timing.firstByteMs)})`.replace(
    '  ',
    ' ',
  );
}

/** The answer's body as text, shown below the status line (binary is summarised). */
export function answerBodyText(body: Uint8Array, max = 4096): string {
  if (body.length === 0) return '';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return `(${body.length} bytes of binary)\n`;
  }
  const shown =
    text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return shown.endsWith('\n') ? shown : `${shown}\n`;
}

/** Prints the outcome on stdout and returns the exit code: 0 when the target answered, 1 when not. */
export function printOutcome(outcome: SendOutcome, showBody: boolean): number {
  process.stdout.write(`${describeOutcome(outcome)}\n`);
  if (!outcome.ok) return 1;
  if (showBody) process.stdout.write(answerBodyText(outcome.answer.body));
  return 0;
}

const BAR_WIDTH = 40;

/** The latency histogram as text bars, then status counts and percentiles. */
export function bulkReportText(report: Omit<BulkReport, 'runId'>): string {
  const lines: string[] = [];
  const most = Math.max(1, ...report.histogram.map((bucket) => bucket.count));
  let lower = 0;
  for (const bucket of report.histogram) {
    const label = bucket.upToMs === null ? `> ${lower} ms` : `≤ ${bucket.upToMs} ms`;
    if (bucket.upToMs !== null) lower = bucket.upToMs;
    if (bucket.count === 0) continue;
    const bar = '█'.repeat(Math.max(1, Math.round((bucket.count / most) * BAR_WIDTH)));
    lines.push(`${label.padStart(11)} ${bar} ${bucket.count}`);
  }
  const statuses = Object.entries(report.statusCounts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const { min, p50, p90, p99, max } = report.latencyMs;
  lines.push(`status: ${statuses}`);
  lines.push(
    `latency: min ${ms(min)}, p50 ${ms(p50)}, p90 ${ms(p90)}, p99 ${ms(p99)}, max ${ms(max)}`,
  );
  lines.push(
    `${report.sent} requests in ${ms(report.totalMs)} (${report.requestsPerSec.toFixed(1)}/s)`,
  );
  if (report.budgetMs !== null) {
    lines.push(`slower than the ${report.budgetMs} ms budget: ${report.slowerThanBudget}`);
  }
  return `${lines.join('\n')}\n`;
}
