// A real engine in a temp data dir for the sender tests, plus helpers to feed its receiver.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../electron/engine';
import type { RawHeaders } from '../../electron/contract/delivery';
import type { AttemptSummary } from '../../electron/contract/sender';
import { sendExact } from '../../electron/engine/sender/send-exact';

export interface SenderEngine {
  engine: Engine;
  dataDir: string;
  close(): Promise<void>;
}

export async function startSenderEngine(
  options: Partial<EngineOptions> = {},
): Promise<SenderEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hookscope-sender-'));
  const engine = await createEngine({ dataDir, commitWindowMs: 1, ...options });
  return {
    engine,
    dataDir,
    async close() {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts to the receiver with exactly these headers; resolves with the stored delivery's id. */
export async function capture(
  engine: Engine,
  target: string,
  rawHeaders: RawHeaders,
  body: string | Uint8Array,
): Promise<{ id: string; status: number; answer: string }> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const outcome = await sendExact({
    method: 'POST',
    url: `${engine.receiver.url}${target}`,
    rawHeaders,
    body: bytes,
  });
  if (!outcome.ok) throw new Error(`capture failed: ${outcome.message}`);
  const newest = engine.store.list({ limit: 1 }).items[0];
  if (!newest) throw new Error('nothing was stored');
  return {
    id: newest.id,
    status: outcome.answer.status,
    answer: Buffer.from(outcome.answer.body).toString('utf8'),
  };
}

/** Resolves once `count` attempts matching `match` were recorded (pushed as engine events). */
export function waitForAttempts(
  engine: Engine,
  count: number,
  match: (attempt: AttemptSummary) => boolean = () => true,
): Promise<AttemptSummary[]> {
  return new Promise((resolve) => {
    const seen: AttemptSummary[] = [];
    const stop = engine.sender.onEvent((event) => {
      if (event.event !== 'attempts:recorded') return;
      for (const attempt of event.payload) if (match(attempt)) seen.push(attempt);
      if (seen.length >= count) {
        stop();
        resolve(seen);
      }
    });
  });
}
