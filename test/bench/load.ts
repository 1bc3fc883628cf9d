// Runs autocannon in its own process against a URL and returns its JSON result.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadOptions {
  url: string;
  connections: number;
  durationSec?: number;
  /** Total number of requests instead of a duration. */
  amount?: number;
  /** Fixed overall rate in req/s (for latency at a given load). */
  rate?: number;
  body: string;
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** autocannon's command line for these options (JSON output). */
export function autocannonArgs(options: LoadOptions): string[] {
  const args = [
    '-j',
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    options.body,
    '-c',
    String(options.connections),
  ];
  if (options.amount) args.push('-a', String(options.amount));
  else args.push('-d', String(options.durationSec ?? 10));
  if (options.rate) args.push('-R', String(options.rate));
  args.push(options.url + '/bench');
  return args;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const args = autocannonArgs(options);
  const { stdout } = await run('node_modules/.bin/autocannon', args, {
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Latency at a fixed rate, from paced-latency.ts in its own process: requests evenly spaced, not
 * in the per-second bursts autocannon's rate mode sends (which put even a bare server at p99
 * 14 ms with 10 connections here).
 */
export async function runPaced(options: {
  url: string;
  rate: number;
  durationSec: number;
  connections: number;
  body: string;
}): Promise<LoadResult> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/bench/paced-latency.ts',
      `${options.url}/bench`,
      String(options.rate),
      String(options.durationSec),
      String(options.connections),
      options.body,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as LoadResult;
}
