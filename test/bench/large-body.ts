// Time to capture a 10 MiB body: Hookscope (stored durably) versus a bare server reading it.
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { startTarget } from './target-process';

const SIZE = 10 * 1024 * 1024;
const RUNS = 5;

function post(url: string, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      url + '/large',
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': payload.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timeKind(kind: 'bare' | 'hookscope', dir: string, payload: Buffer): Promise<number> {
  const target = await startTarget(kind, dir);
  try {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await post(target.url, payload));
    return median(times);
  } finally {
    await target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function timeLargeBody(freshDir: () => string) {
  const payload = Buffer.alloc(SIZE, 'a');
  const bareMs = await timeKind('bare', freshDir(), payload);
  const hookscopeMs = await timeKind('hookscope', freshDir(), payload);
  return { bareMs, hookscopeMs, runs: RUNS };
}
