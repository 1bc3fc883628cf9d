import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBulk } from '../../../electron/engine/sender/bulk';
import { startEchoServer, type EchoServer } from '../../support/echo-server';

let target: EchoServer;
beforeAll(async () => {
  target = await startEchoServer();
});
afterAll(() => target.close());

describe('runBulk', () => {
  it('sends N requests at concurrency C and counts statuses', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    target.answer = (req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.statusCode = req.body.toString() === '7' ? 500 : 200;
        res.end();
      }, 5);
    };
    const progress: number[] = [];
    const report = await runBulk({
      count: 40,
      concurrency: 4,
      build: (i) => ({
        method: 'POST',
        url: `${target.url}/bulk`,
        rawHeaders: [],
        body: Buffer.from(String(i)),
      }),
      onProgress: (done) => progress.push(done),
    });
    expect(report.statusCounts).toEqual({ '200': 39, '500': 1 });
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(40);
    expect(report.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(40);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
  });

  it('flags answers slower than the budget', async () => {
    target.answer = (req, res) =>
      setTimeout(() => res.end(), req.body.toString() === '0' ? 120 : 0);
    const report = await runBulk({
      count: 5,
      concurrency: 5,
      budgetMs: 100,
      build: (i) => ({
        method: 'POST',
        url: `${target.url}/`,
        rawHeaders: [],
        body: Buffer.from(String(i)),
      }),
    });
    expect(report.slowerThanBudget).toBe(1);
  });
});
