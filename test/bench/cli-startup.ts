// How long the built `hookscope` takes to start: median of 5 runs of `--help` and of an export of one
// stored delivery, each against `node -e 0` (Node's own start-up) measured in the same run. Run by
// `npm run bench:ui` after the page loads, or alone: `npx tsx test/bench/cli-startup.ts`. Prints
// figures and whether the target (each under 200 ms) is met; never asserts times.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseFile } from '../../electron/engine/data-dir';
import { newDeliveryId } from '../../electron/engine/ids';
import { openDeliveryStore } from '../../electron/engine/store/delivery-store';
import { REPO_ROOT } from '../integration/cli/cli-process';

const RUNS = 5;
export const CLI_TARGET_MS = 200;

export interface CliStartup {
  nodeMs: number;
  helpMs: number;
  exportMs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Wall time of one child process, start to exit; a failing command is an error, not a figure. */
function timed(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function storeOneDelivery(dataDir: string): string {
  const store = openDeliveryStore(databaseFile(dataDir));
  const id = newDeliveryId();
  try {
    const body = new TextEncoder().encode('{"event":"ping"}');
    store.appendBatch([
      {
        id,
        receivedAt: Date.now(),
        endpoint: 'default',
        remoteAddress: '127.0.0.1',
        method: 'POST',
        target: '/hooks/ping',
        httpVersion: 'HTTP/1.1',
        rawHeaders: [['Content-Type', 'application/json']],
        body,
        size: body.byteLength,
        truncated: false,
        via: 'local',
        response: { status: 200, rawHeaders: [], body: new Uint8Array(0), latencyMs: 1 },
        provider: null,
        event: null,
        handshake: false,
        verdict: null,
      },
    ]);
  } finally {
    store.close();
  }
  return id;
}

export function measureCliStartup(): CliStartup {
  if (!existsSync(join(REPO_ROOT, 'dist/cli.js')))
    throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-cli-'));
  try {
    const id = storeOneDelivery(dataDir);
    const bin = 'bin/hookscope.mjs';
    const exportArgs = [bin, 'export', '--data-dir', dataDir, '--id', id];
    // One unmeasured run of each warms the file cache.
    timed(['-e', '0']);
    timed([bin, '--help']);
    timed(exportArgs);
    const node: number[] = [];
    const help: number[] = [];
    const exported: number[] = [];
    // Interleaved, so a busy moment on the machine affects all three alike.
    for (let run = 0; run < RUNS; run++) {
      node.push(timed(['-e', '0']));
      help.push(timed([bin, '--help']));
      exported.push(timed(exportArgs));
    }
    return { nodeMs: median(node), helpMs: median(help), exportMs: median(exported) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printCliStartup(result: CliStartup): void {
  const verdict = (ms: number) => (ms < CLI_TARGET_MS ? 'met' : 'NOT met');
  console.log(`CLI start-up, median of ${RUNS} runs (node -e 0: ${result.nodeMs.toFixed(0)} ms)`);
  for (const [name, ms] of [
    ['hookscope --help', result.helpMs],
    ['hookscope export (1 delivery)', result.exportMs],
  ] as const) {
    console.log(
      `  ${name.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  (+${(ms - result.nodeMs).toFixed(0)} ms over node)  ` +
        `target < ${CLI_TARGET_MS} ms: ${verdict(ms)}`,
    );
  }
}

// Run directly (not imported by ui.ts).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  printCliStartup(measureCliStartup());
