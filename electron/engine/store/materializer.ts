import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FromMaterializer, MaterializerData, ToMaterializer } from './materializer-protocol';
import type { RetentionLimits } from './types';
import { EMPTY_DERIVE_SNAPSHOT, type DeriveSnapshot } from '../capture-rules/derive-snapshot';

export interface MaterializerOptions {
  databaseFile: string;
  journalFile: string;
  journalName: string;
  retention: RetentionLimits;
  checkpointInBackground: boolean;
  onMaterialized(message: Extract<FromMaterializer, { type: 'materialized' }>): void;
  onProblem(message: string): void;
}

export interface Materializer {
  /** Tells the thread records up to `seq` are written up to `end` of the journal's `generation`. */
  written(generation: number, end: number, seq: number): void;
  setRetention(limits: RetentionLimits): void;
  /** What facts of later records are derived with (endpoints, secrets, schemas). */
  setDeriveSnapshot(snapshot: DeriveSnapshot): void;
  /**
   * Blocks the calling thread until journal seq `seq` is a row. Reads use it so that whatever was
   * acknowledged is also visible. Throws when the thread is gone or makes no progress for
   * `stallMs` (the records are still safe in the journal).
   */
  waitFor(seq: number, stallMs?: number): void;
  /** waitFor without blocking: resolves once journal seq `seq` is a row. */
  reached(seq: number): Promise<void>;
  /**
   * Keeps the process alive while something awaits the thread (its messages alone don't, so a
   * process with nothing else to do would exit mid-wait). Returns the release.
   */
  hold(): () => void;
  stop(): Promise<void>;
}

/** Atomics.waitAsync (in every Node and Electron Hookscope runs on; not in TypeScript's ES2023 lib). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: BigInt64Array,
      index: number,
      value: bigint,
      timeoutMs: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Respawns after an unexpected exit at most this often, so a crash loop cannot spin. */
const RESPAWN_DELAY_MS = 500;
const DEFAULT_STALL_MS = 60_000;

/** Starts the materializer thread (materializer-worker.ts) for one journal. */
export function startMaterializer(options: MaterializerOptions): Materializer {
  const progressBuffer = new SharedArrayBuffer(16);
  const progress = new BigInt64Array(progressBuffer);
  let retention = options.retention;
  let snapshot = EMPTY_DERIVE_SNAPSHOT;
  let lastWritten: { generation: number; end: number; seq: number } | null = null;
  let stopping = false;
  let holds = 0;
  let failure: string | null = null;
  let worker = spawn();

  function spawn(): Worker {
    const data: MaterializerData = {
      databaseFile: options.databaseFile,
      journalFile: options.journalFile,
      journalName: options.journalName,
      retention,
      progress: progressBuffer,
      checkpointInBackground: options.checkpointInBackground,
      snapshot,
    };
    const started = workerFor(data);
    started.on('message', (message: FromMaterializer) => {
      if (message.type === 'materialized') options.onMaterialized(message);
      else if (message.type === 'problem') options.onProblem(message.message);
    });
    started.on('error', (error) => {
      failure = error.message;
      options.onProblem(`the capture materializer failed: ${error.message}`);
    });
    started.on('exit', () => {
      if (stopping) return;
      // Everything it had not written is still in the journal: a new thread starts from the top
      // and skips what is already a row.
      setTimeout(() => {
        if (stopping) return;
        failure = null;
        worker = spawn();
        if (lastWritten) post({ type: 'written', ...lastWritten });
      }, RESPAWN_DELAY_MS).unref();
    });
    // Never keeps a process alive on its own (unless held); the store stops it on close.
    if (holds === 0) started.unref();
    return started;
  }

  const post = (message: ToMaterializer): void => worker.postMessage(message);

  function waitUntil(seq: number, from: bigint, stallMs: number): void {
    let seen = from;
    let lastMoveAt = Date.now();
    while (Number(seen) < seq) {
      if (failure) {
        throw new Error(
          `Deliveries are safe in the capture journal but cannot be read yet: ${failure}`,
        );
      }
      Atomics.wait(progress, 0, seen, 200);
      const now = Atomics.load(progress, 0);
      if (now !== seen) {
        seen = now;
        lastMoveAt = Date.now();
      } else if (Date.now() - lastMoveAt > stallMs) {
        throw new Error(
          `Deliveries are safe in the capture journal but were not indexed within ${stallMs} ms.`,
        );
      }
    }
  }

  return {
    written(generation, end, seq) {
      lastWritten = { generation, end, seq };
      post({ type: 'written', generation, end, seq });
    },
    setRetention(limits) {
      retention = limits;
      post({ type: 'retention', limits });
    },
    setDeriveSnapshot(next) {
      snapshot = next;
      post({ type: 'derive-context', snapshot: next });
    },
    waitFor(seq, stallMs = DEFAULT_STALL_MS) {
      const seen = Atomics.load(progress, 0);
      if (Number(seen) >= seq) return;
      // A waiting reader makes the thread work now and flat out, burst or not.
      Atomics.add(progress, 1, 1n);
      post({ type: 'hurry' });
      try {
        waitUntil(seq, seen, stallMs);
      } finally {
        Atomics.sub(progress, 1, 1n);
      }
    },
    async reached(seq) {
      let seen = Atomics.load(progress, 0);
      if (Number(seen) >= seq) return;
      Atomics.add(progress, 1, 1n);
      post({ type: 'hurry' });
      const release = this.hold();
      try {
        while (Number(seen) < seq) {
          if (failure) throw new Error(`Deliveries cannot be read yet: ${failure}`);
          const waited = waitAsync(progress, 0, seen, 200);
          if (waited.async) await waited.value;
          seen = Atomics.load(progress, 0);
        }
      } finally {
        Atomics.sub(progress, 1, 1n);
        release();
      }
    },
    hold() {
      holds += 1;
      worker.ref();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        if (holds === 0) worker.unref();
      };
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToMaterializer);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
      await Promise.race([exited, timeout]);
      await worker.terminate();
    },
  };
}

/**
 * The built worker sits next to the bundle. Run from sources (tsx, tests) the engine uses the CLI
 * bundle's worker in dist/, which `npm run build` writes and the test setup rebuilds
 * (test/global-setup.ts): nothing is compiled at run time, so esbuild stays a build tool.
 */
function workerFor(data: MaterializerData): Worker {
  const here = import.meta.url;
  const file = here.endsWith('.ts')
    ? new URL('../../../dist/materializer-worker.cjs', here)
    : new URL('./materializer-worker.cjs', here);
  if (!existsSync(file))
    throw new Error(
      `the store's worker is not built (${fileURLToPath(file)} is missing): run \`npm run build\``,
    );
  return new Worker(file, { workerData: data });
}
