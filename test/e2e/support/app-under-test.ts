// Starts the real `hookscope serve` (child process, temp data dir, free ports) for end-to-end tests.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REPO_ROOT,
  startCli,
  type CliResult,
  type RunningCli,
} from '../../integration/cli/cli-process';

export const BUILT_RENDERER_INDEX = join(REPO_ROOT, 'dist', 'renderer', 'index.html');

/** E2E tests run against the built renderer: say how to get it instead of failing obscurely. */
export function requireBuiltRenderer(): void {
  if (!existsSync(BUILT_RENDERER_INDEX)) {
    throw new Error(`${BUILT_RENDERER_INDEX} is missing: run "npm run build" before the e2e tests`);
  }
}

export interface AppUnderTest {
  /** The temp data folder (removed by stop() unless it was passed in). */
  readonly dataDir: string;
  /** http://127.0.0.1:P of the receiver: POST webhooks here. */
  readonly receiverUrl: string;
  /** The app's URL with the token fragment: open this in the browser. */
  readonly uiUrl: string;
  /** The exact ready line serve printed. */
  readonly readyLine: string;
  readonly cli: RunningCli;
  /** SIGTERM, wait for the exit, remove the temp data dir. Safe to call twice. */
  stop(): Promise<CliResult>;
}

export interface StartAppOptions {
  /** Use this data folder (kept on stop) instead of a fresh temp one. */
  dataDir?: string;
  /** More serve flags, e.g. ['--config', file]. */
  args?: readonly string[];
}

export async function startAppUnderTest(options: StartAppOptions = {}): Promise<AppUnderTest> {
  requireBuiltRenderer();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'hookscope-e2e-')));
  let cli: RunningCli;
  try {
    cli = await startCli(
      [
        'serve',
        '--data-dir',
        dataDir,
        '--port',
        '0',
        '--receiver-port',
        '0',
        ...(options.args ?? []),
      ],
      'stdout',
    );
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let stopping: Promise<CliResult> | null = null;
  const stop = (): Promise<CliResult> => {
    stopping ??= cli.stop('SIGTERM').finally(async () => {
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    });
    return stopping;
  };
  const uiUrl = cli.ready.ui;
  if (!uiUrl) {
    const done = await stop();
    throw new Error(`serve announced no UI (ui: null); its stderr:\n${done.stderr}`);
  }
  return { dataDir, receiverUrl: cli.ready.receiver, uiUrl, readyLine: cli.readyLine, cli, stop };
}
