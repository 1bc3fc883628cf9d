// Runs the real `hookscope` CLI as a child process (node --import tsx electron/cli/index.ts ...).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_ARGS = ['--import', 'tsx', 'electron/cli/index.ts'];
/** A guard against a child that never gets ready (not a timing assertion). */
const READY_GUARD_MS = 60_000;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

/** `env` adds to (or, with undefined values, removes from) this process's environment. */
export function spawnCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): ChildProcess {
  return spawn(process.execPath, [...CLI_ARGS, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
}

/** Collects everything a child writes until it exits. */
export function collect(child: ChildProcess): Promise<CliResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
  });
}

export function runCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return collect(spawnCli(args, env));
}

export interface ReadyInfo {
  receiver: string;
  ui: string | null;
  publicUrl: string | null;
}

export interface RunningCli {
  child: ChildProcess;
  /** The exact ready line, newline included. */
  readyLine: string;
  ready: ReadyInfo;
  /** Resolves with everything written and the exit status once the child exits. */
  result: Promise<CliResult>;
  /** Lines seen so far on the stream that does not carry the ready line (listen's stdout). */
  lines(): string[];
  /** Waits until a line matching `test` has appeared on that stream. */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/**
 * Starts `serve` or `listen` and waits for `hookscope ready {...}`: on stdout for serve, on stderr
 * for listen (whose stdout carries deliveries only).
 */
export async function startCli(
  args: readonly string[],
  readyOn: 'stdout' | 'stderr',
  env: Record<string, string | undefined> = {},
): Promise<RunningCli> {
  const child = spawnCli(args, env);
  const result = collect(child);
  const readyStream = readyOn === 'stdout' ? child.stdout : child.stderr;
  const otherStream = readyOn === 'stdout' ? child.stderr : child.stdout;
  if (!readyStream || !otherStream) throw new Error('child has no pipes');

  const otherLines: string[] = [];
  let otherPartial = '';
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  const otherDecoder = new StringDecoder('utf8');
  otherStream.on('data', (chunk: Buffer) => {
    const parts = (otherPartial + otherDecoder.write(chunk)).split('\n');
    otherPartial = parts.pop() ?? '';
    for (const line of parts) {
      otherLines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });

  let readyText = '';
  const readyDecoder = new StringDecoder('utf8');
  const readyLine = await new Promise<string>((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`no ready line within ${READY_GUARD_MS} ms`)),
      READY_GUARD_MS,
    );
    const onData = (chunk: Buffer): void => {
      readyText += readyDecoder.write(chunk);
      const end = readyText.indexOf('\n');
      if (end >= 0 && readyText.startsWith('hookscope ready ')) {
        clearTimeout(guard);
        readyStream.off('data', onData);
        resolve(readyText.slice(0, end + 1));
      }
    };
    readyStream.on('data', onData);
    void result.then((done) => {
      clearTimeout(guard);
      reject(new Error(`exited (${done.code ?? done.signal}) before ready: ${done.stderr}`));
    });
  });
  const ready = JSON.parse(readyLine.slice('hookscope ready '.length)) as ReadyInfo;

  return {
    child,
    readyLine,
    ready,
    result,
    lines: () => [...otherLines],
    waitForLine(test) {
      const seen = otherLines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return result;
    },
  };
}

/** Resolves once the child has exited (e.g. after SIGKILL). */
export async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}
