// The product path for `npm run bench`: the built `hookscope serve` (node bin/hookscope.mjs, not
// tsx) in its own process, optionally with a Chromium page open on its inbox, the way users run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../integration/cli/cli-process';

const BUILT = [
  join(REPO_ROOT, 'dist', 'cli.js'),
  join(REPO_ROOT, 'dist', 'renderer', 'index.html'),
];

/** The product bench runs the build: say how to get it rather than measure stale or missing code. */
export function requireBuild(): void {
  const missing = BUILT.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run "npm run build" before "npm run bench"`);
  }
}

export interface ServeProcess {
  receiverUrl: string;
  uiUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** `node bin/hookscope.mjs serve` on free ports and a fresh data folder; resolves on its ready line. */
export async function startServe(): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-serve-'));
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every serve process there (for finding where
  // the product path spends its time; open the .cpuprofile in Chromium's DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profile,
      'bin/hookscope.mjs',
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--receiver-port',
      '0',
    ],
    {
      cwd: REPO_ROOT,
      // serve's stderr narrates (data folder, app URL, shutdown): kept, and shown only if it dies.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ receiver: string; ui: string | null }>((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    const onData = (chunk: Buffer) => {
      text += decoder.write(chunk);
      const line = text.split('\n').find((l) => l.startsWith('hookscope ready '));
      if (line === undefined) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume(); // keep draining whatever serve prints later
      resolve(
        JSON.parse(line.slice('hookscope ready '.length)) as {
          receiver: string;
          ui: string | null;
        },
      );
    };
    child.stdout?.on('data', onData);
    void exited.then(() =>
      reject(new Error(`hookscope serve exited before its ready line:\n${stderr}`)),
    );
  });
  if (!ready.ui) throw new Error('hookscope serve announced no UI');
  return {
    receiverUrl: ready.receiver,
    uiUrl: ready.ui,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Runs in the page before its scripts: keeps every long task (> 50 ms main-thread work) so the
// bench can ask for the longest one during a phase. A string: tsx would wrap a function in helpers
// the page does not have.
const RECORD_LONG_TASKS = `
(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();
`;

export interface InboxPage {
  page: Page;
  /** The count the status bar shows (every stored delivery, as the page knows it). */
  shownCount(): Promise<number>;
  /** Marks the start of a phase: longest task counts from here. */
  markPhase(): Promise<number>;
  /** The longest task (ms) that started after `since` (page time), 0 if none. */
  longestTaskSince(since: number): Promise<number>;
  close(): Promise<void>;
}

/** Opens the `ui` URL exactly as serve printed it, and waits for the app to say it is ready. */
export async function openInbox(browser: Browser, uiUrl: string): Promise<InboxPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(RECORD_LONG_TASKS);
  const page = await context.newPage();
  await page.goto(uiUrl);
  await page.locator('[data-app-state="ready"]').waitFor();
  await page.locator('[data-testid="status-count"]').waitFor();
  return {
    page,
    shownCount: async () => {
      const text = (await page.locator('[data-testid="status-count"]').textContent()) ?? '';
      // "1,234 deliveries" or "12 shown · 1,234 deliveries": the total is the last number.
      const numbers = text.match(/[\d,]+(?= deliver)/g) ?? [];
      return Number((numbers.at(-1) ?? '0').replaceAll(',', ''));
    },
    markPhase: () => page.evaluate(() => performance.now()),
    longestTaskSince: (since) =>
      page.evaluate(
        (from) =>
          Math.max(
            0,
            ...(
              (window as unknown as { __longTasks: { start: number; duration: number }[] })
                .__longTasks ?? []
            )
              .filter((task) => task.start >= from)
              .map((task) => task.duration),
          ),
        since,
      ),
    close: () => context.close(),
  };
}

/** Polls the page until it shows `count` deliveries; ms from the call, or NaN after `guardMs`. */
export async function msUntilShown(
  inbox: InboxPage,
  count: number,
  guardMs = 30_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < guardMs) {
    if ((await inbox.shownCount()) >= count) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Number.NaN;
}
