// A real engine (real SQLite in a temp dir, real receiver on a loopback port) plus helpers to send
// exact requests to it and read back what it stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Delivery } from '../../../electron/engine/delivery';
import { createEngine, type Engine, type EngineOptions } from '../../../electron/engine/index';
import { sendExact } from '../../../electron/engine/sender/send-exact';
import type { OutgoingRequest, SendAnswer } from '../../../electron/engine/sender/types';

export interface EngineFixture {
  engine: Engine;
  dataDir: string;
  url(path: string): string;
  send(request: Omit<OutgoingRequest, 'url'> & { path: string }): Promise<SendAnswer>;
  /** The delivery whose id the default answer named, else the newest one stored. */
  newest(): Delivery;
  close(): Promise<void>;
}

export async function startEngineFixture(
  options: Omit<EngineOptions, 'dataDir'> & { dataDir?: string } = {},
): Promise<EngineFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hookscope-capture-rules-'));
  const engine = await createEngine({ receiverPort: 0, ...options, dataDir });
  const url = (path: string) => `${engine.receiver.url}${path}`;
  return {
    engine,
    dataDir,
    url,
    async send({ path, ...request }) {
      const outcome = await sendExact({ ...request, url: url(path) }, { timeoutMs: 10_000 });
      if (!outcome.ok) throw new Error(`request failed: ${outcome.message}`);
      return outcome.answer;
    },
    newest() {
      const [summary] = engine.store.list({ limit: 1 }).items;
      const delivery = summary && engine.store.get(summary.id);
      if (!delivery) throw new Error('no delivery stored');
      return delivery;
    },
    async close() {
      await engine.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
export const bytes = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'utf8'));
